package participant

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
)

// End-to-end: real phones (cookie jars) over HTTP on 127.0.0.1 against a
// real SQLite file, for the ways one phone could speak for another.

func TestTakeoverOfAParticipantCodeIsRefused(t *testing.T) {
	e := newEnv(t, nil)
	e.open(taller.PhaseCheckIn)
	her, neighbour := e.phone(), e.phone()
	code := her.checkIn(her.join()).Text("code")
	require.Len(t, code, taller.CodeLen)
	e.close(taller.PhaseCheckIn)
	e.open(taller.PhaseEvaluation)

	// given a neighbour who read her code off her screen
	pg := neighbour.join()
	vals := evaluationAnswers(0)
	vals.Set("code", code)
	taken := neighbour.submit(pg, "/evaluation", vals)

	// then the neighbour is refused, told to ask the facilitator, never "saved"
	assert.Equal(t, http.StatusConflict, taken.Status)
	assert.NotEqual(t, "¡Gracias! Quedó guardado", taken.Title())
	assert.Contains(t, taken.Text("err"), "otro celular")
	assert.Contains(t, taken.Text("err"), "quien facilita")
	assert.Contains(t, taken.Body, `<a href="#code">`, "the message leads to the code field")
	assert.Contains(t, taken.Body, `aria-invalid=true aria-describedby="code-err"`)
	n := e.counts()
	assert.Zero(t, n.Evaluations+n.PostQuiz, "nothing of the neighbour's is stored")
	assert.Equal(t, 1, n.RefusedCodes, "the facilitator sees the attempt")

	// and her own phone gets through with her own code
	mine := her.submit(her.join(), "/evaluation", evaluationAnswers(3))
	require.Equal(t, http.StatusOK, mine.Status, mine.Body)
	assert.Equal(t, "¡Gracias! Quedó guardado", mine.Title())
	assert.Equal(t, code, mine.Text("mono"))

	// and after her, the neighbour's retry is still refused
	again := neighbour.submit(taken, "/evaluation", vals)
	assert.Equal(t, http.StatusConflict, again.Status)
	n = e.counts()
	assert.Equal(t, 1, n.Evaluations)
	assert.Equal(t, 1, n.PostQuiz)
	assert.Equal(t, 2, n.RefusedCodes)
	a, err := e.st.Aggregates(context.Background(), e.ws.ID, false)
	require.NoError(t, err)
	assert.InDelta(t, 100.0, a.Post.Sum, 0.01, "the stored post-quiz is hers: 3 of 3")
}

func TestPreQuizTakeoverIsRefused(t *testing.T) {
	e := newEnv(t, nil)
	e.open(taller.PhaseCheckIn)
	her, neighbour := e.phone(), e.phone()
	code := her.checkIn(her.join()).Text("code")
	e.close(taller.PhaseCheckIn)
	e.open(taller.PhaseQuiz)

	vals := quizAnswers(0)
	vals.Set("code", code)
	taken := neighbour.submit(neighbour.join(), "/quiz", vals)
	assert.Equal(t, http.StatusConflict, taken.Status)
	assert.Contains(t, taken.Text("err"), "quien facilita")
	assert.Zero(t, e.counts().PreQuiz)

	mine := her.submit(her.join(), "/quiz", quizAnswers(3))
	assert.Equal(t, "¡Gracias! Quedó guardado", mine.Title())
	assert.Equal(t, 1, e.counts().PreQuiz)
}

func TestNeverIssuedCodeIsRefused(t *testing.T) {
	e := newEnv(t, nil)
	e.open(taller.PhaseEvaluation)
	p := e.phone()
	pg := p.join()
	vals := evaluationAnswers(2)
	vals.Set("code", "KKKK7")

	refused := p.submit(pg, "/evaluation", vals)

	assert.Equal(t, http.StatusConflict, refused.Status)
	assert.Contains(t, refused.Text("err"), "no se entregó en este taller")
	f, err := refused.Form("/evaluation")
	require.NoError(t, err, "the form comes back with the answers kept")
	assert.Equal(t, "KKKK7", f.Texts["code"])
	assert.Equal(t, "Hablar con mis vecinas", f.Texts["apply"])
	assert.Zero(t, e.counts().Evaluations)
	assert.Equal(t, 1, e.counts().RefusedCodes)

	// with the code left empty the phone is heard once, unpaired
	vals.Del("code")
	saved := p.submit(refused, "/evaluation", vals)
	assert.Equal(t, "¡Gracias! Quedó guardado", saved.Title())
	assert.Equal(t, 1, e.counts().Evaluations)
}

func TestPhoneClearingItsCookieCannotStuffAnswers(t *testing.T) {
	// Loopback is counted as one address here, as a phone on the hotspot.
	e := newEnv(t, func(c *Config) { c.LimitLoopback = true })
	e.open(taller.PhaseQuiz)
	for i := range 10 {
		p := e.phone() // a fresh cookie jar: the same phone after clearing its cookie
		out := p.submit(p.join(), "/quiz", quizAnswers(3))
		if i < DefaultAnswersPerAddress {
			require.Equal(t, http.StatusOK, out.Status, "quiz %d", i+1)
		} else {
			assertFriendly(t, out, http.StatusTooManyRequests, "Este celular ya envió varias respuestas")
		}
	}
	assert.Equal(t, DefaultAnswersPerAddress, e.counts().PreQuiz)

	e.close(taller.PhaseQuiz)
	e.open(taller.PhaseEvaluation)
	for i := range 10 {
		p := e.phone()
		out := p.submit(p.join(), "/evaluation", evaluationAnswers(3))
		if i < DefaultAnswersPerAddress {
			require.Equal(t, http.StatusOK, out.Status, "evaluation %d", i+1)
		} else {
			assertFriendly(t, out, http.StatusTooManyRequests, "Este celular ya envió varias respuestas")
		}
	}
	n := e.counts()
	assert.Equal(t, DefaultAnswersPerAddress, n.Evaluations, "10 posts, 3 stored")
	assert.Equal(t, DefaultAnswersPerAddress, n.PostQuiz)

	// a retry of an evaluation already stored is not counted again
	e2 := newEnv(t, func(c *Config) { c.LimitLoopback = true; c.AnswersPerAddress = 1 })
	e2.open(taller.PhaseEvaluation)
	p := e2.phone()
	pg := p.join()
	for range 3 {
		assert.Equal(t, http.StatusOK, p.submit(pg, "/evaluation", evaluationAnswers(1)).Status)
	}
	assert.Equal(t, 1, e2.counts().Evaluations)
}

func TestLoopbackIsNotLimitedInUse(t *testing.T) {
	e := newEnv(t, nil) // LimitLoopback off: the laptop itself
	e.open(taller.PhaseEvaluation)
	for range DefaultAnswersPerAddress + 2 {
		p := e.phone()
		require.Equal(t, http.StatusOK, p.submit(p.join(), "/evaluation", evaluationAnswers(1)).Status)
	}
	assert.Equal(t, DefaultAnswersPerAddress+2, e.counts().Evaluations)
}

func TestLateArrivalIsCountedFirst(t *testing.T) {
	e := newEnv(t, nil)
	e.open(taller.PhaseCheckIn)
	e.open(taller.PhaseEvaluation)
	late := e.phone()

	// given a phone that never checked in, while check-in and the evaluation are open
	pg := late.join()

	// then it is offered the check-in first
	assert.Equal(t, "Registro", pg.Title())
	_, err := pg.Form("/checkin")
	require.NoError(t, err)
	saved := late.checkIn(pg)
	require.Equal(t, http.StatusOK, saved.Status)
	assert.Equal(t, "Seguir a la evaluación", saved.Text("btn"), "and can then go on")
	assert.Contains(t, saved.Body, `href="`+e.joinPath()+`"`)

	// and the evaluation follows, paired with its check-in
	ev := late.join()
	assert.Equal(t, "Evaluación del taller", ev.Title())
	f, err := ev.Form("/evaluation")
	require.NoError(t, err)
	assert.NotContains(t, f.Texts, "code")
	done := late.submit(ev, "/evaluation", evaluationAnswers(2))
	assert.Equal(t, saved.Text("code"), done.Text("mono"))
	n := e.counts()
	assert.Equal(t, 1, n.Total, "everyone present is counted")
	assert.Equal(t, 1, n.Evaluations)

	// someone who checked in on paper goes past the check-in with the code from the sheet
	paper, err := e.st.CheckIn(context.Background(), &taller.CheckIn{WorkshopID: e.ws.ID, SubmissionID: taller.NewID(),
		Gender: taller.Female, AgeBand: "60plus", Role: "community", Source: taller.SourcePaper})
	require.NoError(t, err)
	other := e.phone()
	first := other.join()
	require.Contains(t, first.Body, `href="`+e.joinPath()+`?then=1"`)
	skip := other.get(e.joinPath() + "?then=1")
	assert.Equal(t, "Evaluación del taller", skip.Title())
	assert.Contains(t, skip.Body, `href="`+e.joinPath()+`?lang=en&amp;then=1"`, "the language switch stays past the check-in")
	vals := evaluationAnswers(1)
	vals.Set("code", paper.Code)
	out := other.submit(skip, "/evaluation", vals)
	assert.Equal(t, "¡Gracias! Quedó guardado", out.Title())
	n = e.counts()
	assert.Equal(t, 2, n.Total, "not counted twice")
	assert.Equal(t, 2, n.Evaluations)
}

func TestBidiAndEscapesAreCleanedFromComments(t *testing.T) {
	e := newEnv(t, nil)
	e.open(taller.PhaseEvaluation)
	p := e.phone()
	vals := evaluationAnswers(1)
	vals.Set("apply", "Hablar \u202econ\u202c vecinas")
	vals.Set("comment", "\x1b[31mRojo\x1b[0m y \u2066aislado\u2069\r\nfin\x1b]0;título\x07")

	out := p.submit(p.join(), "/evaluation", vals)

	require.Equal(t, http.StatusOK, out.Status, out.Body)
	comments, err := e.st.Comments(context.Background(), e.ws.ID)
	require.NoError(t, err)
	require.Len(t, comments, 2)
	assert.Equal(t, "Hablar con vecinas", comments[0].Text)
	assert.Equal(t, "Rojo y aislado\nfin", comments[1].Text)
}

func TestTrailingSlashAndTokenCase(t *testing.T) {
	e := newEnv(t, nil)
	e.open(taller.PhaseCheckIn)
	p := e.phone()
	for _, path := range []string{e.joinPath() + "/", "/j/" + strings.ToLower(e.ws.JoinToken), "/j/" + strings.ToLower(e.ws.JoinToken) + "/"} {
		pg := p.get(path)
		assert.Equal(t, http.StatusOK, pg.Status, path)
		assert.Equal(t, "Registro", pg.Title(), path)
		f, err := pg.Form("/checkin")
		require.NoError(t, err)
		assert.Equal(t, e.joinPath()+"/checkin", f.Action, "forms post to the canonical address")
	}
	saved := p.checkIn(p.get("/j/" + strings.ToLower(e.ws.JoinToken) + "/"))
	assert.Equal(t, http.StatusOK, saved.Status)
	assert.Equal(t, 1, e.counts().Total)
}

func TestMissingAnswersAreMarkedAndLinked(t *testing.T) {
	e := newEnv(t, nil)
	e.open(taller.PhaseCheckIn)
	p := e.phone()
	again := p.submit(p.join(), "/checkin", url.Values{"gender": {"female"}})

	assert.Equal(t, http.StatusBadRequest, again.Status)
	assert.Contains(t, again.Body, `<a href="#f-age_band">Falta responder alguna pregunta`, "the message leads to the first missing question")
	assert.Contains(t, again.Body, `<fieldset class="bad" id="f-age_band">`)
	assert.Contains(t, again.Body, `<fieldset class="bad"><legend>¿Cuál es su papel`, "every missing question is marked")
	assert.Contains(t, again.Body, `.bad legend:after{content:"Falta esta respuesta"}`)
	assert.NotContains(t, again.Body, `class="bad"><legend>¿Cómo se identifica`, "the answered one is not")

	e.open(taller.PhaseEvaluation)
	q := e.phone()
	vals := evaluationAnswers(3)
	vals.Del("r.safety")
	ev := q.submit(q.get(e.joinPath()+"?then=1"), "/evaluation", vals)
	assert.Contains(t, ev.Body, `<a href="#f-r-safety">`)
	assert.Contains(t, ev.Body, `<fieldset class="bad" id="f-r-safety">`)
}

func TestScaleLegendIsPartOfTheGroup(t *testing.T) {
	e := newEnv(t, nil)
	e.open(taller.PhaseEvaluation)
	pg := e.phone().join()
	legends := regexp.MustCompile(`<fieldset><legend>([^<]*)<span class=hint>([^<]*)</span></legend><div class=s>`).FindAllStringSubmatch(pg.Body, -1)
	require.Len(t, legends, len(taller.LikertItems), "each 1–5 item's legend names the scale")
	assert.Equal(t, "1 = malo · 5 = excelente", legends[0][2])
	assert.Equal(t, "1 = nada de acuerdo · 5 = muy de acuerdo", legends[1][2])
}

func TestLargerTextSwitch(t *testing.T) {
	e := newEnv(t, nil)
	e.open(taller.PhaseCheckIn)
	p := e.phone()
	normal := p.join()
	assert.Contains(t, normal.Body, `<body>`)
	assert.Contains(t, normal.Body, `href="`+e.joinPath()+`?text=big">A+<span class="sr"> letra más grande</span></a>`)

	big := p.get(e.joinPath() + "?text=big")
	assert.Contains(t, big.Body, `<body class="big">`)
	assert.Contains(t, big.Body, `?text=normal">A−`)
	assert.Contains(t, p.join().Body, `<body class="big">`, "the choice is kept in a cookie")
	assert.Contains(t, p.checkIn(p.join()).Body, `<body class="big">`, "through the form")
	assert.Contains(t, p.get(e.joinPath()+"?text=normal").Body, `<body>`)
}

func TestReservedPaperCodeIsRefusedToPhones(t *testing.T) {
	e := newEnv(t, nil)
	codes, err := e.st.ReserveCodes(context.Background(), e.ws.ID, 2)
	require.NoError(t, err)
	// one slip was entered by the facilitator, the other not yet
	_, err = e.st.CheckIn(context.Background(), &taller.CheckIn{WorkshopID: e.ws.ID, SubmissionID: taller.NewID(), Code: codes[0],
		Gender: taller.Female, AgeBand: "30-44", Role: "leader", Source: taller.SourcePaper})
	require.NoError(t, err)
	e.open(taller.PhaseEvaluation)
	p := e.phone()
	for _, c := range codes {
		vals := evaluationAnswers(1)
		vals.Set("code", c)
		out := p.submit(p.join(), "/evaluation", vals)
		assert.Equal(t, http.StatusConflict, out.Status, c)
		assert.Contains(t, out.Text("err"), "hoja de papel", c)
	}
	n := e.counts()
	assert.Zero(t, n.Evaluations)
	assert.Equal(t, 2, n.RefusedCodes)
}
