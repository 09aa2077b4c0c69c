package run

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/app/testdouble"
	"taller/app/ui"
	"taller/i18n"

	"fyne.io/fyne/v2/widget"
)

// newScreen is the Run screen over a fake UI whose phone server runs.
func newScreen(t *testing.T, l i18n.Lang) (*testdouble.UI, *Screen) {
	e := testdouble.New(t, l)
	e.Fake.St = ui.PhoneState{Running: true, Port: 8080, Wanted: ":8080"}
	e.Fake.Join = "http://192.168.137.1:8080/j/TOKEN"
	s := New(e)
	e.Show(ui.Run, s)
	return e, s
}

func TestPhasesAndWalkIns(t *testing.T) {
	e, s := newScreen(t, i18n.English)
	w := e.Workshop("Phases")
	e.ChooseWorkshop(w.ID)

	test.Tap(s.phases[taller.PhaseCheckIn])
	got, err := e.St.Workshop(e.Ctx, w.ID)
	require.NoError(t, err)
	assert.True(t, got.IsOpen(taller.PhaseCheckIn))
	assert.Equal(t, "Close check-in", s.phases[taller.PhaseCheckIn].Text)
	assert.Equal(t, "Open now: Check-in.", s.openNow.Text)

	test.Tap(s.closeAll)
	got, _ = e.St.Workshop(e.Ctx, w.ID)
	assert.False(t, got.IsOpen(taller.PhaseCheckIn))

	// Walk-ins: three women and a man, counted by hand.
	test.Type(s.tally[taller.Female], "3")
	test.Type(s.tally[taller.Male], "1")
	test.Tap(s.tallyBtn)
	assert.Equal(t, "4", s.total.Value.Text)
	assert.Equal(t, "3", s.women.Value.Text)
	assert.Equal(t, "4 people added.", s.tallyMsg.Text)
	assert.Empty(t, s.tally[taller.Female].Text)

	// A count that is not a number is refused in plain words.
	test.Type(s.tally[taller.OtherGender], "many")
	test.Tap(s.tallyBtn)
	assert.Equal(t, "Each count must be between 0 and 500.", s.tallyMsg.Text)
}

func TestPaperForms(t *testing.T) {
	e, s := newScreen(t, i18n.Spanish)
	w := e.Workshop("Papel")
	e.HalfDay(w)
	e.ChooseWorkshop(w.ID)

	// A paper check-in, typed from the sheet.
	s.paperCheckInForm()
	require.NotNil(t, e.Dialogs().Top())
	p := currentPaper(t, s)
	p.radio[0].SetSelected("Mujer")
	p.radio[1].SetSelected("45 a 59")
	test.Tap(p.f.Submit)
	assert.Contains(t, p.msg.Text, "rol en la comunidad", "the role is missing")
	p.radio[2].SetSelected("Liderazgo comunitario")
	test.Tap(p.f.Submit)
	assert.Contains(t, p.msg.Text, "Código de participante: ")
	assert.Empty(t, p.radio[0].Selected, "the form is cleared for the next sheet")
	c, err := e.St.Counts(e.Ctx, w.ID)
	require.NoError(t, err)
	assert.Equal(t, 1, c.ByGender[taller.Female])
	e.Dialogs().Escape()

	// A paper pre-quiz, with the phones' questions, scored on the laptop.
	qs, err := e.Quiz(e.Ctx, w.ID, i18n.Spanish)
	require.NoError(t, err)
	require.NotEmpty(t, qs)
	s.paperQuizForm()
	p = currentPaper(t, s)
	require.Len(t, p.radio, len(qs))
	p.radio[0].SetSelected(qs[0].Options[qs[0].Answer])
	test.Tap(p.f.Submit)
	assert.Equal(t, "Hoja guardada. Puede copiar la siguiente.", p.msg.Text)
	e.Dialogs().Escape()

	// A paper evaluation: the post-quiz and the ratings.
	s.paperEvaluationForm()
	p = currentPaper(t, s)
	test.Tap(p.f.Submit)
	assert.Equal(t, "Falta la opinión sobre el taller: marque del 1 al 5 cada una de sus cinco preguntas.", p.msg.Text)
	for _, r := range p.radio[len(qs) : len(p.radio)-1] {
		r.SetSelected("4")
	}
	test.Tap(p.f.Submit)
	assert.Equal(t, "Falta marcar del 1 al 5: «Recomendaría este taller a otras personas».", p.msg.Text,
		"the one question left is named (from the domain's field error)")
	for _, r := range p.radio[len(qs):] {
		r.SetSelected("4")
	}
	test.Tap(p.f.Submit)
	assert.Equal(t, "Hoja guardada. Puede copiar la siguiente.", p.msg.Text)
	c, err = e.St.Counts(e.Ctx, w.ID)
	require.NoError(t, err)
	assert.Equal(t, 1, c.PreQuiz)
	assert.Equal(t, 1, c.PostQuiz)
	assert.Equal(t, 1, c.Evaluations)

	// A sheet with a code this workshop never issued is refused, and
	// nothing is stored.
	p.code.SetText("K7QX4")
	for _, r := range p.radio[len(qs):] {
		r.SetSelected("3")
	}
	test.Tap(p.f.Submit)
	assert.Equal(t, taller.Message(i18n.Spanish, taller.ErrCodeNotIssued), p.msg.Text)

	// Two sheets with the same printed slip code: the second is refused
	// as a repeat, as on the phones.
	slip, err := e.St.ReserveCodes(e.Ctx, w.ID, 1)
	require.NoError(t, err)
	for i, want := range []string{"Hoja guardada. Puede copiar la siguiente.", i18n.T(i18n.Spanish, "app.paper.repeat")} {
		p.code.SetText(slip[0])
		for _, r := range p.radio[len(qs):] {
			r.SetSelected("3")
		}
		test.Tap(p.f.Submit)
		assert.Equal(t, want, p.msg.Text, "sheet %d", i+1)
	}
	c, err = e.St.Counts(e.Ctx, w.ID)
	require.NoError(t, err)
	assert.Equal(t, 2, c.Evaluations, "one evaluation per participant code")
}

// currentPaper is the paper form of the dialog on top.
func currentPaper(t *testing.T, s *Screen) *paperForm {
	t.Helper()
	require.NotNil(t, s.lastPaper)
	return s.lastPaper
}

func TestAgendaCountdown(t *testing.T) {
	a := &taller.Agenda{Start: 9 * 60, Blocks: []taller.AgendaBlock{
		{Kind: taller.BlockCustom, Title: "A", Minutes: 30},
		{Kind: taller.BlockBreak, Minutes: 15},
	}}
	at := func(h, m, s int) blockNow { return agendaAt(a, time.Date(2025, 6, 10, h, m, s, 0, time.Local)) }
	b := at(8, 59, 30)
	assert.True(t, b.before)
	assert.Equal(t, "0:30", clockLeft(b.left))
	b = at(9, 10, 15)
	assert.Equal(t, 0, b.index)
	assert.Equal(t, 1, b.nextIndex)
	assert.Equal(t, "19:45", clockLeft(b.left))
	b = at(9, 40, 0)
	assert.Equal(t, 1, b.index)
	assert.Equal(t, -1, b.nextIndex)
	b = at(10, 0, 0)
	assert.True(t, b.after)
	assert.Equal(t, "1:02:03", clockLeft(time.Hour+2*time.Minute+3*time.Second))
}

func TestRunScreenOnAnotherDay(t *testing.T) {
	// Given a workshop on 10 June with an agenda starting at 09:00,
	e, s := newScreen(t, i18n.Spanish)
	w := e.Workshop("Otro día")
	e.HalfDay(w)
	e.ChooseWorkshop(w.ID)

	// three days before, at 08:00, the screen says when the workshop is
	// instead of counting down to today's 09:00,
	s.Tick(time.Date(2025, 6, 7, 8, 0, 0, 0, time.Local))
	assert.Equal(t, "", s.countdown.Text)
	assert.Contains(t, s.nowTitle.Text, "10/06/2025")
	assert.Contains(t, s.next.Text, "Primer bloque:")
	assert.True(t, s.notesCard.Visible(), "the first module's notes, to prepare")

	// and on the day itself it counts down.
	s.Tick(time.Date(2025, 6, 10, 8, 59, 0, 0, time.Local))
	assert.NotEmpty(t, s.countdown.Text)
	assert.Contains(t, s.next.Text, "Después:")
}

func TestPresenterCentresTheJoinCodeWithoutWiFi(t *testing.T) {
	e, s := newScreen(t, i18n.Spanish)
	w := e.Workshop("Proyector")
	e.ChooseWorkshop(w.ID)
	d := *s.data
	d.join, d.joinPNG = "http://192.168.137.1:8080/j/TOKEN", []byte("join")
	s.apply(&d)
	s.OpenPresenter()
	p := s.presenter
	require.NotNil(t, p)
	defer p.close()
	assert.InDelta(t, p.codes.Size().Width, p.joinQR.Size().Width, float64(2*theme.Padding()), "alone, the join code takes the whole row")

	d.ssid, d.wifiPNG = "Taller", []byte("wifi")
	s.apply(&d)
	p.codes.Refresh()
	assert.InDelta(t, p.codes.Size().Width/2, p.joinQR.Size().Width, 10, "beside the Wi-Fi code, half")
	left, right := p.codes.Objects[0], p.codes.Objects[1]
	gap := right.Position().X + p.joinQR.Position().X - (left.Position().X + p.wifiQR.Position().X + p.wifiQR.Size().Width)
	assert.GreaterOrEqual(t, gap, 2*theme.Padding(), "the two codes never touch")
}

func TestFirewallNote(t *testing.T) {
	old := showFirewallHint
	t.Cleanup(func() { showFirewallHint = old })

	showFirewallHint = false
	_, s := newScreen(t, i18n.Spanish)
	assert.False(t, s.firewall.Visible(), "only Windows asks")

	// On Windows the note shows until the facilitator dismisses it, and
	// stays dismissed.
	showFirewallHint = true
	e, s := newScreen(t, i18n.Spanish)
	require.True(t, s.firewall.Visible())
	var ok *widget.Button
	testdouble.Walk(s.firewall, func(o any) {
		if b, is := o.(*widget.Button); is {
			ok = b
		}
	})
	require.NotNil(t, ok)
	assert.Equal(t, "Entendido", ok.Text)
	test.Tap(ok)
	assert.False(t, s.firewall.Visible())
	s = New(e)
	assert.False(t, s.firewall.Visible(), "dismissed for good")
}

func TestProjectorShowsOnlyTheTotalUnlessAsked(t *testing.T) {
	e, s := newScreen(t, i18n.Spanish)
	w := e.Workshop("Privado")
	e.ChooseWorkshop(w.ID)
	s.OpenPresenter()
	p := s.presenter
	require.NotNil(t, p)
	defer p.close()
	assert.True(t, p.total.Box.Visible())
	assert.False(t, p.split.Visible(), "by default the room sees no count that moves with one person's gender")

	s.splitCheck.SetChecked(true)
	assert.True(t, p.split.Visible())
	s.splitCheck.SetChecked(false)
	assert.False(t, p.split.Visible())
}

func TestDialogsAreTranslated(t *testing.T) {
	for _, l := range i18n.Langs {
		e, s := newScreen(t, l)
		w := e.Workshop("Taller de prueba")
		e.HalfDay(w)
		e.ChooseWorkshop(w.ID)
		s.OpenPresenter()
		require.NotNil(t, s.presenter)
		testdouble.AssertTranslated(t, "presenter", testdouble.CanvasTexts(s.presenter.win.Canvas()))
		s.ClosePresenter()
		for name, open := range map[string]func(){
			"paper check-in": s.paperCheckInForm, "paper quiz": s.paperQuizForm, "paper evaluation": s.paperEvaluationForm,
		} {
			open()
			require.NotNil(t, e.Dialogs().Top(), name)
			testdouble.AssertTranslated(t, name, testdouble.CanvasTexts(e.Win.Canvas()))
			e.Dialogs().Escape()
		}
	}
}

func TestProjectorFitsAnyWidth(t *testing.T) {
	for _, width := range []float32{800, 1024, 1920} {
		e, s := newScreen(t, i18n.Spanish)
		e.Fake.Join = "http://192.168.137.1:8080/j/ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
		require.NoError(t, e.St.SetSetting(e.Ctx, taller.SettingWiFiSSID, "Taller"))
		w := e.Workshop("Proyector")
		e.ChooseWorkshop(w.ID)
		s.OpenPresenter()
		p := s.presenter
		require.NotNil(t, p)
		size := fyne.NewSize(width, width*3/4)
		p.win.Resize(size)
		p.content.Refresh()

		// The join address is shown whole, never cut at the edges,
		shown := fyne.MeasureText(p.url.Text, p.url.TextSize, p.url.TextStyle).Width
		assert.LessOrEqual(t, shown, p.url.Size().Width+1, "%.0f px: the address fits", width)
		assert.LessOrEqual(t, p.url.Size().Width, width, "%.0f px", width)
		if width >= 1920 {
			assert.Equal(t, float32(40), p.url.TextSize, "full size when there is room")
		}
		// the two codes do not overlap and stay in the window,
		left, right := p.codes.Objects[0], p.codes.Objects[1]
		assert.LessOrEqual(t, left.Position().X+left.Size().Width, right.Position().X, "%.0f px: codes apart", width)
		qr := fyne.CurrentApp().Driver().AbsolutePositionForObject(p.joinQR)
		assert.LessOrEqual(t, qr.X+p.joinQR.Size().Width, width, "%.0f px: the join code is inside", width)
		// and the count is in sight.
		total := fyne.CurrentApp().Driver().AbsolutePositionForObject(p.total.Value)
		assert.LessOrEqual(t, total.X+p.total.Value.Size().Width, width)
		assert.LessOrEqual(t, total.Y+p.total.Value.Size().Height, size.Height)
		s.ClosePresenter()
	}
}

func TestProjectorCodeFillsItsPlaceWithoutWiFi(t *testing.T) {
	e, s := newScreen(t, i18n.Spanish)
	w := e.Workshop("Sin Wi-Fi")
	e.ChooseWorkshop(w.ID)
	s.OpenPresenter()
	p := s.presenter
	require.NotNil(t, p)
	defer s.ClosePresenter()
	p.win.Resize(fyne.NewSize(1024, 768))
	p.content.Refresh()
	assert.InDelta(t, p.codes.Size().Height, p.joinQR.Size().Height, float64(2*theme.Padding()),
		"alone, the join code takes the whole height of its place")
}

func TestPaperCodeIsCheckedByTheDomain(t *testing.T) {
	e, s := newScreen(t, i18n.Spanish)
	w := e.Workshop("Código")
	e.HalfDay(w)
	e.ChooseWorkshop(w.ID)
	s.paperEvaluationForm()
	p := currentPaper(t, s)
	for _, r := range p.radio {
		if len(r.Options) == 5 {
			r.SetSelected("4")
		}
	}
	p.code.SetText("no es un código")
	test.Tap(p.f.Submit)
	assert.Equal(t, i18n.T(i18n.Spanish, "err.code.invalid"), p.msg.Text)
	c, err := e.St.Counts(e.Ctx, w.ID)
	require.NoError(t, err)
	assert.Zero(t, c.Evaluations, "nothing written")
}
