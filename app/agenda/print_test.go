package agenda

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller/app/testdouble"
	"taller/app/ui"
	"taller/curriculum"
	"taller/i18n"
	"taller/printout"
)

func TestAgendaHandoutAndTakeHomeSheet(t *testing.T) {
	// given a workshop with the half-day agenda
	e := testdouble.New(t, i18n.Spanish)
	s := New(e)
	e.Show(ui.Agenda, s)
	w := e.Workshop("Imprimir agenda")
	e.HalfDay(w)
	e.ChooseWorkshop(w.ID)

	dir := t.TempDir()
	for _, k := range agendaPrintables {
		// when its button is tapped and the save dialog gives a path
		path := filepath.Join(dir, string(k)+".pdf")
		var asked string
		s.print.SaveAs = func(title, name, ext, _ string, fn func(string)) {
			asked = name
			fn(path)
		}
		require.Equal(t, k.Title(i18n.Spanish), s.printBtns[k].Text)
		test.Tap(s.printBtns[k])

		// then the PDF is written there under the name printout proposes
		assert.Equal(t, printout.FileName(k, w, w.Language), asked)
		data, err := os.ReadFile(path)
		require.NoError(t, err, "%s", k)
		assert.True(t, strings.HasPrefix(string(data), "%PDF"), "%s", k)
		e.Dialogs().Escape()
	}
}

func TestTemplatePickerNamesEveryTemplate(t *testing.T) {
	for _, l := range i18n.Langs {
		e := testdouble.New(t, l)
		s := New(e)
		assert.Contains(t, s.templNames, curriculum.TwoDay1)
		assert.Contains(t, s.templNames, curriculum.TwoDay2)
		for i, name := range s.templNames {
			title := s.templates.Options[i]
			assert.NotEqual(t, name, title, "a name for people, not the id")
			assert.NotContains(t, title, "curriculum.template", "translated")
		}
	}
}
