package assets

import _ "embed"

// FontRegular and FontBold are DejaVu Sans (Bitstream Vera licence, see
// fonts/LICENSE) for printed PDFs, cut by fonts/subset.sh to the Latin,
// Greek and Cyrillic scripts and common symbols.
var (
	//go:embed fonts/DejaVuSans.ttf
	FontRegular []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	FontBold []byte
)

// UIRegular, UIBold, UIItalic and UIBoldItalic are Noto Sans, the font
// Fyne draws the app's text in, cut by fonts/subset.sh to Unicode's Latin
// letters, punctuation, currency and arrows (SIL Open Font License, see
// fonts/OFL.txt). Fyne parses a font whole for each text style it draws;
// parsed, the subset takes about half a megabyte where Fyne's full Noto
// Sans takes 1.03 MB.
var (
	//go:embed fonts/NotoSans-Regular.latin.ttf
	UIRegular []byte
	//go:embed fonts/NotoSans-Bold.latin.ttf
	UIBold []byte
	//go:embed fonts/NotoSans-Italic.latin.ttf
	UIItalic []byte
	//go:embed fonts/NotoSans-BoldItalic.latin.ttf
	UIBoldItalic []byte
)
