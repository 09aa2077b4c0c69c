package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
)

func openTemp(t *testing.T) (*Store, string) {
	t.Helper()
	dir := t.TempDir()
	st, err := Open(dir, Options{})
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	return st, dir
}

func newWorkshop(t *testing.T, st *Store) *taller.Workshop {
	t.Helper()
	w := &taller.Workshop{Title: "Taller de prueba", Country: "SV", Locality: "San Vicente", Organization: "Red de Mujeres", Date: "2024-06-10", Start: 9 * 60}
	require.NoError(t, st.CreateWorkshop(context.Background(), w))
	return w
}

func checkIn(t *testing.T, st *Store, wsID, device string) taller.CheckInResult {
	t.Helper()
	res, err := st.CheckIn(context.Background(), &taller.CheckIn{WorkshopID: wsID, SubmissionID: taller.NewID(), Device: device,
		Gender: taller.Female, AgeBand: "30-44", Role: "community", Source: taller.SourcePhone})
	require.NoError(t, err)
	return res
}

func TestOpenCreatesPrivateWALFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("file modes are POSIX")
	}
	st, dir := openTemp(t)
	info, err := os.Stat(Path(dir))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm(), "the data file must be readable by its owner only")
	newWorkshop(t, st)
	info, err = os.Stat(Path(dir) + "-wal")
	require.NoError(t, err, "WAL mode must be on")
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())

	var mode string
	require.NoError(t, st.read.QueryRow("PRAGMA journal_mode").Scan(&mode))
	assert.Equal(t, "wal", mode)
	var fk, sync int
	require.NoError(t, st.read.QueryRow("PRAGMA foreign_keys").Scan(&fk))
	require.NoError(t, st.read.QueryRow("PRAGMA synchronous").Scan(&sync))
	assert.Equal(t, 1, fk, "foreign keys on every connection")
	assert.Equal(t, 2, sync, "synchronous=FULL on every connection")
	var appID int64
	require.NoError(t, st.read.QueryRow("PRAGMA application_id").Scan(&appID))
	assert.Equal(t, int64(ApplicationID), appID)
}

func TestMigrateFromEmptyAndFromEachOlderVersion(t *testing.T) {
	for from := 0; from <= SchemaVersion; from++ {
		t.Run(fmt.Sprintf("from_v%d", from), func(t *testing.T) {
			dir := t.TempDir()
			path := Path(dir)
			// Build a file at version `from`, as an older Taller left it.
			db, err := sql.Open("sqlite3", dsn(path, false))
			require.NoError(t, err)
			db.SetMaxOpenConns(1)
			_, err = db.Exec(fmt.Sprintf("PRAGMA application_id=%d", ApplicationID))
			require.NoError(t, err)
			require.NoError(t, migrate(context.Background(), db, from))
			if from >= 1 {
				_, err = db.Exec(`INSERT INTO workshops (id, title, country, locality, organization, date, start_min, language,
					checkin_cap, join_token, created_at, updated_at) VALUES ('w1', 'Viejo', 'HN', 'El Progreso', 'Org',
					'2024-06-19', 540, 'es', 2000, 'tok', '2024-06-01T00:00:00.000Z', '2024-06-01T00:00:00.000Z')`)
				require.NoError(t, err)
				_, err = db.Exec(`INSERT INTO checkins (workshop_id, submission_id, code, gender, age_band, role, source, at)
					VALUES ('w1', 'sub-00001', 'ACDEF', 'male', '18-29', 'leader', 'phone', '2024-06-19T09:00:00.000Z')`)
				require.NoError(t, err)
			}
			require.NoError(t, db.Close())

			st, err := Open(dir, Options{})
			require.NoError(t, err)
			defer st.Close()
			var v int
			require.NoError(t, st.read.QueryRow("PRAGMA user_version").Scan(&v))
			assert.Equal(t, SchemaVersion, v)
			if from >= 1 {
				w, err := st.Workshop(context.Background(), "w1")
				require.NoError(t, err, "data written by an older version survives the upgrade")
				assert.Equal(t, "Viejo", w.Title)
				n, err := st.Counts(context.Background(), "w1")
				require.NoError(t, err)
				assert.Equal(t, 1, n.ByGender[taller.Male])
				assert.True(t, w.Changed(), "an old workshop counts as not exported")
			}
		})
	}
}

func TestRefusesNewerSchema(t *testing.T) {
	st, dir := openTemp(t)
	_, err := st.db.Exec(fmt.Sprintf("PRAGMA user_version=%d", SchemaVersion+1))
	require.NoError(t, err)
	require.NoError(t, st.Close())

	_, err = Open(dir, Options{})
	require.Error(t, err)
	assert.Equal(t, taller.EINVALID, taller.ErrorCode(err))
	assert.Contains(t, err.Error(), "newer version of Taller")
}

func TestRefusesForeignFiles(t *testing.T) {
	t.Run("not sqlite", func(t *testing.T) {
		dir := t.TempDir()
		require.NoError(t, os.WriteFile(Path(dir), []byte("this is a spreadsheet, not a database, and it is long enough to have a header"), 0o600))
		_, err := Open(dir, Options{})
		require.Error(t, err)
		assert.Contains(t, err.Error(), "not a Taller database")
	})
	t.Run("another app's sqlite", func(t *testing.T) {
		dir := t.TempDir()
		db, err := sql.Open("sqlite3", Path(dir))
		require.NoError(t, err)
		_, err = db.Exec("CREATE TABLE notes (x TEXT)")
		require.NoError(t, err)
		db.Close()
		_, err = Open(dir, Options{})
		require.Error(t, err)
		assert.Contains(t, err.Error(), "not a Taller database")
	})
}

func TestConcurrentWritersLoseNothingAndDuplicateNothing(t *testing.T) {
	st, _ := openTemp(t)
	w := newWorkshop(t, st)
	ctx := context.Background()
	const phones = 50
	subs := make([]string, phones)
	codes := make([]string, phones)
	var wg sync.WaitGroup
	for i := range phones {
		subs[i] = taller.NewID()
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := &taller.CheckIn{WorkshopID: w.ID, SubmissionID: subs[i], Device: fmt.Sprintf("device-%d", i),
				Gender: taller.Genders[i%4], AgeBand: taller.AgeBands[i%5], Role: taller.Roles[i%6], Source: taller.SourcePhone}
			res, err := st.CheckIn(ctx, c)
			assert.NoError(t, err)
			assert.False(t, res.Repeat)
			// Every phone retries once, as a flaky hotspot makes them do.
			again, err := st.CheckIn(ctx, &taller.CheckIn{WorkshopID: w.ID, SubmissionID: subs[i], Device: fmt.Sprintf("device-%d", i),
				Gender: c.Gender, AgeBand: c.AgeBand, Role: c.Role, Source: taller.SourcePhone})
			assert.NoError(t, err)
			assert.True(t, again.Repeat)
			assert.Equal(t, res.Code, again.Code)
			codes[i] = res.Code
		}()
	}
	wg.Wait()
	n, err := st.Counts(ctx, w.ID)
	require.NoError(t, err)
	assert.Equal(t, phones, n.Total)
	seen := map[string]bool{}
	for _, c := range codes {
		assert.Len(t, c, taller.CodeLen)
		assert.False(t, seen[c], "participant codes are unique in a workshop")
		seen[c] = true
	}
	var rows int
	require.NoError(t, st.read.QueryRow("SELECT count(*) FROM checkins").Scan(&rows))
	assert.Equal(t, phones, rows)
}

func TestSameDeviceCountsOnce(t *testing.T) {
	st, _ := openTemp(t)
	w := newWorkshop(t, st)
	first := checkIn(t, st, w.ID, "phone-a")
	second := checkIn(t, st, w.ID, "phone-a")
	assert.True(t, second.Repeat)
	assert.Equal(t, first.Code, second.Code)
	// Paper forms have no device and each counts.
	for range 2 {
		_, err := st.CheckIn(context.Background(), &taller.CheckIn{WorkshopID: w.ID, SubmissionID: taller.NewID(),
			Gender: taller.Male, AgeBand: "60plus", Role: "other", Source: taller.SourcePaper})
		require.NoError(t, err)
	}
	n, err := st.Counts(context.Background(), w.ID)
	require.NoError(t, err)
	assert.Equal(t, 3, n.Total)
}

func TestCheckInCap(t *testing.T) {
	st, _ := openTemp(t)
	w := &taller.Workshop{Title: "Pequeño", Country: "GT", Locality: "Mixco", Organization: "Org", Date: "2024-06-20", CheckInCap: 2}
	require.NoError(t, st.CreateWorkshop(context.Background(), w))
	checkIn(t, st, w.ID, "a")
	checkIn(t, st, w.ID, "b")
	_, err := st.CheckIn(context.Background(), &taller.CheckIn{WorkshopID: w.ID, SubmissionID: taller.NewID(), Device: "c",
		Gender: taller.Female, AgeBand: "30-44", Role: "community", Source: taller.SourcePhone})
	require.Error(t, err)
	assert.Equal(t, taller.ELIMIT, taller.ErrorCode(err))
}

func TestCheckInTimesAreCoarsened(t *testing.T) {
	st, _ := openTemp(t)
	w := newWorkshop(t, st)
	st.now = func() time.Time { return time.Date(2025, 6, 10, 9, 37, 12, 345, time.UTC) }
	checkIn(t, st, w.ID, "x")
	var at string
	require.NoError(t, st.read.QueryRow("SELECT at FROM checkins").Scan(&at))
	tm, err := time.Parse(timeFormat, at)
	require.NoError(t, err, "the stored time %q reads back", at)
	assert.Equal(t, time.Date(2025, 6, 10, 9, 30, 0, 0, time.UTC), tm, "09:37:12 is stored as 09:30")
}

func TestDeleteWorkshopCascades(t *testing.T) {
	st, _ := openTemp(t)
	ctx := context.Background()
	w := newWorkshop(t, st)
	keep := newWorkshop(t, st)
	checkIn(t, st, w.ID, "d1")
	checkIn(t, st, keep.ID, "d1")
	require.NoError(t, st.AddTally(ctx, &taller.Tally{WorkshopID: w.ID, SubmissionID: taller.NewID(), Female: 2}))
	_, err := st.SubmitQuiz(ctx, &taller.QuizAttempt{WorkshopID: w.ID, SubmissionID: taller.NewID(), Device: "d1", Kind: taller.PreQuiz,
		Answers: map[string]int{"q.1": 0}, Score: 1, Total: 1, Source: taller.SourcePhone})
	require.NoError(t, err)
	_, err = st.SubmitEvaluation(ctx, &taller.Evaluation{WorkshopID: w.ID, SubmissionID: taller.NewID(), Device: "d1",
		Ratings: map[taller.LikertItem]int{"overall": 5, "usefulness": 4, "clarity": 5, "safety": 3, "recommend": 5},
		Comment: "Muy bueno", Source: taller.SourcePhone})
	require.NoError(t, err)

	require.NoError(t, st.DeleteWorkshop(ctx, w.ID))
	for _, table := range []string{"checkins", "tallies", "quiz_attempts", "evaluations", "comments"} {
		var n int
		require.NoError(t, st.read.QueryRow("SELECT count(*) FROM "+table+" WHERE workshop_id = ?", w.ID).Scan(&n))
		assert.Zero(t, n, table)
	}
	_, err = st.Workshop(ctx, w.ID)
	assert.Equal(t, taller.ENOTFOUND, taller.ErrorCode(err))
	n, err := st.Counts(ctx, keep.ID)
	require.NoError(t, err)
	assert.Equal(t, 1, n.Total, "other workshops keep their rows")
	assert.Equal(t, taller.ENOTFOUND, taller.ErrorCode(st.DeleteWorkshop(ctx, w.ID)))
}

func TestWipeRemovesTheThreeFiles(t *testing.T) {
	st, dir := openTemp(t)
	newWorkshop(t, st)
	for _, suffix := range []string{"", "-wal", "-shm"} {
		_, err := os.Stat(Path(dir) + suffix)
		require.NoError(t, err, "before wiping, %s exists", suffix)
	}
	require.NoError(t, st.Close())
	require.NoError(t, Wipe(dir))
	for _, suffix := range []string{"", "-wal", "-shm"} {
		_, err := os.Stat(Path(dir) + suffix)
		assert.True(t, os.IsNotExist(err), "%s removed", filepath.Base(Path(dir)+suffix))
	}
	require.NoError(t, Wipe(dir), "wiping twice is harmless")
}

func TestWorkshopRoundTripAndPhases(t *testing.T) {
	st, _ := openTemp(t)
	ctx := context.Background()
	w := &taller.Workshop{Title: "  Taller\tde Usulután ", Country: "sv", Locality: "Usulután", Organization: "GAT-CBJ",
		Date: "2024-06-12", Start: 8*60 + 30, Language: "en", Facilitator: "E. M."}
	require.NoError(t, st.CreateWorkshop(ctx, w))
	got, err := st.Workshop(ctx, w.ID)
	require.NoError(t, err)
	assert.Equal(t, "Taller de Usulután", got.Title)
	assert.Equal(t, taller.Country("SV"), got.Country)
	assert.Equal(t, taller.ClockTime(510), got.Start)
	assert.Equal(t, "E. M.", got.Facilitator)
	assert.Len(t, got.JoinToken, 26)
	assert.False(t, got.IsOpen(taller.PhaseCheckIn))

	require.NoError(t, st.SetPhase(ctx, w.ID, taller.PhaseCheckIn, true))
	byToken, err := st.WorkshopByToken(ctx, got.JoinToken)
	require.NoError(t, err)
	assert.True(t, byToken.IsOpen(taller.PhaseCheckIn))
	_, err = st.WorkshopByToken(ctx, "nope")
	assert.Equal(t, taller.ENOTFOUND, taller.ErrorCode(err))

	got.Title = "Nuevo título"
	require.NoError(t, st.UpdateWorkshop(ctx, got))
	again, err := st.Workshop(ctx, w.ID)
	require.NoError(t, err)
	assert.Equal(t, "Nuevo título", again.Title)
	assert.Equal(t, got.JoinToken, again.JoinToken, "the join token is stable for the workshop's life")

	bad := *again
	bad.Date = "2024-13-40"
	assert.Equal(t, taller.EINVALID, taller.ErrorCode(st.UpdateWorkshop(ctx, &bad)))
}

func TestAgendaIsStoredWithTheWorkshop(t *testing.T) {
	st, _ := openTemp(t)
	ctx := context.Background()
	w := newWorkshop(t, st)
	a, err := st.Agenda(ctx, w.ID)
	require.NoError(t, err)
	assert.Equal(t, taller.ClockTime(540), a.Start)
	assert.Empty(t, a.Blocks)
	require.NoError(t, a.Add(taller.AgendaBlock{Kind: taller.BlockModule, ModuleID: "extortion-today", Minutes: 45}, 0))
	require.NoError(t, a.Add(taller.AgendaBlock{Kind: taller.BlockBreak, Minutes: 15}, 1))
	require.NoError(t, st.SaveAgenda(ctx, w.ID, a))
	got, err := st.Agenda(ctx, w.ID)
	require.NoError(t, err)
	assert.Equal(t, a, got)
	assert.Error(t, st.SaveAgenda(ctx, w.ID, &taller.Agenda{Blocks: []taller.AgendaBlock{{Kind: "dance", Minutes: 10}}}))
}

func TestExportTracking(t *testing.T) {
	st, _ := openTemp(t)
	ctx := context.Background()
	w := newWorkshop(t, st)
	got, _ := st.Workshop(ctx, w.ID)
	assert.True(t, got.Changed(), "new workshops are not exported yet")

	agg, err := st.Aggregates(ctx, w.ID, false)
	require.NoError(t, err)
	checkIn(t, st, w.ID, "during-the-export") // arrives after the figures were read
	require.NoError(t, st.MarkExported(ctx, map[string]int64{w.ID: agg.Revision}, st.now()))
	got, _ = st.Workshop(ctx, w.ID)
	assert.True(t, got.Changed(), "a check-in the export did not read still counts as not exported")
	require.NotNil(t, got.ExportedAt)

	agg, err = st.Aggregates(ctx, w.ID, false)
	require.NoError(t, err)
	require.NoError(t, st.MarkExported(ctx, map[string]int64{w.ID: agg.Revision}, st.now()))
	got, _ = st.Workshop(ctx, w.ID)
	assert.False(t, got.Changed())

	checkIn(t, st, w.ID, "late-phone")
	got, _ = st.Workshop(ctx, w.ID)
	assert.True(t, got.Changed(), "a check-in after the export marks it changed")
}

func TestNoExactTimesBesideAnswers(t *testing.T) {
	st, _ := openTemp(t)
	w := newWorkshop(t, st)
	checkIn(t, st, w.ID, "p")
	var n int
	require.NoError(t, st.read.QueryRow(`SELECT count(*) FROM pragma_table_info('workshops') WHERE name = 'changed_at'`).Scan(&n))
	assert.Zero(t, n, "no per-submission timestamp on the workshop row")
	var rev int64
	require.NoError(t, st.read.QueryRow(`SELECT revision FROM workshops WHERE id = ?`, w.ID).Scan(&rev))
	assert.Equal(t, int64(2), rev, "the check-in counted as a change")
}

func TestSettings(t *testing.T) {
	st, _ := openTemp(t)
	ctx := context.Background()
	v, err := st.Setting(ctx, taller.SettingOutbox, "none")
	require.NoError(t, err)
	assert.Equal(t, "none", v)
	require.NoError(t, st.SetSetting(ctx, taller.SettingOutbox, "/tmp/x"))
	require.NoError(t, st.SetSetting(ctx, taller.SettingOutbox, "/tmp/y"))
	v, err = st.Setting(ctx, taller.SettingOutbox, "none")
	require.NoError(t, err)
	assert.Equal(t, "/tmp/y", v)
}

func TestNotifierHearsCommits(t *testing.T) {
	n := taller.NewNotifier()
	dir := t.TempDir()
	st, err := Open(dir, Options{Notifier: n})
	require.NoError(t, err)
	defer st.Close()
	w := newWorkshop(t, st)
	ch, cancel := n.Subscribe()
	defer cancel()
	checkIn(t, st, w.ID, "p")
	assert.Equal(t, w.ID, <-ch)
}

func TestFolderNamesWithURICharacters(t *testing.T) {
	for _, name := range []string{"a#b", "50%", "José%C3%A9 data", "q?x"} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), name)
			st, err := Open(dir, Options{})
			require.NoError(t, err)
			newWorkshop(t, st)
			require.NoError(t, st.Close())
			info, err := os.Stat(Path(dir))
			require.NoError(t, err)
			assert.Greater(t, info.Size(), int64(0), "the data went into the folder asked for")
			entries, err := os.ReadDir(filepath.Dir(dir))
			require.NoError(t, err)
			assert.Len(t, entries, 1, "nothing was written beside the folder")
			require.NoError(t, Wipe(dir))
			_, err = os.Stat(Path(dir))
			assert.True(t, os.IsNotExist(err))
		})
	}
}

func TestWritesAfterCloseFailAndNeverHang(t *testing.T) {
	for range 50 {
		dir := t.TempDir()
		st, err := Open(dir, Options{})
		require.NoError(t, err)
		w := newWorkshop(t, st)
		// Some writes wait in the queue when Close comes, some race it.
		release := holdWriter(t, st)
		var wg sync.WaitGroup
		results := make([]error, 20)
		for i := range results {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, results[i] = st.CheckIn(context.Background(), &taller.CheckIn{WorkshopID: w.ID, SubmissionID: taller.NewID(),
					Device: fmt.Sprint("d", i), Gender: taller.Female, AgeBand: "18-29", Role: "other", Source: taller.SourcePhone})
			}()
		}
		for i := 0; len(st.writer.jobs) < 5; i++ {
			require.Less(t, i, 5000, "no write was queued")
			time.Sleep(time.Millisecond)
		}
		closed := make(chan error, 1)
		go func() { closed <- st.Close() }()
		for i := 0; ; i++ {
			st.writer.mu.RLock()
			c := st.writer.closed
			st.writer.mu.RUnlock()
			if c {
				break
			}
			require.Less(t, i, 5000, "Close never began")
			time.Sleep(time.Millisecond)
		}
		release()
		require.NoError(t, <-closed)
		done := make(chan struct{})
		go func() { wg.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatal("a write racing Close never returned")
		}
		_, err = st.writer.do(context.Background(), func(*sql.Tx) (string, error) { return "", nil })
		assert.ErrorIs(t, err, errClosed)

		// Every write either failed with "closed" or is in the file: opened
		// again, it holds exactly the writes that were told "saved".
		saved := 0
		for _, err := range results {
			if err == nil {
				saved++
			} else {
				assert.ErrorIs(t, err, errClosed)
			}
		}
		st, err = Open(dir, Options{})
		require.NoError(t, err)
		c, err := st.Counts(context.Background(), w.ID)
		require.NoError(t, err)
		assert.Equal(t, saved, c.Total, "the file holds every write told \"saved\" and no other")
		require.NoError(t, st.Close())
	}
}

func TestCancelledRequestStillKeepsItsAnswer(t *testing.T) {
	st, _ := openTemp(t)
	w := newWorkshop(t, st)
	ctx, cancel := context.WithCancel(context.Background())
	// Hold the writer busy so the check-in is queued, then cancel it.
	release := holdWriter(t, st)
	res := make(chan error, 1)
	go func() {
		_, err := st.CheckIn(ctx, &taller.CheckIn{WorkshopID: w.ID, SubmissionID: "left-the-wifi", Device: "gone",
			Gender: taller.Male, AgeBand: "30-44", Role: "leader", Source: taller.SourcePhone})
		res <- err
	}()
	for i := 0; len(st.writer.jobs) < 1; i++ {
		require.Less(t, i, 5000, "the check-in was never queued")
		time.Sleep(time.Millisecond)
	}
	cancel()
	release()
	assert.NoError(t, <-res)
	n, err := st.Counts(context.Background(), w.ID)
	require.NoError(t, err)
	assert.Equal(t, 1, n.Total, "a queued answer is kept though its phone went away")
}
