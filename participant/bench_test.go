package participant

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"taller"
	"taller/participant/phonetest"
	"taller/store"
)

// Benchmark settings: how many phones, and how many of them tap "check
// in" at the same moment. A hotspot holds 8–10 phones; a travel router a
// few dozen; 32 at once is well beyond a real room.
const (
	benchPhones   = 1000
	benchInFlight = 32
)

// BenchmarkCheckIn1000Phones checks in 1,000 simulated phones, each with
// its own cookie jar and connection, over loopback against a real server
// on a real listener and a real SQLite file, and compares the rate with a
// plain loop of durable single-row SQLite inserts measured in the same run.
//
// Target on a 2-core machine: at least 2,000 durable check-ins per second,
// p99 latency under 50 ms, zero errors, zero lost, zero duplicates.
//
//	go test -run '^$' -bench CheckIn1000Phones -benchtime 1x ./participant
func BenchmarkCheckIn1000Phones(b *testing.B) {
	if _, err := os.Stat("/dev/null"); err != nil {
		b.Skip("needs a POSIX machine")
	}
	var rates, p50s, p99s []float64
	for range b.N {
		rate, p50, p99 := runCheckIns(b)
		rates, p50s, p99s = append(rates, rate), append(p50s, p50), append(p99s, p99)
	}
	var raws []float64
	for range 3 {
		raws = append(raws, rawInsertRate(b, benchPhones))
	}
	raw := median(raws)
	rate := median(rates)
	b.ReportMetric(rate, "checkins/s")
	b.ReportMetric(median(p50s), "p50-ms")
	b.ReportMetric(median(p99s), "p99-ms")
	b.ReportMetric(raw, "raw-inserts/s")
	b.ReportMetric(rate/raw, "x-raw")
}

// runCheckIns runs one round: every phone loads the form (not timed), then
// all of them check in, benchInFlight at a time (timed).
func runCheckIns(b *testing.B) (rate, p50, p99 float64) {
	b.StopTimer()
	dir := b.TempDir()
	st, err := store.Open(dir, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	ws := &taller.Workshop{Title: "Benchmark", Country: "SV", Locality: "San Vicente", Organization: "Red", Date: "2024-06-10", Start: 540}
	if err := st.CreateWorkshop(ctx, ws); err != nil {
		b.Fatal(err)
	}
	if err := st.SetPhase(ctx, ws.ID, taller.PhaseCheckIn, true); err != nil {
		b.Fatal(err)
	}
	srv := NewServer(Config{Workshops: st, Attendance: st, Answers: st})
	ln, _, err := Listen("127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	sctx, stop := context.WithCancel(ctx)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(sctx, ln) }()
	defer func() {
		stop()
		if err := <-served; err != nil {
			b.Error(err)
		}
	}()

	base := "http://" + ln.Addr().String()
	join := "/j/" + ws.JoinToken
	phones := make([]*phonetest.Phone, benchPhones)
	forms := make([]phonetest.Form, benchPhones)
	each(benchInFlight, benchPhones, func(i int) error {
		p, err := phonetest.New(base, &http.Transport{MaxIdleConnsPerHost: 1})
		if err != nil {
			return err
		}
		pg, err := p.Get(join)
		if err != nil {
			return err
		}
		f, err := pg.Form("/checkin")
		if err != nil {
			return err
		}
		phones[i], forms[i] = p, f
		return nil
	}, b)

	answers := url.Values{"gender": {"female"}, "age_band": {"30-44"}, "role": {"community"}}
	codes := make([]string, benchPhones)
	lat := make([]time.Duration, benchPhones)
	for _, p := range phones {
		p.SkipForms = true
	}
	b.StartTimer()
	start := time.Now()
	each(benchInFlight, benchPhones, func(i int) error {
		t0 := time.Now()
		pg, err := phones[i].Submit(forms[i], answers)
		lat[i] = time.Since(t0)
		if err != nil {
			return err
		}
		if pg.Status != http.StatusOK {
			return fmt.Errorf("phone %d: status %d", i, pg.Status)
		}
		codes[i] = codeIn(pg.Body)
		return nil
	}, b)
	elapsed := time.Since(start)
	b.StopTimer()

	// Zero lost, zero duplicates: every phone's code is stored once, for
	// its own device.
	n, err := st.Counts(ctx, ws.ID)
	if err != nil {
		b.Fatal(err)
	}
	if n.Total != benchPhones {
		b.Fatalf("%d check-ins stored for %d phones", n.Total, benchPhones)
	}
	seen := map[string]bool{}
	for i, p := range phones {
		got, err := st.CodeForDevice(ctx, ws.ID, DeviceHash(p.Cookie(deviceCookie)))
		if err != nil {
			b.Fatal(err)
		}
		if got == "" || got != codes[i] || seen[got] {
			b.Fatalf("phone %d saw code %q, store has %q", i, codes[i], got)
		}
		seen[got] = true
		p.Client.CloseIdleConnections()
	}
	slices.Sort(lat)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	return float64(benchPhones) / elapsed.Seconds(), ms(lat[len(lat)/2]), ms(lat[len(lat)*99/100])
}

// each runs fn(0..n-1) with at most par running at once, failing b on the
// first error.
func each(par, n int, fn func(i int) error, b *testing.B) {
	var wg sync.WaitGroup
	next := make(chan int)
	errs := make(chan error, n)
	for range par {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if err := fn(i); err != nil {
					errs <- err
				}
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
}

// rawInsertRate measures the floor every durable design is held to: one
// row per transaction, WAL, synchronous=FULL, database/sql and
// mattn/go-sqlite3 directly, on the same disk.
func rawInsertRate(b *testing.B, n int) float64 {
	path := filepath.Join(b.TempDir(), "raw.db")
	db, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=WAL&_synchronous=FULL&_busy_timeout=5000&_txlock=immediate")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(`CREATE TABLE checkins (id INTEGER PRIMARY KEY, submission_id TEXT NOT NULL UNIQUE,
		gender TEXT NOT NULL, age_band TEXT NOT NULL, role TEXT NOT NULL, at TEXT NOT NULL)`); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	for i := range n {
		tx, err := db.Begin()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := tx.Exec(`INSERT INTO checkins (submission_id, gender, age_band, role, at) VALUES (?, 'female', '30-44', 'community', ?)`,
			"raw-"+strconv.Itoa(i), time.Now().UTC().Format(time.RFC3339)); err != nil {
			b.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	return float64(n) / time.Since(start).Seconds()
}

// codeIn finds the participant code in a saved page without parsing it.
func codeIn(body string) string {
	const mark = `<p class="code">`
	i := strings.Index(body, mark)
	if i < 0 || len(body) < i+len(mark)+taller.CodeLen {
		return ""
	}
	return body[i+len(mark) : i+len(mark)+taller.CodeLen]
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}
