package run

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// refusedBox is the count of answers refused for a participant code that
// was not the phone's own: an exact number, saying nothing of who. It
// shows only when there is something to say, so a quiet day keeps the
// counters card short.
type refusedBox struct {
	box   *fyne.Container
	count *widget.Label
	help  *widget.Label
}

func newRefusedBox() *refusedBox {
	r := &refusedBox{}
	r.count = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	r.count.Importance = widget.WarningImportance
	r.help = widget.NewLabel(t("app.run.refused_codes_help"))
	r.help.Wrapping = fyne.TextWrapWord
	r.help.TextStyle.Italic = true
	r.box = container.NewVBox(r.count, r.help)
	r.box.Hide()
	return r
}

// set shows n refused codes, or nothing when there are none; it reports
// whether the box appeared or went.
func (r *refusedBox) set(n int) (changed bool) {
	was := r.box.Visible()
	if n > 0 {
		r.count.SetText(tn("app.run.refused_codes", "Count", n))
		r.box.Show()
	} else {
		r.box.Hide()
	}
	return was != r.box.Visible()
}
