package participant

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"time"

	"taller"
)

// Cookie names. The device cookie is a random id that keeps one phone from
// being counted twice; only its SHA-256 is stored.
const (
	deviceCookie = "taller_device"
	langCookie   = "taller_lang"
)

// cookieLife is how long a phone keeps its cookies: long enough to pair the
// morning's quiz with the afternoon's, short enough not to linger.
const cookieLife = 48 * time.Hour

// validCookieValue reports whether v looks like a value this server made
// (taller.NewID: base32, 26 characters).
func validCookieValue(v string) bool {
	if len(v) < 20 || len(v) > 64 {
		return false
	}
	for _, r := range v {
		if !(r >= 'A' && r <= 'Z' || r >= '2' && r <= '7') {
			return false
		}
	}
	return true
}

// deviceValue returns the phone's device cookie, or "" when it has none
// (or a malformed one).
func deviceValue(r *http.Request) string {
	c, err := r.Cookie(deviceCookie)
	if err != nil || !validCookieValue(c.Value) {
		return ""
	}
	return c.Value
}

// ensureDevice returns the phone's device cookie, giving it a new one when
// it has none.
func ensureDevice(w http.ResponseWriter, r *http.Request) string {
	if v := deviceValue(r); v != "" {
		return v
	}
	v := taller.NewID()
	http.SetCookie(w, &http.Cookie{Name: deviceCookie, Value: v, Path: "/", MaxAge: int(cookieLife / time.Second),
		HttpOnly: true, SameSite: http.SameSiteStrictMode})
	return v
}

// DeviceHash is how a phone's device cookie is stored: the hex SHA-256 of
// its value, so the data file never holds the cookie itself.
func DeviceHash(cookie string) string {
	sum := sha256.Sum256([]byte(cookie))
	return hex.EncodeToString(sum[:])
}

// csrfToken is the token every form carries: an HMAC of the phone's device
// cookie under the server's secret. Another site cannot read it, and it is
// worthless without the cookie it belongs to.
func (s *Server) csrfToken(device string) string {
	m := hmac.New(sha256.New, s.secret)
	m.Write([]byte("csrf\x00"))
	m.Write([]byte(device))
	return hex.EncodeToString(m.Sum(nil)[:20])
}

// checkCSRF reports whether token belongs to the device cookie.
func (s *Server) checkCSRF(device, token string) bool {
	if device == "" || token == "" {
		return false
	}
	return hmac.Equal([]byte(s.csrfToken(device)), []byte(token))
}
