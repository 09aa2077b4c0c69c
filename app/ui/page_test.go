package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tallBlocks are n blocks 100 px high, each with a text.
func tallBlocks(n int) []fyne.CanvasObject {
	out := make([]fyne.CanvasObject, n)
	for i := range out {
		r := canvas.NewRectangle(nil)
		r.SetMinSize(fyne.NewSize(50, 100))
		out[i] = Culled(container.NewStack(r, widget.NewLabel(fmt.Sprintf("block %d", i))))
	}
	return out
}

// drawn lists the blocks a page draws.
func drawn(p *Page) []int {
	var out []int
	for i := range p.Blocks() {
		if p.Drawn(i) {
			out = append(out, i)
		}
	}
	return out
}

// A page draws the blocks in view and half a view around it, follows the
// scroll, and keeps the length (and so the scroll bar) of a padded VBox.
func TestPageDrawsOnlyTheBlocksNearTheView(t *testing.T) {
	test.NewTempApp(t)
	blocks := tallBlocks(40)
	p := NewPage(blocks...)
	w := test.NewTempWindow(t, p.Root)
	w.Resize(fyne.NewSize(400, 400))

	vbox := container.NewPadded(container.NewVBox(tallBlocks(40)...))
	assert.Equal(t, vbox.MinSize(), p.Box().MinSize(), "same size as a padded VBox")

	view := p.Scroll.Size().Height
	require.Greater(t, view, float32(200))
	// At the top: the blocks down to 1.5 views (about 100 px each, plus
	// spacing), nothing below.
	got := drawn(p)
	require.NotEmpty(t, got)
	assert.Equal(t, 0, got[0])
	assert.Less(t, got[len(got)-1], 10, "drawn at the top: %v", got)
	assert.False(t, p.Drawn(39))

	// Scrolled by the user to the middle: the middle, not the top.
	p.Scroll.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -2000)})
	got = drawn(p)
	require.NotEmpty(t, got)
	assert.Greater(t, got[0], 10, "drawn at 2000 px: %v", got)
	assert.Less(t, got[len(got)-1], 30, "drawn at 2000 px: %v", got)
	for _, i := range got {
		y := p.Box().Objects[i].Position().Y
		assert.InDelta(t, 2000+view/2, y, float64(view)*1.1, "block %d at %v", i, y)
	}

	// Back to the top, by the screen.
	p.ScrollToTop()
	assert.Equal(t, 0, drawn(p)[0])
	assert.False(t, p.Drawn(39))

	// A block out of view is still laid out at its place and size.
	last := p.Box().Objects[39]
	assert.Equal(t, float32(100), last.Size().Height)
	assert.Greater(t, last.Position().Y, float32(3900))
}

// A page scrolled to its end whose content then shrinks to fit the view
// draws every block: the scroll shows it from the top.
func TestPageShrunkWhileScrolledDownDrawsEveryBlock(t *testing.T) {
	test.NewTempApp(t)
	rects := make([]*canvas.Rectangle, 10)
	blocks := make([]fyne.CanvasObject, 10)
	for i := range blocks {
		rects[i] = canvas.NewRectangle(nil)
		rects[i].SetMinSize(fyne.NewSize(50, 100))
		blocks[i] = Culled(rects[i])
	}
	p := NewPage(blocks...)
	w := test.NewTempWindow(t, p.Root)
	w.Resize(fyne.NewSize(400, 400))
	p.Scroll.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -5000)})
	require.False(t, p.Drawn(0), "scrolled to the end")
	for _, r := range rects {
		r.SetMinSize(fyne.NewSize(50, 20))
	}
	// Fyne lays the scroll out again (its min-size pass after text
	// unwrapped) without moving its offset back: the content is resized
	// as the scroll's renderer does it.
	p.Box().Resize(p.Box().MinSize().Max(p.Scroll.Size()))
	assert.Len(t, drawn(p), 10, "every block fits the view")
}

// A block not made with Culled (one with buttons or checks, which the
// keyboard must reach) is drawn wherever it is.
func TestPageAlwaysDrawsBlocksWithControls(t *testing.T) {
	test.NewTempApp(t)
	blocks := tallBlocks(30)
	check := widget.NewCheck("hide", nil)
	blocks = append(blocks, check)
	p := NewPage(blocks...)
	w := test.NewTempWindow(t, p.Root)
	w.Resize(fyne.NewSize(400, 400))
	require.False(t, p.Drawn(29))
	assert.True(t, p.Drawn(30))
	assert.True(t, check.Visible())
	assert.Same(t, check, p.Blocks()[30])
}

// A block the screen hides takes no room and is never shown by the page.
func TestPageLeavesHiddenBlocksHidden(t *testing.T) {
	test.NewTempApp(t)
	blocks := tallBlocks(3)
	for i := range blocks {
		blocks[i] = blocks[i].(*fyne.Container).Objects[0] // drawn always
	}
	blocks[1].Hide()
	p := NewPage(blocks...)
	w := test.NewTempWindow(t, p.Root)
	w.Resize(fyne.NewSize(400, 800))
	assert.Equal(t, container.NewPadded(container.NewVBox(blocks...)).MinSize(), p.Box().MinSize())
	assert.False(t, blocks[1].Visible())
	assert.Equal(t, p.Box().Objects[0].Position().Y+100+4, p.Box().Objects[2].Position().Y, "the hidden block takes no room")

	blocks[1].Show()
	p.Box().Refresh()
	assert.Equal(t, container.NewPadded(container.NewVBox(blocks...)).MinSize(), p.Box().MinSize())
}
