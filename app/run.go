package app

import (
	"context"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taller"
	"taller/participant"
)

// runScreen is the day itself, on the facilitator's laptop: the phases,
// the live counters, the agenda's current block with its countdown and the
// facilitator's notes, the join and Wi-Fi QR codes, walk-in tallies and
// paper forms. The projector shows the presenter window instead.
type runScreen struct {
	u     *ui
	root  *fyne.Container
	empty fyne.CanvasObject
	body  fyne.CanvasObject

	title    *widget.Label
	phases   map[taller.Phase]*widget.Button
	closeAll *widget.Button
	openNow  *widget.Label

	total, women, men, other *countBox
	answers                  *widget.Label

	nowTitle  *widget.Label
	countdown *canvas.Text
	next      *widget.Label
	notes     *widget.RichText
	notesCard *widget.Card

	joinQR     *canvas.Image
	joinURL    *widget.Label
	serverMsg  *widget.Label
	wifiQR     *canvas.Image
	wifiLabel  *widget.Label
	presentBtn *widget.Button
	posterBtn  *widget.Button
	// splitCheck shows women, men and other on the projector too. Off by
	// default: while a few people check in at a time, the room could see
	// which count moved when one person tapped "send".
	splitCheck *widget.Check

	tally    map[taller.Gender]*entry
	tallyMsg *widget.Label
	tallyBtn *widget.Button

	paperCheckIn, paperQuiz, paperEval *widget.Button

	left, joinBox, walkBox *fyne.Container // laid out again when a part shows or hides
	leftScroll             *container.Scroll

	// firewall is the note that Windows Firewall will ask about Taller,
	// shown on Windows until the facilitator dismisses it.
	firewall *fyne.Container

	// UI goroutine.
	data       *runData
	shownNotes string
	onApply    func()     // tests: called after each apply
	lastPaper  *paperForm // tests: the paper form opened last
	// wantPresenter opens the presenter window once the data is read
	// (Options.Screen "presenter").
	wantPresenter bool
}

// runData is everything the Run screen shows, read off the UI goroutine.
type runData struct {
	ws        *taller.Workshop
	agenda    *taller.Agenda
	counts    *taller.Counts
	join      string
	joinPNG   []byte
	ssid      string
	wifiPNG   []byte
	server    serverState
	serverErr error
	noLAN     bool
}

func newRunScreen(u *ui) *runScreen {
	s := &runScreen{u: u, phases: map[taller.Phase]*widget.Button{}, tally: map[taller.Gender]*entry{}}
	s.empty = u.emptyState(t("app.run.no_workshop"))
	s.title = heading("")

	for _, p := range taller.Phases {
		p := p
		s.phases[p] = widget.NewButton("", func() { s.togglePhase(p) })
	}
	s.closeAll = widget.NewButtonWithIcon(t("app.run.close_all"), theme.MediaStopIcon(), s.closeAllPhases)
	s.openNow = widget.NewLabel("")
	s.openNow.Wrapping = fyne.TextWrapWord
	phaseRow := container.NewGridWithColumns(2, s.phases[taller.PhaseCheckIn], s.phases[taller.PhaseQuiz], s.phases[taller.PhaseEvaluation], s.closeAll)

	s.total = newCountBox(t("app.count.total"), 44)
	s.women = newCountBox(t("app.count.women"), 44)
	s.men = newCountBox(t("app.count.men"), 44)
	s.other = newCountBox(t("app.count.other"), 44)
	s.answers = widget.NewLabel("")
	s.answers.Alignment = fyne.TextAlignCenter
	s.answers.Wrapping = fyne.TextWrapWord
	counters := container.NewVBox(container.NewGridWithColumns(4, s.total.box, s.women.box, s.men.box, s.other.box), s.answers)

	s.nowTitle = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.nowTitle.Wrapping = fyne.TextWrapWord
	s.countdown = canvas.NewText("", theme.Color(theme.ColorNamePrimary))
	s.countdown.TextSize = 32
	s.countdown.TextStyle = fyne.TextStyle{Monospace: true}
	s.next = widget.NewLabel("")
	s.next.Wrapping = fyne.TextWrapWord
	s.notes = widget.NewRichText()
	s.notes.Wrapping = fyne.TextWrapWord
	private := wrapLabel(t("app.curriculum.notes_private"))
	private.TextStyle.Italic = true
	s.notesCard = card(t("app.run.notes"), container.NewVBox(private, s.notes))

	s.left = container.NewVBox(
		s.title,
		card(t("app.run.phases"), container.NewVBox(phaseRow, s.openNow)),
		card(t("app.run.counters"), counters),
		card(t("app.run.now"), container.NewVBox(container.NewBorder(nil, nil, nil, s.countdown, s.nowTitle), s.next)),
		s.notesCard,
	)

	s.joinQR = qrImage(200)
	s.joinURL = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	s.joinURL.Selectable = true
	s.joinURL.Wrapping = fyne.TextWrapBreak
	s.serverMsg = widget.NewLabel("")
	s.serverMsg.Wrapping = fyne.TextWrapWord
	s.serverMsg.Importance = widget.WarningImportance
	s.serverMsg.Hide()
	s.wifiQR = qrImage(120)
	s.wifiLabel = widget.NewLabel("")
	s.wifiLabel.Wrapping = fyne.TextWrapWord
	s.presentBtn = widget.NewButtonWithIcon(t("app.run.presenter"), theme.ComputerIcon(), s.openPresenter)
	s.presentBtn.Importance = widget.HighImportance
	s.posterBtn = widget.NewButtonWithIcon(t("app.run.poster"), theme.DocumentPrintIcon(), s.savePoster)
	s.splitCheck = widget.NewCheck(t("app.run.split_on_projector"), func(bool) {
		if s.u.presenter != nil && s.data != nil {
			s.u.presenter.apply(s.data)
		}
	})

	tallyGrid := container.NewGridWithColumns(2)
	for _, g := range taller.Genders {
		e := u.newEntry(s.addTally)
		e.SetPlaceHolder("0")
		s.tally[g] = e
		tallyGrid.Add(container.NewBorder(nil, nil, widget.NewLabel(t("gender."+string(g))), nil, e))
	}
	s.tallyBtn = widget.NewButtonWithIcon(t("app.run.tally_add"), theme.ContentAddIcon(), s.addTally)
	s.tallyMsg = widget.NewLabel("")
	s.tallyMsg.Wrapping = fyne.TextWrapWord
	s.tallyMsg.Hide()

	s.paperCheckIn = widget.NewButtonWithIcon(t("app.paper.checkin"), theme.DocumentCreateIcon(), s.paperCheckInForm)
	s.paperQuiz = widget.NewButtonWithIcon(t("app.paper.quiz"), theme.DocumentCreateIcon(), s.paperQuizForm)
	s.paperEval = widget.NewButtonWithIcon(t("app.paper.evaluation"), theme.DocumentCreateIcon(), s.paperEvaluationForm)

	wifi := container.NewBorder(nil, nil, s.wifiQR, nil, s.wifiLabel)
	s.firewall = s.firewallNote()
	s.joinBox = container.NewVBox(container.NewCenter(s.joinQR), s.joinURL, s.serverMsg, s.firewall, wifi,
		container.NewGridWithColumns(2, s.presentBtn, s.posterBtn), s.splitCheck)
	s.walkBox = container.NewVBox(wrapLabel(t("app.run.walkins_help")), tallyGrid, s.tallyBtn, s.tallyMsg)
	right := container.NewVBox(
		card(t("app.run.join"), s.joinBox),
		card(t("app.run.walkins"), s.walkBox),
		card(t("app.run.paper"), container.NewVBox(wrapLabel(t("app.run.paper_help")), s.paperCheckIn, s.paperQuiz, s.paperEval)),
	)
	s.leftScroll = container.NewVScroll(container.NewPadded(s.left))
	s.body = container.NewBorder(nil, nil, nil,
		sized(container.NewVScroll(right), 370),
		s.leftScroll)
	s.root = container.NewStack(s.empty, s.body)
	s.body.Hide()
	s.setPhaseButtons(nil)
	return s
}

// showFirewallHint says whether the Run screen warns about Windows
// Firewall's question: only Windows asks it. A variable so tests can show
// the note anywhere.
var showFirewallHint = runtime.GOOS == "windows"

// prefFirewallDismissed is the app preference that remembers the
// facilitator closed the firewall note.
const prefFirewallDismissed = "firewall_hint_dismissed"

// firewallNote is the note that, the first time the participant server
// starts, Windows Firewall asks whether to let Taller on the network: the
// facilitator must allow private networks or no phone can reach the
// laptop. Hidden elsewhere and once dismissed.
func (s *runScreen) firewallNote() *fyne.Container {
	note := wrapLabel(t("app.run.firewall"))
	note.Importance = widget.WarningImportance
	var box *fyne.Container
	ok := widget.NewButtonWithIcon(t("app.run.firewall_ok"), theme.ConfirmIcon(), func() {
		s.u.app.Preferences().SetBool(prefFirewallDismissed, true)
		box.Hide()
		s.joinBox.Refresh()
	})
	ok.Importance = widget.LowImportance
	box = container.NewVBox(note, container.NewHBox(layout.NewSpacer(), ok))
	if !showFirewallHint || s.u.app.Preferences().Bool(prefFirewallDismissed) {
		box.Hide()
	}
	return box
}

// qrImage is an image for a QR code: nearest-neighbour scaling keeps its
// modules sharp.
func qrImage(size float32) *canvas.Image {
	img := &canvas.Image{FillMode: canvas.ImageFillContain, ScaleMode: canvas.ImageScalePixels}
	img.SetMinSize(fyne.NewSize(size, size))
	return img
}

func setPNG(img *canvas.Image, name string, png []byte) {
	if png == nil {
		img.Resource = nil
		img.Hide()
		return
	}
	if img.Resource == nil || string(img.Resource.Content()) != string(png) {
		img.Resource = fyne.NewStaticResource(name, png)
		img.Refresh()
	}
	img.Show()
}

func (s *runScreen) content() fyne.CanvasObject { return s.root }

// update starts the participant server if needed and reads the chosen
// workshop's state, counts, agenda and join address.
func (s *runScreen) update(ctx context.Context) {
	id := s.u.workshopID()
	if id == "" {
		fyne.Do(func() { s.apply(nil) })
		return
	}
	d, err := s.u.readRun(ctx, id)
	fyne.Do(func() {
		if err != nil {
			s.u.showError(t("app.error.title"), err)
			return
		}
		s.apply(d)
	})
}

// readRun gathers what the Run screen and the presenter window show.
func (u *ui) readRun(ctx context.Context, id string) (*runData, error) {
	d := &runData{}
	started := u.server.wanted.Load()
	if started {
		d.server, d.serverErr = u.server.start()
	}
	st := u.store()
	var err error
	if d.ws, err = st.Workshop(ctx, id); err != nil {
		return nil, err
	}
	if d.agenda, err = st.Agenda(ctx, id); err != nil {
		return nil, err
	}
	if d.counts, err = st.Counts(ctx, id); err != nil {
		return nil, err
	}
	v, err := readSettings(ctx, st)
	if err != nil {
		return nil, err
	}
	if started && d.serverErr == nil {
		host, lanErr := participant.LANAddress()
		if lanErr != nil || host == "" {
			d.noLAN = true
			host = "127.0.0.1"
		}
		d.join = participant.JoinURL(host, d.server.Port, d.ws.JoinToken)
		if d.joinPNG, err = u.server.qrPNG(d.join); err != nil {
			return nil, err
		}
	}
	if v.ssid != "" {
		d.ssid = v.ssid
		if d.wifiPNG, err = u.server.qrPNG(participant.WiFiPayload(v.ssid, v.password)); err != nil {
			return nil, err
		}
	}
	return d, nil
}

func (s *runScreen) apply(d *runData) {
	s.data = d
	if d == nil {
		s.body.Hide()
		s.empty.Show()
		if s.u.presenter != nil {
			s.u.presenter.close()
		}
		return
	}
	s.empty.Hide()
	s.body.Show()
	s.title.SetText(tn("app.run.heading", "Title", d.ws.Title, "Date", formatDate(d.ws.Date), "Place", d.ws.Locality))
	s.setPhaseButtons(d.ws)
	c := d.counts
	s.total.set(c.Total)
	s.women.set(c.ByGender[taller.Female])
	s.men.set(c.ByGender[taller.Male])
	s.other.set(c.ByGender[taller.OtherGender] + c.ByGender[taller.Undisclosed])
	s.answers.SetText(tn("app.run.answers", "Pre", c.PreQuiz, "Post", c.PostQuiz, "Eval", c.Evaluations, "Walkins", c.Tallied))

	setPNG(s.joinQR, "join.png", d.joinPNG)
	s.joinURL.SetText(d.join)
	if d.join == "" {
		s.presentBtn.Disable()
		s.posterBtn.Disable()
	} else {
		s.presentBtn.Enable()
		s.posterBtn.Enable()
	}
	var msgs []string
	if d.serverErr != nil {
		msgs = append(msgs, t("app.run.server_failed")+" "+s.u.errText(d.serverErr))
	}
	if d.server.FellBack {
		msgs = append(msgs, tn("app.run.port_fallback", "Wanted", d.server.Wanted, "Port", d.server.Port))
	}
	if d.noLAN {
		msgs = append(msgs, t("app.run.no_lan"))
	}
	before := [3]bool{s.serverMsg.Visible(), s.wifiQR.Visible(), s.joinQR.Visible()}
	if len(msgs) > 0 {
		s.serverMsg.SetText(strings.Join(msgs, "\n"))
		s.serverMsg.Show()
	} else {
		s.serverMsg.Hide()
	}
	setPNG(s.wifiQR, "wifi.png", d.wifiPNG)
	if d.ssid != "" {
		s.wifiLabel.SetText(tn("app.run.wifi", "SSID", d.ssid))
	} else {
		s.wifiLabel.SetText(t("app.run.wifi_unset"))
	}
	if before != [3]bool{s.serverMsg.Visible(), s.wifiQR.Visible(), s.joinQR.Visible()} {
		s.joinBox.Refresh()
	}
	s.tick(time.Now())
	if s.u.presenter != nil {
		s.u.presenter.apply(d)
	} else if s.wantPresenter {
		s.wantPresenter = false
		s.openPresenter()
	}
	if s.onApply != nil {
		s.onApply()
	}
}

// setPhaseButtons names each phase button after what it will do.
func (s *runScreen) setPhaseButtons(w *taller.Workshop) {
	var open []string
	for _, p := range taller.Phases {
		b := s.phases[p]
		if w != nil && w.IsOpen(p) {
			b.SetText(t("app.run.close_" + string(p)))
			b.SetIcon(theme.MediaStopIcon())
			b.Importance = widget.HighImportance
			open = append(open, t("phase."+string(p)))
		} else {
			b.SetText(t("app.run.open_" + string(p)))
			b.SetIcon(theme.MediaPlayIcon())
			b.Importance = widget.MediumImportance
		}
		b.Refresh()
	}
	if len(open) == 0 {
		s.openNow.SetText(t("app.run.all_closed"))
		s.closeAll.Disable()
	} else {
		s.openNow.SetText(tn("app.run.open_now", "Phases", strings.Join(open, ", ")))
		s.closeAll.Enable()
	}
}

// togglePhase opens or closes one phase.
func (s *runScreen) togglePhase(p taller.Phase) {
	if s.data == nil {
		return
	}
	s.setPhases(map[taller.Phase]bool{p: !s.data.ws.IsOpen(p)})
}

// closeAllPhases closes every phase: the workshop is over.
func (s *runScreen) closeAllPhases() {
	m := map[taller.Phase]bool{}
	for _, p := range taller.Phases {
		m[p] = false
	}
	s.setPhases(m)
}

func (s *runScreen) setPhases(m map[taller.Phase]bool) {
	u := s.u
	id := s.data.ws.ID
	st := u.store()
	u.goAsync(func() {
		var err error
		for _, p := range taller.Phases {
			if open, ok := m[p]; ok {
				if err = st.SetPhase(u.ctx, id, p, open); err != nil {
					break
				}
			}
		}
		fyne.Do(func() {
			if err != nil {
				u.showError(t("app.error.title"), err)
			}
			u.refresh(screenRun)
		})
	})
}

// blockNow says which block runs at now and how long it has left.
type blockNow struct {
	index     int // -1 before the start and after the end
	left      time.Duration
	nextIndex int // -1 when nothing follows
	before    bool
	after     bool
}

func agendaAt(a *taller.Agenda, now time.Time) blockNow {
	mins := taller.ClockTime(now.Hour()*60 + now.Minute())
	secs := time.Duration(now.Second()) * time.Second
	b := blockNow{index: a.Current(mins), nextIndex: -1}
	timings := a.Timings()
	switch {
	case len(timings) == 0:
		b.after = true
	case b.index >= 0:
		b.left = time.Duration(timings[b.index].End-mins)*time.Minute - secs
		if b.index+1 < len(timings) {
			b.nextIndex = b.index + 1
		}
	case mins < timings[0].Start:
		b.before = true
		b.left = time.Duration(timings[0].Start-mins)*time.Minute - secs
		b.nextIndex = 0
	default:
		b.after = true
	}
	return b
}

// isWorkshopDay reports whether now falls on the workshop's date: the
// countdown only means something on the day itself.
func isWorkshopDay(w *taller.Workshop, now time.Time) bool {
	return w != nil && now.Format(time.DateOnly) == w.Date
}

// clockLeft writes a duration as M:SS, or H:MM:SS past an hour.
func clockLeft(d time.Duration) string {
	d = d.Round(time.Second)
	if d < 0 {
		d = 0
	}
	h, m, sec := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, sec)
	}
	return fmt.Sprintf("%d:%02d", m, sec)
}

// tick updates the current block, its countdown and the notes. UI
// goroutine, every second.
func (s *runScreen) tick(now time.Time) {
	d := s.data
	if d == nil {
		return
	}
	a := d.agenda
	b := agendaAt(a, now)
	timings := a.Timings()
	otherDay := !isWorkshopDay(d.ws, now) && len(timings) > 0
	if otherDay {
		// A countdown to today's 09:00 would mislead on any other day:
		// say when the workshop is and what opens it.
		b = blockNow{index: -1, nextIndex: 0, before: true}
	}
	var notes string
	shownNow, shownNext := s.nowTitle.Text, s.next.Text
	switch {
	case otherDay:
		s.nowTitle.SetText(tn("app.run.other_day", "Date", formatDate(d.ws.Date), "Start", a.Start.String()))
		s.countdown.Text = ""
	case b.index >= 0:
		tb := timings[b.index]
		s.nowTitle.SetText(tn("app.run.now_block", "Title", blockTitle(s.u, tb.AgendaBlock), "Start", tb.Start.String(), "End", tb.End.String()))
		s.countdown.Text = clockLeft(b.left)
		if tb.Kind == taller.BlockModule {
			if m, ok := s.u.curriculum().Module(tb.ModuleID); ok {
				notes = m.In(s.u.lang).Notes
			}
		}
	case b.before:
		s.nowTitle.SetText(tn("app.run.starts_at", "Start", a.Start.String()))
		s.countdown.Text = clockLeft(b.left)
	case len(timings) == 0:
		s.nowTitle.SetText(t("app.run.no_agenda"))
		s.countdown.Text = ""
	default:
		s.nowTitle.SetText(t("app.run.agenda_over"))
		s.countdown.Text = ""
	}
	s.countdown.Refresh()
	if otherDay {
		tb := timings[0]
		s.next.SetText(tn("app.run.first_block", "Title", blockTitle(s.u, tb.AgendaBlock), "Start", tb.Start.String()))
	} else if b.nextIndex >= 0 {
		tb := timings[b.nextIndex]
		s.next.SetText(tn("app.run.next_block", "Title", blockTitle(s.u, tb.AgendaBlock), "Start", tb.Start.String()))
	} else {
		s.next.SetText("")
	}
	if b.before && len(timings) > 0 && timings[0].Kind == taller.BlockModule {
		if m, ok := s.u.curriculum().Module(timings[0].ModuleID); ok {
			notes = m.In(s.u.lang).Notes
		}
	}
	if s.nowTitle.Text != shownNow || s.next.Text != shownNext {
		// A new block: its texts may take more or fewer lines, and the
		// scrolled height must follow.
		s.leftScroll.Refresh()
	}
	if strings.TrimSpace(notes) == "" {
		if s.notesCard.Visible() {
			s.notesCard.Hide()
			s.left.Refresh()
		}
	} else if s.notesCard.Hidden || notes != s.shownNotes {
		s.notes.ParseMarkdown(notes)
		s.shownNotes = notes
		s.notesCard.Show()
		s.left.Refresh()
	}
	if s.u.presenter != nil {
		s.u.presenter.tick(now)
	}
}

// addTally records walk-ins counted by hand.
func (s *runScreen) addTally() {
	if s.data == nil {
		return
	}
	u := s.u
	tl := &taller.Tally{WorkshopID: s.data.ws.ID, SubmissionID: taller.NewID()}
	fields := map[taller.Gender]*int{taller.Female: &tl.Female, taller.Male: &tl.Male, taller.OtherGender: &tl.Other, taller.Undisclosed: &tl.Undisclosed}
	for g, p := range fields {
		txt := strings.TrimSpace(s.tally[g].Text)
		if txt == "" {
			continue
		}
		n, err := strconv.Atoi(txt)
		if err != nil {
			s.setTallyMsg(tn("err.tally.range", "Max", taller.MaxTally), true)
			return
		}
		*p = n
	}
	if err := tl.Validate(); err != nil {
		s.setTallyMsg(u.errText(err), true)
		return
	}
	st := u.store()
	s.tallyBtn.Disable()
	u.goAsync(func() {
		err := st.AddTally(u.ctx, tl)
		fyne.Do(func() {
			s.tallyBtn.Enable()
			if err != nil {
				s.setTallyMsg(u.errText(err), true)
				return
			}
			for _, e := range s.tally {
				e.SetText("")
			}
			s.setTallyMsg(tn("app.run.tally_added", "N", tl.Total()), false)
			u.refresh(screenRun)
		})
	})
}

func (s *runScreen) setTallyMsg(msg string, bad bool) {
	s.tallyMsg.SetText(msg)
	if bad {
		s.tallyMsg.Importance = widget.DangerImportance
	} else {
		s.tallyMsg.Importance = widget.SuccessImportance
	}
	s.tallyMsg.Show()
	s.tallyMsg.Refresh()
	s.walkBox.Refresh()
}
