package main

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/store"
)

func TestExportCommandSaysWhatItHeldBack(t *testing.T) {
	dir, ws := newServeData(t)
	st, err := store.Open(dir, store.Options{})
	require.NoError(t, err)
	for i := range 3 {
		_, err := st.CheckIn(context.Background(), &taller.CheckIn{WorkshopID: ws.ID, SubmissionID: fmt.Sprintf("note-%06d", i),
			Device: fmt.Sprintf("device-%d", i), Gender: taller.Female, AgeBand: "30-44", Role: "community", Source: taller.SourcePhone})
		require.NoError(t, err)
	}
	require.NoError(t, st.Close())

	out := filepath.Join(t.TempDir(), "out.xlsx")
	_, stderr, code := cli(t, dir, "--lang", "es", "export", "--workshop", ws.ID, "-o", out)
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, "Talleres exportados: 1, a "+out+"\n2 cifras retenidas hasta que respondan al menos 5 personas\n", stderr,
		"the age and the role of the three women")
	_, stderr, code = cli(t, dir, "--lang", "en", "export", "--workshop", ws.ID, "-o", out)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, "\n2 figures held back until at least 5 people answer\n")
}
