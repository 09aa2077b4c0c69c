package run

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller/app/ui"
	"taller/i18n"
	"taller/printout"
)

// saveTo makes the Print card's save dialog answer path ("" cancels) and
// records what was asked.
func saveTo(s *Screen, path string, asked *[]string) {
	s.printing.p.SaveAs = func(title, name, ext, _ string, fn func(string)) {
		*asked = append(*asked, title+"|"+name+"|"+ext)
		if path != "" {
			fn(path)
		}
	}
}

func TestPrintablesFromTheRunScreen(t *testing.T) {
	// given a workshop with an agenda and the phone server running
	e, s := newScreen(t, i18n.Spanish)
	w := e.Workshop("Imprimir")
	e.HalfDay(w)
	e.ChooseWorkshop(w.ID)
	for _, k := range runPrintables {
		require.Contains(t, s.printing.buttons, k)
		assert.Equal(t, k.Title(i18n.Spanish), s.printing.buttons[k].Text)
	}
	assert.False(t, s.posterBtn.Disabled())

	// when the save dialog for the slips is cancelled, nothing is made
	var asked []string
	var wrote []string
	s.printing.p.Done = func(path string, err error) {
		require.NoError(t, err)
		wrote = append(wrote, path)
	}
	saveTo(s, "", &asked)
	test.Tap(s.printing.buttons[printout.Slips])
	require.Len(t, asked, 1)
	assert.Equal(t, "Hojas de registro|"+printout.FileName(printout.Slips, w, i18n.Spanish)+"|.pdf", asked[0])
	assert.Empty(t, wrote, "no file and no codes reserved")

	// when it returns a path, every printable of the day is a PDF there
	dir := t.TempDir()
	for _, k := range runPrintables {
		path := filepath.Join(dir, string(k)+".pdf")
		saveTo(s, path, &asked)
		if k == printout.Slips {
			s.printing.copies.SetText("3")
		}
		test.Tap(s.printing.buttons[k])
		data, err := os.ReadFile(path)
		require.NoError(t, err, "%s", k)
		assert.True(t, strings.HasPrefix(string(data), "%PDF"), "%s", k)
		e.Dialogs().Escape()
	}
	assert.Len(t, wrote, len(runPrintables))

	// and a number of slips that is not one is refused before the dialog
	n := len(asked)
	s.printing.copies.SetText("muchas")
	test.Tap(s.printing.buttons[printout.Slips])
	assert.Len(t, asked, n)
	require.NotNil(t, e.Dialogs().Top())
	e.Dialogs().Escape()
}

func TestPosterWaitsForThePhoneServer(t *testing.T) {
	e, s := newScreen(t, i18n.English)
	e.Fake.St = ui.PhoneState{}
	w := e.Workshop("No server")
	e.ChooseWorkshop(w.ID)
	assert.True(t, s.posterBtn.Disabled())
	assert.True(t, s.printing.hint.Visible())
	assert.False(t, s.printing.buttons[printout.TallySheet].Disabled(), "the rest need no server")
}

func TestPaperSizeIsRemembered(t *testing.T) {
	e, s := newScreen(t, i18n.English)
	assert.Equal(t, printout.Letter, s.printing.p.Paper(), "Letter by default, as for taller print")
	s.printing.paper.SetSelected("A4")
	other := ui.NewPrint(e)
	sel := other.PaperSelect()
	assert.Equal(t, printout.A4, other.Paper(), "remembered")
	s.printing.paper.SetSelected("Letter")
	assert.Equal(t, "Letter", sel.Selected, "another screen's choice follows")
}

func TestPaperCheckInWithTheSlipsCode(t *testing.T) {
	// given a slip printed with a reserved code
	e, s := newScreen(t, i18n.Spanish)
	w := e.Workshop("Hojas")
	e.HalfDay(w)
	e.ChooseWorkshop(w.ID)
	codes, err := e.St.ReserveCodes(e.Ctx, w.ID, 1)
	require.NoError(t, err)

	// when the facilitator types the sheet with the slip's code
	s.paperCheckInForm()
	p := currentPaper(t, s)
	fill := func() {
		p.radio[0].SetSelected("Mujer")
		p.radio[1].SetSelected("45 a 59")
		p.radio[2].SetSelected("Liderazgo comunitario")
	}
	fill()
	test.Type(p.code, strings.ToLower(codes[0]))
	test.Tap(p.f.Submit)

	// then the check-in keeps that code
	assert.Contains(t, p.msg.Text, codes[0])
	assert.Empty(t, p.code.Text)
	n, err := e.St.Counts(e.Ctx, w.ID)
	require.NoError(t, err)
	assert.Equal(t, 1, n.Total)

	// and the same code a second time is refused in a dialog of its own
	fill()
	test.Type(p.code, codes[0])
	test.Tap(p.f.Submit)
	top := e.Dialogs().Top()
	require.NotNil(t, top)
	assert.NotSame(t, p.f.D, top, "a dialog over the form")
	e.Dialogs().Escape()
	n, err = e.St.Counts(e.Ctx, w.ID)
	require.NoError(t, err)
	assert.Equal(t, 1, n.Total, "a reserved code is accepted once")
}
