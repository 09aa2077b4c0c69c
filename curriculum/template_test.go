package curriculum

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/i18n"
)

// templateModules are the bundled modules' ids and durations, as a fixture
// for Apply.
var templateModules = []fixture{
	{0, "opening", KindOpening, 20, 0},
	{1, "extortion-today", KindModule, 45, 3},
	{2, "community-resilience", KindModule, 60, 3},
	{3, "organised-responses", KindModule, 45, 3},
	{4, "victim-support", KindModule, 60, 3},
	{5, "digital-security", KindModule, 60, 3},
	{6, "gender-intersectional", KindModule, 45, 3},
	{7, "rights-reporting", KindModule, 45, 3},
	{8, "mental-health", KindModule, 45, 3},
	{99, "closing", KindClosing, 20, 0},
}

func fullFixture(t *testing.T) *Curriculum {
	t.Helper()
	c, err := Load(mapFS(packFiles("v1", templateModules...)))
	require.NoError(t, err)
	return c
}

func TestHalfDayTemplate(t *testing.T) {
	tpl, ok := fullFixture(t).Template(HalfDay)
	require.True(t, ok)
	a := tpl.Agenda
	assert.Equal(t, "08:30", a.Start.String())
	assert.Equal(t, "12:00", a.End.String())
	assert.Equal(t, 210, a.TotalMinutes())
	assert.Equal(t, a.End, a.Finish())
	assert.Zero(t, a.OverrunMinutes())
	require.NoError(t, a.Validate())

	var kinds []taller.BlockKind
	modules := 0
	for _, b := range a.Blocks {
		kinds = append(kinds, b.Kind)
		if b.Kind == taller.BlockModule && b.ModuleID != "opening" && b.ModuleID != "closing" {
			modules++
		}
	}
	assert.Equal(t, "opening", a.Blocks[0].ModuleID)
	assert.Equal(t, "closing", a.Blocks[len(a.Blocks)-1].ModuleID)
	assert.Equal(t, 3, modules)
	assert.Contains(t, kinds, taller.BlockBreak)
}

func TestFullDayTemplate(t *testing.T) {
	tpl, ok := fullFixture(t).Template(FullDay)
	require.True(t, ok)
	a := tpl.Agenda
	assert.Equal(t, "08:30", a.Start.String())
	assert.Equal(t, "15:30", a.End.String())
	assert.Equal(t, a.End, a.Finish())
	assert.Zero(t, a.OverrunMinutes())
	require.NoError(t, a.Validate())

	var breaks []taller.AgendaBlock
	modules := 0
	for _, tb := range a.Timings() {
		if tb.Kind == taller.BlockBreak {
			breaks = append(breaks, tb.AgendaBlock)
			continue
		}
		if tb.ModuleID != "opening" && tb.ModuleID != "closing" {
			modules++
		}
	}
	assert.Equal(t, "opening", a.Blocks[0].ModuleID)
	assert.Equal(t, "closing", a.Blocks[len(a.Blocks)-1].ModuleID)
	assert.Contains(t, []int{5, 6}, modules)
	require.Len(t, breaks, 2)
	assert.Equal(t, taller.AgendaBlock{Kind: taller.BlockBreak, Title: "Almuerzo", Minutes: 60}, breaks[1])
	assert.Equal(t, 6*60, a.TotalMinutes()-60, "six hours besides lunch")
}

func TestTemplatesTitles(t *testing.T) {
	c := fullFixture(t)
	tpls := c.Templates()
	require.Len(t, tpls, 2)
	assert.Equal(t, HalfDay, tpls[0].Name)
	assert.Equal(t, FullDay, tpls[1].Name)
	for _, tpl := range tpls {
		for _, l := range i18n.Langs {
			assert.True(t, i18n.Has(l, "curriculum.template."+tpl.Name), tpl.Name)
			assert.NotEmpty(t, tpl.Title(l))
		}
	}
	assert.Equal(t, "Half day (3½ hours)", tpls[0].Title(i18n.English))
	_, ok := c.Template("weekend")
	assert.False(t, ok)
}

func TestApply(t *testing.T) {
	c := fullFixture(t)
	for _, name := range []string{HalfDay, FullDay} {
		a, err := c.Apply(name)
		require.NoError(t, err, name)
		tpl, _ := c.Template(name)
		assert.Equal(t, tpl.Agenda, a)

		// The agenda is a copy: changing it leaves the template alone.
		a.Blocks[0].Minutes = 5
		again, _ := c.Template(name)
		assert.NotEqual(t, 5, again.Agenda.Blocks[0].Minutes)

		en, err := c.ApplyLang(name, i18n.English)
		require.NoError(t, err)
		for i, b := range en.Blocks {
			if b.Kind == taller.BlockBreak {
				assert.Contains(t, []string{"Break", "Lunch"}, b.Title)
				assert.NotEqual(t, b.Title, tpl.Agenda.Blocks[i].Title)
			}
		}
	}

	_, err := c.Apply("weekend")
	assert.Equal(t, taller.ENOTFOUND, taller.ErrorCode(err))
}

func TestApplyChecksTheModules(t *testing.T) {
	t.Run("module missing", func(t *testing.T) {
		c, err := Load(mapFS(packFiles("v1", smallPack...)))
		require.NoError(t, err)
		_, err = c.Apply(HalfDay)
		assert.Equal(t, taller.EINVALID, taller.ErrorCode(err))
		assert.Contains(t, err.Error(), "community-resilience")
	})
	t.Run("module shorter than its block", func(t *testing.T) {
		mods := append([]fixture(nil), templateModules...)
		mods[1].minutes = 30 // extortion-today gets 45 in the templates
		c, err := Load(mapFS(packFiles("v1", mods...)))
		require.NoError(t, err)
		_, err = c.Apply(HalfDay)
		assert.Equal(t, taller.EINVALID, taller.ErrorCode(err))
	})
	t.Run("module much longer than its block", func(t *testing.T) {
		mods := append([]fixture(nil), templateModules...)
		mods[1].minutes = 90 // may be shortened to 45 at most
		c, err := Load(mapFS(packFiles("v1", mods...)))
		require.NoError(t, err)
		_, err = c.Apply(HalfDay)
		require.NoError(t, err)
		mods[0].minutes = 45 // the opening gets 20: less than half
		c, err = Load(mapFS(packFiles("v1", mods...)))
		require.NoError(t, err)
		_, err = c.Apply(HalfDay)
		assert.Equal(t, taller.EINVALID, taller.ErrorCode(err))
	})
}
