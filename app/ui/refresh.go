package ui

import (
	"context"

	"fyne.io/fyne/v2"
)

// Dispatcher is the app's one refresh path. Refresh loads a screen off the
// UI goroutine and applies the result on it only if it is still wanted: no
// later refresh of that screen started meanwhile and the chosen workshop
// is still the one it was loaded for. A slow read that comes back after
// the facilitator moved to another workshop is dropped, never painted.
type Dispatcher struct {
	// Go runs work off the UI goroutine.
	Go func(f func())
	// Current is the workshop chosen now.
	Current func() string
	// OnError shows a load's error (only a current one).
	OnError func(err error)
	// BeforeLoad and Applied, when set, are called around each load
	// (tests).
	BeforeLoad func(screen, workshopID string)
	Applied    func(screen, workshopID string)

	screens map[string]Screen
	latest  map[string]uint64 // UI goroutine
	seq     uint64
}

// Set registers the screens, replacing any before (a rebuild in another
// language); results of loads started for the old ones are dropped.
func (d *Dispatcher) Set(screens map[string]Screen) {
	d.screens = screens
	d.latest = map[string]uint64{}
}

// Refresh reloads the named screens. UI goroutine.
func (d *Dispatcher) Refresh(ctx context.Context, names ...string) {
	for _, name := range names {
		s, ok := d.screens[name]
		if !ok {
			continue
		}
		d.seq++
		n := d.seq
		d.latest[name] = n
		id := d.Current()
		d.Go(func() {
			if d.BeforeLoad != nil {
				d.BeforeLoad(name, id)
			}
			data, err := s.Load(ctx, id)
			fyne.Do(func() { d.apply(ctx, name, s, n, id, data, err) })
		})
	}
}

func (d *Dispatcher) apply(ctx context.Context, name string, s Screen, n uint64, id string, data any, err error) {
	if ctx.Err() != nil || d.screens[name] != s || d.latest[name] != n || d.Current() != id {
		return // stale: dropped
	}
	if err != nil {
		if d.OnError != nil {
			d.OnError(err)
		}
		return
	}
	s.Apply(data)
	if d.Applied != nil {
		d.Applied(name, id)
	}
}
