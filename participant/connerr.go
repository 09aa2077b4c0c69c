package participant

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"sync"

	"taller/i18n"
)

// A few answers never reach a handler: net/http writes them itself, in
// English plain text and without the security headers, when it cannot
// read a request at all (400, and 400 for a missing or malformed Host),
// when the headers are over MaxHeaderBytes (431), for an unknown transfer
// encoding (501), an unknown HTTP version (505) or an Expect header it
// cannot meet (417). friendlyListener wraps each connection so such
// an answer is replaced, on its way out, by the friendly error page in the
// phone's language with the usual headers.
type friendlyListener struct {
	net.Listener
	s *Server
}

// Accept wraps the next connection.
func (l friendlyListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &friendlyConn{Conn: c, s: l.s}, nil
}

// headKeep is how much of what a client sends first is kept, in memory
// and only until the first answer, to find its language cookie.
const headKeep = MaxHeaderBytes + 4096

// friendlyConn is one client connection; see friendlyListener.
type friendlyConn struct {
	net.Conn
	s      *Server
	mu     sync.Mutex
	head   []byte // the start of the first request, until the first answer
	lang   i18n.Lang
	looked bool // lang has been read from head, and head dropped
}

func (c *friendlyConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.mu.Lock()
	if !c.looked && len(c.head) < headKeep {
		c.head = append(c.head, p[:min(n, headKeep-len(c.head))]...)
	}
	c.mu.Unlock()
	return n, err
}

func (c *friendlyConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	if !c.looked {
		c.lang, c.looked, c.head = langInRequest(c.head), true, nil
	}
	lang := c.lang
	c.mu.Unlock()
	status, ok := plainError(p)
	if !ok {
		return c.Conn.Write(p)
	}
	if _, err := c.Conn.Write(c.s.rawErrorPage(status, lang)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// plainError reports whether p starts an error answer that net/http
// wrote itself, and its status: a 4xx or 5xx status line whose headers,
// complete in p, lack the Content-Security-Policy every answer of ours
// carries (net/http writes its own with "Content-Type: text/plain" and
// "Connection: close", or, for an Expect header it cannot meet, bare).
func plainError(p []byte) (int, bool) {
	const proto = "HTTP/1.1 "
	if !bytes.HasPrefix(p, []byte(proto)) || len(p) < len(proto)+3 {
		return 0, false
	}
	status, err := strconv.Atoi(string(p[len(proto) : len(proto)+3]))
	if err != nil || status < 400 || status > 599 {
		return 0, false
	}
	head, _, ok := bytes.Cut(p, []byte("\r\n\r\n"))
	if !ok || bytes.Contains(bytes.ToLower(head), []byte("\r\ncontent-security-policy:")) {
		return 0, false
	}
	return status, true
}

// langInRequest finds the phone's language in the raw start of its
// request: the language cookie, else ?lang= on the request line, else
// Spanish.
func langInRequest(head []byte) i18n.Lang {
	for _, l := range i18n.Langs {
		if bytes.Contains(head, []byte(langCookie+"="+string(l))) {
			return l
		}
	}
	line, _, _ := bytes.Cut(head, []byte("\r\n"))
	for _, l := range i18n.Langs {
		if bytes.Contains(line, []byte("lang="+string(l))) {
			return l
		}
	}
	return i18n.Spanish
}

// rawErrorPage is a whole HTTP answer with the friendly page for status,
// for a connection whose request could not be read.
func (s *Server) rawErrorPage(status int, lang i18n.Lang) []byte {
	kind := "request"
	switch status {
	case http.StatusRequestHeaderFieldsTooLarge:
		kind = "headers"
	case http.StatusNotImplemented, http.StatusHTTPVersionNotSupported, http.StatusExpectationFailed:
		kind = "badform"
	}
	w := &bufferedAnswer{header: http.Header{}}
	securityHeaders(w.header)
	r := &http.Request{Method: http.MethodGet, URL: &url.URL{Path: "/", RawQuery: "lang=" + string(lang)}, Header: http.Header{}}
	s.fail(w, r, errorPage{status: status, kind: kind}, nil)
	w.header.Set("Connection", "close")
	var b bytes.Buffer
	fmt.Fprintf(&b, "HTTP/1.1 %d %s\r\n", status, http.StatusText(status))
	w.header.Write(&b)
	b.WriteString("\r\n")
	b.Write(w.body.Bytes())
	return b.Bytes()
}

// bufferedAnswer is an http.ResponseWriter that keeps the answer.
type bufferedAnswer struct {
	header http.Header
	body   bytes.Buffer
}

func (w *bufferedAnswer) Header() http.Header         { return w.header }
func (w *bufferedAnswer) WriteHeader(int)             {}
func (w *bufferedAnswer) Write(p []byte) (int, error) { return w.body.Write(p) }
