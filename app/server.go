package app

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"os"
	"sync"

	"taller"
	"taller/app/ui"
	"taller/participant"
)

// server runs the phone server inside the app's process. Its life is
// owned here and driven by the shell alone: started when the facilitator
// opens the Run screen, stopped when the app quits and before "delete all
// data". Screens only read its state (ui.Phones).
type server struct {
	u *shell

	mu       sync.Mutex
	running  bool
	err      error // why the last start failed
	cancel   context.CancelFunc
	done     chan struct{} // closed when Serve has returned
	port     int
	fellBack bool
	qr       map[string][]byte // QR PNGs by content
}

var _ ui.Phones = (*server)(nil)

func newServer(u *shell) *server { return &server{u: u, qr: map[string][]byte{}} }

// addr is where the server listens.
func (s *server) addr() string {
	if s.u.opts.Addr == "" {
		return participant.DefaultAddr
	}
	return s.u.opts.Addr
}

// start starts the server unless it runs already. Off the UI goroutine.
func (s *server) start() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.running {
		return
	}
	ln, fellBack, err := participant.Listen(s.addr())
	if err != nil {
		s.err = err
		return
	}
	st := s.u.Store()
	secret, err := participant.Secret(s.u.ctx, st)
	if err != nil {
		ln.Close()
		s.err = err
		return
	}
	srv := participant.NewServer(participant.Config{
		Workshops: st, Attendance: st, Answers: st, Quiz: s.u.Quiz, Secret: secret,
		// Only the workshop on screen takes answers: its QR is the one shown.
		Allow: func(id string) bool { return id == s.u.WorkshopID() },
		Log:   slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
	})
	ctx, cancel := context.WithCancel(s.u.ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := srv.Serve(ctx, ln); err != nil && !errors.Is(err, net.ErrClosed) {
			ui.LogErr("participant server", err)
		}
	}()
	s.running, s.err, s.cancel, s.done, s.fellBack = true, nil, cancel, done, fellBack
	s.port = ln.Addr().(*net.TCPAddr).Port
}

// stop stops the server and returns once Serve has returned: requests in
// flight have finished, or participant.ShutdownTimeout has passed. Only
// then may the store close. It reports whether the server was running.
func (s *server) stop() bool {
	s.mu.Lock()
	cancel, done := s.cancel, s.done
	s.running, s.cancel, s.done = false, nil, nil
	s.mu.Unlock()
	if cancel == nil {
		return false
	}
	cancel()
	<-done
	return true
}

// State tells whether the server runs, and where.
func (s *server) State() ui.PhoneState {
	s.mu.Lock()
	st := ui.PhoneState{Running: s.running, Port: s.port, FellBack: s.fellBack, Wanted: s.addr(), Err: s.err}
	s.mu.Unlock()
	if st.Running {
		if host, err := participant.LANAddress(); err != nil || host == "" {
			st.NoLAN = true
		}
	}
	return st
}

// JoinURL is the address phones open for w: the laptop's Wi-Fi or hotspot
// address (loopback when it has none), "" while the server is not running.
func (s *server) JoinURL(w *taller.Workshop) string {
	s.mu.Lock()
	running, port := s.running, s.port
	s.mu.Unlock()
	if !running || w == nil {
		return ""
	}
	host, err := participant.LANAddress()
	if err != nil || host == "" {
		host = "127.0.0.1"
	}
	return participant.JoinURL(host, port, w.JoinToken)
}

// QR draws content as a QR code, once per content.
func (s *server) QR(content string) ([]byte, error) {
	s.mu.Lock()
	png, ok := s.qr[content]
	s.mu.Unlock()
	if ok {
		return png, nil
	}
	// Two pixels a module (about 90 px): the screens scale it up pixel by
	// pixel (QRImage), so each module lands within a screen pixel of where
	// it belongs at any size, as with a larger image, and its texture
	// takes 30 KB where an eight-pixel one took 430 KB.
	png, err := participant.QRPNG(content, -2)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.qr[content] = png
	s.mu.Unlock()
	return png, nil
}
