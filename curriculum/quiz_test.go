package curriculum

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/i18n"
)

func TestWorkshopQuiz(t *testing.T) {
	cur := Default()
	var content []*Module
	for _, m := range cur.Modules() {
		if m.Kind == KindModule {
			content = append(content, m)
		}
	}
	require.GreaterOrEqual(t, len(content), 6)

	// No agenda: the first question of each content module.
	qs := cur.WorkshopQuiz(&taller.Agenda{}, i18n.Spanish)
	require.Len(t, qs, min(len(content), QuizMax))
	for i, q := range qs {
		assert.Equal(t, content[i].In(i18n.Spanish).Quiz[0], q)
	}

	// Two modules, one twice, a break, the opening and an unknown id: two
	// questions of each content module, in agenda order.
	a := &taller.Agenda{Start: 540, Blocks: []taller.AgendaBlock{
		{Kind: taller.BlockModule, ModuleID: "opening", Minutes: 20},
		{Kind: taller.BlockModule, ModuleID: content[1].ID, Minutes: 30},
		{Kind: taller.BlockBreak, Minutes: 15},
		{Kind: taller.BlockModule, ModuleID: content[0].ID, Minutes: 30},
		{Kind: taller.BlockModule, ModuleID: content[1].ID, Minutes: 30},
		{Kind: taller.BlockModule, ModuleID: "gone", Minutes: 30},
	}}
	qs = cur.WorkshopQuiz(a, i18n.English)
	require.Len(t, qs, 4)
	assert.Equal(t, content[1].In(i18n.English).Quiz[0], qs[0])
	assert.Equal(t, content[1].In(i18n.English).Quiz[1], qs[1])
	assert.Equal(t, content[0].In(i18n.English).Quiz[0], qs[2])

	// Six modules: ten questions at most.
	a.Blocks = nil
	for _, m := range content[:6] {
		a.Blocks = append(a.Blocks, taller.AgendaBlock{Kind: taller.BlockModule, ModuleID: m.ID, Minutes: 30})
	}
	assert.Len(t, cur.WorkshopQuiz(a, i18n.Spanish), QuizMax)

	// The half-day template: three content modules, six questions.
	half, err := cur.ApplyLang(HalfDay, i18n.Spanish)
	require.NoError(t, err)
	assert.Len(t, cur.WorkshopQuiz(&half, i18n.Spanish), 6)
}
