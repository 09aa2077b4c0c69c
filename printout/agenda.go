package printout

import (
	"strings"

	"taller"
	"taller/curriculum"
)

// agendaHandout prints the facilitator's copy of the timed agenda: each
// block's times and title, and for a module its sensitivity, materials and
// facilitator notes. Every page says it is not for participants.
func agendaHandout(ws *taller.Workshop, req Request, a *taller.Agenda, cur *curriculum.Curriculum) ([]byte, error) {
	d := newDoc(req.Lang, req.Paper, docTitle(req.Lang, "print.agenda.title", ws), 15)
	d.pdf.SetTopMargin(22)
	d.pdf.SetHeaderFunc(func() {
		d.pdf.SetFillColor(0, 0, 0)
		d.pdf.Rect(0, 0, d.w, 11, "F")
		d.pdf.SetTextColor(255, 255, 255)
		d.font(true, 11)
		d.pdf.SetXY(d.margin, 0)
		d.pdf.CellFormat(d.contentW(), 11, clean(d.t("print.agenda.not_for_participants")), "", 0, "CM", false, 0, "")
		d.gray(0)
		d.pdf.SetY(22)
	})
	d.pdf.SetFooterFunc(func() {
		d.gray(90)
		d.font(false, 8)
		d.pdf.SetXY(d.margin, d.h-10)
		d.pdf.CellFormat(d.contentW(), 4, clean(ws.Title+" · "+d.t("print.page", map[string]any{"N": d.pdf.PageNo()})), "", 0, "C", false, 0, "")
		d.gray(0)
	})
	for range req.Copies {
		d.pdf.AddPage()
		d.para(d.t("print.agenda.title"), 17, true, 1)
		d.para(ws.Title, 12, true, 0.5)
		d.gray(70)
		d.para(dateLine(ws, d.lang)+" · "+ws.Organization, 10, false, 0.5)
		if len(a.Blocks) > 0 {
			line := d.t("print.agenda.span", map[string]any{"Start": a.Start.String(), "End": a.Finish().String(), "Minutes": a.TotalMinutes()})
			if over := a.OverrunMinutes(); over > 0 {
				line += " · " + d.t("print.agenda.overrun", map[string]any{"Minutes": over, "End": a.End.String()})
			}
			d.para(line, 10, false, 0)
		}
		d.gray(0)
		d.pdf.SetY(d.pdf.GetY() + 4)
		if len(a.Blocks) == 0 {
			d.para(d.t("print.agenda.empty"), 11, false, 0)
		}
		for _, tb := range a.Timings() {
			d.agendaBlock(tb, cur)
		}
	}
	return d.bytes()
}

// agendaBlock prints one block of the agenda.
func (d *doc) agendaBlock(tb taller.TimedBlock, cur *curriculum.Curriculum) {
	var mod *curriculum.Module
	if tb.Kind == taller.BlockModule {
		mod, _ = cur.Module(tb.ModuleID)
	}
	title := tb.Title
	switch {
	case mod != nil:
		title = mod.In(d.lang).Title
	case tb.Kind == taller.BlockModule:
		title = tb.ModuleID
	case tb.Kind == taller.BlockBreak && title == "":
		title = d.t("print.agenda.break")
	}
	when := tb.Start.String() + "–" + tb.End.String()
	d.keep(30)
	y := d.pdf.GetY()
	d.pdf.SetDrawColor(170, 170, 170)
	d.pdf.SetLineWidth(0.2)
	d.pdf.Line(d.margin, y, d.w-d.margin, y)
	y += 1.5
	d.text(d.margin, y, 34, when, 11, true, "L")
	head := title + "  (" + d.t("print.agenda.minutes", map[string]any{"Minutes": tb.Minutes}) + ")"
	if tb.Overrun {
		head += " · " + d.t("print.agenda.late")
	}
	y = d.text(d.margin+36, y, d.contentW()-36, head, 11, true, "L")
	d.pdf.SetY(y + 1)
	if mod == nil {
		d.pdf.SetY(d.pdf.GetY() + 2)
		return
	}
	text := mod.In(d.lang)
	indent := func(label, body string) {
		d.font(true, 9.5)
		d.keep(lineH(9.5) * 2)
		y := d.pdf.GetY()
		d.text(d.margin+36, y, d.contentW()-36, label, 9.5, true, "L")
		d.pdf.SetY(y + lineH(9.5))
		if body != "" {
			d.markdown(body, d.margin+36, 9.5)
		}
	}
	sens := d.t("print.sensitivity." + mod.Sensitivity)
	d.font(false, 9.5)
	d.pdf.SetY(d.text(d.margin+36, d.pdf.GetY(), d.contentW()-36, d.t("print.agenda.sensitivity", map[string]any{"Level": sens}), 9.5, mod.Sensitivity == curriculum.SensitivityHigh, "L") + 1)
	if len(text.Materials) > 0 {
		indent(d.t("print.agenda.materials"), "- "+strings.Join(text.Materials, "\n- "))
	}
	if strings.TrimSpace(text.Notes) != "" {
		indent(d.t("print.agenda.notes"), text.Notes)
	}
	d.pdf.SetY(d.pdf.GetY() + 2)
}
