package export

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taller"
	"taller/app/ui"
	"taller/i18n"
)

// heldBack is what the exports of one action held back, workshop by
// workshop (the outbox writes one file per workshop).
type heldBack struct {
	k     int
	parts []heldPart
}

// heldPart is what one workshop's export held back.
type heldPart struct {
	title string
	held  []taller.HeldFigure
}

// add records what the export of the workshop called title held back.
func (h *heldBack) add(title string, held []taller.HeldFigure, k int) {
	if len(held) == 0 {
		return
	}
	h.k = k
	h.parts = append(h.parts, heldPart{title, held})
}

// all is every figure held back, across the workshops.
func (h *heldBack) all() []taller.HeldFigure {
	var out []taller.HeldFigure
	for _, p := range h.parts {
		out = append(out, p.held...)
	}
	return out
}

// summary is the plain-words line ("3 cifras retenidas hasta que
// respondan al menos 5 personas"), "" when nothing was held back.
func (h *heldBack) summary(l i18n.Lang) string {
	return taller.HeldSummary(l, h.all(), h.k)
}

// details lists each figure held back and why, one a line; with several
// workshops each line says which one.
func (h *heldBack) details(l i18n.Lang) []string {
	var out []string
	for _, p := range h.parts {
		for _, d := range taller.HeldDetails(l, p.held, h.k) {
			if len(h.parts) > 1 {
				d = p.title + " · " + d
			}
			out = append(out, d)
		}
	}
	return out
}

// showDone says an export finished and, when it held figures back, how
// many and, under an expander, which and why: the facilitator should
// know before sending the file that some figures are not in it yet.
func (s *Screen) showDone(msg string, h *heldBack) {
	d := s.u.Dialogs()
	sum := h.summary(s.u.Lang())
	if sum == "" {
		d.Message(t("app.export.done_title"), msg)
		return
	}
	s.status.SetText(msg + "\n" + sum + ".")
	held := ui.WrapLabel(sum + ".")
	held.Importance = widget.WarningImportance
	list := ui.WrapLabel(strings.Join(h.details(s.u.Lang()), "\n"))
	scroll := container.NewVScroll(list)
	scroll.SetMinSize(fyne.NewSize(440, 160))
	scroll.Hide()
	var dlg dialog.Dialog
	// A button that opens the list and fits the dialog to it: an
	// accordion would open past the dialog's edge.
	more := widget.NewButtonWithIcon(t("app.export.held_details"), theme.MenuDropDownIcon(), nil)
	more.Alignment = widget.ButtonAlignLeading
	more.Importance = widget.LowImportance
	more.OnTapped = func() {
		if scroll.Visible() {
			scroll.Hide()
			more.SetIcon(theme.MenuDropDownIcon())
		} else {
			scroll.Show()
			more.SetIcon(theme.MenuDropUpIcon())
		}
		dlg.Resize(fyne.Size{}) // its least size, with or without the list
	}
	content := container.NewPadded(ui.Sized(container.NewVBox(ui.WrapLabel(msg), held, more, scroll), 460))
	s.heldShown = &shownHeld{summary: held, details: list, more: more, list: scroll}
	dlg = dialog.NewCustom(t("app.export.done_title"), t("app.ok"), content, d.Window())
	d.Show(dlg)
}

// shownHeld is the held-back part of the last export dialog (tests).
type shownHeld struct {
	summary, details *widget.Label
	more             *widget.Button // opens the details
	list             *container.Scroll
}
