package ui

import (
	"net/url"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// texts is each segment's text, paragraphs opened, for a test to read.
func texts(segs []widget.RichTextSegment) []string {
	var out []string
	for _, s := range flatten(segs) {
		if t, ok := s.(*widget.TextSegment); ok {
			out = append(out, t.Text)
		}
	}
	return out
}

func TestMarkdownCutsNestedListsAndKeepsBold(t *testing.T) {
	test.NewTempApp(t)
	var links []string
	segs := Markdown("1. **(4 min)** Open\n2. **(10 min)** Phrases, see [the protocol](guide:safety-protocol):\n   - \"Thanks.\"\n   - \"Other.\"\n3. Close\n", func(u *url.URL) { links = append(links, u.String()) })

	// the nested items are paragraphs of their own, indented, after their
	// item; the numbering goes on after them
	assert.Equal(t, []string{
		"1. ", "(4 min)", zeroWidthSpace + " Open",
		"2. ", "(10 min)", zeroWidthSpace + " Phrases, see the protocol:",
		nestedIndent + "•  ", "\"Thanks.\"",
		nestedIndent + "•  ", "\"Other.\"",
		"3. ", "Close",
	}, texts(segs))
	for _, s := range segs {
		_, ok := s.(*widget.ParagraphSegment)
		require.True(t, ok, "every item a paragraph at the top: %T", s)
	}
	// bold stays bold, the link is plain words, told apart
	bold := flatten(segs)[1].(*widget.TextSegment)
	assert.True(t, bold.Style.TextStyle.Bold)
	assert.Equal(t, []string{"guide:safety-protocol"}, links)
	// each line ends its paragraph, so the next starts a line
	last := flatten(segs)[2].(*widget.TextSegment)
	assert.False(t, last.Style.Inline)
	// the zero-width space takes no room
	assert.Zero(t, fyne.MeasureText(zeroWidthSpace, 14, fyne.TextStyle{}).Width)
}

func TestMarkdownJoinsAParagraphsTextsOfOneLook(t *testing.T) {
	test.NewTempApp(t)
	segs := Markdown("## Title\n\nPlain [link](https://example.org) text **bold** end.\n", nil)
	assert.Equal(t, []string{"Title", "Plain link text ", zeroWidthSpace + "bold", zeroWidthSpace + " end."}, texts(segs))
}
