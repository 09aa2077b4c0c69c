package ui

import (
	"net/url"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Fyne's RichText (v2.7.1) lays out badly, one character per line, the
// text after a segment that ends near the right edge of a line: a
// hyperlink, a bold phrase, or a list's bullet (fyne-io/fyne#4303, fixed
// upstream by #6126 and #6200, not in the release we use). Markdown turns
// the segments Fyne parses into a form that layout never meets that case
// in:
//
//   - a hyperlink is the plain words around it (a screen that wants the
//     link shows it apart, as Notes does with a button);
//   - a list nested in a list item is not drawn on the item's last line:
//     the list is cut there and goes on after the nested items, which are
//     indented paragraphs of their own, each starting a line;
//   - in a paragraph, neighbouring texts of one style are one text, and
//     each text after the first starts with a zero-width space: where the
//     line before leaves no room, Fyne can put that invisible character
//     there and start the text on the next line, instead of one character
//     per line.
//
// Headings, numbered steps, bullets and bold or italic phrases stay.
func Markdown(md string, found func(u *url.URL)) []widget.RichTextSegment {
	if found == nil {
		found = func(*url.URL) {}
	}
	return safeBlocks(widget.NewRichTextFromMarkdown(md).Segments, nil, 0, found)
}

// MarkdownSections is Markdown cut before each heading: one RichText per
// section lets a Page draw only the sections in view.
func MarkdownSections(md string, found func(u *url.URL)) [][]widget.RichTextSegment {
	var out [][]widget.RichTextSegment
	var cur []widget.RichTextSegment
	for _, s := range Markdown(md, found) {
		if isHeading(s) && len(cur) > 0 {
			out = append(out, cur)
			cur = nil
		}
		cur = append(cur, s)
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// isHeading reports whether s is a heading's text.
func isHeading(s widget.RichTextSegment) bool {
	t, ok := s.(*widget.TextSegment)
	return ok && (t.Style.SizeName == theme.SizeNameHeadingText || t.Style.SizeName == theme.SizeNameSubHeadingText)
}

// SetMarkdown shows md in r, laid out safely (see Markdown).
func SetMarkdown(r *widget.RichText, md string) {
	r.Segments = Markdown(md, nil)
	r.Refresh()
}

// zeroWidthSpace starts every text of a paragraph after its first one.
const zeroWidthSpace = "\u200b"

// nestedIndent is put before a nested list item's bullet, once a level.
const nestedIndent = "    "

// safeBlocks appends segs to out in the safe form; depth is how deep in
// lists they are.
func safeBlocks(segs []widget.RichTextSegment, out []widget.RichTextSegment, depth int, found func(*url.URL)) []widget.RichTextSegment {
	var run []widget.RichTextSegment // the texts of the paragraph being read
	flush := func() {
		if len(run) > 0 {
			out = append(out, safeRun(run)...)
			run = nil
		}
	}
	for _, s := range segs {
		switch x := s.(type) {
		case *widget.HyperlinkSegment:
			if x.URL != nil {
				found(x.URL)
			}
			run = append(run, &widget.TextSegment{Text: x.Text, Style: widget.RichTextStyleInline})
		case *widget.TextSegment:
			run = append(run, x)
			if !x.Style.Inline {
				flush()
			}
		case *widget.ListSegment:
			flush()
			out = safeList(x, out, depth, found)
		case *widget.ParagraphSegment:
			flush()
			out = append(out, &widget.ParagraphSegment{Texts: safeBlocks(x.Texts, nil, depth, found)})
		default:
			flush()
			out = append(out, s)
		}
	}
	flush()
	return out
}

// safeList appends list l to out: each item a paragraph with its bullet
// (or number) and its first paragraph's texts, whatever the item holds
// after them (a nested list) following as paragraphs of their own.
func safeList(l *widget.ListSegment, out []widget.RichTextSegment, depth int, found func(*url.URL)) []widget.RichTextSegment {
	for i, item := range l.Items {
		mark := "•  "
		if l.Ordered {
			mark = strconv.Itoa(l.StartNumber()+i) + ". "
		}
		mark = strings.Repeat(nestedIndent, depth) + mark
		var texts []widget.RichTextSegment
		if p, ok := item.(*widget.ParagraphSegment); ok {
			texts = p.Texts
		} else {
			texts = []widget.RichTextSegment{item}
		}
		// the item's own line: its texts up to the first block
		n := 0
		for n < len(texts) {
			if t, ok := texts[n].(*widget.TextSegment); ok {
				n++
				if !t.Style.Inline {
					break
				}
				continue
			}
			if _, ok := texts[n].(*widget.HyperlinkSegment); ok {
				n++
				continue
			}
			break
		}
		line := safeBlocks(texts[:n], nil, depth, found)
		bullet := &widget.TextSegment{Text: mark, Style: widget.RichTextStyleStrong}
		row := append([]widget.RichTextSegment{bullet}, flatten(line)...)
		if len(row) == 1 {
			row = append(row, &widget.TextSegment{Style: widget.RichTextStyleParagraph})
		}
		out = append(out, &widget.ParagraphSegment{Texts: row})
		out = safeBlocks(texts[n:], out, depth+1, found)
	}
	return out
}

// flatten returns the texts of segs, paragraphs opened.
func flatten(segs []widget.RichTextSegment) []widget.RichTextSegment {
	var out []widget.RichTextSegment
	for _, s := range segs {
		if p, ok := s.(*widget.ParagraphSegment); ok {
			out = append(out, flatten(p.Texts)...)
			continue
		}
		out = append(out, s)
	}
	return out
}

// safeRun is one paragraph's texts: neighbours of one look joined, each
// after the first opened by a zero-width space, the last one ending the
// line.
func safeRun(run []widget.RichTextSegment) []widget.RichTextSegment {
	var out []*widget.TextSegment
	for _, s := range run {
		t := s.(*widget.TextSegment)
		if t.Text == "" && len(out) > 0 {
			continue // the paragraph's end: the last text ends it below
		}
		if len(out) > 0 {
			prev := out[len(out)-1]
			a, b := prev.Style, t.Style
			a.Inline, b.Inline = false, false
			if a == b {
				prev.Text += t.Text
				continue
			}
		}
		c := *t
		if len(out) > 0 && !strings.HasPrefix(c.Text, zeroWidthSpace) {
			c.Text = zeroWidthSpace + c.Text
		}
		out = append(out, &c)
	}
	if len(out) > 0 {
		out[len(out)-1].Style.Inline = false
	}
	segs := make([]widget.RichTextSegment, len(out))
	for i, t := range out {
		segs[i] = t
	}
	return segs
}
