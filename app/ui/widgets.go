package ui

import (
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// WrapLabel is a label that wraps its text at word boundaries.
func WrapLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// QRImage is an image for a QR code: nearest-neighbour scaling keeps its
// modules sharp.
func QRImage(size float32) *canvas.Image {
	img := &canvas.Image{FillMode: canvas.ImageFillContain, ScaleMode: canvas.ImageScalePixels}
	img.SetMinSize(fyne.NewSize(size, size))
	return img
}

// SetPNG shows png in img, or hides img for nil.
func SetPNG(img *canvas.Image, name string, png []byte) {
	if png == nil {
		img.Resource = nil
		img.Hide()
		return
	}
	if img.Resource == nil || string(img.Resource.Content()) != string(png) {
		img.Resource = fyne.NewStaticResource(name, png)
		img.Refresh()
	}
	img.Show()
}

// Sized gives o at least a width. A wrapping label inside is laid out at
// that width at once, so a dialog holding it gets its true height.
func Sized(o fyne.CanvasObject, width float32) fyne.CanvasObject {
	spacer := canvas.NewRectangle(color.Transparent)
	spacer.SetMinSize(fyne.NewSize(width, 0))
	if l, ok := o.(*widget.Label); ok && l.Wrapping != fyne.TextWrapOff {
		l.Resize(fyne.NewSize(width, l.MinSize().Height))
	}
	return container.NewStack(spacer, o)
}

// Heading is a bold, larger title.
func Heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	l.Wrapping = fyne.TextWrapWord
	return l
}

// EmptyState is what a screen shows when no workshop is chosen: a
// sentence and a button to the workshops list.
func EmptyState(u UI, msg string) fyne.CanvasObject {
	b := widget.NewButtonWithIcon(T("app.empty.go_workshops"), theme.HomeIcon(), func() { u.ShowScreen(Workshops) })
	b.Importance = widget.HighImportance
	l := widget.NewLabel(msg)
	l.Alignment = fyne.TextAlignCenter
	return container.NewCenter(container.NewVBox(l, container.NewCenter(b)))
}

// CountBox is a big number with a caption under it, for the live
// counters.
type CountBox struct {
	Value   *canvas.Text
	Caption *canvas.Text
	Box     fyne.CanvasObject
}

// NewCountBox returns a counter at 0 with its caption, its number size points high.
func NewCountBox(caption string, size float32) *CountBox {
	c := &CountBox{
		Value:   canvas.NewText("0", theme.Color(theme.ColorNameForeground)),
		Caption: canvas.NewText(caption, theme.Color(theme.ColorNamePlaceHolder)),
	}
	c.Value.TextSize = size
	c.Value.TextStyle = fyne.TextStyle{Bold: true}
	c.Value.Alignment = fyne.TextAlignCenter
	c.Caption.TextSize = max(theme.TextSize(), size/3)
	c.Caption.Alignment = fyne.TextAlignCenter
	c.Box = container.NewVBox(c.Value, c.Caption)
	return c
}

// Set shows n.
func (c *CountBox) Set(n int) {
	s := strconv.Itoa(n)
	if c.Value.Text != s {
		c.Value.Text = s
		c.Value.Refresh()
	}
}

// BarRow is one bar of a chart drawn by NewBarChart: a label, a bar as
// long as its share of the largest value, and the value as text.
type BarRow struct {
	Label string
	Value float64
	Text  string // shown after the bar
}

// NewBarChart draws rows with bars scaled to maxValue (the largest value
// when maxValue is 0), in colour c.
func NewBarChart(rows []BarRow, maxValue float64, c color.Color) fyne.CanvasObject {
	if maxValue <= 0 {
		for _, r := range rows {
			maxValue = max(maxValue, r.Value)
		}
	}
	objs := make([]fyne.CanvasObject, 0, 3*len(rows))
	fracs := make([]float32, len(rows))
	var labelW float32
	for i, r := range rows {
		label := widget.NewLabel(r.Label)
		label.Truncation = fyne.TextTruncateEllipsis
		labelW = max(labelW, fyne.MeasureText(r.Label, theme.TextSize(), fyne.TextStyle{}).Width+2*theme.InnerPadding()+2*theme.Padding())
		rect := canvas.NewRectangle(c)
		rect.CornerRadius = 3
		value := widget.NewLabel(r.Text)
		if maxValue > 0 {
			fracs[i] = float32(r.Value / maxValue)
		}
		objs = append(objs, label, rect, value)
	}
	return container.New(&barLayout{fracs: fracs, labelW: labelW}, objs...)
}

// barLayout lays out (label, bar, value) triples in rows with aligned
// columns; each bar's width is its fraction of the bar column.
type barLayout struct {
	fracs  []float32
	labelW float32 // the widest label's text
}

func (l *barLayout) columns(objs []fyne.CanvasObject) (labelW, valueW, rowH float32) {
	for i := 0; i+2 < len(objs); i += 3 {
		valueW = max(valueW, objs[i+2].MinSize().Width)
		rowH = max(rowH, objs[i].MinSize().Height)
	}
	return min(l.labelW, 360), valueW, rowH
}

// Layout places the rows.
func (l *barLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	labelW, valueW, rowH := l.columns(objs)
	pad := theme.Padding()
	barW := max(size.Width-labelW-valueW-2*pad, 10)
	y := float32(0)
	for i := 0; i+2 < len(objs); i += 3 {
		objs[i].Move(fyne.NewPos(0, y))
		objs[i].Resize(fyne.NewSize(labelW, rowH))
		w := barW * l.fracs[i/3]
		objs[i+1].Move(fyne.NewPos(labelW+pad, y+rowH/4))
		objs[i+1].Resize(fyne.NewSize(max(w, 2), rowH/2))
		objs[i+2].Move(fyne.NewPos(labelW+pad+w+pad, y))
		objs[i+2].Resize(fyne.NewSize(valueW, rowH))
		y += rowH
	}
}

// MinSize fits the labels, the values and a short bar.
func (l *barLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	labelW, valueW, rowH := l.columns(objs)
	return fyne.NewSize(labelW+valueW+120, rowH*float32(len(objs)/3))
}

// Card is a titled, padded group.
func Card(title string, content fyne.CanvasObject) *widget.Card {
	return widget.NewCard("", "", container.NewVBox(Heading(title), content))
}
