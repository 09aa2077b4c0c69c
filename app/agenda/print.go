package agenda

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taller/app/ui"
	"taller/printout"
)

// agendaPrintables are printed from the Agenda screen: the facilitator's
// timed agenda with notes, and the discreet take-home sheet.
var agendaPrintables = []printout.Kind{printout.AgendaKind, printout.TakeHome}

// printRow is the row that saves the agenda handout and the take-home
// sheet as PDFs, on the paper chosen (the same choice as the Run
// screen's).
func (s *Screen) printRow() fyne.CanvasObject {
	s.print = ui.NewPrint(s.u)
	s.printBtns = map[printout.Kind]*widget.Button{}
	row := container.NewHBox(widget.NewLabel(t("app.print.heading")))
	for _, k := range agendaPrintables {
		k := k
		b := widget.NewButtonWithIcon(k.Title(s.u.Lang()), theme.DocumentPrintIcon(), func() { s.printKind(k) })
		s.printBtns[k] = b
		row.Add(b)
	}
	row.Add(widget.NewLabel(t("app.print.paper")))
	row.Add(s.print.PaperSelect())
	return row
}

// printKind saves one printable of the workshop on screen.
func (s *Screen) printKind(k printout.Kind) {
	if s.ws == nil {
		return
	}
	s.print.Save(s.ws, printout.Request{Kind: k})
}
