package testdouble

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"taller"
	"taller/curriculum"
	"taller/i18n"
	"taller/participant"
	"taller/store"
)

// QuizFor is the quiz of the tests, picked from the modules on the agenda
// as the program picks it (cmd/taller's quizFromCurriculum).
func QuizFor(c *curriculum.Curriculum, st *store.Store) participant.QuizFunc {
	return func(ctx context.Context, id string, lang i18n.Lang) ([]taller.Question, error) {
		a, err := st.Agenda(ctx, id)
		if err != nil {
			return nil, err
		}
		return c.WorkshopQuiz(a, lang), nil
	}
}

// Workshop stores a workshop on 10 June 2025 at 09:00, in Spanish.
func Workshop(t *testing.T, st *store.Store, title string) *taller.Workshop {
	t.Helper()
	w := &taller.Workshop{Title: title, Country: taller.ElSalvador, Locality: "Usulután", Organization: "Red comunitaria",
		Date: "2025-06-10", Start: 9 * 60, Language: i18n.Spanish}
	w.Normalize()
	require.NoError(t, st.CreateWorkshop(context.Background(), w))
	return w
}

// HalfDay gives w the half-day agenda of c.
func HalfDay(t *testing.T, st *store.Store, c *curriculum.Curriculum, w *taller.Workshop) *taller.Agenda {
	t.Helper()
	a, err := c.ApplyLang("half-day", i18n.Spanish)
	require.NoError(t, err)
	require.NoError(t, st.SaveAgenda(context.Background(), w.ID, &a))
	return &a
}

// Answers fills w with six check-ins, a tally of three, four pairs of
// quizzes and four evaluations, two comments among them.
func Answers(t *testing.T, st *store.Store, w *taller.Workshop) {
	t.Helper()
	ctx := context.Background()
	genders := []taller.Gender{taller.Female, taller.Female, taller.Female, taller.Male, taller.Male, taller.OtherGender}
	for i, g := range genders {
		_, err := st.CheckIn(ctx, &taller.CheckIn{WorkshopID: w.ID, SubmissionID: taller.NewID(), Device: taller.NewID(),
			Gender: g, AgeBand: taller.AgeBands[i%len(taller.AgeBands)], Role: taller.Roles[i%len(taller.Roles)], Source: taller.SourcePhone})
		require.NoError(t, err)
	}
	require.NoError(t, st.AddTally(ctx, &taller.Tally{WorkshopID: w.ID, SubmissionID: taller.NewID(), Female: 2, Male: 1}))
	for i := 0; i < 4; i++ {
		dev := taller.NewID()
		for _, k := range []taller.QuizKind{taller.PreQuiz, taller.PostQuiz} {
			score := 2 + i%2
			if k == taller.PostQuiz {
				score = 4
			}
			_, err := st.SubmitQuiz(ctx, &taller.QuizAttempt{WorkshopID: w.ID, SubmissionID: taller.NewID(), Device: dev, Kind: k,
				Answers: map[string]int{"q": 0}, Score: score, Total: 5, Source: taller.SourcePhone})
			require.NoError(t, err)
		}
		ev := &taller.Evaluation{WorkshopID: w.ID, SubmissionID: taller.NewID(), Device: dev, Ratings: map[taller.LikertItem]int{},
			Source: taller.SourcePhone}
		for j, it := range taller.LikertItems {
			ev.Ratings[it] = 3 + (i+j)%3
		}
		if i == 0 {
			ev.Comment = "Muy útil, gracias."
			ev.Apply = "Hablar con mis vecinas."
		}
		_, err := st.SubmitEvaluation(ctx, ev)
		require.NoError(t, err)
	}
}

// Workshop stores a workshop (see the function Workshop).
func (u *UI) Workshop(title string) *taller.Workshop { return Workshop(u.T, u.St, title) }

// HalfDay gives w the half-day agenda.
func (u *UI) HalfDay(w *taller.Workshop) *taller.Agenda { return HalfDay(u.T, u.St, u.Cur, w) }

// Answers fills w with answers (see the function Answers).
func (u *UI) Answers(w *taller.Workshop) { Answers(u.T, u.St, w) }
