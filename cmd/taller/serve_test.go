package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/curriculum"
	"taller/i18n"
	"taller/participant"
	"taller/participant/phonetest"
	"taller/store"
)

// newServeData makes a data folder with one workshop whose check-in is
// open, and returns the folder and the workshop.
func newServeData(t *testing.T) (string, *taller.Workshop) {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(dir, store.Options{})
	require.NoError(t, err)
	defer st.Close()
	ws := &taller.Workshop{Title: "Taller de prueba", Country: "HN", Locality: "Choloma", Organization: "Red", Date: "2024-06-10", Start: 540}
	require.NoError(t, st.CreateWorkshop(context.Background(), ws))
	require.NoError(t, st.SetPhase(context.Background(), ws.ID, taller.PhaseCheckIn, true))
	return dir, ws
}

func TestQuizFromCurriculum(t *testing.T) {
	cur := curriculum.Default()
	st, err := store.Open(t.TempDir(), store.Options{})
	require.NoError(t, err)
	defer st.Close()
	ctx := context.Background()
	ws := &taller.Workshop{Title: "T", Country: "SV", Locality: "L", Organization: "O", Date: "2024-06-10", Start: 540}
	require.NoError(t, st.CreateWorkshop(ctx, ws))
	half, err := cur.ApplyLang(curriculum.HalfDay, i18n.Spanish)
	require.NoError(t, err)
	require.NoError(t, st.SaveAgenda(ctx, ws.ID, &half))

	qs, err := quizFromCurriculum(cur, st)(ctx, ws.ID, i18n.English)
	require.NoError(t, err)
	want := cur.WorkshopQuiz(&half, i18n.English)
	require.Len(t, qs, len(want))
	for i, q := range qs {
		assert.Equal(t, taller.Question{ID: want[i].ID, Prompt: want[i].Prompt, Options: want[i].Options, Answer: want[i].Answer}, q)
	}
	_, err = quizFromCurriculum(cur, st)(ctx, "no-such-workshop", i18n.English)
	assert.Error(t, err)
}

// syncBuffer is a buffer safe for the command's writes and the test's reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServe runs "taller serve" in this process until the returned
// function is called; it returns the join URL and the QR printed after it.
func startServe(t *testing.T, args ...string) (join, qr string, stderr *syncBuffer, stop func() int) {
	t.Helper()
	t.Setenv("TALLER_LANG", "es")
	ctx, cancel := context.WithCancel(context.Background())
	outR, outW := io.Pipe()
	stderr = &syncBuffer{}
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, args, outW, stderr)
		outW.Close()
	}()
	sc := bufio.NewScanner(outR)
	require.True(t, sc.Scan(), "no output; stderr: %s", stderr)
	line := sc.Text()
	require.True(t, strings.HasPrefix(line, "join: "), line)
	join = strings.TrimPrefix(line, "join: ")
	var b strings.Builder
	for i := 0; i < 5 && sc.Scan(); i++ {
		b.WriteString(sc.Text() + "\n")
	}
	go io.Copy(io.Discard, outR)
	return join, b.String(), stderr, func() int {
		cancel()
		select {
		case c := <-code:
			return c
		case <-time.After(20 * time.Second):
			t.Fatal("serve did not stop")
			return -1
		}
	}
}

func TestServePrintsJoinURLAndQR(t *testing.T) {
	dir, ws := newServeData(t)
	join, qr, stderr, stop := startServe(t, "--data", dir, "serve", "--workshop", ws.ID, "--addr", "127.0.0.1:0")

	u, err := url.Parse(join)
	require.NoError(t, err)
	assert.Equal(t, "http", u.Scheme)
	assert.Equal(t, "127.0.0.1", u.Hostname())
	assert.Equal(t, "/j/"+ws.JoinToken, u.Path)
	assert.Contains(t, qr, "█", "the QR code is drawn in the terminal")

	p, err := phonetest.New(join, nil)
	require.NoError(t, err)
	pg, err := p.Get(join)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, pg.Status)
	assert.Equal(t, "Registro", pg.Title())

	assert.Equal(t, 0, stop(), stderr.String())
	assert.Contains(t, stderr.String(), "Los celulares pueden conectarse")
	assert.Contains(t, stderr.String(), "Servidor detenido.")
}

func TestServeTellsWhenPortIsTaken(t *testing.T) {
	dir, ws := newServeData(t)
	held, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer held.Close()
	_, port, _ := net.SplitHostPort(held.Addr().String())

	join, _, stderr, stop := startServe(t, "--data", dir, "serve", "--workshop", ws.ID, "--addr", held.Addr().String(), "--host", "taller.local")

	u, err := url.Parse(join)
	require.NoError(t, err)
	assert.Equal(t, "taller.local", u.Hostname(), "--host names the link's host")
	assert.NotEqual(t, port, u.Port())
	assert.Contains(t, stderr.String(), "El puerto "+port+" está ocupado; se usa el puerto "+u.Port())
	assert.Equal(t, 0, stop())
}

func TestServeNeedsAWorkshop(t *testing.T) {
	var out, errb bytes.Buffer
	t.Setenv("TALLER_LANG", "es")
	assert.Equal(t, 2, run(context.Background(), []string{"--data", t.TempDir(), "serve"}, &out, &errb))
	assert.Contains(t, errb.String(), "falta --workshop ID")
	errb.Reset()
	assert.Equal(t, 1, run(context.Background(), []string{"--data", t.TempDir(), "serve", "--workshop", "nope"}, &out, &errb))
	assert.Contains(t, errb.String(), "No hay ningún taller")
}

// buildTaller builds the real binary once per test run.
func buildTaller(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "taller")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "LANG=C.UTF-8")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, string(out))
	return bin
}

// serveProcess starts "taller serve" as a subprocess and returns it with
// its join URL.
func serveProcess(t *testing.T, bin, dir, wsID string) (*exec.Cmd, string, *syncBuffer) {
	t.Helper()
	cmd := exec.Command(bin, "--data", dir, "serve", "--workshop", wsID, "--addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "LANG=C.UTF-8", "TALLER_LANG=es")
	stderr := &syncBuffer{}
	cmd.Stderr = stderr
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	sc := bufio.NewScanner(out)
	require.True(t, sc.Scan(), "no output; stderr: %s", stderr)
	line := sc.Text()
	require.True(t, strings.HasPrefix(line, "join: "), line)
	go io.Copy(io.Discard, out)
	return cmd, strings.TrimPrefix(line, "join: "), stderr
}

// TestServeSurvivesKill is the crash test: 200 phones check in at once
// against the real binary, which is killed with SIGKILL half way. Every
// phone that was shown its participant code must find its check-in in the
// data file, exactly once.
func TestServeSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	const phones = 200
	bin := buildTaller(t)
	dir, ws := newServeData(t)
	cmd, join, _ := serveProcess(t, bin, dir, ws.ID)

	type result struct {
		phone *phonetest.Phone
		code  string // shown on the saved page; "" when none was shown
	}
	results := make([]result, phones)
	var saved atomic.Int32
	var killOnce sync.Once
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range phones {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p, err := phonetest.New(join, &http.Transport{MaxIdleConnsPerHost: 1})
			if err != nil {
				return
			}
			results[i].phone = p
			<-start
			pg, err := p.Get(join)
			if err != nil {
				return
			}
			f, err := pg.Form("/checkin")
			if err != nil {
				return
			}
			pg, err = p.Submit(f, url.Values{"gender": {[]string{"female", "male", "other", "undisclosed"}[i%4]},
				"age_band": {"18-29"}, "role": {"community"}})
			if err != nil || pg.Status != http.StatusOK || pg.Title() != "¡Registro guardado!" {
				return
			}
			results[i].code = pg.Text("code")
			if saved.Add(1) == phones/3 {
				killOnce.Do(func() { cmd.Process.Signal(syscall.SIGKILL) })
			}
		}()
	}
	close(start)
	wg.Wait()
	killOnce.Do(func() { cmd.Process.Signal(syscall.SIGKILL) })
	cmd.Wait()
	require.GreaterOrEqual(t, int(saved.Load()), phones/3)
	t.Logf("%d of %d phones saw their code before the kill", saved.Load(), phones)

	// Open the data file as the restarted program does.
	st, err := store.Open(dir, store.Options{})
	require.NoError(t, err)
	n, err := st.Counts(context.Background(), ws.ID)
	require.NoError(t, err)
	shown := 0
	for i, r := range results {
		if r.code == "" {
			continue
		}
		shown++
		code, err := st.CodeForDevice(context.Background(), ws.ID, participant.DeviceHash(r.phone.Cookie("taller_device")))
		require.NoError(t, err)
		assert.Equal(t, r.code, code, "phone %d was told %s was saved", i, r.code)
	}
	assert.GreaterOrEqual(t, n.Total, shown, "every code shown is stored")
	assert.LessOrEqual(t, n.Total, phones, "nothing is stored twice")
	require.NoError(t, st.Close())

	// Restart: the phones that were saved see their code again, and
	// nothing is counted twice; SIGTERM stops the server cleanly.
	cmd, join, stderr := serveProcess(t, bin, dir, ws.ID)
	for _, r := range results {
		if r.code == "" {
			continue
		}
		pg, err := r.phone.Get(join)
		require.NoError(t, err)
		assert.Equal(t, r.code, pg.Text("code"))
	}
	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	assert.NoError(t, cmd.Wait(), "clean exit on SIGTERM")
	assert.Contains(t, stderr.String(), "Servidor detenido.")
	st, err = store.Open(dir, store.Options{})
	require.NoError(t, err)
	defer st.Close()
	n2, err := st.Counts(context.Background(), ws.ID)
	require.NoError(t, err)
	assert.Equal(t, n.Total, n2.Total)
}
