package taller

import "sync"

// Notifier tells subscribers that a workshop's data changed, so the desktop
// app refreshes its counters the moment a phone checks in. It never blocks
// the sender: a subscriber that is behind gets one pending signal.
type Notifier struct {
	mu   sync.Mutex
	subs map[chan string]struct{}
}

// NewNotifier returns a notifier with no subscribers.
func NewNotifier() *Notifier { return &Notifier{subs: map[chan string]struct{}{}} }

// Subscribe returns a channel that receives the id of each workshop that
// changed, and a function that ends the subscription.
func (n *Notifier) Subscribe() (<-chan string, func()) {
	ch := make(chan string, 16)
	n.mu.Lock()
	n.subs[ch] = struct{}{}
	n.mu.Unlock()
	return ch, func() {
		n.mu.Lock()
		if _, ok := n.subs[ch]; ok {
			delete(n.subs, ch)
			close(ch)
		}
		n.mu.Unlock()
	}
}

// Publish signals that workshopID changed.
func (n *Notifier) Publish(workshopID string) {
	if n == nil {
		return
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	for ch := range n.subs {
		select {
		case ch <- workshopID:
		default:
		}
	}
}
