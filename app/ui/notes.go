package ui

import (
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taller/curriculum"
	"taller/i18n"
)

// Notes shows a module's facilitator notes (or a guide's text) as
// Markdown. A link in it is drawn as the plain words around it, never as
// a hyperlink: Fyne lays a hyperlink near the end of a line out badly
// (the text after it one character per line), and a link to a guide must
// open the guide in the app, never a browser. The guides linked get a button each under
// the text ("Ver: Protocolo de seguridad").
type Notes struct {
	// Text is the Markdown, laid out.
	Text *widget.RichText
	// Links holds one button per guide linked, in the order of the text.
	Links *fyne.Container
	// Box is Text with Links under it: what a screen shows.
	Box *fyne.Container

	open func(id string)
}

// NewNotes returns an empty notes view; open is called with a guide's id
// when its button is tapped.
func NewNotes(open func(id string)) *Notes {
	n := &Notes{Text: widget.NewRichText(), Links: container.NewVBox(), open: open}
	n.Text.Wrapping = fyne.TextWrapWord
	n.Box = container.NewVBox(n.Text, n.Links)
	return n
}

// Set shows md; the guides it links are named as c has them in l.
func (n *Notes) Set(md string, c *curriculum.Curriculum, l i18n.Lang) {
	var ids []string
	seg := Markdown(md, func(u *url.URL) {
		if id, ok := curriculum.LinkedGuide(u); ok {
			for _, seen := range ids {
				if seen == id {
					return
				}
			}
			ids = append(ids, id)
		}
	})
	n.Text.Segments = seg
	n.Text.Refresh()
	n.Links.RemoveAll()
	for _, id := range ids {
		g, ok := c.Guide(id, l)
		if !ok {
			continue
		}
		id := id
		b := widget.NewButtonWithIcon(TN("app.curriculum.see_guide", "Title", g.Title), theme.InfoIcon(), func() { n.open(id) })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		n.Links.Add(b)
	}
	n.Box.Refresh()
}

// Buttons are the guides' buttons, in the order of the text (tests).
func (n *Notes) Buttons() []*widget.Button {
	var out []*widget.Button
	for _, o := range n.Links.Objects {
		out = append(out, o.(*widget.Button))
	}
	return out
}

// ShowGuide shows one of the manual's guides in a dialog, in the app's
// language: the Run screen's way to open a guide linked in the notes.
func ShowGuide(u UI, id string) {
	g, ok := u.Curriculum().Guide(id, u.Lang())
	if !ok {
		return
	}
	n := NewNotes(func(other string) { ShowGuide(u, other) })
	n.Set(g.Body, u.Curriculum(), u.Lang())
	scroll := container.NewVScroll(container.NewPadded(n.Box))
	size := u.Dialogs().Window().Canvas().Size()
	scroll.SetMinSize(fyne.NewSize(min(640, size.Width-80), min(460, size.Height-140)))
	u.Dialogs().Show(dialog.NewCustom(g.Title, T("app.ok"), scroll, u.Dialogs().Window()))
}
