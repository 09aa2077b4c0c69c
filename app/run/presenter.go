package run

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taller"
	"taller/app/ui"
	"taller/i18n"
)

// presenter is the window for the projector: the two QR codes large
// enough to scan from the back of the room, the join address in big type,
// the live counters and the agenda's current block. It never shows the
// facilitator's notes. Its texts are in the workshop's language, the
// language of the people in the room.
type presenter struct {
	s   *Screen
	win fyne.Window
	wl  i18n.Lang // the workshop's language

	title     *widget.Label
	joinQR    *canvas.Image
	joinCap   *widget.Label
	wifiQR    *canvas.Image
	wifiCap   *widget.Label
	url       *canvas.Text
	total     *ui.CountBox
	women     *ui.CountBox
	men       *ui.CountBox
	other     *ui.CountBox
	split     *fyne.Container // women, men, other: shown only when asked for
	nowTitle  *widget.Label
	countdown *canvas.Text
	next      *widget.Label
	fullBtn   *widget.Button
	qrs       *fyne.Container
	caps      *fyne.Container // the captions' row: two columns, or one without Wi-Fi
	codes     *fyne.Container // the codes' row, as caps
	content   fyne.CanvasObject
	shown     *runData // what the window shows
}

// OpenPresenter opens the projector window, or brings it forward.
func (s *Screen) OpenPresenter() {
	u := s.u
	if s.data == nil {
		return
	}
	if s.presenter != nil {
		s.presenter.win.RequestFocus()
		return
	}
	p := &presenter{s: s, wl: s.data.ws.Language}
	T := func(key string, kv ...any) string { return presenterText(p.wl, key, kv...) }
	p.win = u.NewWindow(T("app.presenter.window_title", "Title", s.data.ws.Title))
	p.title = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	p.title.SizeName = ui.SizeNameProjectorHeading
	p.title.Wrapping = fyne.TextWrapWord
	p.joinQR = ui.QRImage(240)
	p.joinCap = widget.NewLabelWithStyle(T("app.presenter.scan"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	p.joinCap.Wrapping = fyne.TextWrapWord
	p.wifiQR = ui.QRImage(240)
	p.wifiCap = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	p.wifiCap.Wrapping = fyne.TextWrapWord
	// Captions in one row and codes in the next, so both codes are the
	// same size and level.
	p.url = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	p.url.TextSize = 40
	p.url.TextStyle = fyne.TextStyle{Monospace: true}
	p.url.Alignment = fyne.TextAlignCenter

	p.total = ui.NewCountBox(T("app.count.total"), 72)
	p.women = ui.NewCountBox(T("app.count.women"), 48)
	p.men = ui.NewCountBox(T("app.count.men"), 48)
	p.other = ui.NewCountBox(T("app.count.other"), 48)
	p.split = container.NewGridWithColumns(3, p.women.Box, p.men.Box, p.other.Box)
	counts := container.NewVBox(p.total.Box, p.split)

	p.nowTitle = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.nowTitle.Wrapping = fyne.TextWrapWord
	p.countdown = canvas.NewText("", theme.Color(theme.ColorNamePrimary))
	p.countdown.TextSize = 48
	p.countdown.TextStyle = fyne.TextStyle{Bold: true}
	p.next = widget.NewLabel("")
	p.next.Wrapping = fyne.TextWrapWord

	// The app's own buttons stay in the facilitator's language.
	p.fullBtn = widget.NewButtonWithIcon(t("app.presenter.fullscreen"), theme.ViewFullScreenIcon(), p.toggleFullScreen)
	p.fullBtn.Importance = widget.LowImportance
	closeBtn := widget.NewButtonWithIcon(t("app.presenter.close"), theme.CancelIcon(), p.close)
	closeBtn.Importance = widget.LowImportance

	p.caps = container.NewGridWithColumns(2, p.wifiCap, p.joinCap)
	// Padded, so the two codes never touch: a phone's camera must see
	// one quiet border around each.
	p.codes = container.NewGridWithColumns(2, container.NewPadded(p.wifiQR), container.NewPadded(p.joinQR))
	p.qrs = container.NewBorder(p.caps, nil, nil, nil, p.codes)
	right := container.NewVBox(counts, widget.NewSeparator(),
		container.NewBorder(nil, nil, nil, p.countdown, p.nowTitle), p.next)
	center := container.New(&splitLayout{ratio: 0.62}, p.qrs, container.NewPadded(right))
	bottom := container.NewVBox(container.New(&fitText{text: p.url, size: 40}, p.url), container.NewHBox(p.fullBtn, closeBtn))
	for _, l := range []*widget.Label{p.joinCap, p.wifiCap, p.nowTitle, p.next} {
		l.SizeName = ui.SizeNameProjectorText
	}
	p.content = container.NewPadded(container.NewBorder(p.title, bottom, nil, nil, center))
	p.win.SetContent(p.content)
	// As large as the screen allows; on the projector, F11 fills it.
	ui.FitToScreen(p.win, fyne.NewSize(1280, 720), nil)
	p.win.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		switch k.Name {
		case fyne.KeyF11:
			p.toggleFullScreen()
		case fyne.KeyEscape:
			if p.win.FullScreen() {
				p.toggleFullScreen()
			}
		}
	})
	p.win.SetOnClosed(func() {
		if s.presenter == p {
			s.presenter = nil
		}
	})
	s.presenter = p
	p.apply(s.data)
	p.win.Show()
}

// presenterText translates for the room, in the workshop's language.
func presenterText(l i18n.Lang, key string, kv ...any) string {
	if len(kv) == 0 {
		return i18n.T(l, key)
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1]
	}
	return i18n.T(l, key, m)
}

func (p *presenter) toggleFullScreen() {
	full := !p.win.FullScreen()
	p.win.SetFullScreen(full)
	if full {
		p.fullBtn.SetText(t("app.presenter.window"))
		p.fullBtn.SetIcon(theme.ViewRestoreIcon())
	} else {
		p.fullBtn.SetText(t("app.presenter.fullscreen"))
		p.fullBtn.SetIcon(theme.ViewFullScreenIcon())
	}
}

// close closes the window.
func (p *presenter) close() {
	if p.s.presenter == p {
		p.s.presenter = nil
	}
	p.win.Close()
}

// apply shows fresh data. UI goroutine.
func (p *presenter) apply(d *runData) {
	if d == nil {
		return
	}
	p.shown = d
	p.wl = d.ws.Language
	p.title.SetText(d.ws.Title)
	ui.SetPNG(p.joinQR, "join.png", d.joinPNG)
	p.url.Text = d.join
	p.url.Refresh()
	cols := 1
	if d.wifiPNG != nil {
		ui.SetPNG(p.wifiQR, "wifi.png", d.wifiPNG)
		p.wifiCap.SetText(presenterText(p.wl, "app.presenter.wifi", "SSID", d.ssid))
		p.wifiCap.Show()
		p.codes.Objects[0].Show()
		cols = 2
	} else {
		ui.SetPNG(p.wifiQR, "wifi.png", nil)
		p.wifiCap.Hide()
		p.codes.Objects[0].Hide() // its padding too, or it takes a row
	}
	// Without a Wi-Fi code the join code takes the whole width, centred,
	// instead of the left half with an empty column beside it.
	p.caps.Layout = layout.NewGridLayoutWithColumns(cols)
	p.codes.Layout = layout.NewGridLayoutWithColumns(cols)
	p.qrs.Refresh()
	c := d.counts
	p.total.Set(c.Total)
	p.women.Set(c.ByGender[taller.Female])
	p.men.Set(c.ByGender[taller.Male])
	p.other.Set(c.ByGender[taller.OtherGender] + c.ByGender[taller.Undisclosed])
	if p.s.splitCheck.Checked {
		p.split.Show()
	} else {
		p.split.Hide()
	}
	p.tick(time.Now())
}

// tick updates the current block and its countdown.
func (p *presenter) tick(now time.Time) {
	d := p.shown
	if d == nil {
		return
	}
	a := d.agenda
	b := agendaAt(a, now)
	timings := a.Timings()
	title := func(tb taller.TimedBlock) string { return ui.BlockTitle(p.s.u.Curriculum(), tb.AgendaBlock, p.wl) }
	otherDay := !isWorkshopDay(d.ws, now) && len(timings) > 0
	if otherDay {
		b = blockNow{index: -1, nextIndex: -1}
	}
	switch {
	case otherDay:
		p.nowTitle.SetText(presenterText(p.wl, "app.presenter.on_date", "Date", ui.FormatDate(d.ws.Date), "Start", a.Start.String()))
		p.countdown.Text = ""
	case b.index >= 0:
		tb := timings[b.index]
		p.nowTitle.SetText(presenterText(p.wl, "app.presenter.now", "Title", title(tb)))
		p.countdown.Text = clockLeft(b.left)
	case b.before:
		p.nowTitle.SetText(presenterText(p.wl, "app.presenter.starts_at", "Start", a.Start.String()))
		p.countdown.Text = clockLeft(b.left)
	default:
		p.nowTitle.SetText("")
		p.countdown.Text = ""
	}
	p.countdown.Refresh()
	if b.nextIndex >= 0 {
		tb := timings[b.nextIndex]
		p.next.SetText(presenterText(p.wl, "app.presenter.next", "Title", title(tb), "Start", tb.Start.String()))
	} else {
		p.next.SetText("")
	}
}

// splitLayout puts two objects side by side, the first taking ratio of
// the width.
type splitLayout struct{ ratio float32 }

// Layout places the two objects.
func (l *splitLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if len(objs) < 2 {
		return
	}
	w := size.Width * l.ratio
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(w, size.Height))
	objs[1].Move(fyne.NewPos(w, 0))
	objs[1].Resize(fyne.NewSize(size.Width-w, size.Height))
}

// MinSize is both objects' widths side by side.
func (l *splitLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		m := o.MinSize()
		s.Width += m.Width
		s.Height = max(s.Height, m.Height)
	}
	return s
}

// fitText lays out one canvas.Text at its size, or smaller when the width
// would cut it: the projected join address must show whole on any screen,
// 800 pixels wide or 1920.
type fitText struct {
	text *canvas.Text
	size float32 // the size it takes when there is room
}

// Layout shrinks the text to the width.
func (f *fitText) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	t := f.text
	want := f.size
	// Text does not shrink quite in proportion (hinting): measure again
	// until it fits.
	for range 4 {
		w := fyne.MeasureText(t.Text, want, t.TextStyle).Width
		if w <= size.Width || w == 0 {
			break
		}
		want *= size.Width / w * 0.98
	}
	if want != t.TextSize {
		t.TextSize = want
		t.Refresh()
	}
	t.Move(fyne.NewPos(0, 0))
	t.Resize(size)
}

// MinSize is the text's height at its full size and no width: it gives
// way to the window.
func (f *fitText) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(0, fyne.MeasureText("Ag", f.size, f.text.TextStyle).Height)
}
