package participant

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/participant/phonetest"
)

func TestListenFallsBackWhenPortIsTaken(t *testing.T) {
	held, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer held.Close()

	ln, fellBack, err := Listen(held.Addr().String())
	require.NoError(t, err)
	defer ln.Close()
	assert.True(t, fellBack)
	assert.NotEqual(t, held.Addr().String(), ln.Addr().String())

	free, fellBack, err := Listen("127.0.0.1:0")
	require.NoError(t, err)
	free.Close()
	assert.False(t, fellBack)

	_, _, err = Listen("256.0.0.1:80")
	assert.Error(t, err)
}

func TestServeShutsDownGracefully(t *testing.T) {
	e := newEnv(t, nil)
	e.open(taller.PhaseCheckIn)
	ln, _, err := Listen("127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.srv.Serve(ctx, ln) }()

	resp, err := http.Get("http://" + ln.Addr().String() + e.joinPath())
	require.NoError(t, err)
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)

	cancel()
	select {
	case err := <-done:
		assert.NoError(t, err)
	case <-time.After(15 * time.Second):
		t.Fatal("Serve did not return after its context ended")
	}
	_, err = http.Get("http://" + ln.Addr().String() + e.joinPath())
	assert.Error(t, err, "the listener is closed")
}

func TestSlowClientIsCutOff(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the header timeout")
	}
	e := newEnv(t, nil)
	ln, _, err := Listen("127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go e.srv.Serve(ctx, ln)

	// A client that sends half a request line and stalls.
	c, err := net.Dial("tcp", ln.Addr().String())
	require.NoError(t, err)
	defer c.Close()
	_, err = c.Write([]byte("GET /j/"))
	require.NoError(t, err)
	start := time.Now()
	c.SetReadDeadline(time.Now().Add(readHeaderTimeout + 10*time.Second))
	_, err = io.ReadAll(c)
	assert.NoError(t, err, "the server closes the connection")
	assert.Less(t, time.Since(start), readHeaderTimeout+5*time.Second)

	// Headers over the limit are refused.
	big, err := http.NewRequest(http.MethodGet, "http://"+ln.Addr().String()+"/", nil)
	require.NoError(t, err)
	for i := range 40 {
		big.Header.Add("X-Junk", string(rune('a'+i%26))+string(make([]byte, 400)))
	}
	resp, err := http.DefaultClient.Do(big)
	if err == nil {
		resp.Body.Close()
		assert.Equal(t, http.StatusRequestHeaderFieldsTooLarge, resp.StatusCode)
	}
}

// rawRequest sends raw bytes to addr and reads the answer as a phone's
// browser would.
func rawRequest(t *testing.T, addr, raw string) *phonetest.Page {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer c.Close()
	require.NoError(t, c.SetDeadline(time.Now().Add(10*time.Second)))
	_, err = c.Write([]byte(raw))
	require.NoError(t, err)
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return &phonetest.Page{Status: resp.StatusCode, Header: resp.Header, Body: string(body)}
}

func TestAnswersNetHTTPWritesItselfAreFriendly(t *testing.T) {
	e := newEnv(t, nil)
	ln, _, err := Listen("127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go e.srv.Serve(ctx, ln)
	addr := ln.Addr().String()

	garbage := rawRequest(t, addr, "\x16\x03\x01 not http at all\r\n\r\n")
	assertFriendly(t, garbage, http.StatusBadRequest, "No pudimos leer la solicitud")
	noHost := rawRequest(t, addr, "GET /j/x HTTP/1.1\r\n\r\n")
	assertFriendly(t, noHost, http.StatusBadRequest, "No pudimos leer la solicitud")
	english := rawRequest(t, addr, "GET /?lang=en HTTP/1.1\r\nHost: a b\r\n\r\n")
	assertFriendly(t, english, http.StatusBadRequest, "We could not read the request")

	big := "GET " + e.joinPath() + " HTTP/1.1\r\nHost: 192.168.137.1\r\nCookie: taller_lang=en\r\n"
	for range 40 {
		big += "X-Junk: " + strings.Repeat("a", 400) + "\r\n"
	}
	tooBig := rawRequest(t, addr, big+"\r\n")
	assertFriendly(t, tooBig, http.StatusRequestHeaderFieldsTooLarge, "We could not open the page")

	expect := rawRequest(t, addr, "POST "+e.joinPath()+"/checkin HTTP/1.1\r\nHost: 192.168.137.1\r\nExpect: miracles\r\nContent-Length: 0\r\n\r\n")
	assertFriendly(t, expect, http.StatusExpectationFailed, "No pudimos leer el formulario")
	version := rawRequest(t, addr, "GET / HTTP/9.9\r\nHost: 192.168.137.1\r\n\r\n")
	assertFriendly(t, version, http.StatusHTTPVersionNotSupported, "No pudimos leer el formulario")

	// and a good request on the same server is untouched
	ok := rawRequest(t, addr, "GET "+e.joinPath()+" HTTP/1.1\r\nHost: 192.168.137.1\r\n\r\n")
	assert.Equal(t, http.StatusOK, ok.Status)
	assert.Equal(t, "No hay nada abierto en este momento", ok.Title())
}
