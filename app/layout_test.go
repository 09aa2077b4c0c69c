package app

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller/app/testdouble"
	"taller/app/ui"
	"taller/demo"
	"taller/i18n"
)

// mainActions are the buttons, by text key, that must be in sight without
// scrolling when a screen opens.
var mainActions = map[string][]string{
	ui.Workshops:  {"app.workshops.new", "app.workshop.save"},
	ui.Curriculum: {"app.curriculum.add"},
	ui.Agenda:     {"app.agenda.apply_template", "app.agenda.add_module"},
	ui.Run:        {"app.run.open_checkin", "app.paper.checkin", "app.paper.evaluation"},
	ui.Export:     {"app.export.to_file", "app.merge.do", "app.merge.choose_folder"},
	ui.Settings:   {"app.settings.save"},
}

// findButton is the button of the window showing text.
func findButton(w fyne.Window, text string) *widget.Button {
	var found *widget.Button
	testdouble.Walk(w.Content(), func(o any) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && b.Visible() && found == nil {
			found = b
		}
	})
	return found
}

func TestEveryScreenFitsSmallAndLargeWindows(t *testing.T) {
	for _, size := range []fyne.Size{{Width: 1024, Height: 600}, {Width: 1280, Height: 800}, {Width: 1920, Height: 1080}} {
		t.Run(fmt.Sprintf("%.0fx%.0f", size.Width, size.Height), func(t *testing.T) {
			// Given the demo's nine workshops in the real theme,
			e := newEnv(t, i18n.Spanish)
			e.u.app.Settings().SetTheme(ui.NewTheme(theme.DefaultTheme()))
			_, err := demo.Fill(e.ctx, e.st)
			require.NoError(t, err)
			e.u.win.Resize(size)
			e.u.fitted(size)
			e.u.Refresh(ui.Workshops)
			ws, err := e.st.Workshops(e.ctx)
			require.NoError(t, err)

			for _, name := range ui.Order {
				e.choose(ws[0], name)
				// then no screen needs the window wider than it is,
				min := e.u.win.Content().MinSize()
				assert.LessOrEqual(t, min.Width, size.Width, "%s needs no horizontal scrolling", name)
				assert.LessOrEqual(t, min.Height, size.Height, "%s fits the height", name)
				// and its main actions are in sight without scrolling.
				for _, key := range mainActions[name] {
					b := findButton(e.u.win, ui.T(key))
					require.NotNil(t, b, "%s: button %q", name, ui.T(key))
					pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b)
					assert.LessOrEqual(t, pos.Y+b.Size().Height, size.Height, "%s: %q is in sight", name, b.Text)
					assert.LessOrEqual(t, pos.X+b.Size().Width, size.Width, "%s: %q is in sight", name, b.Text)
				}
			}
		})
	}
}
