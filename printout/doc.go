package printout

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/sfnt"

	"taller"
	"taller/assets"
	"taller/i18n"
)

// The font family every page uses: DejaVu Sans, regular and bold.
const family = "DejaVuSans"

// doc is one PDF being made: fpdf with the embedded fonts, the page's
// size and margins in millimetres, and the language of its texts.
type doc struct {
	pdf    *fpdf.Fpdf
	lang   i18n.Lang
	w, h   float64 // page size
	margin float64
	// continued, when set, starts each page that a long sheet runs onto
	// (the participant code again, so loose pages still pair).
	continued func()
}

// newDoc starts an empty document on paper in lang; title goes in the
// file's metadata.
func newDoc(lang i18n.Lang, paper Paper, title string, margin float64) *doc {
	size := "A4"
	if paper == Letter {
		size = "Letter"
	}
	pdf := fpdf.New("P", "mm", size, "")
	pdf.AddUTF8FontFromBytes(family, "", assets.FontRegular)
	pdf.AddUTF8FontFromBytes(family, "B", assets.FontBold)
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(false, margin)
	pdf.SetCellMargin(0)
	pdf.SetLang(string(lang))
	pdf.SetTitle(clean(title), true)
	pdf.SetCreator("", false)
	pdf.SetProducer("", false)
	// A fixed date: the same input makes the same file, and the file does
	// not tell when it was printed.
	pdf.SetCreationDate(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC))
	pdf.SetModificationDate(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC))
	w, h := pdf.GetPageSize()
	d := &doc{pdf: pdf, lang: lang, w: w, h: h, margin: margin}
	d.font(false, 11)
	return d
}

// t translates key in the document's language.
func (d *doc) t(key string, args ...any) string { return i18n.T(d.lang, key, args...) }

// font selects the regular or bold face at size points.
func (d *doc) font(bold bool, size float64) {
	style := ""
	if bold {
		style = "B"
	}
	d.pdf.SetFont(family, style, size)
}

// gray sets the text colour, 0 black to 255 white.
func (d *doc) gray(level int) { d.pdf.SetTextColor(level, level, level) }

// contentW is the width between the margins.
func (d *doc) contentW() float64 { return d.w - 2*d.margin }

// bottom is the lowest y content may reach.
func (d *doc) bottom() float64 { return d.h - d.margin }

// lineH is the height of a line of text at size points, in mm.
func lineH(size float64) float64 { return size * 0.3528 * 1.3 }

// lines wraps s to width w in the current font.
func (d *doc) lines(s string, w float64) []string {
	var out []string
	for _, para := range strings.Split(clean(s), "\n") {
		if strings.TrimSpace(para) == "" {
			out = append(out, "")
			continue
		}
		out = append(out, d.pdf.SplitText(para, w)...)
	}
	return out
}

// fit shortens s with "…" until it fits width w in the current font.
func (d *doc) fit(s string, w float64) string {
	s = clean(s)
	if d.pdf.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && d.pdf.GetStringWidth(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return strings.TrimSpace(string(r)) + "…"
}

// textHeight is the height text s takes wrapped to w at size points.
func (d *doc) textHeight(s string, w, size float64, bold bool) float64 {
	d.font(bold, size)
	return float64(len(d.lines(s, w))) * lineH(size)
}

// text writes s wrapped to width w from (x, y) and returns the y below
// it; align is "L", "C" or "R".
func (d *doc) text(x, y, w float64, s string, size float64, bold bool, align string) float64 {
	d.font(bold, size)
	lh := lineH(size)
	for _, l := range d.lines(s, w) {
		d.pdf.SetXY(x, y)
		d.pdf.CellFormat(w, lh, l, "", 0, align, false, 0, "")
		y += lh
	}
	return y
}

// para writes s across the content width at the current y, starting a
// new page first when it would not fit, and moves y below it.
func (d *doc) para(s string, size float64, bold bool, after float64) {
	d.keep(d.textHeight(s, d.contentW(), size, bold))
	y := d.text(d.margin, d.pdf.GetY(), d.contentW(), s, size, bold, "L")
	d.pdf.SetY(y + after)
}

// keep starts a new page when h millimetres do not fit below y.
func (d *doc) keep(h float64) {
	if d.pdf.GetY()+h > d.bottom() {
		d.overflow()
	}
}

// overflow goes on to a new page in the middle of a document's flow.
func (d *doc) overflow() {
	d.pdf.AddPage()
	if d.continued != nil {
		d.continued()
	}
}

// box draws an empty tick box of side s with its top-left corner at (x, y).
func (d *doc) box(x, y, s float64) {
	d.pdf.SetDrawColor(0, 0, 0)
	d.pdf.SetLineWidth(0.3)
	d.pdf.Rect(x, y, s, s, "D")
}

// codeBoxes draws one box per character of a participant code, each
// holding its character when code is set, and returns the x after them.
func (d *doc) codeBoxes(x, y, cell float64, code string) float64 {
	d.font(true, cell*2)
	for i := range taller.CodeLen {
		d.pdf.SetDrawColor(0, 0, 0)
		d.pdf.SetLineWidth(0.35)
		d.pdf.Rect(x, y, cell, cell, "D")
		if i < len(code) {
			d.pdf.SetXY(x, y)
			d.pdf.CellFormat(cell, cell, code[i:i+1], "", 0, "CM", false, 0, "")
		}
		x += cell + 1
	}
	return x
}

// writeLines draws n ruled lines for handwriting from y, spaced gap apart,
// and returns the y below them.
func (d *doc) writeLines(y float64, n int, gap float64) float64 {
	d.pdf.SetDrawColor(140, 140, 140)
	d.pdf.SetLineWidth(0.2)
	for range n {
		y += gap
		d.pdf.Line(d.margin, y, d.w-d.margin, y)
	}
	d.pdf.SetDrawColor(0, 0, 0)
	return y
}

// cutLine draws a dashed line across the page at y, for scissors.
func (d *doc) cutLine(y float64) {
	d.pdf.SetDrawColor(120, 120, 120)
	d.pdf.SetLineWidth(0.2)
	d.pdf.SetDashPattern([]float64{2, 1.5}, 0)
	d.pdf.Line(3, y, d.w-3, y)
	d.pdf.SetDashPattern(nil, 0)
	d.pdf.SetDrawColor(0, 0, 0)
}

// bytes finishes the document.
func (d *doc) bytes() ([]byte, error) {
	var b bytes.Buffer
	if err := d.pdf.Output(&b); err != nil {
		return nil, fmt.Errorf("write pdf: %w", err)
	}
	return b.Bytes(), nil
}

// The glyphs of the embedded font, to keep text the font cannot draw off
// the page.
var (
	coverOnce sync.Once
	coverFont *sfnt.Font
)

// clean makes s printable with the embedded font: tabs become spaces,
// runs of spaces one space, and control and format characters (zero-width
// spaces, direction marks) and characters the font has no glyph for
// (emoji, scripts it lacks) are dropped, so a title typed on a phone
// keyboard never breaks the page.
func clean(s string) string {
	coverOnce.Do(func() { coverFont, _ = sfnt.Parse(assets.FontRegular) })
	var buf sfnt.Buffer
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
			space = false
			continue
		case r == '\t' || r == ' ' || r == '\u00a0':
			if !space {
				b.WriteRune(' ')
			}
			space = true
			continue
		case r < 0x20 || r > 0xFFFF || unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			continue
		}
		if coverFont != nil {
			if g, err := coverFont.GlyphIndex(&buf, r); err != nil || g == 0 {
				continue
			}
		}
		b.WriteRune(r)
		space = false
	}
	return b.String()
}
