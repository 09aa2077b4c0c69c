package printout

import (
	"fmt"

	qrcode "github.com/skip2/go-qrcode"
)

// qr draws content as a QR code of side size mm with its top-left corner
// at (x, y), one filled square per dark module, so it stays sharp at any
// printer resolution. The quiet zone (four modules of white) is inside
// size. Medium error recovery, as on the projector.
func (d *doc) qr(content string, x, y, size float64) error {
	q, err := qrcode.New(content, qrcode.Medium)
	if err != nil {
		return fmt.Errorf("qr code: %w", err)
	}
	bits := q.Bitmap()
	n := float64(len(bits))
	m := size / n
	d.pdf.SetFillColor(0, 0, 0)
	for r, row := range bits {
		// Runs of dark modules in a row become one rectangle: a smaller
		// file, and no hairline gaps between modules in some viewers.
		for c := 0; c < len(row); {
			if !row[c] {
				c++
				continue
			}
			start := c
			for c < len(row) && row[c] {
				c++
			}
			d.pdf.Rect(x+float64(start)*m, y+float64(r)*m, float64(c-start)*m, m, "F")
		}
	}
	return nil
}
