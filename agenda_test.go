package taller_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
)

func clock(t *testing.T, s string) taller.ClockTime {
	t.Helper()
	c, err := taller.ParseClock(s)
	require.NoError(t, err)
	return c
}

func TestAgendaTimingsCrossNoon(t *testing.T) {
	a := taller.Agenda{Start: clock(t, "11:15"), End: clock(t, "13:00")}
	require.NoError(t, a.Add(taller.AgendaBlock{Kind: taller.BlockModule, ModuleID: "extortion-today", Minutes: 45}, 0))
	require.NoError(t, a.Add(taller.AgendaBlock{Kind: taller.BlockBreak, Minutes: 15}, 1))
	require.NoError(t, a.Add(taller.AgendaBlock{Kind: taller.BlockCustom, Title: "Almuerzo", Minutes: 60}, 99))
	tb := a.Timings()
	require.Len(t, tb, 3)
	assert.Equal(t, "11:15", tb[0].Start.String())
	assert.Equal(t, "12:00", tb[0].End.String())
	assert.Equal(t, "12:15", tb[1].End.String())
	assert.Equal(t, "13:15", tb[2].End.String())
	assert.False(t, tb[1].Overrun)
	assert.True(t, tb[2].Overrun, "past the planned end is flagged")
	assert.Equal(t, 15, a.OverrunMinutes())
	assert.Equal(t, 120, a.TotalMinutes())
	assert.NoError(t, a.Validate(), "an overrun is a warning, not an error")
	assert.Equal(t, 1, a.Current(clock(t, "12:05")))
	assert.Equal(t, -1, a.Current(clock(t, "10:00")))
}

func TestAgendaEditing(t *testing.T) {
	a := taller.Agenda{Start: clock(t, "09:00")}
	assert.Empty(t, a.Timings())
	assert.Equal(t, "09:00", a.Finish().String(), "an empty agenda ends where it starts")
	assert.Zero(t, a.OverrunMinutes())
	for i, id := range []string{"a", "b", "c"} {
		require.NoError(t, a.Add(taller.AgendaBlock{Kind: taller.BlockModule, ModuleID: id, Minutes: 30}, i))
	}
	require.NoError(t, a.Move(0, 2))
	assert.Equal(t, []string{"b", "c", "a"}, ids(a))
	require.NoError(t, a.Move(2, 0))
	assert.Equal(t, []string{"a", "b", "c"}, ids(a))
	require.NoError(t, a.Remove(1))
	assert.Equal(t, []string{"a", "c"}, ids(a))
	require.NoError(t, a.SetMinutes(1, 50))
	assert.Equal(t, "10:20", a.Finish().String())
	assert.Error(t, a.SetMinutes(1, 2), "too short")
	assert.Error(t, a.SetMinutes(1, 500), "too long")
	assert.Error(t, a.Remove(5))
	assert.Error(t, a.Move(-1, 0))
	assert.Error(t, a.Add(taller.AgendaBlock{Kind: taller.BlockModule, Minutes: 30}, 0), "a module block needs a module")
	assert.Error(t, a.Add(taller.AgendaBlock{Kind: taller.BlockCustom, Minutes: 30}, 0), "a custom block needs a title")
}

func ids(a taller.Agenda) []string {
	var out []string
	for _, b := range a.Blocks {
		out = append(out, b.ModuleID)
	}
	return out
}

func TestClockTime(t *testing.T) {
	for _, bad := range []string{"9:00", "25:00", "09:60", "0900", ""} {
		_, err := taller.ParseClock(bad)
		assert.Error(t, err, bad)
	}
	b, err := json.Marshal(taller.Agenda{Start: clock(t, "08:30"), Blocks: []taller.AgendaBlock{}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"start":"08:30","blocks":[]}`, string(b))
	var back taller.Agenda
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, "08:30", back.Start.String())
}

func TestAgendaShiftTo(t *testing.T) {
	a := taller.Agenda{Start: clock(t, "08:30"), End: clock(t, "12:00")}
	a.ShiftTo(clock(t, "09:00"))
	assert.Equal(t, "09:00", a.Start.String())
	assert.Equal(t, "12:30", a.End.String())
	open := taller.Agenda{Start: clock(t, "08:30")}
	open.ShiftTo(clock(t, "10:00"))
	assert.Zero(t, open.End, "no planned end stays none")
}

func TestAgendaPastMidnightIsRefused(t *testing.T) {
	a := taller.Agenda{Start: clock(t, "20:00")}
	require.NoError(t, a.Add(taller.AgendaBlock{Kind: taller.BlockModule, ModuleID: "m", Minutes: 240}, 0))
	assert.NoError(t, a.Validate(), "ending exactly at midnight is fine")
	require.NoError(t, a.Add(taller.AgendaBlock{Kind: taller.BlockBreak, Minutes: 30}, 1))
	err := a.Validate()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "00:30 (+1)")

	a.End = 24 * 60
	b, err := json.Marshal(a)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"end":"24:00"`)
	var back taller.Agenda
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, a, back)
}
