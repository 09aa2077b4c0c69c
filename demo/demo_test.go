package demo

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/store"
)

func TestFillMatchesTheReportAndRunsOnce(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(t.TempDir(), store.Options{})
	require.NoError(t, err)
	defer st.Close()

	res, err := Fill(ctx, st)
	require.NoError(t, err)
	assert.Equal(t, 9, res.Created)
	assert.Positive(t, res.Added)
	assert.Equal(t, 233, res.Participants)

	byCountry := map[taller.Country][2]int{}
	for i, w := range res.Workshops {
		spec := Workshops[i]
		assert.Equal(t, spec.Date, w.Date)
		a, err := st.Aggregates(ctx, w.ID, false)
		require.NoError(t, err)
		assert.Equal(t, spec.Female, a.ByGender[taller.Female], w.Locality)
		assert.Equal(t, spec.Male, a.ByGender[taller.Male], w.Locality)
		assert.Equal(t, spec.Participants(), a.Participants())
		c := byCountry[w.Country]
		byCountry[w.Country] = [2]int{c[0] + a.ByGender[taller.Female], c[1] + a.ByGender[taller.Male]}
	}
	assert.Equal(t, map[taller.Country][2]int{taller.ElSalvador: {65, 9}, taller.Guatemala: {34, 49}, taller.Honduras: {58, 18}}, byCountry)

	again, err := Fill(ctx, st)
	require.NoError(t, err)
	assert.Zero(t, again.Created)
	assert.Zero(t, again.Added, "a second run stores nothing")
	for i := range again.Workshops {
		assert.Equal(t, res.Workshops[i].ID, again.Workshops[i].ID)
	}
	all, err := st.Workshops(ctx)
	require.NoError(t, err)
	assert.Len(t, all, 9)
}
