package curriculum

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/i18n"
)

// templateModules are the bundled modules' ids and durations, as a fixture
// for Apply.
var templateModules = []fixture{
	{0, "opening", KindOpening, 35, 0},
	{1, "extortion-today", KindModule, 45, 4},
	{2, "community-resilience", KindModule, 60, 4},
	{3, "organised-responses", KindModule, 45, 4},
	{4, "victim-support", KindModule, 60, 4},
	{5, "digital-security", KindModule, 60, 4},
	{6, "gender-intersectional", KindModule, 45, 4},
	{7, "rights-reporting", KindModule, 60, 4},
	{8, "mental-health", KindModule, 45, 4},
	{99, "closing", KindClosing, 30, 0},
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
	assert.Equal(t, "16:00", a.End.String())
	assert.Equal(t, a.End, a.Finish())
	assert.Zero(t, a.OverrunMinutes())
	require.NoError(t, a.Validate())

	var (
		breaks  []taller.AgendaBlock
		modules []string
	)
	for _, tb := range a.Timings() {
		if tb.Kind == taller.BlockBreak {
			breaks = append(breaks, tb.AgendaBlock)
			continue
		}
		if tb.ModuleID != "opening" && tb.ModuleID != "closing" {
			modules = append(modules, tb.ModuleID)
		}
	}
	assert.Equal(t, "opening", a.Blocks[0].ModuleID)
	assert.Equal(t, "closing", a.Blocks[len(a.Blocks)-1].ModuleID)
	// The report's priorities: gender and mental health are in the day.
	assert.Contains(t, modules, "gender-intersectional")
	assert.Contains(t, modules, "mental-health")
	assert.Contains(t, modules, "victim-support")
	require.Len(t, breaks, 4)
	assert.Contains(t, breaks, taller.AgendaBlock{Kind: taller.BlockBreak, Title: "Almuerzo", Minutes: 60})
	assertRealBreaks(t, a)
}

// assertRealBreaks checks that no stretch of sessions runs longer than two
// hours without a break of ten minutes or more.
func assertRealBreaks(t *testing.T, a taller.Agenda) {
	t.Helper()
	run := 0
	for _, b := range a.Blocks {
		if b.Kind == taller.BlockBreak && b.Minutes >= 10 {
			run = 0
			continue
		}
		run += b.Minutes
		assert.LessOrEqual(t, run, 120, "sessions without a break, up to %s", b.ModuleID)
	}
}

func TestTwoDayTemplates(t *testing.T) {
	c := fullFixture(t)
	seen := map[string]int{}
	for _, name := range []string{TwoDay1, TwoDay2} {
		tpl, ok := c.Template(name)
		require.True(t, ok, name)
		a := tpl.Agenda
		assert.Equal(t, a.End, a.Finish(), name)
		require.NoError(t, a.Validate(), name)
		assert.Equal(t, "opening", a.Blocks[0].ModuleID, "each day is a workshop with its own check-in")
		assert.Equal(t, "closing", a.Blocks[len(a.Blocks)-1].ModuleID, "and its own quiz and evaluation")
		assertRealBreaks(t, a)
		for _, b := range a.Blocks {
			if b.Kind == taller.BlockModule {
				seen[b.ModuleID]++
				m, _ := c.Module(b.ModuleID)
				assert.Equal(t, m.Minutes, b.Minutes, "%s: %s is not shortened", name, b.ModuleID)
			}
		}
	}
	// The two days cover every content module once.
	for _, m := range c.Modules() {
		if m.Kind == KindModule {
			assert.Equal(t, 1, seen[m.ID], m.ID)
		}
	}
}

// TestCheckInFitsTheHotspot checks that the opening and the closing give
// 34 people, the largest group of the report, time to use a hotspot of
// eight phones in turns of about three minutes.
func TestCheckInFitsTheHotspot(t *testing.T) {
	const people, phones, minutesPerTurn = 34, 8, 3
	turns := (people + phones - 1) / phones
	c := Default()
	for _, id := range []string{"opening", "closing"} {
		m, ok := c.Module(id)
		require.True(t, ok)
		steps := stepTimings(m.In(i18n.Spanish).Activity)
		longest := 0
		for _, s := range steps {
			n, _ := strconv.Atoi(s)
			longest = max(longest, n)
		}
		assert.GreaterOrEqual(t, longest, turns*minutesPerTurn, "%s: the step in turns fits %d turns", id, turns)
		for _, tpl := range c.Templates() {
			for _, b := range tpl.Agenda.Blocks {
				if b.ModuleID == id {
					assert.Equal(t, m.Minutes, b.Minutes, "%s never shortens %s", tpl.Name, id)
				}
			}
		}
	}
}

func TestTemplatesTitles(t *testing.T) {
	c := fullFixture(t)
	tpls := c.Templates()
	require.Len(t, tpls, 4)
	assert.Equal(t, []string{HalfDay, FullDay, TwoDay1, TwoDay2}, []string{tpls[0].Name, tpls[1].Name, tpls[2].Name, tpls[3].Name})
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
	for _, name := range []string{HalfDay, FullDay, TwoDay1, TwoDay2} {
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
		mods[1].minutes = 30 // extortion-today gets 40 or 45 in the templates
		c, err := Load(mapFS(packFiles("v1", mods...)))
		require.NoError(t, err)
		_, err = c.Apply(HalfDay)
		assert.Equal(t, taller.EINVALID, taller.ErrorCode(err))
	})
	t.Run("module much longer than its block", func(t *testing.T) {
		mods := append([]fixture(nil), templateModules...)
		mods[2].minutes = 80 // community-resilience gets 40: half
		c, err := Load(mapFS(packFiles("v1", mods...)))
		require.NoError(t, err)
		_, err = c.Apply(HalfDay)
		require.NoError(t, err)
		mods[0].minutes = 80 // the opening gets 35: less than half
		c, err = Load(mapFS(packFiles("v1", mods...)))
		require.NoError(t, err)
		_, err = c.Apply(HalfDay)
		assert.Equal(t, taller.EINVALID, taller.ErrorCode(err))
	})
}

// TestShortenedModulesSayWhatToCut checks that wherever a bundled template
// gives a module less than its duration, the module's "If time is short"
// section says what to do with exactly that time.
func TestShortenedModulesSayWhatToCut(t *testing.T) {
	c := Default()
	phrase := map[i18n.Lang]string{i18n.Spanish: "Con %d minutos", i18n.English: "With %d minutes"}
	n := 0
	for _, tpl := range c.Templates() {
		for _, b := range tpl.Agenda.Blocks {
			m, ok := c.Module(b.ModuleID)
			if !ok || b.Minutes == m.Minutes {
				continue
			}
			n++
			for _, l := range i18n.Langs {
				assert.Contains(t, m.In(l).Shorter, fmt.Sprintf(phrase[l], b.Minutes), "%s gives %s %d of its %d minutes", tpl.Name, m.ID, b.Minutes, m.Minutes)
			}
		}
	}
	assert.Positive(t, n)
}

// A template's break applied in Spanish reads "Receso" in Spanish and
// "Break" in English; a break the facilitator named keeps its name.
func TestBreakTitleFollowsTheLanguageShown(t *testing.T) {
	assert.Equal(t, "Break", BreakTitle("Receso", i18n.English))
	assert.Equal(t, "Almuerzo", BreakTitle("Lunch", i18n.Spanish))
	assert.Equal(t, "Receso", BreakTitle("Receso", i18n.Spanish))
	assert.Equal(t, "Convivio con tamales", BreakTitle("Convivio con tamales", i18n.English))
}
