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

// DefaultAnswersPerAddress is how many pre-quizzes, and how many
// evaluations, one network address may send in one workshop, for the same
// reason: one phone that clears its cookie before each post must not
// speak for the room.
const DefaultAnswersPerAddress = 3

// What an address guard counts.
const (
	countCheckIn    = "checkin"
	countQuiz       = "quiz"
	countEvaluation = "evaluation"
)

// addrGuard counts what each client address has stored, per workshop and
// kind, in memory only: addresses are never stored or logged, and are
// forgotten when the server stops.
type addrGuard struct {
	mu    sync.Mutex
	max   map[string]int
	count map[guardKey]int
	// loopback counts the laptop itself like any phone; only tests, which
	// all come from 127.0.0.1, want that.
	loopback bool
}

type guardKey struct {
	workshop, kind string
	addr           netip.Addr
}

func newAddrGuard(max map[string]int, loopback bool) *addrGuard {
	return &addrGuard{max: max, count: map[guardKey]int{}, loopback: loopback}
}

// key is the counter of remote for kind in workshop; ok is false for the
// clients never limited (the laptop itself).
func (g *addrGuard) key(kind, workshop, remote string) (guardKey, bool) {
	ip, ok := clientAddr(remote)
	if !ok || ip.IsLoopback() && !g.loopback {
		return guardKey{}, false
	}
	return guardKey{workshop, kind, ip}, true
}

// allow reports whether the client at remote may store one more of kind
// in workshop.
func (g *addrGuard) allow(kind, workshop, remote string) bool {
	k, ok := g.key(kind, workshop, remote)
	if !ok {
		return true
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.count[k] < g.max[kind]
}

// done records that remote stored one more of kind.
func (g *addrGuard) done(kind, workshop, remote string) {
	k, ok := g.key(kind, workshop, remote)
	if !ok {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(g.count) < maxClients {
		g.count[k]++
	}
}
