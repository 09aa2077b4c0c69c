package participant

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller/assets"
)

// nonTextContrast is what WCAG 2.2 (1.4.11) asks of focus rings and field
// borders against every colour next to them.
const nonTextContrast = 3.0

// luminance is the relative luminance of an sRGB colour (WCAG 2.2).
func luminance(rgb [3]float64) float64 {
	var l [3]float64
	for i, c := range rgb {
		c /= 255
		if c <= 0.04045 {
			l[i] = c / 12.92
		} else {
			l[i] = math.Pow((c+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*l[0] + 0.7152*l[1] + 0.0722*l[2]
}

// contrast is the WCAG contrast ratio of two colours.
func contrast(a, b [3]float64) float64 {
	x, y := luminance(a), luminance(b)
	return (max(x, y) + 0.05) / (min(x, y) + 0.05)
}

// hexColour reads #rgb or #rrggbb.
func hexColour(s string) ([3]float64, error) {
	s = strings.TrimPrefix(s, "#")
	if len(s) == 3 {
		s = string([]byte{s[0], s[0], s[1], s[1], s[2], s[2]})
	}
	var c [3]float64
	if len(s) != 6 {
		return c, fmt.Errorf("not a colour: #%s", s)
	}
	for i := range 3 {
		n, err := strconv.ParseUint(s[2*i:2*i+2], 16, 8)
		if err != nil {
			return c, err
		}
		c[i] = float64(n)
	}
	return c, nil
}

// cssRule returns the declarations of the rule whose selector is exactly
// selector in the phone pages' style sheet.
func cssRule(t *testing.T, css, selector string) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(selector) + `\{([^}]*)\}`).FindStringSubmatch(css)
	require.NotNil(t, m, "no rule %q in style.css", selector)
	return m[1]
}

// cssColour finds the colour a declaration gives (the first #hex after
// the property name).
func cssColour(t *testing.T, decls, property string) [3]float64 {
	t.Helper()
	m := regexp.MustCompile(`(?:^|;)` + regexp.QuoteMeta(property) + `:[^;]*?(#[0-9a-fA-F]{3,6})\b`).FindStringSubmatch(decls)
	require.NotNil(t, m, "no %s colour in %q", property, decls)
	c, err := hexColour(m[1])
	require.NoError(t, err)
	return c
}

func TestFocusRingsAndFieldBordersContrast(t *testing.T) {
	b, err := assets.Web.ReadFile("web/style.css")
	require.NoError(t, err)
	css := string(b)
	white := [3]float64{255, 255, 255}
	page := cssColour(t, cssRule(t, css, "body"), "background")
	header := cssColour(t, cssRule(t, css, "header"), "background")
	box := cssColour(t, cssRule(t, css, ".box"), "background")
	errBox := cssColour(t, cssRule(t, css, ".err"), "background")
	label := cssColour(t, cssRule(t, css, "label"), "background")
	ring := cssColour(t, cssRule(t, css, ":focus"), "outline")
	headerRing := cssColour(t, cssRule(t, css, "header :focus"), "outline-color")
	field := cssColour(t, cssRule(t, css, "input[type=text],textarea"), "border")
	fieldInside := cssColour(t, cssRule(t, css, "input[type=text],textarea"), "background")

	checks := []struct {
		what   string
		fg, bg [3]float64
	}{
		{"focus ring on the page", ring, page},
		{"focus ring on a radio's white label", ring, label},
		{"focus ring in the code box", ring, box},
		{"focus ring of the link in the error message", ring, errBox},
		{"focus ring on white", ring, white},
		{"focus ring in the header", headerRing, header},
		{"text-field border against its inside", field, fieldInside},
		{"text-field border against the page", field, page},
		{"text-field border against the code box", field, box},
	}
	for _, c := range checks {
		r := contrast(c.fg, c.bg)
		assert.GreaterOrEqual(t, r, nonTextContrast, "%s: %.2f:1", c.what, r)
		t.Logf("%-46s %.2f:1", c.what, r)
	}
	// The colours the issue measured, to show the formula agrees.
	old, _ := hexColour("#b8860b")
	assert.InDelta(t, 2.91, contrast(old, page), 0.01)
	assert.InDelta(t, 2.39, contrast(old, header), 0.01)
	oldField, _ := hexColour("#d3cbbd")
	assert.InDelta(t, 1.44, contrast(oldField, page), 0.01)
}
