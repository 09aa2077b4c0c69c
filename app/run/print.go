package run

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taller"
	"taller/app/ui"
	"taller/printout"
)

// runPrintables are the printables of the day, in its order; the agenda
// handout and the take-home sheet are printed from the Agenda screen.
var runPrintables = []printout.Kind{printout.Poster, printout.Slips, printout.QuizSheet, printout.EvalSheet, printout.TallySheet}

// printing is the Run screen's "Print" card.
type printing struct {
	p       *ui.Print
	paper   *widget.Select
	copies  *ui.Entry // how many check-in slips
	buttons map[printout.Kind]*widget.Button
	hint    *widget.Label // the poster waits for the phone server
}

// newPrintCard builds the card that saves the day's PDFs: the poster
// (the one way to get a poster: it needs the phone server's address),
// check-in slips with their reserved codes, the quiz, evaluation and
// tally sheets.
func (s *Screen) newPrintCard() fyne.CanvasObject {
	pr := &printing{p: ui.NewPrint(s.u), buttons: map[printout.Kind]*widget.Button{}}
	s.printing = pr
	pr.paper = pr.p.PaperSelect()
	pr.copies = s.u.Dialogs().NewEntry(func() { s.printKind(printout.Slips) })
	pr.copies.SetText(strconv.Itoa(printout.DefaultCopies(printout.Slips)))
	for _, k := range runPrintables {
		k := k
		b := widget.NewButtonWithIcon(k.Title(s.u.Lang()), theme.DocumentPrintIcon(), func() { s.printKind(k) })
		b.Alignment = widget.ButtonAlignLeading
		pr.buttons[k] = b
	}
	s.posterBtn = pr.buttons[printout.Poster]
	pr.hint = ui.WrapLabel(t("app.print.poster_needs_server"))
	pr.hint.TextStyle.Italic = true
	pr.hint.Hide()
	slipsHelp := ui.WrapLabel(t("app.print.slips_help"))
	slipsHelp.TextStyle.Italic = true
	box := container.NewVBox(
		ui.WrapLabel(t("app.print.help")),
		container.NewBorder(nil, nil, widget.NewLabel(t("app.print.paper")), nil, pr.paper),
		pr.buttons[printout.Poster], pr.hint,
		container.NewBorder(nil, nil, nil, container.NewBorder(nil, nil, widget.NewLabel(t("app.print.copies")), nil, ui.Sized(pr.copies, 56)), pr.buttons[printout.Slips]),
		slipsHelp,
		pr.buttons[printout.QuizSheet], pr.buttons[printout.EvalSheet], pr.buttons[printout.TallySheet],
	)
	return ui.Card(t("app.print.heading"), box)
}

// applyPrint says why the poster cannot be saved while the phone server
// is off.
func (s *Screen) applyPrint(d *runData) {
	pr := s.printing
	if pr.hint.Visible() != (d.join == "") {
		if d.join == "" {
			pr.hint.Show()
		} else {
			pr.hint.Hide()
		}
		s.rightBox.Refresh()
	}
}

// printKind saves one printable of the workshop on screen; the slips
// only once the save dialog has a path, so a cancelled one reserves no
// codes.
func (s *Screen) printKind(k printout.Kind) {
	d := s.data
	if d == nil {
		return
	}
	req := printout.Request{Kind: k, Paper: s.printing.p.Paper(), JoinURL: d.join}
	if k == printout.Slips {
		n, err := strconv.Atoi(strings.TrimSpace(s.printing.copies.Text))
		if err != nil || n < 1 || n > printout.MaxSlips {
			s.u.Dialogs().Error(k.Title(s.u.Lang()), taller.Errorf(taller.EINVALID, "print.err.copies", "Max", printout.MaxSlips))
			return
		}
		req.Copies = n
	}
	s.printing.p.Save(d.ws, req)
}
