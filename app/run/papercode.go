package run

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"taller"
	"taller/app/ui"
	"taller/i18n"
)

// slipCode is the paper check-in's field for the code printed on a
// check-in slip (see printout.Slips): a reserved code, accepted once.
func (p *paperForm) slipCode() fyne.CanvasObject {
	e := p.s.u.Dialogs().NewEntry(func() { p.f.Submit.OnTapped() })
	e.SetPlaceHolder(t("app.paper.code_hint"))
	p.code = e
	help := ui.WrapLabel(t("app.paper.slip_code_help"))
	help.TextStyle.Italic = true
	return container.NewVBox(question(i18n.T(p.wl, "print.code_label")), container.NewHBox(ui.Sized(e, 160)), help)
}

// slipRefusals are the domain's answers to a slip code it does not take.
var slipRefusals = []error{taller.ErrCodeUnknown, taller.ErrCodeNotIssued, taller.ErrCodeNotReserved, taller.ErrCodeUsed, taller.ErrCodeTaken}

// codeRefused shows a refused slip code in a dialog of its own, with what
// to do, and reports whether err was one: the facilitator must see it
// before typing the next sheet.
func (p *paperForm) codeRefused(err error) bool {
	for _, r := range slipRefusals {
		if errors.Is(err, r) {
			p.s.u.Dialogs().Message(t("app.paper.code_refused"), p.s.u.Dialogs().ErrText(err))
			return true
		}
	}
	return false
}
