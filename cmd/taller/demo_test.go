package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/store"
)

// demoAggregates opens a data folder and returns the figures of its
// workshops by date and locality, without the random ids.
func demoAggregates(t *testing.T, dir string) map[string]string {
	t.Helper()
	st, err := store.Open(dir, store.Options{})
	require.NoError(t, err)
	defer st.Close()
	ws, err := st.Workshops(context.Background())
	require.NoError(t, err)
	out := map[string]string{}
	for _, w := range ws {
		a, err := st.Aggregates(context.Background(), w.ID, true)
		require.NoError(t, err)
		a.Workshop.ID = ""
		raw, err := json.Marshal(a)
		require.NoError(t, err)
		out[w.Date+" "+w.Locality] = string(raw)
	}
	return out
}

func TestDemoCommandIsDeterministicAndIdempotent(t *testing.T) {
	dir := t.TempDir()
	stdout, stderr, code := cli(t, dir, "demo")
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, "Demo data loaded: 9 workshops, 233 participants.\n", stderr)
	assert.Contains(t, stdout, "San Esteban Catarina")
	first := demoAggregates(t, dir)
	require.Len(t, first, 9)

	_, stderr, code = cli(t, dir, "demo")
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, "The demo workshops were already in this data folder; nothing was added.\n", stderr)
	assert.Equal(t, first, demoAggregates(t, dir), "a second run changes nothing")

	// Another folder, given the way the issue writes it, gets the same data.
	other := filepath.Join(t.TempDir(), "other")
	var out, errb strings.Builder
	require.Equal(t, 0, run(context.Background(), []string{"demo", "--data", other}, &out, &errb), errb.String())
	assert.Equal(t, first, demoAggregates(t, other), "the demo is deterministic")

	var n int
	for _, raw := range first {
		var a taller.Aggregates
		require.NoError(t, json.Unmarshal([]byte(raw), &a))
		n += a.Participants()
		assert.Positive(t, a.Evaluations)
		assert.Positive(t, a.Paired.N)
		assert.Greater(t, a.Post.Mean(), a.Pre.Mean(), "the post-quiz goes better")
	}
	assert.Equal(t, 233, n)
}
