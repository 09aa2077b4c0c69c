package store

import (
	"context"
	"database/sql"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMigrationFourMapsExportTimesToRevisions(t *testing.T) {
	// Given a file at version 3 with three workshops: never exported,
	// exported after its last change, and changed after its export,
	dir := t.TempDir()
	db, err := sql.Open("sqlite3", dsn(Path(dir), false))
	require.NoError(t, err)
	db.SetMaxOpenConns(1)
	_, err = db.Exec(fmt.Sprintf("PRAGMA application_id=%d", ApplicationID))
	require.NoError(t, err)
	require.NoError(t, migrate(context.Background(), db, 3))
	for _, w := range []struct{ id, changed, exported string }{
		{"never", "2024-06-01T10:00:00.000Z", ""},
		{"clean", "2024-06-01T10:00:00.000Z", "2024-06-02T08:00:00.000Z"},
		{"dirty", "2024-06-03T10:00:00.000Z", "2024-06-02T08:00:00.000Z"},
	} {
		var exported any
		if w.exported != "" {
			exported = w.exported
		}
		_, err = db.Exec(`INSERT INTO workshops (id, title, country, locality, organization, date, start_min, language,
			checkin_cap, join_token, created_at, updated_at, changed_at, exported_at) VALUES (?, 'T', 'SV', 'L', 'O',
			'2024-06-19', 540, 'es', 2000, ?, '2024-06-01T00:00:00.000Z', '2024-06-01T00:00:00.000Z', ?, ?)`,
			w.id, "tok-"+w.id, w.changed, exported)
		require.NoError(t, err)
	}
	require.NoError(t, db.Close())

	// when a newer Taller opens it,
	st, err := Open(dir, Options{})
	require.NoError(t, err)
	defer st.Close()

	// then only the workshop exported after its last change counts as
	// exported, and its next change makes it "not exported" again.
	changed := map[string]bool{}
	for _, id := range []string{"never", "clean", "dirty"} {
		w, err := st.Workshop(context.Background(), id)
		require.NoError(t, err)
		changed[id] = w.Changed()
	}
	assert.Equal(t, map[string]bool{"never": true, "clean": false, "dirty": true}, changed)
	checkIn(t, st, "clean", "phone")
	w, err := st.Workshop(context.Background(), "clean")
	require.NoError(t, err)
	assert.True(t, w.Changed(), "a check-in after the migration is not exported yet")
}
