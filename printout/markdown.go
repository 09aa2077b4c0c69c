package printout

import (
	"regexp"
	"strings"
)

// The Markdown the curriculum uses: headings, paragraphs, "-" and "*"
// lists, numbered lists, **bold** and *emphasis*.
var (
	bulletRE   = regexp.MustCompile(`^\s*[-*+]\s+(.*)$`)
	numberedRE = regexp.MustCompile(`^\s*([0-9]+)[.)]\s+(.*)$`)
	headingRE  = regexp.MustCompile(`^(#{1,6})\s+(.*?)\s*#*\s*$`)
	emphRE     = regexp.MustCompile(`\*\*|__|\*|_\b|\b_|` + "`")
)

// markdown writes Markdown text from left to the right margin, from the
// current y at size points, starting new pages as needed.
func (d *doc) markdown(md string, left, size float64) {
	var para []string
	flush := func() {
		if len(para) > 0 {
			d.inline(strings.Join(para, " "), left, size)
			d.pdf.SetY(d.pdf.GetY() + size*0.25)
			para = nil
		}
	}
	for _, line := range strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n") {
		switch {
		case strings.TrimSpace(line) == "":
			flush()
		case headingRE.MatchString(line):
			flush()
			m := headingRE.FindStringSubmatch(line)
			grow := map[int]float64{1: 5, 2: 3, 3: 1.5}[len(m[1])]
			d.keep(lineH(size+grow) * 3)
			y := d.text(left, d.pdf.GetY()+1.5, d.w-d.margin-left, plain(m[2]), size+grow, true, "L")
			d.pdf.SetY(y + 1)
		case bulletRE.MatchString(line):
			flush()
			d.item("•", bulletRE.FindStringSubmatch(line)[1], left, size)
		case numberedRE.MatchString(line):
			flush()
			m := numberedRE.FindStringSubmatch(line)
			d.item(m[1]+".", m[2], left, size)
		case (strings.HasPrefix(line, "  ") || strings.HasPrefix(line, "\t")) && len(para) == 0:
			// The continuation of a list item.
			d.inline(strings.TrimSpace(line), left+6, size)
		default:
			para = append(para, strings.TrimSpace(line))
		}
	}
	flush()
}

// item writes one list item with its marker hanging in the margin.
func (d *doc) item(marker, text string, left, size float64) {
	d.font(false, size)
	d.keep(lineH(size) * 2)
	d.pdf.SetXY(left+1, d.pdf.GetY())
	d.pdf.CellFormat(5, lineH(size), marker, "", 0, "L", false, 0, "")
	d.inline(text, left+6, size)
	d.pdf.SetY(d.pdf.GetY() + size*0.12)
}

// inline writes a paragraph with **bold** runs from left to the right
// margin, wrapping words and pages.
func (d *doc) inline(s string, left, size float64) {
	type run struct {
		text string
		bold bool
	}
	var runs []run
	bold := false
	last := 0
	for _, loc := range emphRE.FindAllStringIndex(s, -1) {
		runs = append(runs, run{s[last:loc[0]], bold})
		if tok := s[loc[0]:loc[1]]; tok == "**" || tok == "__" {
			bold = !bold
		}
		last = loc[1]
	}
	runs = append(runs, run{s[last:], bold})

	lh := lineH(size)
	right := d.w - d.margin
	x, y := left, d.pdf.GetY()
	if y+lh > d.bottom() {
		d.overflow()
		y = d.pdf.GetY()
	}
	for _, r := range runs {
		d.font(r.bold, size)
		for i, word := range strings.Split(clean(r.text), " ") {
			if word == "" {
				if i > 0 {
					x += d.pdf.GetStringWidth(" ")
				}
				continue
			}
			if i > 0 && x > left {
				x += d.pdf.GetStringWidth(" ")
			}
			ww := d.pdf.GetStringWidth(word)
			if x+ww > right && x > left {
				x, y = left, y+lh
				if y+lh > d.bottom() {
					d.overflow()
					y = d.pdf.GetY()
				}
			}
			d.pdf.SetXY(x, y)
			d.pdf.CellFormat(ww, lh, word, "", 0, "L", false, 0, "")
			x += ww
		}
	}
	d.pdf.SetY(y + lh)
}

// plain drops Markdown emphasis marks.
func plain(s string) string { return emphRE.ReplaceAllString(s, "") }
