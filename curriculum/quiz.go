package curriculum

import (
	"taller"
	"taller/i18n"
)

// QuizMax is the size of a workshop's quiz, so that a phone answers it in
// about two minutes and the page stays small. It matches the number of
// questions the participant server shows at once.
const QuizMax = 10

// WorkshopQuiz is the quiz of a workshop with agenda a. Every content
// module on the agenda gives at least one question, so the quiz measures
// all of the sessions: the questions are dealt round by round, the first
// question of each module, then the second of each, and so on, until
// QuizMax are picked (a module's questions are in the order of its file,
// most important first). They come out module by module in agenda order.
// With no content module on the agenda it is the first question of each
// content module of the curriculum, QuizMax at most. Opening and closing
// blocks add no questions. The pre- and post-quiz use the same questions,
// so their scores compare.
func (c *Curriculum) WorkshopQuiz(a *taller.Agenda, lang i18n.Lang) []taller.Question {
	var modules []*Module
	seen := map[string]bool{}
	for _, b := range a.Blocks {
		m, ok := c.byID[b.ModuleID]
		if b.Kind != taller.BlockModule || !ok || m.Kind != KindModule || seen[m.ID] {
			continue
		}
		seen[m.ID] = true
		modules = append(modules, m)
	}
	if len(modules) == 0 {
		for _, m := range c.modules {
			if m.Kind == KindModule {
				modules = append(modules, m)
			}
		}
	}
	taken := make([]int, len(modules)) // questions picked from each module
	n := 0
	for round := 0; n < QuizMax; round++ {
		dealt := false
		for i, m := range modules {
			if n < QuizMax && round < len(m.In(lang).Quiz) {
				taken[i]++
				n++
				dealt = true
			}
		}
		if !dealt || len(seen) == 0 {
			break // every question taken, or one round of the whole curriculum
		}
	}
	var picked []taller.Question
	for i, m := range modules {
		picked = append(picked, m.In(lang).Quiz[:taken[i]]...)
	}
	return picked
}
