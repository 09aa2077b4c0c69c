package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
)

// Page is a long page of blocks, one under the other, in a vertical
// scroll, that draws only the blocks in or near view.
//
// Fyne (v2.7.1) draws every object of a scroll's content whether it is in
// view or not, and keeps a texture for each text it has drawn until that
// text has gone a minute undrawn: a module of the manual, or a workshop's
// results, were hundreds of textures, most of them out of sight below the
// fold, and each was drawn again at every repaint. A Page hides each text
// block (one made with Culled) that is more than half a screen away from
// the view, and shows it again as the scroll comes near; the blocks keep
// their places and sizes (a hidden block is still laid out), so the scroll
// bar and the page's length do not change. Other blocks are always drawn:
// Fyne's Tab order skips hidden widgets, so a block with a button, a check
// or a field must stay. It looks like container.NewVScroll of
// container.NewPadded of container.NewVBox: the same padding and spacing,
// and a block the screen hides itself takes no room.
type Page struct {
	// Scroll is the page's scroll. A screen may show other content in it
	// for a while (the manual's guides do); the page then draws nothing.
	Scroll *container.Scroll
	// Root is what a screen places: Scroll, culled again when resized.
	Root *fyne.Container

	box *fyne.Container
}

// NewPage returns a page of blocks.
func NewPage(blocks ...fyne.CanvasObject) *Page {
	p := &Page{}
	p.box = container.New(&pageLayout{page: p})
	p.Scroll = container.NewVScroll(p.box)
	p.Scroll.OnScrolled = func(fyne.Position) { p.cull() }
	p.Root = container.New(&cullOnResize{page: p}, p.Scroll)
	p.SetBlocks(blocks...)
	return p
}

// Box is the page's content, to show in Scroll again after other content.
func (p *Page) Box() *fyne.Container { return p.box }

// Culled makes o a block that a Page may hide while it is out of view. Use
// it only for text: nothing in o may take the keyboard's focus.
func Culled(o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(cullableStack{}, o)
}

// cullableStack is the stack layout of a block made with Culled: its type
// tells the page it may hide the block.
type cullableStack struct{}

var stack = layout.NewStackLayout()

func (cullableStack) MinSize(objects []fyne.CanvasObject) fyne.Size { return stack.MinSize(objects) }

func (cullableStack) Layout(objects []fyne.CanvasObject, size fyne.Size) { stack.Layout(objects, size) }

// cullable reports whether the page may hide holder.
func cullable(holder fyne.CanvasObject) bool {
	_, ok := holder.(*fyne.Container).Layout.(cullableStack)
	return ok
}

// SetBlocks replaces the page's blocks.
func (p *Page) SetBlocks(blocks ...fyne.CanvasObject) {
	holders := make([]fyne.CanvasObject, len(blocks))
	for i, b := range blocks {
		// The page hides and shows the holder, never the block, so a
		// block the screen hid stays hidden.
		if c, ok := b.(*fyne.Container); ok && cullable(c) {
			holders[i] = c
			continue
		}
		holders[i] = container.NewStack(b)
	}
	p.box.Objects = holders
	p.box.Refresh()
	p.cull()
}

// Blocks are the page's blocks, in order (a Culled block as given to
// SetBlocks).
func (p *Page) Blocks() []fyne.CanvasObject {
	out := make([]fyne.CanvasObject, len(p.box.Objects))
	for i, h := range p.box.Objects {
		if cullable(h) {
			out[i] = h
			continue
		}
		out[i] = h.(*fyne.Container).Objects[0]
	}
	return out
}

// Drawn reports whether block i is drawn (in or near view).
func (p *Page) Drawn(i int) bool { return p.box.Objects[i].Visible() }

// ScrollToTop scrolls the page to its top. (Scroll.ScrollToTop itself
// does not tell the page it moved.)
func (p *Page) ScrollToTop() {
	p.Scroll.ScrollToTop()
	p.cull()
}

// Cull draws the blocks in or near view and no others; the page does it
// itself when it is laid out or scrolled by the user. Call it after
// moving Scroll.Offset or putting the page's Box back in Scroll.
func (p *Page) Cull() { p.cull() }

// cullMargin is how far beyond the view, as a share of its height, blocks
// are still drawn, so that scrolling never shows a gap.
const cullMargin = 0.5

// cull shows the blocks in or near view and hides the others.
func (p *Page) cull() {
	if p.Scroll.Content != p.box {
		return
	}
	view := p.Scroll.Size().Height
	// The offset as the scroll will show it: Fyne lays a scroll out, when
	// its content shrinks, without moving an offset now past the end.
	off := min(max(p.Scroll.Offset.Y, 0), max(p.box.Size().Height-view, 0))
	top, bottom := off-view*cullMargin, off+view*(1+cullMargin)
	for _, h := range p.box.Objects {
		if !cullable(h) {
			continue
		}
		y, height := h.Position().Y, h.Size().Height
		near := view <= 0 || (y+height >= top && y <= bottom)
		switch {
		case near && !h.Visible():
			h.Show()
		case !near && h.Visible():
			h.Hide()
		}
	}
}

// pageLayout stacks a page's blocks as a padded VBox does, hidden ones
// included, then culls them.
type pageLayout struct{ page *Page }

// empty reports whether a block's holder has nothing to show: its block is
// hidden by the screen.
func empty(holder fyne.CanvasObject) bool {
	return !holder.(*fyne.Container).Objects[0].Visible()
}

func (l *pageLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	var w, h float32
	n := 0
	for _, o := range objects {
		if empty(o) {
			continue
		}
		m := o.MinSize()
		w = max(w, m.Width)
		h += m.Height
		n++
	}
	if n > 1 {
		h += pad * float32(n-1)
	}
	return fyne.NewSize(w+2*pad, h+2*pad)
}

func (l *pageLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	y := pad
	for _, o := range objects {
		if empty(o) {
			continue
		}
		h := o.MinSize().Height
		o.Move(fyne.NewPos(pad, y))
		o.Resize(fyne.NewSize(size.Width-2*pad, h))
		y += h + pad
	}
	l.page.cull()
}

// cullOnResize fills its one object, the page's scroll, and culls the page
// again: a taller window brings blocks into view without a scroll.
type cullOnResize struct{ page *Page }

func (c *cullOnResize) MinSize(objects []fyne.CanvasObject) fyne.Size { return objects[0].MinSize() }

func (c *cullOnResize) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	objects[0].Move(fyne.NewPos(0, 0))
	objects[0].Resize(size)
	c.page.cull()
}
