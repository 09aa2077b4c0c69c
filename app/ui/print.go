package ui

import (
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"taller"
	"taller/printout"
)

// prefPaper is the app preference that remembers the paper size chosen
// last.
const prefPaper = "print_paper"

// Print saves a workshop's printable PDFs (package printout): it asks
// where first and renders only once a path is chosen, so a cancelled
// dialog reserves no check-in slip codes.
type Print struct {
	u UI
	// SaveAs asks for the file's path: the app's own save dialog
	// (Dialogs.SaveAs); tests replace it.
	SaveAs func(title, name, ext, startDir string, fn func(path string))
	// Done, when set, is told what a save wrote or why it failed (tests).
	Done func(path string, err error)
}

// NewPrint returns the printing of the app u.
func NewPrint(u UI) *Print {
	return &Print{u: u, SaveAs: u.Dialogs().SaveAs}
}

// Paper is the paper size chosen last; printout.DefaultPaper when none
// was, as for "taller print".
func (p *Print) Paper() printout.Paper {
	pp, err := printout.ParsePaper(p.u.Preferences().StringWithFallback(prefPaper, string(printout.DefaultPaper)))
	if err != nil {
		return printout.DefaultPaper
	}
	return pp
}

// PaperSelect is a choice of paper size that remembers itself.
func (p *Print) PaperSelect() *widget.Select {
	papers := []printout.Paper{printout.Letter, printout.A4}
	names := []string{T("app.print.letter"), T("app.print.a4")}
	sel := widget.NewSelect(names, nil)
	for i, pp := range papers {
		if pp == p.Paper() {
			sel.SetSelectedIndex(i)
		}
	}
	sel.OnChanged = func(string) {
		if i := sel.SelectedIndex(); i >= 0 && papers[i] != p.Paper() {
			p.u.Preferences().SetString(prefPaper, string(papers[i]))
		}
	}
	// The other screen's choice shows here too.
	p.u.Preferences().AddChangeListener(func() {
		want := p.Paper()
		fyne.Do(func() {
			for i, pp := range papers {
				if pp == want && sel.SelectedIndex() != i {
					sel.SetSelectedIndex(i)
				}
			}
		})
	})
	return sel
}

// Save asks where to save printable req.Kind of workshop ws, then makes
// it on the chosen paper and writes it there. The document is in the
// workshop's language unless req.Lang says otherwise.
func (p *Print) Save(ws *taller.Workshop, req printout.Request) {
	u := p.u
	req.WorkshopID = ws.ID
	if req.Paper == "" {
		req.Paper = p.Paper()
	}
	docLang := req.Lang
	if docLang == "" {
		docLang = ws.Language
	}
	title := req.Kind.Title(u.Lang())
	p.SaveAs(title, printout.FileName(req.Kind, ws, docLang), ".pdf", "", func(path string) {
		st := u.Store()
		deps := printout.Deps{Workshops: st, Attendance: st, Settings: st, Curriculum: u.Curriculum()}
		u.Go(func() {
			data, err := printout.Render(u.Context(), deps, req)
			if err == nil {
				err = os.WriteFile(path, data, 0o644)
			}
			fyne.Do(func() {
				if err != nil {
					u.Dialogs().Error(title, err)
				} else {
					u.Dialogs().Message(title, TN("app.print.saved", "Path", path))
				}
				if p.Done != nil {
					p.Done(path, err)
				}
			})
		})
	})
}
