package app

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/app/ui"
	"taller/i18n"
	"taller/participant/phonetest"
)

func TestCheckInMovesCounter(t *testing.T) {
	// Given the Run screen open (which starts the phone server in the
	// app's process) with check-in open,
	e := newEnv(t, i18n.Spanish)
	w := e.workshop("En vivo")
	e.halfDay(w)
	require.NoError(t, e.st.SetPhase(e.ctx, w.ID, taller.PhaseCheckIn, true))
	e.u.subscribe()
	e.choose(w, ui.Run)
	assert.Equal(t, "0", e.u.run.ShownTotal())
	require.NotEmpty(t, e.u.run.ShownJoin())

	applied := make(chan string, 16)
	e.u.refresh.Applied = func(name, _ string) {
		if name == ui.Run {
			select {
			case applied <- e.u.run.ShownTotal():
			default:
			}
		}
	}

	// when a phone scans the QR code and checks in over real HTTP,
	join, err := url.Parse(e.u.run.ShownJoin())
	require.NoError(t, err)
	phone, err := phonetest.New("http://127.0.0.1:"+join.Port(), nil)
	require.NoError(t, err)
	pg, err := phone.Get(join.Path)
	require.NoError(t, err)
	require.Equal(t, 200, pg.Status)
	f, err := pg.Form("/checkin")
	require.NoError(t, err)
	start := time.Now()
	saved, err := phone.Submit(f, url.Values{"gender": {"female"}, "age_band": {"30-44"}, "role": {"leader"}})
	require.NoError(t, err)
	require.Equal(t, 200, saved.Status)

	// then the counter on the laptop moves within a second.
	deadline := time.After(time.Second)
	for {
		select {
		case got := <-applied:
			if got == "1" {
				t.Logf("counter moved %v after the phone was told \"saved\"", time.Since(start).Round(time.Millisecond))
				return
			}
		case <-deadline:
			t.Fatal("the counter did not move within a second")
		}
	}
}

// status is the HTTP status of a GET of path on the app's phone server.
func status(t *testing.T, port, path string) int {
	t.Helper()
	phone, err := phonetest.New("http://127.0.0.1:"+port, nil)
	require.NoError(t, err)
	pg, err := phone.Get(path)
	require.NoError(t, err)
	return pg.Status
}

func TestSlowRefreshThenWorkshopSwitch(t *testing.T) {
	// Given two workshops, A shown on the Run screen and on the projector,
	// with the phone server running,
	e := newEnv(t, i18n.Spanish)
	a, b := e.workshop("Taller A"), e.workshop("Taller B")
	e.halfDay(a)
	e.halfDay(b)
	e.choose(a, ui.Run)
	e.u.run.OpenPresenter()
	require.True(t, e.u.run.HasPresenter())
	require.Equal(t, a.ID, e.u.run.ProjectorWorkshop())

	// and loads running truly off the UI goroutine from now on,
	var wg sync.WaitGroup
	e.u.goAsync = func(f func()) {
		wg.Add(1)
		go func() { defer wg.Done(); f() }()
	}
	release := make(chan struct{})
	aLoading := make(chan struct{})
	bApplied := make(chan struct{})
	e.u.refresh.BeforeLoad = func(name, id string) {
		if name == ui.Run && id == a.ID {
			close(aLoading)
			<-release // a slow disk
		}
	}
	e.u.refresh.Applied = func(name, id string) {
		if name == ui.Run && id == b.ID {
			close(bApplied)
		}
	}

	// when a refresh of A is slow and the facilitator switches to B
	// meanwhile,
	e.u.Refresh(ui.Run)
	<-aLoading
	e.u.ChooseWorkshop(b.ID)
	select {
	case <-bApplied:
	case <-time.After(5 * time.Second):
		t.Fatal("B was never shown")
	}
	close(release)
	wg.Wait()

	// then A's late result is dropped: the screen, the projector and the
	// phone server all agree on B.
	assert.Equal(t, b.ID, e.u.run.Workshop(), "the Run screen shows B")
	assert.Equal(t, b.ID, e.u.run.ProjectorWorkshop(), "the projector shows B")
	join := e.u.run.ShownJoin()
	require.True(t, strings.HasSuffix(join, "/j/"+b.JoinToken), "the join code shown is B's: %s", join)
	u, err := url.Parse(join)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, status(t, u.Port(), "/j/"+b.JoinToken), "the server answers B's code")
	assert.Equal(t, http.StatusNotFound, status(t, u.Port(), "/j/"+a.JoinToken), "and not A's")
	e.u.run.ClosePresenter()
}

func TestPhoneServerLifecycle(t *testing.T) {
	// A refresh of the Run screen reads; it never opens a port.
	e := newEnv(t, i18n.English)
	w := e.workshop("Lifecycle")
	e.u.ChooseWorkshop(w.ID)
	e.u.Refresh(ui.Run)
	assert.False(t, e.u.server.State().Running, "no port before the facilitator opens Run")
	assert.Empty(t, e.u.run.ShownJoin())

	// Opening the Run screen starts it, once.
	e.u.ShowScreen(ui.Run)
	require.True(t, e.u.server.State().Running)
	port := e.u.server.State().Port
	e.u.ShowScreen(ui.Workshops)
	e.u.ShowScreen(ui.Run)
	assert.Equal(t, port, e.u.server.State().Port, "started once")
	assert.NotEmpty(t, e.u.run.ShownJoin())

	// Closing the app stops it, and Serve has returned when close does.
	done := e.u.server.done
	e.u.close()
	select {
	case <-done:
	default:
		t.Fatal("close returned before Serve did")
	}
	assert.False(t, e.u.server.State().Running)
}

func TestWipeData(t *testing.T) {
	// Given a laptop with a workshop and the phone server running,
	e := newEnv(t, i18n.Spanish)
	w := e.workshop("Para borrar")
	e.choose(w, ui.Run)
	require.True(t, e.u.server.State().Running)
	oldDone := e.u.server.done

	// when the data is deleted,
	var got error
	called := false
	e.u.WipeData(func(err error) { got, called = err, true })
	require.True(t, called)
	require.NoError(t, got)

	// then the server stopped (its Serve returned) before the old store
	// closed, the app works on a new, empty data file, nothing is chosen,
	// and the server runs again on the new store.
	select {
	case <-oldDone:
	default:
		t.Fatal("the old server is still serving")
	}
	_, err := e.st.Workshops(e.ctx)
	assert.Error(t, err, "the old store is closed")
	assert.NotSame(t, e.st, e.u.Store(), "the store was opened again")
	ws, err := e.u.Store().Workshops(e.ctx)
	require.NoError(t, err)
	assert.Empty(t, ws)
	assert.Empty(t, e.u.WorkshopID())
	assert.True(t, e.u.server.State().Running)
	n := &taller.Workshop{Title: "Nuevo", Country: "SV", Locality: "x", Organization: "y", Date: "2025-01-01"}
	n.Normalize()
	require.NoError(t, e.u.Store().CreateWorkshop(e.ctx, n))
}
