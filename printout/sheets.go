package printout

import (
	"strconv"

	"taller"
	"taller/i18n"
)

// quizSheet prints the pre-quiz as the phone's quiz page shows it: the
// title and introduction, the participant code, then each question with
// its options in the same order, one copy per participant.
func quizSheet(ws *taller.Workshop, req Request, qs []taller.Question) ([]byte, error) {
	d := newDoc(req.Lang, req.Paper, docTitle(req.Lang, "web.quiz.title", ws), 15)
	for range req.Copies {
		d.sheetStart(ws, "web.quiz.title", "web.quiz.intro")
		d.codeField()
		d.questions(qs)
		d.handIn()
	}
	return d.bytes()
}

// evalSheet prints the evaluation page: the participant code, the
// post-quiz (the same questions as the pre-quiz), the five ratings, what
// the person will apply and a comment, in the phone page's order.
func evalSheet(ws *taller.Workshop, req Request, qs []taller.Question) ([]byte, error) {
	d := newDoc(req.Lang, req.Paper, docTitle(req.Lang, "web.eval.title", ws), 15)
	for range req.Copies {
		d.sheetStart(ws, "web.eval.title", "web.eval.intro")
		d.codeField()
		if len(qs) > 0 {
			d.heading(d.t("web.eval.quiz"))
			d.para(d.t("web.eval.quiz_hint"), 9.5, false, 2)
			d.questions(qs)
		}
		d.heading(d.t("web.eval.opinion"))
		for _, it := range taller.LikertItems {
			d.rating(it)
		}
		d.pdf.SetY(d.pdf.GetY() + 2)
		d.keep(26)
		d.para(d.t("web.eval.apply"), 10.5, true, 0)
		d.pdf.SetY(d.writeLines(d.pdf.GetY(), 2, 8) + 4)
		d.keep(40)
		d.para(d.t("web.eval.comment"), 10.5, true, 0)
		d.pdf.SetY(d.writeLines(d.pdf.GetY(), 4, 8) + 4)
		d.para(d.t("web.eval.no_names"), 9.5, false, 2)
		d.handIn()
	}
	return d.bytes()
}

// docTitle is the file's metadata title: the sheet's and the workshop's.
func docTitle(lang i18n.Lang, key string, ws *taller.Workshop) string {
	return i18n.T(lang, key) + " · " + ws.Title
}

// sheetStart begins a copy on a new page with the workshop's title small
// on top (as on the phones), the sheet's title and its introduction.
func (d *doc) sheetStart(ws *taller.Workshop, title, intro string) {
	d.continued = nil
	d.pdf.AddPage()
	d.continued = d.codeAgain
	d.gray(80)
	y := d.text(d.margin, d.margin, d.contentW(), ws.Title, 9, false, "L")
	d.gray(0)
	y = d.text(d.margin, y+1, d.contentW(), d.t(title), 17, true, "L")
	d.pdf.SetY(y + 1)
	d.para(d.t(intro), 10.5, false, 3)
}

// codeField is the box for the participant code, with the phones' help
// text adapted to paper.
func (d *doc) codeField() {
	d.keep(24)
	y := d.pdf.GetY()
	d.pdf.SetDrawColor(0, 0, 0)
	d.pdf.SetLineWidth(0.3)
	h := 20.0
	d.pdf.Rect(d.margin, y, d.contentW(), h, "D")
	d.text(d.margin+3, y+2.5, d.contentW()-60, d.t("print.code_label"), 10.5, true, "L")
	d.gray(60)
	d.text(d.margin+3, y+8, d.contentW()-60, d.t("print.code_help"), 8.5, false, "L")
	d.gray(0)
	d.codeBoxes(d.w-d.margin-3-5*10, y+4, 9, "")
	d.pdf.SetY(y + h + 4)
}

// codeAgain heads a page a sheet runs onto with the code boxes again.
func (d *doc) codeAgain() {
	x := d.codeBoxes(d.w-d.margin-5*8, d.margin, 7, "")
	d.font(false, 9)
	d.pdf.SetXY(d.margin, d.margin+1)
	d.pdf.CellFormat(x-d.margin-5*8-3, 5, clean(d.t("print.code_label")), "", 0, "R", false, 0, "")
	d.pdf.SetY(d.margin + 12)
}

// heading is a section title.
func (d *doc) heading(s string) {
	d.keep(20)
	d.pdf.SetY(d.pdf.GetY() + 1)
	d.para(s, 13, true, 1.5)
}

// questions lists the quiz: "1. Prompt" and one tick box per option,
// each question kept whole on one page.
func (d *doc) questions(qs []taller.Question) {
	const box, gap = 3.8, 1.2
	w := d.contentW() - 8
	for i, q := range qs {
		prompt := strconv.Itoa(i+1) + ". " + q.Prompt
		h := d.textHeight(prompt, d.contentW(), 10.5, true) + 1
		for _, o := range q.Options {
			h += d.textHeight(o, w-box-3, 10, false) + gap
		}
		d.keep(h + 3)
		d.para(prompt, 10.5, true, 1)
		for _, o := range q.Options {
			y := d.pdf.GetY()
			d.box(d.margin+4, y+0.6, box)
			y = d.text(d.margin+4+box+2.5, y, w-box-3, o, 10, false, "L")
			d.pdf.SetY(y + gap)
		}
		d.pdf.SetY(d.pdf.GetY() + 2.5)
	}
}

// rating is one 1–5 item: its label, the scale's meaning and five
// numbered boxes, in the phone's order.
func (d *doc) rating(it taller.LikertItem) {
	label := d.t("likert." + string(it))
	scale := d.t("web.eval.scale")
	if it == "overall" {
		scale = d.t("web.eval.scale_overall")
	}
	d.keep(22)
	d.para(label, 10.5, true, 0.5)
	d.gray(60)
	d.para(scale, 9, false, 1)
	d.gray(0)
	y := d.pdf.GetY()
	x := d.margin + 4
	for n := 1; n <= 5; n++ {
		d.box(x, y+0.4, 4.2)
		d.text(x+5.6, y, 6, strconv.Itoa(n), 10.5, false, "L")
		x += 16
	}
	d.pdf.SetY(y + 8)
}

// handIn closes a sheet with what to do with it.
func (d *doc) handIn() {
	d.pdf.SetY(d.pdf.GetY() + 2)
	d.gray(60)
	d.para(d.t("print.hand_in"), 9.5, false, 0)
	d.gray(0)
}
