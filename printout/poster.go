package printout

import (
	"taller"
	"taller/i18n"
	"taller/participant"
)

// poster is one page per copy: the workshop's title, the Wi-Fi QR code
// (when Settings has a Wi-Fi name) beside the join QR code, and three
// numbered steps in large type.
func poster(ws *taller.Workshop, req Request, ssid, pass string) ([]byte, error) {
	d := newDoc(req.Lang, req.Paper, ws.Title, 18)
	for range req.Copies {
		if err := d.posterPage(ws, req.JoinURL, ssid, pass); err != nil {
			return nil, err
		}
	}
	return d.bytes()
}

func (d *doc) posterPage(ws *taller.Workshop, join, ssid, pass string) error {
	d.pdf.AddPage()
	x, w := d.margin, d.contentW()
	y := d.text(x, d.margin, w, ws.Title, 30, true, "C")
	d.gray(80)
	y = d.text(x, y+2, w, dateLine(ws, d.lang), 15, false, "C")
	d.gray(0)
	y += 10

	step := func(n int, s string, x, y, w float64) float64 {
		return d.text(x, y, w, d.t("print.poster.step", map[string]any{"N": n, "Text": s}), 19, true, "L")
	}
	if ssid != "" {
		gap := 12.0
		col := (w - gap) / 2
		x2 := x + col + gap
		h1 := step(1, d.t("print.poster.step_wifi"), x, y, col)
		h2 := step(2, d.t("print.poster.step_join"), x2, y, col)
		y = max(h1, h2) + 3
		if err := d.qr(participant.WiFiPayload(ssid, pass), x, y, col); err != nil {
			return err
		}
		if err := d.qr(join, x2, y, col); err != nil {
			return err
		}
		y += col + 2
		y = d.text(x, y, col, d.t("print.poster.network", map[string]any{"SSID": ssid}), 14, false, "C")
		if pass != "" {
			y = d.text(x, y, col, d.t("print.poster.password", map[string]any{"Password": pass}), 14, false, "C")
		}
		y += 3
	} else {
		y = step(1, d.t("print.poster.step_wifi_ask"), x, y, w) + 4
		y = step(2, d.t("print.poster.step_join_only"), x, y, w) + 3
		size := min(w*0.72, d.bottom()-y-80)
		if err := d.qr(join, x+(w-size)/2, y, size); err != nil {
			return err
		}
		y += size + 2
	}
	// The link in full, for a phone whose camera does not read QR codes.
	d.gray(60)
	y = d.text(x, y, w, d.t("print.poster.or_type"), 12, false, "C")
	d.gray(0)
	y = d.text(x, y+0.5, w, join, 13, true, "C") + 8
	y = step(3, d.t("print.poster.step_answer"), x, y, w) + 6
	d.gray(60)
	y = d.text(x, y, w, d.t("web.anonymous"), 14, false, "L") + 2
	d.text(x, y, w, d.t("print.poster.no_phone"), 14, false, "L")
	d.gray(0)
	return nil
}

// dateLine is the workshop's date and place: "10/06/2024 · San Vicente"
// in Spanish, "2024-06-10 · San Vicente" in English.
func dateLine(ws *taller.Workshop, lang i18n.Lang) string {
	date := ws.Date
	if t, err := taller.ParseDate(ws.Date); err == nil && lang == i18n.Spanish {
		date = t.Format("02/01/2006")
	}
	return date + " · " + ws.Locality
}
