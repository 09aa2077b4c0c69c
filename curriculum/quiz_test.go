package curriculum

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/i18n"
)

// quizModules counts the questions of qs per module id, in order of first
// appearance.
func quizModules(qs []taller.Question) ([]string, map[string]int) {
	var order []string
	count := map[string]int{}
	for _, q := range qs {
		id := q.ID[:len(q.ID)-len(".1")]
		if count[id] == 0 {
			order = append(order, id)
		}
		count[id]++
	}
	return order, count
}

func TestWorkshopQuiz(t *testing.T) {
	cur := Default()
	var content []*Module
	for _, m := range cur.Modules() {
		if m.Kind == KindModule {
			content = append(content, m)
		}
	}
	require.GreaterOrEqual(t, len(content), 8)

	// No agenda: the first question of each content module.
	qs := cur.WorkshopQuiz(&taller.Agenda{}, i18n.Spanish)
	require.Len(t, qs, min(len(content), QuizMax))
	for i, q := range qs {
		assert.Equal(t, content[i].In(i18n.Spanish).Quiz[0], q)
	}

	// Two modules, one twice, a break, the opening and an unknown id: the
	// ten questions are shared out, in agenda order.
	a := &taller.Agenda{Start: 540, Blocks: []taller.AgendaBlock{
		{Kind: taller.BlockModule, ModuleID: "opening", Minutes: 20},
		{Kind: taller.BlockModule, ModuleID: content[1].ID, Minutes: 30},
		{Kind: taller.BlockBreak, Minutes: 15},
		{Kind: taller.BlockModule, ModuleID: content[0].ID, Minutes: 30},
		{Kind: taller.BlockModule, ModuleID: content[1].ID, Minutes: 30},
		{Kind: taller.BlockModule, ModuleID: "gone", Minutes: 30},
	}}
	qs = cur.WorkshopQuiz(a, i18n.English)
	n1, n0 := len(content[1].In(i18n.English).Quiz), len(content[0].In(i18n.English).Quiz)
	require.Len(t, qs, min(QuizMax, n0+n1))
	order, count := quizModules(qs)
	assert.Equal(t, []string{content[1].ID, content[0].ID}, order)
	assert.Equal(t, content[1].In(i18n.English).Quiz[:count[content[1].ID]], qs[:count[content[1].ID]])
	assert.InDelta(t, count[content[0].ID], count[content[1].ID], 1, "shared out evenly")

	// Every content module on the agenda: each gives at least one
	// question, ten in all.
	a.Blocks = nil
	for _, m := range content {
		a.Blocks = append(a.Blocks, taller.AgendaBlock{Kind: taller.BlockModule, ModuleID: m.ID, Minutes: 30})
	}
	qs = cur.WorkshopQuiz(a, i18n.Spanish)
	assert.Len(t, qs, QuizMax)
	order, count = quizModules(qs)
	require.Len(t, order, len(content), "every module on the agenda is in the quiz")
	for i, m := range content {
		assert.Equal(t, m.ID, order[i])
		assert.GreaterOrEqual(t, count[m.ID], 1, m.ID)
		assert.LessOrEqual(t, count[m.ID], 2, m.ID)
	}
}

// TestTemplateQuizzesCoverEveryModule checks each bundled template: its quiz
// has questions from every content module on its agenda, and fits the phone
// page.
func TestTemplateQuizzesCoverEveryModule(t *testing.T) {
	cur := Default()
	for _, tpl := range cur.Templates() {
		a, err := cur.ApplyLang(tpl.Name, i18n.Spanish)
		require.NoError(t, err, tpl.Name)
		var want []string
		for _, b := range a.Blocks {
			if m, ok := cur.Module(b.ModuleID); ok && m.Kind == KindModule {
				want = append(want, m.ID)
			}
		}
		qs := cur.WorkshopQuiz(&a, i18n.Spanish)
		order, _ := quizModules(qs)
		assert.Equal(t, want, order, tpl.Name)
		assert.LessOrEqual(t, len(qs), QuizMax, tpl.Name)
		assert.GreaterOrEqual(t, len(qs), min(QuizMax, 2*len(want)), tpl.Name)
		t.Logf("%s: %d content modules, %d questions", tpl.Name, len(want), len(qs))
	}
}
