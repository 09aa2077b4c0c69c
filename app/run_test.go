package app

import (
	"bytes"
	"image"
	_ "image/png"
	"net/url"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/i18n"
	"taller/participant/phonetest"
)

func TestCheckInMovesCounter(t *testing.T) {
	// Given the Run screen open (which starts the participant server in
	// the app's process) and check-in opened with its button,
	e := newEnv(t, i18n.Spanish)
	w := e.workshop("En vivo")
	e.halfDay(w)
	e.u.subscribe()
	e.choose(w, screenRun)
	s := e.u.run
	require.NotNil(t, s.data)
	assert.Equal(t, "0", s.total.value.Text)
	test.Tap(s.phases[taller.PhaseCheckIn])
	assert.Equal(t, "Cerrar registro", s.phases[taller.PhaseCheckIn].Text)
	require.NotEmpty(t, s.data.join)

	applied := make(chan [2]string, 16)
	s.onApply = func() {
		select {
		case applied <- [2]string{s.total.value.Text, s.women.value.Text}:
		default:
		}
	}

	// when a phone scans the QR code and checks in over real HTTP,
	join, err := url.Parse(s.data.join)
	require.NoError(t, err)
	phone, err := phonetest.New("http://127.0.0.1:"+join.Port(), nil)
	require.NoError(t, err)
	pg, err := phone.Get(join.Path)
	require.NoError(t, err)
	require.Equal(t, 200, pg.Status)
	f, err := pg.Form("/checkin")
	require.NoError(t, err)
	start := time.Now()
	saved, err := phone.Submit(f, url.Values{"gender": {"female"}, "age_band": {"30-44"}, "role": {"leader"}})
	require.NoError(t, err)
	require.Equal(t, 200, saved.Status)

	// then the counters on the laptop move within a second.
	deadline := time.After(time.Second)
	for {
		select {
		case got := <-applied:
			if got == [2]string{"1", "1"} {
				t.Logf("counter moved %v after the phone was told \"saved\"", time.Since(start).Round(time.Millisecond))
				return
			}
		case <-deadline:
			t.Fatal("the counter did not move within a second")
		}
	}
}

func TestPhasesAndWalkIns(t *testing.T) {
	e := newEnv(t, i18n.English)
	w := e.workshop("Phases")
	e.choose(w, screenRun)
	s := e.u.run

	test.Tap(s.phases[taller.PhaseCheckIn])
	got, err := e.st.Workshop(e.ctx, w.ID)
	require.NoError(t, err)
	assert.True(t, got.IsOpen(taller.PhaseCheckIn))
	assert.Equal(t, "Close check-in", s.phases[taller.PhaseCheckIn].Text)
	assert.Equal(t, "Open now: Check-in.", s.openNow.Text)

	test.Tap(s.closeAll)
	got, _ = e.st.Workshop(e.ctx, w.ID)
	assert.False(t, got.IsOpen(taller.PhaseCheckIn))

	// Walk-ins: three women and a man, counted by hand.
	test.Type(s.tally[taller.Female], "3")
	test.Type(s.tally[taller.Male], "1")
	test.Tap(s.tallyBtn)
	assert.Equal(t, "4", s.total.value.Text)
	assert.Equal(t, "3", s.women.value.Text)
	assert.Equal(t, "4 people added.", s.tallyMsg.Text)
	assert.Empty(t, s.tally[taller.Female].Text)

	// A count that is not a number is refused in plain words.
	test.Type(s.tally[taller.OtherGender], "many")
	test.Tap(s.tallyBtn)
	assert.Equal(t, "Each count must be between 0 and 500.", s.tallyMsg.Text)
}

func TestPaperForms(t *testing.T) {
	e := newEnv(t, i18n.Spanish)
	w := e.workshop("Papel")
	e.halfDay(w)
	e.choose(w, screenRun)
	s := e.u.run

	// A paper check-in, typed from the sheet.
	s.paperCheckInForm()
	require.NotNil(t, e.u.dialogs.top())
	p := currentPaper(t, e)
	p.radio[0].SetSelected("Mujer")
	p.radio[1].SetSelected("45 a 59")
	test.Tap(p.f.submit)
	assert.Contains(t, p.msg.Text, "rol en la comunidad", "the role is missing")
	p.radio[2].SetSelected("Liderazgo comunitario")
	test.Tap(p.f.submit)
	assert.Contains(t, p.msg.Text, "Código de participante: ")
	assert.Empty(t, p.radio[0].Selected, "the form is cleared for the next sheet")
	c, err := e.st.Counts(e.ctx, w.ID)
	require.NoError(t, err)
	assert.Equal(t, 1, c.ByGender[taller.Female])
	e.u.escape()

	// A paper pre-quiz, with the phones' questions, scored on the laptop.
	qs, err := e.u.quizQuestions(e.ctx, w.ID, i18n.Spanish)
	require.NoError(t, err)
	require.NotEmpty(t, qs)
	s.paperQuizForm()
	p = currentPaper(t, e)
	require.Len(t, p.radio, len(qs))
	p.radio[0].SetSelected(qs[0].Options[qs[0].Answer])
	test.Tap(p.f.submit)
	assert.Equal(t, "Hoja guardada. Puede copiar la siguiente.", p.msg.Text)
	e.u.escape()

	// A paper evaluation: the post-quiz and the ratings.
	s.paperEvaluationForm()
	p = currentPaper(t, e)
	test.Tap(p.f.submit)
	assert.Equal(t, "Responda todas las preguntas de 1 a 5.", p.msg.Text)
	for _, r := range p.radio[len(qs):] {
		r.SetSelected("4")
	}
	test.Tap(p.f.submit)
	assert.Equal(t, "Hoja guardada. Puede copiar la siguiente.", p.msg.Text)
	c, err = e.st.Counts(e.ctx, w.ID)
	require.NoError(t, err)
	assert.Equal(t, 1, c.PreQuiz)
	assert.Equal(t, 1, c.PostQuiz)
	assert.Equal(t, 1, c.Evaluations)

	// Two sheets with the same participant code: the second is refused as
	// a repeat, as on the phones.
	for i, want := range []string{"Hoja guardada. Puede copiar la siguiente.", i18n.T(i18n.Spanish, "app.paper.repeat")} {
		p.code.SetText("K7QX4")
		for _, r := range p.radio[len(qs):] {
			r.SetSelected("3")
		}
		test.Tap(p.f.submit)
		assert.Equal(t, want, p.msg.Text, "sheet %d", i+1)
	}
	c, err = e.st.Counts(e.ctx, w.ID)
	require.NoError(t, err)
	assert.Equal(t, 2, c.Evaluations, "one evaluation per participant code")
}

// currentPaper is the paper form of the dialog on top.
func currentPaper(t *testing.T, e *env) *paperForm {
	t.Helper()
	require.NotNil(t, e.u.run.lastPaper)
	return e.u.run.lastPaper
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

func TestPoster(t *testing.T) {
	for _, ssid := range []string{"", "TallerWiFi"} {
		data, err := renderPoster(posterInfo{Lang: i18n.Spanish, Title: "Respuestas comunitarias frente a la extorsión",
			Subtitle: "10/06/2024 · San Vicente", Join: "http://192.168.137.1:8080/j/ABCDEFGHIJKLMNOPQRSTUVWXYZ",
			SSID: ssid, Password: "clave-segura"})
		require.NoError(t, err)
		img, _, err := image.Decode(bytes.NewReader(data))
		require.NoError(t, err)
		assert.Equal(t, image.Rect(0, 0, posterW, posterH), img.Bounds())
	}
}

func TestRunScreenOnAnotherDay(t *testing.T) {
	// Given a workshop on 10 June with an agenda starting at 09:00,
	e := newEnv(t, i18n.Spanish)
	w := e.workshop("Otro día")
	e.halfDay(w)
	e.choose(w, screenRun)
	s := e.u.run

	// three days before, at 08:00, the screen says when the workshop is
	// instead of counting down to today's 09:00,
	s.tick(time.Date(2025, 6, 7, 8, 0, 0, 0, time.Local))
	assert.Equal(t, "", s.countdown.Text)
	assert.Contains(t, s.nowTitle.Text, "10/06/2025")
	assert.Contains(t, s.next.Text, "Primer bloque:")
	assert.True(t, s.notesCard.Visible(), "the first module's notes, to prepare")

	// and on the day itself it counts down.
	s.tick(time.Date(2025, 6, 10, 8, 59, 0, 0, time.Local))
	assert.NotEmpty(t, s.countdown.Text)
	assert.Contains(t, s.next.Text, "Después:")
}

func TestPresenterCentresTheJoinCodeWithoutWiFi(t *testing.T) {
	e := newEnv(t, i18n.Spanish)
	w := e.workshop("Proyector")
	e.choose(w, screenRun)
	s := e.u.run
	d := *s.data
	d.join, d.joinPNG = "http://192.168.137.1:8080/j/TOKEN", []byte("join")
	s.apply(&d)
	s.openPresenter()
	p := e.u.presenter
	require.NotNil(t, p)
	defer p.close()
	assert.Equal(t, p.codes.Size().Width, p.joinQR.Size().Width, "alone, the join code takes the whole row")

	d.ssid, d.wifiPNG = "Taller", []byte("wifi")
	s.apply(&d)
	p.codes.Refresh()
	assert.InDelta(t, p.codes.Size().Width/2, p.joinQR.Size().Width, 10, "beside the Wi-Fi code, half")
}

func TestFirewallNote(t *testing.T) {
	old := showFirewallHint
	t.Cleanup(func() { showFirewallHint = old })

	showFirewallHint = false
	e := newEnv(t, i18n.Spanish)
	assert.False(t, e.u.run.firewall.Visible(), "only Windows asks")

	// On Windows the note shows until the facilitator dismisses it, and
	// stays dismissed.
	showFirewallHint = true
	e = newEnv(t, i18n.Spanish)
	require.True(t, e.u.run.firewall.Visible())
	var ok *buttonRef
	walkObjects(e.u.run.firewall, func(o any) {
		if b, is := o.(*buttonRef); is {
			ok = b
		}
	})
	require.NotNil(t, ok)
	assert.Equal(t, "Entendido", ok.Text)
	test.Tap(ok)
	assert.False(t, e.u.run.firewall.Visible())
	e.u.build()
	assert.False(t, e.u.run.firewall.Visible(), "dismissed for good")
}

func TestProjectorShowsOnlyTheTotalUnlessAsked(t *testing.T) {
	e := newEnv(t, i18n.Spanish)
	w := e.workshop("Privado")
	e.choose(w, screenRun)
	s := e.u.run
	s.openPresenter()
	p := e.u.presenter
	require.NotNil(t, p)
	defer p.close()
	assert.True(t, p.total.box.Visible())
	assert.False(t, p.split.Visible(), "by default the room sees no count that moves with one person's gender")

	s.splitCheck.SetChecked(true)
	assert.True(t, p.split.Visible())
	s.splitCheck.SetChecked(false)
	assert.False(t, p.split.Visible())
}
