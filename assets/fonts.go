package assets

import _ "embed"

// FontRegular and FontBold are DejaVu Sans (Bitstream Vera licence, see
// fonts/LICENSE), embedded whole in printed PDFs' subsets: they have every
// glyph of Spanish and English.
var (
	//go:embed fonts/DejaVuSans.ttf
	FontRegular []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	FontBold []byte
)
