package run

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"taller/app/ui"
	"taller/i18n"
	"taller/participant"
)

// The poster is an A4 page at 150 dots per inch.
const (
	posterW      = 1240
	posterH      = 1754
	posterMargin = 90
)

// posterInfo is what the poster shows.
type posterInfo struct {
	Lang     i18n.Lang // the workshop's language
	Title    string
	Subtitle string // date and place
	Join     string // the join URL
	SSID     string // empty: no Wi-Fi QR
	Password string
}

// renderPoster draws the printable poster: the workshop's title, the
// Wi-Fi QR code (when a Wi-Fi is set) and the join QR code with the
// address under it, for rooms without a projector.
func renderPoster(p posterInfo) ([]byte, error) {
	regular, err := opentype.Parse(theme.DefaultTextFont().Content())
	if err != nil {
		return nil, fmt.Errorf("poster font: %w", err)
	}
	bold, err := opentype.Parse(theme.DefaultTextBoldFont().Content())
	if err != nil {
		return nil, fmt.Errorf("poster font: %w", err)
	}
	face := func(f *opentype.Font, size float64) font.Face {
		fc, _ := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
		return fc
	}
	img := image.NewRGBA(image.Rect(0, 0, posterW, posterH))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	T := func(key string, kv ...any) string { return presenterText(p.Lang, key, kv...) }
	width := posterW - 2*posterMargin

	y := posterMargin
	y = drawText(img, face(bold, 68), p.Title, posterMargin, y, width, 1.15, color.Black)
	y = drawText(img, face(regular, 36), p.Subtitle, posterMargin, y+10, width, 1.2, color.Gray{Y: 70})
	y += 50

	qr := func(content string, size, x, y int) error {
		data, err := participant.QRPNG(content, size)
		if err != nil {
			return err
		}
		q, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			return err
		}
		draw.Draw(img, image.Rect(x, y, x+size, y+size), q, q.Bounds().Min, draw.Src)
		return nil
	}
	step := face(bold, 40)
	body := face(regular, 32)
	mono := face(bold, 34)
	if p.SSID != "" {
		col := (width - 60) / 2
		x1, x2 := posterMargin, posterMargin+col+60
		h1 := drawText(img, step, T("app.poster.step_wifi"), x1, y, col, 1.15, color.Black)
		h2 := drawText(img, step, T("app.poster.step_join"), x2, y, col, 1.15, color.Black)
		y = max(h1, h2) + 20
		size := col
		if err := qr(participant.WiFiPayload(p.SSID, p.Password), size, x1, y); err != nil {
			return nil, err
		}
		if err := qr(p.Join, size, x2, y); err != nil {
			return nil, err
		}
		y += size + 20
		w1 := drawText(img, body, T("app.poster.network", "SSID", p.SSID), x1, y, col, 1.2, color.Black)
		if p.Password != "" {
			w1 = drawText(img, body, T("app.poster.password", "Password", p.Password), x1, w1, col, 1.2, color.Black)
		}
		w2 := drawText(img, mono, p.Join, x2, y, col, 1.2, color.Black)
		y = max(w1, w2)
	} else {
		y = drawText(img, step, T("app.poster.step_join_only"), posterMargin, y, width, 1.15, color.Black) + 20
		size := min(width, posterH-y-360)
		if err := qr(p.Join, size, (posterW-size)/2, y); err != nil {
			return nil, err
		}
		y += size + 30
		y = drawText(img, face(bold, 44), p.Join, posterMargin, y, width, 1.2, color.Black)
	}
	y += 50
	drawText(img, body, T("web.anonymous"), posterMargin, y, width, 1.25, color.Gray{Y: 60})

	var out bytes.Buffer
	if err := png.Encode(&out, img); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// drawText draws s wrapped at word boundaries within width, from the top
// at y, and returns the y below the last line. A word longer than the
// width (a URL) is broken where it must be.
func drawText(dst draw.Image, face font.Face, s string, x, y, width int, leading float64, c color.Color) int {
	m := face.Metrics()
	lineH := int(float64((m.Ascent + m.Descent).Ceil()) * leading)
	d := &font.Drawer{Dst: dst, Src: image.NewUniform(c), Face: face}
	for _, line := range wrapWords(d, s, width) {
		d.Dot = fixed.P(x, y+m.Ascent.Ceil())
		d.DrawString(line)
		y += lineH
	}
	return y
}

func wrapWords(d *font.Drawer, s string, width int) []string {
	var lines []string
	fits := func(t string) bool { return d.MeasureString(t).Ceil() <= width }
	cur := ""
	for _, w := range strings.Fields(s) {
		try := w
		if cur != "" {
			try = cur + " " + w
		}
		if fits(try) {
			cur = try
			continue
		}
		if cur != "" {
			lines = append(lines, cur)
		}
		cur = w
		for !fits(cur) {
			r := []rune(cur)
			n := len(r)
			for n > 1 && !fits(string(r[:n])) {
				n--
			}
			lines = append(lines, string(r[:n]))
			cur = string(r[n:])
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// savePoster asks where to save the poster and writes it there.
func (s *Screen) savePoster() {
	u := s.u
	d := s.data
	if d == nil || d.join == "" {
		return
	}
	info := posterInfo{
		Lang: d.ws.Language, Title: d.ws.Title,
		Subtitle: ui.FormatDate(d.ws.Date) + " · " + d.ws.Locality,
		Join:     d.join, SSID: d.ssid, Password: d.password,
	}
	u.Dialogs().SaveAs(t("app.run.poster"), t("app.poster.file")+"-"+d.ws.Date+".png", ".png", "", func(path string) {
		u.Go(func() {
			data, err := renderPoster(info)
			if err == nil {
				err = os.WriteFile(path, data, 0o644)
			}
			fyne.Do(func() {
				if err != nil {
					u.Dialogs().Error(t("app.run.poster"), err)
					return
				}
				u.Dialogs().Message(t("app.run.poster"), tn("app.poster.saved", "Path", path))
			})
		})
	})
}
