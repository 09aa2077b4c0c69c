package report

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func BenchmarkScratchMerge10k(b *testing.B) {
	dir := "/work/wt/trust/.scratch/bench10k"
	n := 10000
	files := make([]string, n)
	for i := range files {
		files[i] = filepath.Join(dir, fmt.Sprintf("taller-%05d.xlsx", i))
	}
	if _, err := os.Stat(files[n-1]); err != nil {
		os.MkdirAll(dir, 0o700)
		svc, ids := synthetic(n, 24)
		key := oneTimeKey()
		var wg sync.WaitGroup
		work := make(chan int)
		for range 8 * runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				for i := range work {
					if _, err := ExportFile(context.Background(), svc, ids[i:i+1], files[i], ExportOptions{Key: key}); err != nil {
						panic(err)
					}
				}
			})
		}
		for i := range n {
			work <- i
		}
		close(work)
		wg.Wait()
	}
	out := b.TempDir() + "/m.xlsx"
	peak := startPeakHeap()
	s := time.Now()
	_, err := Merge(context.Background(), files, out, MergeOptions{})
	require.NoError(b, err)
	b.Logf("merge %v peak %.0f MB", time.Since(s), peak.MB())
}

func BenchmarkScratchRead10k(b *testing.B) {
	dir := "/work/wt/trust/.scratch/bench10k"
	files := make([]string, 10000)
	for i := range files {
		files[i] = filepath.Join(dir, fmt.Sprintf("taller-%05d.xlsx", i))
	}
	peak := startPeakHeap()
	s := time.Now()
	var recs []*record
	for r := range readFiles(context.Background(), files, readOptions{}) {
		require.NoError(b, r.err)
		recs = append(recs, r.b.Records...)
	}
	b.Logf("read %v peak %.0f MB, %d records, json %d bytes", time.Since(s), peak.MB(), len(recs), len(recs[0].json))
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.Logf("live after GC %.0f MB", float64(ms.HeapAlloc)/(1<<20))
	peak = startPeakHeap()
	sortRecords(recs)
	merged := &book{ExportID: "x", ExportedAt: time.Now(), Records: recs, Files: len(files)}
	s = time.Now()
	require.NoError(b, writeAtomic(b.TempDir()+"/m.xlsx", func(w io.Writer) error {
		return merged.write(context.Background(), w, writeOptions{k: 5})
	}))
	b.Logf("write %v peak %.0f MB", time.Since(s), peak.MB())
}
