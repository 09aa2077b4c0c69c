package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
)

// fakeScreen records what it was asked to load and what it showed.
type fakeScreen struct {
	loads   []string
	applied []any
}

func (f *fakeScreen) Content() fyne.CanvasObject { return nil }
func (f *fakeScreen) Load(_ context.Context, id string) (any, error) {
	f.loads = append(f.loads, id)
	return "data of " + id, nil
}
func (f *fakeScreen) Apply(d any) { f.applied = append(f.applied, d) }

func TestDispatcherDropsStaleLoads(t *testing.T) {
	test.NewTempApp(t)
	current := "A"
	var pending []func()
	d := Dispatcher{Go: func(f func()) { pending = append(pending, f) }, Current: func() string { return current }}
	s := &fakeScreen{}
	d.Set(map[string]Screen{Run: s})
	ctx := context.Background()

	// A refresh for A, then a switch to B and a refresh for B, the loads
	// finishing in the wrong order: only B is shown.
	d.Refresh(ctx, Run)
	current = "B"
	d.Refresh(ctx, Run)
	pending[1]()
	pending[0]()
	assert.Equal(t, []string{"B", "A"}, s.loads)
	assert.Equal(t, []any{"data of B"}, s.applied, "A's late result is dropped")

	// Two refreshes of the same workshop: the earlier one, finishing last,
	// is dropped too.
	pending = nil
	d.Refresh(ctx, Run)
	d.Refresh(ctx, Run)
	pending[1]()
	pending[0]()
	assert.Len(t, s.applied, 2)

	// Screens replaced (a new language): loads for the old ones are
	// dropped.
	pending = nil
	d.Refresh(ctx, Run)
	d.Set(map[string]Screen{Run: &fakeScreen{}})
	pending[0]()
	assert.Len(t, s.applied, 2)
}
