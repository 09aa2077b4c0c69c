package participant

import (
	"context"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"time"
)

// DefaultAddr is where the server listens unless told otherwise: every
// interface, port 8080.
const DefaultAddr = ":8080"

// Timeouts that keep slow or stalled clients from pinning the server. A
// phone on a crowded hotspot sends a form in well under a second.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 20 * time.Second
	writeTimeout      = 30 * time.Second
	idleTimeout       = 60 * time.Second
)

// ShutdownTimeout is how long Serve lets requests in flight finish once its
// context ends; whoever waits for Serve to return waits no longer.
const ShutdownTimeout = 10 * time.Second

// Listen opens a TCP listener on addr (DefaultAddr when empty). When that
// port cannot be had, most often because another program holds it, it
// listens on a free port of the same host instead and reports fellBack, so
// the caller can tell the facilitator that the printed QR code changed.
func Listen(addr string) (ln net.Listener, fellBack bool, err error) {
	if addr == "" {
		addr = DefaultAddr
	}
	ln, err = net.Listen("tcp", addr)
	if err == nil {
		return ln, false, nil
	}
	host, port, splitErr := net.SplitHostPort(addr)
	if splitErr != nil || port == "0" {
		return nil, false, err
	}
	ln, err2 := net.Listen("tcp", net.JoinHostPort(host, "0"))
	if err2 != nil {
		return nil, false, errors.Join(err, err2)
	}
	return ln, true, nil
}

// Serve serves the phone pages on ln until ctx ends, then shuts down
// gracefully: requests in flight finish (a check-in being committed is
// answered), new ones are refused. It returns nil after a clean shutdown.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    MaxHeaderBytes,
		// net/http logs clients' addresses on some errors: drop them.
		ErrorLog: log.New(io.Discard, "", 0),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(friendlyListener{ln, s}) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), ShutdownTimeout)
	defer cancel()
	err := srv.Shutdown(sctx)
	if err != nil {
		srv.Close()
	}
	if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) {
		return serr
	}
	return err
}
