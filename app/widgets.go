package app

import (
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// entry is a text entry that closes the open dialog on Escape (a focused
// Fyne entry keeps the key to itself) and submits its form on Enter.
type entry struct {
	widget.Entry
	onEscape func()
}

// newEntry returns a one-line entry; Escape closes u's top dialog and
// Enter calls submit when it is not nil.
func (u *ui) newEntry(submit func()) *entry {
	e := &entry{onEscape: u.escape}
	e.ExtendBaseWidget(e)
	if submit != nil {
		e.OnSubmitted = func(string) { submit() }
	}
	return e
}

// newMultiLineEntry returns a wrapping multi-line entry; Escape closes the
// dialog (Enter makes a new line).
func (u *ui) newMultiLineEntry() *entry {
	e := &entry{onEscape: u.escape}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

// newPasswordEntry returns a masked entry.
func (u *ui) newPasswordEntry(submit func()) *entry {
	e := u.newEntry(submit)
	e.Password = true
	return e
}

// TypedKey handles Escape, then does what an entry does.
func (e *entry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(k)
}

// dialogStack remembers the open dialogs so Escape closes the top one.
type dialogStack struct{ open []dialog.Dialog }

func (s *dialogStack) push(d dialog.Dialog) {
	s.open = append(s.open, d)
	d.SetOnClosed(func() { s.remove(d) })
}

func (s *dialogStack) remove(d dialog.Dialog) {
	for i := len(s.open) - 1; i >= 0; i-- {
		if s.open[i] == d {
			s.open = append(s.open[:i], s.open[i+1:]...)
			return
		}
	}
}

func (s *dialogStack) top() dialog.Dialog {
	if len(s.open) == 0 {
		return nil
	}
	return s.open[len(s.open)-1]
}

func (s *dialogStack) closeAll() {
	for len(s.open) > 0 {
		s.top().Hide()
		if len(s.open) > 0 {
			s.open = s.open[:len(s.open)-1]
		}
	}
}

// escape closes the top dialog. UI goroutine.
func (u *ui) escape() {
	if d := u.dialogs.top(); d != nil {
		d.Dismiss()
	}
}

// show shows d and tracks it for Escape. UI goroutine.
func (u *ui) show(d dialog.Dialog) {
	u.dialogs.push(d)
	d.Show()
}

// showFileDialog shows a file or folder chooser as large as the window
// allows: Fyne's default is cramped on a laptop screen.
func (u *ui) showFileDialog(d dialog.Dialog) {
	size := u.win.Canvas().Size()
	d.Resize(fyne.NewSize(max(600, min(1000, size.Width-60)), max(420, min(680, size.Height-60))))
	u.show(d)
}

// wrapLabel is a label that wraps its text at word boundaries.
func wrapLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// showError tells the user what went wrong in plain words: the domain
// error's own sentence, or "something went wrong" for a fault of the
// program (whose details go to the log).
func (u *ui) showError(title string, err error) {
	logErr(title, err)
	u.showMessage(title, u.errText(err))
}

// showMessage shows a short text with an OK button.
func (u *ui) showMessage(title, msg string) {
	content := container.NewPadded(sized(wrapLabel(msg), 440))
	u.show(dialog.NewCustom(title, t("app.ok"), content, u.win))
}

// confirm asks a yes/no question with explicit button labels; fn runs only
// on yes.
func (u *ui) confirm(title, msg, yes string, fn func()) {
	d := dialog.NewCustomConfirm(title, yes, t("app.cancel"), container.NewPadded(sized(wrapLabel(msg), 440)), func(ok bool) {
		if ok {
			fn()
		}
	}, u.win)
	u.show(d)
}

// formDialog shows content with a Cancel and a submit button. submit runs
// on the button and on Enter in the form's entries (see newEntry); it
// returns true when the dialog may close.
type formDialog struct {
	d      *dialog.CustomDialog
	submit *widget.Button
	cancel *widget.Button
}

func (u *ui) newFormDialog(title, submitText string, content fyne.CanvasObject, submit func() bool) *formDialog {
	f := &formDialog{}
	f.cancel = widget.NewButtonWithIcon(t("app.cancel"), theme.CancelIcon(), func() { f.d.Dismiss() })
	cancel := f.cancel
	f.submit = widget.NewButtonWithIcon(submitText, theme.ConfirmIcon(), func() {
		if submit() {
			f.d.Hide()
		}
	})
	f.submit.Importance = widget.HighImportance
	buttons := container.NewHBox(layout.NewSpacer(), cancel, f.submit)
	f.d = dialog.NewCustomWithoutButtons(title, container.NewBorder(nil, buttons, nil, nil, content), u.win)
	return f
}

// sized gives o at least a width. A wrapping label inside is laid out at
// that width at once, so a dialog holding it gets its true height.
func sized(o fyne.CanvasObject, width float32) fyne.CanvasObject {
	spacer := canvas.NewRectangle(color.Transparent)
	spacer.SetMinSize(fyne.NewSize(width, 0))
	if l, ok := o.(*widget.Label); ok && l.Wrapping != fyne.TextWrapOff {
		l.Resize(fyne.NewSize(width, l.MinSize().Height))
	}
	return container.NewStack(spacer, o)
}

// heading is a bold, larger title.
func heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	l.Wrapping = fyne.TextWrapWord
	return l
}

// emptyState is what a screen shows when no workshop is chosen: a
// sentence and a button to the workshops list.
func (u *ui) emptyState(msg string) fyne.CanvasObject {
	b := widget.NewButtonWithIcon(t("app.empty.go_workshops"), theme.HomeIcon(), func() { u.showScreen(screenWorkshops) })
	b.Importance = widget.HighImportance
	l := widget.NewLabel(msg)
	l.Alignment = fyne.TextAlignCenter
	return container.NewCenter(container.NewVBox(l, container.NewCenter(b)))
}

// countBox is a big number with a caption under it, for the live
// counters.
type countBox struct {
	value   *canvas.Text
	caption *canvas.Text
	box     fyne.CanvasObject
}

func newCountBox(caption string, size float32) *countBox {
	c := &countBox{
		value:   canvas.NewText("0", theme.Color(theme.ColorNameForeground)),
		caption: canvas.NewText(caption, theme.Color(theme.ColorNamePlaceHolder)),
	}
	c.value.TextSize = size
	c.value.TextStyle = fyne.TextStyle{Bold: true}
	c.value.Alignment = fyne.TextAlignCenter
	c.caption.TextSize = max(theme.TextSize(), size/3)
	c.caption.Alignment = fyne.TextAlignCenter
	c.box = container.NewVBox(c.value, c.caption)
	return c
}

func (c *countBox) set(n int) {
	s := strconv.Itoa(n)
	if c.value.Text != s {
		c.value.Text = s
		c.value.Refresh()
	}
}

// barChart draws horizontal bars: a label, a bar as long as its share of
// the largest value, and the value as text.
type barRow struct {
	Label string
	Value float64
	Text  string // shown after the bar
}

// newBarChart draws rows with bars scaled to maxValue (the largest value
// when maxValue is 0), in colour c.
func newBarChart(rows []barRow, maxValue float64, c color.Color) fyne.CanvasObject {
	if maxValue <= 0 {
		for _, r := range rows {
			maxValue = max(maxValue, r.Value)
		}
	}
	objs := make([]fyne.CanvasObject, 0, 3*len(rows))
	fracs := make([]float32, len(rows))
	var labelW float32
	for i, r := range rows {
		label := widget.NewLabel(r.Label)
		label.Truncation = fyne.TextTruncateEllipsis
		labelW = max(labelW, fyne.MeasureText(r.Label, theme.TextSize(), fyne.TextStyle{}).Width+2*theme.InnerPadding()+2*theme.Padding())
		rect := canvas.NewRectangle(c)
		rect.CornerRadius = 3
		value := widget.NewLabel(r.Text)
		if maxValue > 0 {
			fracs[i] = float32(r.Value / maxValue)
		}
		objs = append(objs, label, rect, value)
	}
	return container.New(&barLayout{fracs: fracs, labelW: labelW}, objs...)
}

// barLayout lays out (label, bar, value) triples in rows with aligned
// columns; each bar's width is its fraction of the bar column.
type barLayout struct {
	fracs  []float32
	labelW float32 // the widest label's text
}

func (l *barLayout) columns(objs []fyne.CanvasObject) (labelW, valueW, rowH float32) {
	for i := 0; i+2 < len(objs); i += 3 {
		valueW = max(valueW, objs[i+2].MinSize().Width)
		rowH = max(rowH, objs[i].MinSize().Height)
	}
	return min(l.labelW, 360), valueW, rowH
}

// Layout places the rows.
func (l *barLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	labelW, valueW, rowH := l.columns(objs)
	pad := theme.Padding()
	barW := max(size.Width-labelW-valueW-2*pad, 10)
	y := float32(0)
	for i := 0; i+2 < len(objs); i += 3 {
		objs[i].Move(fyne.NewPos(0, y))
		objs[i].Resize(fyne.NewSize(labelW, rowH))
		w := barW * l.fracs[i/3]
		objs[i+1].Move(fyne.NewPos(labelW+pad, y+rowH/4))
		objs[i+1].Resize(fyne.NewSize(max(w, 2), rowH/2))
		objs[i+2].Move(fyne.NewPos(labelW+pad+w+pad, y))
		objs[i+2].Resize(fyne.NewSize(valueW, rowH))
		y += rowH
	}
}

// MinSize fits the labels, the values and a short bar.
func (l *barLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	labelW, valueW, rowH := l.columns(objs)
	return fyne.NewSize(labelW+valueW+120, rowH*float32(len(objs)/3))
}

// card is a titled, padded group.
func card(title string, content fyne.CanvasObject) *widget.Card {
	return widget.NewCard("", "", container.NewVBox(heading(title), content))
}

// showLongMessage shows a text that may run to many lines, in a scroll.
func (u *ui) showLongMessage(title, msg string) {
	l := wrapLabel(msg)
	l.Selectable = true
	scroll := container.NewVScroll(sized(l, 560))
	scroll.SetMinSize(fyne.NewSize(580, 320))
	u.show(dialog.NewCustom(title, t("app.ok"), scroll, u.win))
}
