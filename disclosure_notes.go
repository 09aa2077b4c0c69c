package taller

import (
	"strings"

	"taller/i18n"
)

// HeldSummary is the plain-words line that tells the facilitator what an
// export held back, in lang: "3 figures held back until at least 5 people
// answer". It is "" when nothing was held back. The export dialog, the
// `taller export` output and the workbook's note all show it.
func HeldSummary(lang i18n.Lang, held []HeldFigure, k int) string {
	if len(held) == 0 {
		return ""
	}
	return i18n.T(lang, "disclosure.summary", map[string]any{"Count": len(held), "K": k})
}

// HeldDetails says, one line per figure held back, which figure it is and
// why, in lang: "Evaluation: fewer than 5 people have answered." The
// workbook's note lists them under the summary.
func HeldDetails(lang i18n.Lang, held []HeldFigure, k int) []string {
	out := make([]string, 0, len(held))
	for _, h := range held {
		fig, gender, _ := strings.Cut(h.Figure, "/")
		name := i18n.T(lang, "disclosure.figure."+fig)
		if gender != "" {
			name = i18n.T(lang, "disclosure.figure.column", map[string]any{"Table": name,
				"Gender": i18n.T(lang, "disclosure.gender."+gender)})
		}
		out = append(out, i18n.T(lang, "disclosure.reason."+h.Reason, map[string]any{"Figure": name, "K": k}))
	}
	return out
}
