package participant

import (
	"net/netip"
	"sync"
	"time"
)

// limiter is a token bucket per client address. Addresses live only in
// this map, in memory, and are forgotten once their bucket is full again;
// they are never stored or logged.
type limiter struct {
	mu      sync.Mutex
	rate    float64 // tokens per second
	burst   float64
	now     func() time.Time
	buckets map[netip.Addr]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

// Bounds on the limiter's memory: past sweepAt clients, idle ones are
// dropped; past maxClients, new clients are refused until some go idle.
const (
	sweepAt    = 4096
	maxClients = 65536
)

func newLimiter(rate, burst float64, now func() time.Time) *limiter {
	return &limiter{rate: rate, burst: burst, now: now, buckets: map[netip.Addr]*bucket{}}
}

// clientAddr reads the IP of a request's remote address (never a header a
// client could forge).
func clientAddr(remote string) (netip.Addr, bool) {
	ap, err := netip.ParseAddrPort(remote)
	if err != nil {
		a, err := netip.ParseAddr(remote)
		if err != nil {
			return netip.Addr{}, false
		}
		return a.Unmap(), true
	}
	return ap.Addr().Unmap(), true
}

// allow takes a token for the client at remote (an http.Request's
// RemoteAddr) and reports whether it had one. Loopback is always allowed:
// it is the facilitator's own laptop.
func (l *limiter) allow(remote string) bool {
	ip, ok := clientAddr(remote)
	if !ok {
		return true // not a network client (tests with a fake RemoteAddr)
	}
	if ip.IsLoopback() {
		return true
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[ip]
	if b == nil {
		if len(l.buckets) >= sweepAt {
			l.sweep(now)
		}
		if len(l.buckets) >= maxClients {
			return false
		}
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[ip] = b
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.last).Seconds()*l.rate)
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// sweep forgets the clients whose buckets have refilled: they are idle.
func (l *limiter) sweep(now time.Time) {
	for ip, b := range l.buckets {
		if b.tokens+now.Sub(b.last).Seconds()*l.rate >= l.burst {
			delete(l.buckets, ip)
		}
	}
}
