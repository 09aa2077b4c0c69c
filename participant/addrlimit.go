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
//
// A post takes a slot (reserve: checked and counted under one lock)
// before the store is asked, so posts sent at once cannot all pass the
// check, and gives it back when nothing new was stored (a refusal, an
// error, a repeat). An IPv6 address counts by its /64: a phone may use any
// address of its /64 (privacy addresses). Phones reach the laptop at the
// IPv4 address in the QR code, so this only ever groups clients that left
// that road, which is the safe side. When the guard holds maxKeys
// counters it refuses addresses it does not know yet (the phone is asked
// to try again or to ask the facilitator), rather than stop counting:
// a guard that forgot would be bypassed by filling it.
type addrGuard struct {
	mu    sync.Mutex
	max   map[string]int
	count map[guardKey]int
	// maxKeys bounds the memory: maxClients counters.
	maxKeys int
	// loopback counts the laptop itself like any phone; only tests, which
	// all come from 127.0.0.1, want that.
	loopback bool
}

type guardKey struct {
	workshop, kind string
	addr           netip.Addr
}

func newAddrGuard(max map[string]int, loopback bool) *addrGuard {
	return &addrGuard{max: max, count: map[guardKey]int{}, maxKeys: maxClients, loopback: loopback}
}

// key is the counter of remote for kind in workshop; ok is false for the
// clients never limited (the laptop itself).
func (g *addrGuard) key(kind, workshop, remote string) (guardKey, bool) {
	ip, ok := clientAddr(remote)
	if !ok || ip.IsLoopback() && !g.loopback {
		return guardKey{}, false
	}
	if ip.Is6() {
		ip = netip.PrefixFrom(ip, 64).Masked().Addr()
	}
	return guardKey{workshop, kind, ip}, true
}

// What reserve answers.
type guardVerdict int

const (
	guardOK      guardVerdict = iota
	guardTooMany              // this address has stored its share
	guardFull                 // the guard's memory is full: a new address waits
)

// slot is one reserved place in an address's share, held while its post
// is stored. The zero slot (a client never limited) holds nothing.
type slot struct {
	g    *addrGuard
	k    guardKey
	held bool
}

// reserve takes a slot for one more of kind from remote in workshop, or
// says why not.
func (g *addrGuard) reserve(kind, workshop, remote string) (*slot, guardVerdict) {
	k, ok := g.key(kind, workshop, remote)
	if !ok {
		return &slot{}, guardOK
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	n, known := g.count[k]
	switch {
	case !known && len(g.count) >= g.maxKeys:
		return nil, guardFull
	case n >= g.max[kind]:
		return nil, guardTooMany
	}
	g.count[k] = n + 1
	return &slot{g: g, k: k, held: true}, guardOK
}

// keep makes the slot's place for good: its post was stored.
func (s *slot) keep() { s.held = false }

// release gives the slot back unless kept; it may be called again.
func (s *slot) release() {
	if !s.held {
		return
	}
	s.held = false
	s.g.mu.Lock()
	defer s.g.mu.Unlock()
	if s.g.count[s.k] <= 1 {
		delete(s.g.count, s.k)
	} else {
		s.g.count[s.k]--
	}
}
