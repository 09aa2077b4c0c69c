// Package participant is the small web server that participants' phones
// talk to over the workshop's local network: they scan a QR code, check in
// anonymously, answer the pre- and post-quiz and evaluate the workshop.
//
// Pages are rendered on the server from html/template files embedded in
// package assets, with inline CSS and no JavaScript, so they load in one
// round trip on cheap phones with old browsers. Nothing that identifies a
// person is stored or logged: no names, phone numbers, IP addresses or
// User-Agents. A phone is known only by the SHA-256 of a random cookie.
//
// The server offers no administration of any kind: the facilitator opens
// and closes phases in the desktop app or on the command line, and the
// server reads the workshop from the store on every request, so a change
// made by another process is seen on the next page load.
package participant

import (
	"context"
	"crypto/rand"
	"io"
	"log/slog"
	"net/http"
	"time"

	"taller"
	"taller/i18n"
)

// QuizFunc returns the questions of a workshop's quiz in lang, in order.
// The pre- and post-quiz use the same questions.
type QuizFunc func(ctx context.Context, workshopID string, lang i18n.Lang) ([]taller.Question, error)

// RateLimit bounds the requests one client (one IP address, held in memory
// only) may make. Loopback clients are exempt: that is the laptop itself.
type RateLimit struct {
	// PerMinute is the sustained rate; 0 means DefaultPerMinute.
	PerMinute int
	// Burst is how many requests may come at once; 0 means DefaultBurst.
	Burst int
}

// Default rate limit: far above what a person tapping through the pages
// does (a handful of requests a minute), low enough to stop a flood.
const (
	DefaultPerMinute = 120
	DefaultBurst     = 60
)

// Config is what a Server needs: the domain services and its settings.
type Config struct {
	Workshops  taller.WorkshopService
	Attendance taller.AttendanceService
	Answers    taller.AnswerService
	// Quiz gives the questions of a workshop; nil means the workshop has
	// no quiz (the quiz phase then shows nothing to answer).
	Quiz QuizFunc
	// MaxCheckIns caps phone check-ins per workshop below the workshop's
	// own cap; 0 keeps the workshop's cap.
	MaxCheckIns int
	// RateLimit bounds each client's requests; zero fields get defaults.
	RateLimit RateLimit
	// Secret keys the forms' CSRF tokens. Empty means a random secret per
	// server, so forms opened before a restart must be reloaded; pass a
	// stored secret to keep them valid across restarts.
	Secret []byte
	// Allow, when set, names the workshops this server serves: any other
	// join token gets the same "not found" page as an unknown one, so last
	// week's workshop left open takes no answers today.
	Allow func(workshopID string) bool
	// CheckInsPerAddress caps new check-ins per workshop from one network
	// address; 0 means DefaultCheckInsPerAddress.
	CheckInsPerAddress int
	// AnswersPerAddress caps new pre-quizzes, and new evaluations, per
	// workshop from one network address; 0 means DefaultAnswersPerAddress.
	AnswersPerAddress int
	// LimitLoopback counts the laptop's own address (loopback) against
	// the per-address caps like a phone's. It is off in use, where the
	// laptop itself is never limited; tests, whose phones all come from
	// 127.0.0.1, turn it on.
	LimitLoopback bool
	// Log receives internal faults (never a client's address or answers);
	// nil discards them.
	Log *slog.Logger
}

// Limits on what a client may send.
const (
	MaxBodyBytes   = 32 << 10 // a form body; the longest legitimate one is about 16 kB
	MaxHeaderBytes = 8 << 10  // request line and headers
	maxQuestions   = 10       // shown on a phone at once
)

// Server serves the phone pages. It is an http.Handler; use Serve to run it
// with the timeouts it needs against slow or hostile clients.
type Server struct {
	cfg    Config
	mux    *http.ServeMux
	pages  *pages
	limit  *limiter
	guard  *addrGuard
	secret []byte
	log    *slog.Logger
}

// NewServer returns a server for cfg. It panics if the embedded templates
// do not parse, a build mistake the tests catch.
func NewServer(cfg Config) *Server {
	s := &Server{cfg: cfg, pages: mustParsePages(), log: cfg.Log}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s.secret = cfg.Secret
	if len(s.secret) == 0 {
		s.secret = make([]byte, 32)
		rand.Read(s.secret)
	}
	perMin, burst := cfg.RateLimit.PerMinute, cfg.RateLimit.Burst
	if perMin <= 0 {
		perMin = DefaultPerMinute
	}
	if burst <= 0 {
		burst = DefaultBurst
	}
	s.limit = newLimiter(float64(perMin)/60, float64(burst), time.Now)
	perAddr := cfg.CheckInsPerAddress
	if perAddr <= 0 {
		perAddr = DefaultCheckInsPerAddress
	}
	perAnswer := cfg.AnswersPerAddress
	if perAnswer <= 0 {
		perAnswer = DefaultAnswersPerAddress
	}
	s.guard = newAddrGuard(map[string]int{countCheckIn: perAddr, countQuiz: perAnswer, countEvaluation: perAnswer}, cfg.LimitLoopback)

	s.mux = http.NewServeMux()
	s.mux.HandleFunc("GET /j/{token}", s.handleJoin)
	s.mux.HandleFunc("GET /j/{token}/{$}", s.handleJoin)
	s.mux.HandleFunc("POST /j/{token}/checkin", s.handleCheckIn)
	s.mux.HandleFunc("POST /j/{token}/quiz", s.handleQuiz)
	s.mux.HandleFunc("POST /j/{token}/evaluation", s.handleEvaluation)
	s.mux.HandleFunc("GET /j/{token}/{form}", s.handleFormGET)
	s.mux.HandleFunc("/", s.handleNotFound)
	return s
}

// securityHeaders sets the headers every answer carries.
func securityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
}

// ServeHTTP applies the security headers, the rate limit and the body limit
// to every request, turns panics into a friendly page, and routes.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	securityHeaders(h)

	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p)
			}
			s.log.Error("participant page panicked", "panic", p)
			s.fail(w, r, errorPage{status: http.StatusInternalServerError, kind: "internal"}, nil)
		}
	}()

	if !s.limit.allow(r.RemoteAddr) {
		h.Set("Retry-After", "60")
		s.fail(w, r, errorPage{status: http.StatusTooManyRequests, kind: "ratelimit"}, nil)
		return
	}
	if r.Method == http.MethodPost {
		if r.ContentLength > MaxBodyBytes {
			h.Set("Connection", "close")
			s.fail(w, r, errorPage{status: http.StatusRequestEntityTooLarge, kind: "toobig"}, nil)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, MaxBodyBytes)
	}
	s.mux.ServeHTTP(w, r)
}
