package participant

import (
	"net/netip"
	"sync"
)

// DefaultCheckInsPerAddress is how many new check-ins one network address
// may make in one workshop. Every phone on a hotspot or travel router has
// its own address, so a real phone makes one; a few more leave room for a
// phone lent to a neighbour. It stops one phone that clears its cookie
// from filling the workshop with made-up people.
const DefaultCheckInsPerAddress = 3

// checkInGuard counts new check-ins per workshop and client address, in
// memory only: addresses are never stored or logged, and are forgotten
// when the server stops.
type checkInGuard struct {
	mu    sync.Mutex
	max   int
	count map[guardKey]int
}

type guardKey struct {
	workshop string
	addr     netip.Addr
}

func newCheckInGuard(max int) *checkInGuard {
	return &checkInGuard{max: max, count: map[guardKey]int{}}
}

// allow reports whether the client at remote may make one more check-in in
// workshop. Loopback (the facilitator's laptop) is never limited.
func (g *checkInGuard) allow(workshop, remote string) bool {
	ip, ok := clientAddr(remote)
	if !ok || ip.IsLoopback() {
		return true
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.count[guardKey{workshop, ip}] < g.max
}

// done records a new check-in from remote.
func (g *checkInGuard) done(workshop, remote string) {
	ip, ok := clientAddr(remote)
	if !ok || ip.IsLoopback() {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(g.count) < maxClients {
		g.count[guardKey{workshop, ip}]++
	}
}
