package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taller"
	"taller/i18n"
)

// Dialogs shows dialogs over one window and remembers the open ones, so
// Escape closes the top one.
type Dialogs struct {
	win  fyne.Window
	lang func() i18n.Lang
	open []dialog.Dialog
}

// NewDialogs returns the dialogs of win; lang is the app's language now.
func NewDialogs(win fyne.Window, lang func() i18n.Lang) *Dialogs {
	return &Dialogs{win: win, lang: lang}
}

// Window is the window the dialogs show over.
func (d *Dialogs) Window() fyne.Window { return d.win }

// ErrText is the sentence a person sees for err: never a Go error chain.
func (d *Dialogs) ErrText(err error) string { return taller.Message(d.lang(), err) }

// Show shows dl and tracks it for Escape. UI goroutine.
func (d *Dialogs) Show(dl dialog.Dialog) {
	d.open = append(d.open, dl)
	dl.SetOnClosed(func() { d.remove(dl) })
	dl.Show()
}

func (d *Dialogs) remove(dl dialog.Dialog) {
	for i := len(d.open) - 1; i >= 0; i-- {
		if d.open[i] == dl {
			d.open = append(d.open[:i], d.open[i+1:]...)
			return
		}
	}
}

// Top is the dialog on top, nil when none is open.
func (d *Dialogs) Top() dialog.Dialog {
	if len(d.open) == 0 {
		return nil
	}
	return d.open[len(d.open)-1]
}

// CloseAll closes every open dialog.
func (d *Dialogs) CloseAll() {
	for len(d.open) > 0 {
		d.Top().Hide()
		if len(d.open) > 0 {
			d.open = d.open[:len(d.open)-1]
		}
	}
}

// Escape closes the top dialog. UI goroutine.
func (d *Dialogs) Escape() {
	if top := d.Top(); top != nil {
		top.Dismiss()
	}
}

// ShowFile shows a file or folder chooser as large as the window allows:
// Fyne's default is cramped on a laptop screen.
func (d *Dialogs) ShowFile(dl dialog.Dialog) {
	size := d.win.Canvas().Size()
	dl.Resize(fyne.NewSize(max(600, min(1000, size.Width-60)), max(420, min(680, size.Height-60))))
	d.Show(dl)
}

// Error tells the user what went wrong in plain words: the domain error's
// own sentence, or "something went wrong" for a fault of the program
// (whose details go to the log).
func (d *Dialogs) Error(title string, err error) {
	LogErr(title, err)
	d.Message(title, d.ErrText(err))
}

// Message shows a short text with an OK button.
func (d *Dialogs) Message(title, msg string) {
	content := container.NewPadded(Sized(WrapLabel(msg), 440))
	d.Show(dialog.NewCustom(title, T("app.ok"), content, d.win))
}

// LongMessage shows a text that may run to many lines, in a scroll.
func (d *Dialogs) LongMessage(title, msg string) {
	l := WrapLabel(msg)
	l.Selectable = true
	scroll := container.NewVScroll(Sized(l, 560))
	scroll.SetMinSize(fyne.NewSize(580, 320))
	d.Show(dialog.NewCustom(title, T("app.ok"), scroll, d.win))
}

// Confirm asks a yes/no question with explicit button labels; fn runs only
// on yes.
func (d *Dialogs) Confirm(title, msg, yes string, fn func()) {
	dl := dialog.NewCustomConfirm(title, yes, T("app.cancel"), container.NewPadded(Sized(WrapLabel(msg), 440)), func(ok bool) {
		if ok {
			fn()
		}
	}, d.win)
	d.Show(dl)
}

// FormDialog shows content with a Cancel and a submit button. Submit runs
// on the button and on Enter in the form's entries (see NewEntry).
type FormDialog struct {
	D      *dialog.CustomDialog
	Submit *widget.Button
	Cancel *widget.Button
}

// ShowForm shows a form dialog, then fits it to its content once its
// wrapping texts know their width: shown at its first size, a text that
// wraps to more lines would run under the buttons.
func (d *Dialogs) ShowForm(f *FormDialog) {
	d.Show(f.D)
	f.D.Resize(f.D.MinSize())
}

// Form builds a form dialog; submit returns true when the dialog may
// close. Show it with ShowForm.
func (d *Dialogs) Form(title, submitText string, content fyne.CanvasObject, submit func() bool) *FormDialog {
	f := &FormDialog{}
	f.Cancel = widget.NewButtonWithIcon(T("app.cancel"), theme.CancelIcon(), func() { f.D.Dismiss() })
	f.Submit = widget.NewButtonWithIcon(submitText, theme.ConfirmIcon(), func() {
		if submit() {
			f.D.Hide()
		}
	})
	f.Submit.Importance = widget.HighImportance
	buttons := container.NewHBox(layout.NewSpacer(), f.Cancel, f.Submit)
	f.D = dialog.NewCustomWithoutButtons(title, container.NewBorder(nil, buttons, nil, nil, content), d.win)
	return f
}

// Entry is a text entry that closes the open dialog on Escape (a focused
// Fyne entry keeps the key to itself) and submits its form on Enter.
type Entry struct {
	widget.Entry
	onEscape func()
}

// NewEntry returns a one-line entry; Escape closes the top dialog and
// Enter calls submit when it is not nil.
func (d *Dialogs) NewEntry(submit func()) *Entry {
	e := &Entry{onEscape: d.Escape}
	e.ExtendBaseWidget(e)
	if submit != nil {
		e.OnSubmitted = func(string) { submit() }
	}
	return e
}

// NewMultiLineEntry returns a wrapping multi-line entry; Escape closes the
// dialog (Enter makes a new line).
func (d *Dialogs) NewMultiLineEntry() *Entry {
	e := &Entry{onEscape: d.Escape}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

// NewPasswordEntry returns a masked entry.
func (d *Dialogs) NewPasswordEntry(submit func()) *Entry {
	e := d.NewEntry(submit)
	e.Password = true
	return e
}

// TypedKey handles Escape, then does what an entry does.
func (e *Entry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(k)
}
