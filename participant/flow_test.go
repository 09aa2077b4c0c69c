package participant

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/i18n"
	"taller/participant/phonetest"
	"taller/store"
)

func TestNothingOpenShowsFriendlyPage(t *testing.T) {
	e := newEnv(t, nil)
	p := e.phone()

	pg := p.join()

	assert.Equal(t, http.StatusOK, pg.Status)
	assert.Equal(t, "No hay nada abierto en este momento", pg.Title())
	assert.Empty(t, pg.Forms)
	assert.NotEmpty(t, p.Cookie(deviceCookie), "the phone gets its device cookie on the first visit")
}

func TestCheckInShowsCodeAndCountsOnce(t *testing.T) {
	e := newEnv(t, nil)
	e.open(taller.PhaseCheckIn)
	p := e.phone()

	// given the check-in form
	pg := p.join()
	require.Equal(t, http.StatusOK, pg.Status)
	f, err := pg.Form("/checkin")
	require.NoError(t, err)
	assert.Equal(t, "post", f.Method)
	assert.Equal(t, []string{"female", "male", "other", "undisclosed"}, f.Radios["gender"])
	assert.Equal(t, []string{"under18", "18-29", "30-44", "45-59", "60plus"}, f.Radios["age_band"])
	assert.Equal(t, []string{"community", "leader", "business", "public", "civil_society", "other"}, f.Radios["role"])
	assert.True(t, f.Required["gender"] && f.Required["age_band"] && f.Required["role"])
	assert.NotEmpty(t, f.Hidden["sid"])
	assert.NotEmpty(t, f.Hidden["csrf"])
	assert.Empty(t, f.Texts, "check-in asks for no free text: no names, no numbers")

	// when the phone checks in
	saved := p.checkIn(pg)

	// then it sees its code, and the store has exactly one check-in
	require.Equal(t, http.StatusOK, saved.Status, saved.Body)
	assert.Equal(t, "¡Registro guardado!", saved.Title())
	code := saved.Text("code")
	assert.Equal(t, code, taller.NormalizeCode(code), "a valid participant code")
	assert.Contains(t, saved.Text("leave"), "Wi-Fi")
	n := e.counts()
	assert.Equal(t, 1, n.Total)
	assert.Equal(t, 1, n.ByGender[taller.Female])
	assert.Equal(t, 1, n.ByAgeBand["30-44"])
	assert.Equal(t, 1, n.ByRole["leader"])
	stored, err := e.st.CodeForDevice(context.Background(), e.ws.ID, DeviceHash(p.Cookie(deviceCookie)))
	require.NoError(t, err)
	assert.Equal(t, code, stored, "the device is stored as the hash of its cookie")

	// and coming back shows the code again, not a second form
	again := p.join()
	assert.Equal(t, "¡Registro guardado!", again.Title())
	assert.Equal(t, code, again.Text("code"))
	assert.Empty(t, again.Forms)
}

func TestRetriedSubmissionWritesNothing(t *testing.T) {
	e := newEnv(t, nil)
	e.open(taller.PhaseCheckIn)
	p := e.phone()
	pg := p.join()

	first := p.checkIn(pg)
	retry := p.checkIn(pg) // the same form, same submission id: a retried POST

	assert.Equal(t, http.StatusOK, retry.Status)
	assert.Equal(t, first.Body, retry.Body, "a retry gets the very same saved page")
	assert.Equal(t, 1, e.counts().Total)
}

func TestDoubleTapAndSecondTabCountOnce(t *testing.T) {
	e := newEnv(t, nil)
	e.open(taller.PhaseCheckIn)
	p := e.phone()
	tab1 := p.join()
	tab2 := p.join() // a second tab: another submission id, same device

	var wg sync.WaitGroup
	codes := make([]string, 4)
	for i := range codes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pg := tab1
			if i%2 == 1 {
				pg = tab2
			}
			f, err := pg.Form("/checkin")
			if !assert.NoError(t, err) {
				return
			}
			out, err := p.Submit(f, url.Values{"gender": {"male"}, "age_band": {"18-29"}, "role": {"community"}})
			if assert.NoError(t, err) && assert.Equal(t, http.StatusOK, out.Status) {
				codes[i] = out.Text("code")
			}
		}()
	}
	wg.Wait()

	for _, c := range codes {
		assert.Equal(t, codes[0], c, "every tap sees the same code")
	}
	assert.Equal(t, 1, e.counts().Total, "one phone, one check-in")
}

func TestPreQuizAfterCheckIn(t *testing.T) {
	e := newEnv(t, nil)
	e.open(taller.PhaseCheckIn)
	e.open(taller.PhaseQuiz)
	p := e.phone()

	// check-in comes first while it is open
	pg := p.join()
	_, err := pg.Form("/checkin")
	require.NoError(t, err)
	saved := p.checkIn(pg)
	assert.Contains(t, saved.Body, `href="`+e.joinPath()+`"`, "the saved page leads on to the quiz")
	assert.Equal(t, "Responder el cuestionario inicial", saved.Text("btn"))

	// then the quiz, without the code field: the phone is known
	quiz := p.join()
	assert.Equal(t, "Cuestionario inicial", quiz.Title())
	f, err := quiz.Form("/quiz")
	require.NoError(t, err)
	assert.Len(t, f.Radios, len(testQuiz))
	assert.Equal(t, []string{"0", "1", "2"}, f.Radios["q0"])
	assert.Equal(t, []string{"0", "1"}, f.Radios["q1"])
	assert.Equal(t, quizVersion(testQuiz), f.Hidden["qv"])
	assert.NotContains(t, f.Texts, "code")
	assert.NotContains(t, quiz.Body, "Answer", "the right answers never reach the phone")

	done := p.submit(quiz, "/quiz", quizAnswers(2))
	require.Equal(t, http.StatusOK, done.Status, done.Body)
	assert.Equal(t, "¡Gracias! Quedó guardado", done.Title())
	assert.Equal(t, saved.Text("code"), done.Text("mono"))

	// retry: same page, nothing new
	again := p.submit(quiz, "/quiz", quizAnswers(2))
	assert.Equal(t, done.Body, again.Body)
	n := e.counts()
	assert.Equal(t, 1, n.PreQuiz)
	a, err := e.st.Aggregates(context.Background(), e.ws.ID, false)
	require.NoError(t, err)
	assert.InDelta(t, 200.0/3, a.Pre.Sum, 0.01, "score computed by the server: 2 of 3")

	// coming back shows it is done
	assert.Equal(t, "¡Gracias! Quedó guardado", p.join().Title())
}

func TestQuizWithoutCheckInOffersCode(t *testing.T) {
	e := newEnv(t, nil)
	e.open(taller.PhaseQuiz)
	p := e.phone()

	quiz := p.join()
	f, err := quiz.Form("/quiz")
	require.NoError(t, err)
	assert.Contains(t, f.Texts, "code", "a phone that never checked in may type its code")

	done := p.submit(quiz, "/quiz", quizAnswers(3))
	require.Equal(t, http.StatusOK, done.Status, done.Body)
	assert.Equal(t, 1, e.counts().PreQuiz)
}

func TestEvaluationPairsByDeviceAndByCode(t *testing.T) {
	e := newEnv(t, nil)
	e.open(taller.PhaseCheckIn)
	e.open(taller.PhaseQuiz)
	kept := e.phone()
	kept.checkIn(kept.join())
	kept.submit(kept.join(), "/quiz", quizAnswers(1))
	// Another participant checked in on paper and took the pre-quiz on a
	// borrowed phone, typing the code from her sheet, loosely. (Had her
	// pre-quiz been on paper, no phone could take her code: see
	// TestPhoneCannotTakeThePlaceOfSomeoneWhoAnsweredOnPaper.)
	ctx := context.Background()
	paper, err := e.st.CheckIn(ctx, &taller.CheckIn{WorkshopID: e.ws.ID, SubmissionID: taller.NewID(),
		Gender: taller.Male, AgeBand: "45-59", Role: "community", Source: taller.SourcePaper})
	require.NoError(t, err)
	lost := e.phone()
	c := strings.ToLower(paper.Code)
	loose := " " + c[:2] + "-" + c[2:] + " "
	pre := quizAnswers(1)
	pre.Set("code", loose)
	require.Equal(t, http.StatusOK, lost.submit(lost.get(e.joinPath()+"?then=1"), "/quiz", pre).Status) // past the check-in offered first
	e.close(taller.PhaseCheckIn)
	e.close(taller.PhaseQuiz)
	e.open(taller.PhaseEvaluation)

	// the phone that kept its cookie: no code field, paired by device
	pg := kept.join()
	assert.Equal(t, "Evaluación del taller", pg.Title())
	f, err := pg.Form("/evaluation")
	require.NoError(t, err)
	assert.NotContains(t, f.Texts, "code")
	for _, it := range taller.LikertItems {
		assert.Equal(t, []string{"1", "2", "3", "4", "5"}, f.Radios["r."+string(it)])
	}
	assert.Contains(t, f.Texts, "apply")
	assert.Contains(t, f.Texts, "comment")
	done := kept.submit(pg, "/evaluation", evaluationAnswers(3))
	require.Equal(t, http.StatusOK, done.Status, done.Body)
	assert.Contains(t, done.Body, "cierre esta página", "the last page says to close it: phones get checked")

	// the participant from paper evaluates on the borrowed phone, typing
	// the code from the sheet, loosely, again
	pg = lost.join()
	f, err = pg.Form("/evaluation")
	require.NoError(t, err)
	require.Contains(t, f.Texts, "code")
	vals := evaluationAnswers(2)
	vals.Set("code", loose)
	done = lost.submit(pg, "/evaluation", vals)
	require.Equal(t, http.StatusOK, done.Status, done.Body)
	assert.Equal(t, paper.Code, done.Text("mono"))

	a, err := e.st.Aggregates(context.Background(), e.ws.ID, true)
	require.NoError(t, err)
	assert.Equal(t, 2, a.Evaluations)
	assert.Equal(t, 2, a.Post.N)
	assert.Equal(t, 2, a.Paired.N, "both phones' pre and post quizzes are paired")
	assert.InDelta(t, (100+200.0/3)-2*100.0/3, a.Paired.PostSum-a.Paired.PreSum, 0.01)
	assert.Equal(t, [5]int{0, 0, 0, 2, 0}, a.Ratings["overall"])
	comments, err := e.st.Comments(context.Background(), e.ws.ID)
	require.NoError(t, err)
	require.Len(t, comments, 4)
	assert.Equal(t, "Muy útil.\nGracias.", comments[1].Text, "newlines kept, carriage returns dropped")

	// a retry of the evaluation stores nothing new
	again := lost.submit(pg, "/evaluation", vals)
	assert.Equal(t, done.Body, again.Body)
	assert.Equal(t, 2, e.counts().Evaluations)
	assert.Equal(t, 2, e.counts().PostQuiz)
	assert.Equal(t, "¡Gracias! Quedó guardado", kept.join().Title())

	// a third phone typing the same code is refused, never told "saved":
	// the code is now the borrowed phone's
	require.NoError(t, lost.ForgetCookies())
	pg = lost.join()
	vals.Del(fieldSID) // the new page's own submission id
	third := lost.submit(pg, "/evaluation", vals)
	assert.Equal(t, http.StatusConflict, third.Status)
	assert.NotEqual(t, "¡Gracias! Quedó guardado", third.Title())
	assert.Contains(t, third.Text("err"), "quien facilita")
	assert.Equal(t, 2, e.counts().Evaluations, "one evaluation per participant code")
}

func TestFixableMistakesShowTheFormAgain(t *testing.T) {
	e := newEnv(t, nil)
	e.open(taller.PhaseCheckIn)
	p := e.phone()
	pg := p.join()
	f, err := pg.Form("/checkin")
	require.NoError(t, err)

	again := p.submit(pg, "/checkin", url.Values{"gender": {"other"}, "age_band": {"60plus"}})

	assert.Equal(t, http.StatusBadRequest, again.Status)
	assert.Equal(t, "Falta responder alguna pregunta. Revise y envíe de nuevo.", again.Text("err"))
	f2, err := again.Form("/checkin")
	require.NoError(t, err)
	assert.Equal(t, f.Hidden["sid"], f2.Hidden["sid"], "the same submission continues")
	assert.Equal(t, "other", f2.Checked["gender"], "answers are kept")
	assert.Equal(t, "60plus", f2.Checked["age_band"])
	assert.Zero(t, e.counts().Total)

	saved := p.submit(again, "/checkin", url.Values{"gender": {"other"}, "age_band": {"60plus"}, "role": {"public"}})
	assert.Equal(t, http.StatusOK, saved.Status)
	assert.Equal(t, 1, e.counts().Total)

	// a mistyped code on the evaluation
	e.open(taller.PhaseEvaluation)
	q := e.phone()
	ev := q.get(e.joinPath() + "?then=1")
	vals := evaluationAnswers(1)
	vals.Set("code", "B0O1")
	bad := q.submit(ev, "/evaluation", vals)
	assert.Equal(t, http.StatusBadRequest, bad.Status)
	assert.Contains(t, bad.Text("err"), "código no es válido")
	bf, err := bad.Form("/evaluation")
	require.NoError(t, err)
	assert.Equal(t, "Hablar con mis vecinas", bf.Texts["apply"])
	assert.Equal(t, "Muy útil.\nGracias.", bf.Texts["comment"])
	assert.Equal(t, "4", bf.Checked["r.safety"])
	assert.Zero(t, e.counts().Evaluations)
}

func TestPhaseChangesAreSeenOnTheNextRequest(t *testing.T) {
	e := newEnv(t, nil)
	p := e.phone()
	assert.Equal(t, "No hay nada abierto en este momento", p.join().Title())

	e.open(taller.PhaseCheckIn)
	form := p.join()
	assert.Equal(t, "Registro", form.Title())

	// The store is changed by another process: a second store on the
	// same file stands for the command line.
	other, err := store.Open(e.dir, store.Options{})
	require.NoError(t, err)
	require.NoError(t, other.SetPhase(context.Background(), e.ws.ID, taller.PhaseCheckIn, false))
	require.NoError(t, other.SetPhase(context.Background(), e.ws.ID, taller.PhaseEvaluation, true))
	require.NoError(t, other.Close())

	// the old check-in form now meets a closed phase
	late := p.checkIn(form)
	assert.Equal(t, http.StatusConflict, late.Status)
	assert.Equal(t, "Esta parte ya cerró", late.Title())
	assert.Zero(t, e.counts().Total)

	assert.Equal(t, "Evaluación del taller", p.join().Title())
}

func TestLanguageSwitch(t *testing.T) {
	e := newEnv(t, nil)
	e.open(taller.PhaseCheckIn)
	p := e.phone()

	es := p.join()
	assert.Contains(t, es.Body, `<html lang="es">`)
	assert.Contains(t, es.Body, `href="`+e.joinPath()+`?lang=en"`)

	en := p.get(e.joinPath() + "?lang=en")
	assert.Contains(t, en.Body, `<html lang="en">`)
	assert.Equal(t, "Check-in", en.Title())
	assert.Contains(t, en.Body, `href="`+e.joinPath()+`?lang=es"`)
	assert.Contains(t, en.Body, ">Woman<")

	// the choice sticks, through the form and its result
	assert.Equal(t, "Check-in", p.join().Title())
	saved := p.checkIn(p.join())
	assert.Equal(t, "You are checked in!", saved.Title())
}

func TestDataFileHoldsNoCookieNorAddress(t *testing.T) {
	e := newEnv(t, nil)
	e.open(taller.PhaseCheckIn)
	p := e.phone()
	p.checkIn(p.join())
	cookie := p.Cookie(deviceCookie)
	require.NotEmpty(t, cookie)

	var all []byte
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(store.Path(e.dir) + suffix)
		require.NoError(t, err)
		all = append(all, b...)
	}
	assert.False(t, bytes.Contains(all, []byte(cookie)), "the device cookie itself is never stored")
	assert.True(t, bytes.Contains(all, []byte(DeviceHash(cookie))), "its hash is")
	assert.False(t, bytes.Contains(all, []byte("127.0.0.1")), "no IP address is stored")
	assert.False(t, bytes.Contains(all, []byte("Go-http-client")), "no User-Agent is stored")
}

func TestPhoneHelperReadsForms(t *testing.T) {
	forms, err := phonetest.ParseForms(`<form method=POST action="/x"><input type=hidden name=a value=1>
		<input type=radio name=r value=u checked required><input type=radio name=r value=v><textarea name=c>hi</textarea></form>`)
	require.NoError(t, err)
	require.Len(t, forms, 1)
	assert.Equal(t, "/x", forms[0].Action)
	assert.Equal(t, map[string]string{"a": "1"}, forms[0].Hidden)
	assert.Equal(t, []string{"u", "v"}, forms[0].Radios["r"])
	assert.Equal(t, "u", forms[0].Checked["r"])
	assert.Equal(t, "hi", forms[0].Texts["c"])
}

func TestQuizChangedWhilePageWasOpen(t *testing.T) {
	var mu sync.Mutex
	qs := testQuiz
	e := newEnv(t, func(c *Config) {
		c.Quiz = func(context.Context, string, i18n.Lang) ([]taller.Question, error) {
			mu.Lock()
			defer mu.Unlock()
			return qs, nil
		}
	})
	e.open(taller.PhaseQuiz)
	p := e.phone()
	pg := p.join()

	// the facilitator edits the agenda: the quiz is now other questions
	mu.Lock()
	qs = []taller.Question{testQuiz[2], testQuiz[0]}
	mu.Unlock()
	again := p.submit(pg, "/quiz", quizAnswers(3))

	assert.Equal(t, http.StatusBadRequest, again.Status)
	assert.Equal(t, "Las preguntas cambiaron mientras la página estaba abierta. Responda de nuevo, por favor.", again.Text("err"))
	f, err := again.Form("/quiz")
	require.NoError(t, err)
	assert.Len(t, f.Radios, 2)
	assert.Empty(t, f.Checked, "answers to other questions are not carried over")
	assert.Zero(t, e.counts().PreQuiz)

	done := p.submit(again, "/quiz", url.Values{"q0": {"2"}, "q1": {"1"}})
	assert.Equal(t, http.StatusOK, done.Status)
	a, err := e.st.Aggregates(context.Background(), e.ws.ID, false)
	require.NoError(t, err)
	assert.InDelta(t, 100.0, a.Pre.Sum, 0.01, "scored against the questions shown")
}
