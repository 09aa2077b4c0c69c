package report

import (
	"context"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
	"taller/demo"
	"taller/i18n"
)

func TestScratchExport(t *testing.T) {
	st := openStore(t)
	res, err := demo.Fill(context.Background(), st)
	require.NoError(t, err)
	var ids []string
	for _, w := range res.Workshops {
		ids = append(ids, w.ID)
	}
	out := os.Getenv("SCRATCH_OUT")
	_, err = ExportFile(context.Background(), st, ids, out, ExportOptions{Lang: i18n.English, IncludeComments: true})
	require.NoError(t, err)
}
