package report

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/i18n"
)

// peakHeap samples the heap in use (runtime/metrics, without stopping the
// world) every millisecond until stopped, and keeps the largest value.
type peakHeap struct {
	stop chan struct{}
	done chan struct{}
	peak uint64
}

func startPeakHeap() *peakHeap {
	runtime.GC()
	p := &peakHeap{stop: make(chan struct{}), done: make(chan struct{})}
	samples := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/unused:bytes"}}
	read := func() {
		metrics.Read(samples)
		if v := samples[0].Value.Uint64() + samples[1].Value.Uint64(); v > p.peak {
			p.peak = v
		}
	}
	go func() {
		defer close(p.done)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			read()
			select {
			case <-p.stop:
				read()
				return
			case <-t.C:
			}
		}
	}()
	return p
}

// MB stops sampling and returns the peak in megabytes.
func (p *peakHeap) MB() float64 {
	close(p.stop)
	<-p.done
	return float64(p.peak) / (1 << 20)
}

// fakeReports serves prebuilt aggregates, so a benchmark times the export
// itself and not the database; it signs with a key of its own, as a
// store does.
type fakeReports struct {
	aggs map[string]*taller.Aggregates
	key  ed25519.PrivateKey
}

func (f *fakeReports) SigningKey() (ed25519.PrivateKey, error) { return f.key, nil }

func (f *fakeReports) Aggregates(_ context.Context, id string, _ bool) (*taller.Aggregates, error) {
	return f.aggs[id], nil
}

func (f *fakeReports) MarkExported(context.Context, map[string]int64, time.Time) error { return nil }

// The benchmark's workshops are exported once each: no earlier release.
func (f *fakeReports) ReleaseState(context.Context, string) (*taller.ReleaseState, error) {
	return &taller.ReleaseState{}, nil
}

func (f *fakeReports) RecordRelease(context.Context, string, *taller.ReleaseState, time.Time) error {
	return nil
}

// synthetic makes n workshops of the given size with check-ins spread over
// every gender, age band and role, nine evaluations in ten, and quizzes.
func synthetic(n, participants int) (*fakeReports, []string) {
	rng := rand.New(rand.NewPCG(1, 2))
	countries := []taller.Country{taller.ElSalvador, taller.Guatemala, taller.Honduras}
	f := &fakeReports{aggs: make(map[string]*taller.Aggregates, n), key: oneTimeKey()}
	ids := make([]string, n)
	day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		id := uuid.NewString()
		a := taller.NewAggregates(taller.WorkshopInfo{ID: id, Title: "Respuestas comunitarias frente a la extorsión",
			Country: countries[i%3], Locality: fmt.Sprintf("Localidad %d", i), Organization: "Organización comunitaria",
			Facilitator: "Facilitadora", Date: day.AddDate(0, 0, i%365).Format(time.DateOnly)})
		for range participants {
			g := taller.Genders[rng.IntN(10)%len(taller.Genders)]
			if rng.IntN(10) < 6 {
				g = taller.Female
			}
			ab := taller.AgeBands[rng.IntN(len(taller.AgeBands))]
			r := taller.Roles[rng.IntN(len(taller.Roles))]
			a.ByGender[g]++
			if a.AgeByGender[ab] == nil {
				a.AgeByGender[ab] = map[taller.Gender]int{}
			}
			a.AgeByGender[ab][g]++
			if a.RoleByGender[r] == nil {
				a.RoleByGender[r] = map[taller.Gender]int{}
			}
			a.RoleByGender[r][g]++
			if rng.IntN(10) < 9 {
				a.Evaluations++
				for _, it := range taller.LikertItems {
					d := a.Ratings[it]
					d[2+rng.IntN(3)]++
					a.Ratings[it] = d
				}
			}
			pre, post := float64(rng.IntN(11)*10), float64(rng.IntN(11)*10)
			a.Pre.N++
			a.Pre.Sum += pre
			a.Post.N++
			a.Post.Sum += post
			a.Paired.N++
			a.Paired.PreSum += pre
			a.Paired.PostSum += post
		}
		f.aggs[id] = a
		ids[i] = id
	}
	return f, ids
}

// BenchmarkExport1000Workshops exports 1,000 workshops of 50 participants
// with evaluations to one workbook. Target on a 2-core machine: under 3 s
// and under 200 MB of heap.
func BenchmarkExport1000Workshops(b *testing.B) {
	svc, ids := synthetic(1000, 50)
	path := filepath.Join(b.TempDir(), "export.xlsx")
	peak := startPeakHeap()
	start := time.Now()
	n := 0
	for b.Loop() {
		_, err := ExportFile(context.Background(), svc, ids, path, ExportOptions{Lang: i18n.English})
		require.NoError(b, err)
		n++
	}
	b.ReportMetric(time.Since(start).Seconds()/float64(n), "s/export")
	b.ReportMetric(peak.MB(), "peak-heap-MB")
	info, err := os.Stat(path)
	require.NoError(b, err)
	b.ReportMetric(float64(info.Size())/(1<<20), "file-MB")
}

// BenchmarkExport1000WorkshopsFromStore is the same export read from a real
// data file: 50,000 check-ins and about 45,000 evaluations, stored through
// the domain services by many goroutines (the set-up takes a while and is
// not timed). Target: under 3 s and under 200 MB of heap.
func BenchmarkExport1000WorkshopsFromStore(b *testing.B) {
	ctx := context.Background()
	st := openStore(b)
	setup := time.Now()
	ids := make([]string, 1000)
	for i := range ids {
		w := addWorkshop(b, st, &taller.Workshop{Country: "SV", Locality: fmt.Sprintf("Localidad %d", i), Date: "2024-06-10"})
		ids[i] = w.ID
	}
	jobs := make(chan func() error, 1024)
	var wg sync.WaitGroup
	errs := make(chan error, 1)
	for range 256 {
		wg.Go(func() {
			for job := range jobs {
				if err := job(); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		})
	}
	for i, id := range ids {
		for p := range 50 {
			g := taller.Female
			if p%3 == 0 {
				g = taller.Male
			}
			ci := &taller.CheckIn{WorkshopID: id, SubmissionID: fmt.Sprintf("bench-c-%d-%d", i, p), Device: fmt.Sprintf("d-%d-%d", i, p),
				Gender: g, AgeBand: taller.AgeBands[p%5], Role: taller.Roles[p%6], Source: taller.SourcePhone}
			jobs <- func() error { _, err := st.CheckIn(ctx, ci); return err }
			if p%10 != 0 {
				r := map[taller.LikertItem]int{}
				for k, it := range taller.LikertItems {
					r[it] = 1 + (p+k)%5
				}
				ev := &taller.Evaluation{WorkshopID: id, SubmissionID: fmt.Sprintf("bench-e-%d-%d", i, p), Ratings: r, Source: taller.SourcePaper}
				jobs <- func() error { _, err := st.SubmitEvaluation(ctx, ev); return err }
			}
		}
	}
	close(jobs)
	wg.Wait()
	select {
	case err := <-errs:
		require.NoError(b, err)
	default:
	}
	b.Logf("set-up: 1,000 workshops stored in %s", time.Since(setup).Round(time.Millisecond))

	path := filepath.Join(b.TempDir(), "export.xlsx")
	peak := startPeakHeap()
	start := time.Now()
	n := 0
	for b.Loop() {
		_, err := ExportFile(ctx, st, ids, path, ExportOptions{Lang: i18n.English})
		require.NoError(b, err)
		n++
	}
	b.ReportMetric(time.Since(start).Seconds()/float64(n), "s/export")
	b.ReportMetric(peak.MB(), "peak-heap-MB")
	s := summaryRows(b, path)
	require.Equal(b, "50000", s[len(s)-1][2])
}

// BenchmarkMerge100Files merges 100 exports of 10 workshops each (1,000
// workshops of 50 participants). Target on a 2-core machine: under 5 s.
func BenchmarkMerge100Files(b *testing.B) {
	svc, ids := synthetic(1000, 50)
	dir := b.TempDir()
	files := make([]string, 100)
	for i := range files {
		files[i] = filepath.Join(dir, fmt.Sprintf("export-%03d.xlsx", i))
		_, err := ExportFile(context.Background(), svc, ids[i*10:(i+1)*10], files[i], ExportOptions{})
		require.NoError(b, err)
	}
	out := filepath.Join(dir, "merged.xlsx")
	peak := startPeakHeap()
	start := time.Now()
	n := 0
	for b.Loop() {
		res, err := Merge(context.Background(), files, out, MergeOptions{})
		require.NoError(b, err)
		require.Equal(b, 1000, res.Workshops)
		n++
	}
	b.ReportMetric(time.Since(start).Seconds()/float64(n), "s/merge")
	b.ReportMetric(peak.MB(), "peak-heap-MB")
}

// mergeFiles writes n one-workshop export files, as n facilitators' laptops
// would send them (the set-up, on every core, is not timed).
func mergeFiles(b *testing.B, n int) []string {
	b.Helper()
	svc, ids := synthetic(n, 24)
	dir := b.TempDir()
	files := make([]string, n)
	key := oneTimeKey()
	var wg sync.WaitGroup
	work := make(chan int)
	errs := make(chan error, 1)
	// Many writers: each file is flushed to disk, which waits more than it
	// computes.
	for range 8 * max(1, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := range work {
				files[i] = filepath.Join(dir, fmt.Sprintf("taller-%05d.xlsx", i))
				if _, err := ExportFile(context.Background(), svc, ids[i:i+1], files[i], ExportOptions{Key: key}); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		})
	}
	for i := range n {
		work <- i
	}
	close(work)
	wg.Wait()
	select {
	case err := <-errs:
		require.NoError(b, err)
	default:
	}
	return files
}

// BenchmarkMerge10000Files merges 10,000 one-workshop exports (24
// participants each, with evaluations and quizzes), verifying every
// signature and every visible cell, and also the first 2,500 and 5,000 of
// them, to show the time grows linearly. Target on a 2-core machine: under
// 10 s and under 300 MB of heap for the 10,000. cpu-s/merge is the
// processor time it took on all cores: with other work on the machine it
// says more than the wall clock.
func BenchmarkMerge10000Files(b *testing.B) {
	setup := time.Now()
	files := mergeFiles(b, 10000)
	b.Logf("set-up: 10,000 export files written in %s", time.Since(setup).Round(time.Millisecond))
	for _, n := range []int{2500, 5000, 10000} {
		b.Run(fmt.Sprintf("files=%d", n), func(b *testing.B) {
			out := filepath.Join(b.TempDir(), "merged.xlsx")
			peak := startPeakHeap()
			start, cpu := time.Now(), cpuSeconds()
			runs := 0
			for b.Loop() {
				res, err := Merge(context.Background(), files[:n], out, MergeOptions{})
				require.NoError(b, err)
				require.Equal(b, n, res.Workshops)
				runs++
			}
			elapsed := time.Since(start).Seconds() / float64(runs)
			b.ReportMetric(elapsed, "s/merge")
			b.ReportMetric(elapsed/float64(n)*1e6, "µs/file")
			b.ReportMetric((cpuSeconds()-cpu)/float64(runs), "cpu-s/merge")
			b.ReportMetric(peak.MB(), "peak-heap-MB")
		})
	}
}
