package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
)

// Text sizes of the projector window, 1.6 times the usual: readable from
// the back of a room.
const (
	SizeNameProjectorText    fyne.ThemeSizeName = "taller.projectorText"
	SizeNameProjectorHeading fyne.ThemeSizeName = "taller.projectorHeading"
)

// projectorScale is how much larger the projector's text is.
const projectorScale = 1.6

// NewTheme is base with the app's own size names added. One theme for
// every window: a theme override for the projector would make Fyne load
// every font again for that window.
func NewTheme(base fyne.Theme) fyne.Theme { return &appTheme{base} }

type appTheme struct{ base fyne.Theme }

// Color is the base theme's.
func (t *appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return t.base.Color(n, v)
}

// Font is the base theme's.
func (t *appTheme) Font(s fyne.TextStyle) fyne.Resource { return t.base.Font(s) }

// Icon is the base theme's.
func (t *appTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base.Icon(n) }

// Size is the base theme's, and the projector's sizes.
func (t *appTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case SizeNameProjectorText:
		return t.base.Size("text") * projectorScale
	case SizeNameProjectorHeading:
		return t.base.Size("headingText") * projectorScale
	}
	return t.base.Size(n)
}
