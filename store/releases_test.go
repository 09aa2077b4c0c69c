package store

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
)

func TestReleasesAreRememberedPerWorkshopAndFigure(t *testing.T) {
	ctx := context.Background()
	st, err := Open(t.TempDir(), Options{})
	require.NoError(t, err)
	defer st.Close()
	w := &taller.Workshop{Title: "Taller", Country: "SV", Locality: "San Vicente", Organization: "Red", Date: "2024-06-10", Start: 540}
	require.NoError(t, st.CreateWorkshop(ctx, w))

	empty, err := st.ReleaseState(ctx, w.ID)
	require.NoError(t, err)
	assert.Equal(t, 0, empty.Seq)
	assert.Nil(t, empty.Ratings.Released)

	// A first release, then a second that changes only the ratings.
	a := taller.NewAggregates(taller.WorkshopInfo{ID: w.ID})
	a.Evaluations = 6
	a.Ratings["overall"] = [5]int{0, 0, 1, 2, 3}
	a.AgeByGender["18-29"] = map[taller.Gender]int{taller.Female: 6}
	_, s1 := taller.Disclose(a, 5, empty)
	on := time.Date(2024, 6, 10, 15, 4, 5, 999, time.UTC)
	require.NoError(t, st.RecordRelease(ctx, w.ID, s1, on))
	got, err := st.ReleaseState(ctx, w.ID)
	require.NoError(t, err)
	assert.Equal(t, s1, got)

	a.Evaluations = 11
	a.Ratings["overall"] = [5]int{0, 0, 1, 2, 8}
	_, s2 := taller.Disclose(a, 5, got)
	require.NoError(t, st.RecordRelease(ctx, w.ID, s2, on))
	got, err = st.ReleaseState(ctx, w.ID)
	require.NoError(t, err)
	assert.Equal(t, s2, got)
	assert.Equal(t, 11, got.Ratings.Released.N)
	assert.Equal(t, []int{6, 11}, got.Ratings.Seen)

	var rows, ratingsRows int
	var day string
	require.NoError(t, st.read.QueryRow(`SELECT count(*), sum(figure = 'ratings'), max(released_on) FROM releases WHERE workshop_id = ?`,
		w.ID).Scan(&rows, &ratingsRows, &day))
	assert.Equal(t, 2, ratingsRows, "one row per release of the figure")
	assert.Equal(t, "2024-06-10", day, "the date only, never the time")

	// A release older than the last one is refused.
	err = st.RecordRelease(ctx, w.ID, s1, on)
	assert.Equal(t, taller.ECONFLICT, taller.ErrorCode(err))

	// Deleting the workshop deletes what it released.
	require.NoError(t, st.DeleteWorkshop(ctx, w.ID))
	require.NoError(t, st.read.QueryRow(`SELECT count(*) FROM releases`).Scan(&rows))
	assert.Zero(t, rows)
}
