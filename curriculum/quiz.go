package curriculum

import (
	"taller"
	"taller/i18n"
)

// Quiz size: questions taken from each module on the agenda, and in all,
// so a phone answers the quiz in about a minute.
const (
	QuizPerModule = 2
	QuizMax       = 10
)

// WorkshopQuiz is the quiz of a workshop with agenda a: the first
// QuizPerModule questions of each content module on it, in agenda order,
// QuizMax at most. With no content module on the agenda it is the first
// question of each content module of the curriculum. Opening and closing
// blocks add no questions: the quiz measures what the sessions teach. The
// pre- and post-quiz use the same questions, so their scores compare.
func (c *Curriculum) WorkshopQuiz(a *taller.Agenda, lang i18n.Lang) []taller.Question {
	var picked []taller.Question
	seen := map[string]bool{}
	for _, b := range a.Blocks {
		m, ok := c.byID[b.ModuleID]
		if b.Kind != taller.BlockModule || !ok || m.Kind != KindModule || seen[m.ID] {
			continue
		}
		seen[m.ID] = true
		qs := m.In(lang).Quiz
		picked = append(picked, qs[:min(len(qs), QuizPerModule)]...)
	}
	if len(picked) == 0 {
		for _, m := range c.Modules() {
			if qs := m.In(lang).Quiz; m.Kind == KindModule && len(qs) > 0 {
				picked = append(picked, qs[0])
			}
		}
	}
	return picked[:min(len(picked), QuizMax)]
}
