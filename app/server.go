package app

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"taller"
	"time"

	"taller/i18n"
	"taller/participant"
)

// server runs the participant server inside the app's process: started
// when the Run screen is first opened, stopped cleanly when the app quits
// (or before "delete all data").
type server struct {
	u *ui

	// wanted is set once the Run screen was opened: until then the app
	// listens on no port.
	wanted atomic.Bool

	mu       sync.Mutex
	running  bool
	cancel   context.CancelFunc
	done     chan struct{}
	port     int
	fellBack bool
	qr       map[string][]byte // QR PNGs by content
}

func newServer(u *ui) *server { return &server{u: u, qr: map[string][]byte{}} }

// serverState is what the Run screen tells about the server.
type serverState struct {
	Port     int
	FellBack bool   // the usual port was taken: a printed QR code is stale
	Wanted   string // the address asked for
}

// start starts the server unless it runs already. Any goroutine.
func (s *server) start() (serverState, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	addr := s.u.opts.Addr
	if addr == "" {
		addr = participant.DefaultAddr
	}
	if s.running {
		return serverState{Port: s.port, FellBack: s.fellBack, Wanted: addr}, nil
	}
	ln, fellBack, err := participant.Listen(addr)
	if err != nil {
		return serverState{}, err
	}
	st := s.u.store()
	secret, err := participant.Secret(s.u.ctx, st)
	if err != nil {
		ln.Close()
		return serverState{}, err
	}
	srv := participant.NewServer(participant.Config{
		Workshops: st, Attendance: st, Answers: st, Quiz: s.u.quizQuestions, Secret: secret,
		// Only the workshop on screen takes answers: its QR is the one shown.
		Allow: func(id string) bool { return id == s.u.workshopID() },
		Log:   slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
	})
	ctx, cancel := context.WithCancel(s.u.ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := srv.Serve(ctx, ln); err != nil && !errors.Is(err, net.ErrClosed) {
			logErr("participant server", err)
		}
	}()
	s.running, s.cancel, s.done, s.fellBack = true, cancel, done, fellBack
	s.port = ln.Addr().(*net.TCPAddr).Port
	return serverState{Port: s.port, FellBack: fellBack, Wanted: addr}, nil
}

// stop stops the server and waits for requests in flight to finish.
func (s *server) stop() {
	s.mu.Lock()
	cancel, done := s.cancel, s.done
	s.running, s.cancel, s.done = false, nil, nil
	s.mu.Unlock()
	if cancel != nil {
		cancel()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
		}
	}
}

// wait waits for the server to end after the app's context ended.
func (s *server) wait(timeout time.Duration) {
	s.mu.Lock()
	done := s.done
	s.mu.Unlock()
	if done == nil {
		return
	}
	select {
	case <-done:
	case <-time.After(timeout):
	}
}

// qrPNG draws content as a QR code, once per content.
func (s *server) qrPNG(content string) ([]byte, error) {
	s.mu.Lock()
	png, ok := s.qr[content]
	s.mu.Unlock()
	if ok {
		return png, nil
	}
	png, err := participant.QRPNG(content, 768)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.qr[content] = png
	s.mu.Unlock()
	return png, nil
}

// quizQuestions is the quiz of a workshop as the phones get it, from the
// curriculum and the store in use now; none without Options.QuizFor.
func (u *ui) quizQuestions(ctx context.Context, workshopID string, lang i18n.Lang) ([]taller.Question, error) {
	if u.opts.QuizFor == nil {
		return nil, nil
	}
	return u.opts.QuizFor(u.curriculum(), u.store())(ctx, workshopID, lang)
}
