// Package run is the Run screen, the day itself on the facilitator's
// laptop, and the projector window it opens; the paper forms and the
// printable poster belong to it.
package run

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
	"taller/app/ui"
	"taller/participant"
)

// Screen is the day itself, on the facilitator's laptop: the phases,
// the live counters, the agenda's current block with its countdown and the
// facilitator's notes, the join and Wi-Fi QR codes, walk-in tallies and
// paper forms. The projector shows the presenter window instead.
type Screen struct {
	u     ui.UI
	root  *fyne.Container
	empty fyne.CanvasObject
	body  fyne.CanvasObject

	title    *widget.Label
	phases   map[taller.Phase]*widget.Button
	closeAll *widget.Button
	openNow  *widget.Label

	total, women, men, other *ui.CountBox
	answers                  *widget.Label
	refused                  *refusedBox

	nowTitle  *widget.Label
	countdown *canvas.Text
	next      *widget.Label
	notes     *widget.RichText
	notesView *ui.Notes // notes, with the guides they link as buttons
	notesCard *widget.Card

	joinQR     *canvas.Image
	joinURL    *widget.Label
	serverMsg  *widget.Label
	wifiQR     *canvas.Image
	wifiLabel  *widget.Label
	presentBtn *widget.Button
	posterBtn  *widget.Button // the printed poster's, in the Print card
	printing   *printing
	rightBox   *fyne.Container
	// splitCheck shows women, men and other on the projector too. Off by
	// default: while a few people check in at a time, the room could see
	// which count moved when one person tapped "send".
	splitCheck *widget.Check

	tally    map[taller.Gender]*ui.Entry
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
	// WantPresenter opens the presenter window once the data is read
	// (the app's Options.Screen "presenter").
	WantPresenter bool
	presenter     *presenter // the projector window, nil when closed
}

// runData is everything the Run screen shows, read off the UI goroutine.
type runData struct {
	ws       *taller.Workshop
	agenda   *taller.Agenda
	counts   *taller.Counts
	join     string
	joinPNG  []byte
	ssid     string
	password string
	wifiPNG  []byte
	phones   ui.PhoneState
}

// New builds the screen.
func New(u ui.UI) *Screen {
	s := &Screen{u: u, phases: map[taller.Phase]*widget.Button{}, tally: map[taller.Gender]*ui.Entry{}}
	s.empty = ui.EmptyState(u, t("app.run.no_workshop"))
	s.title = ui.Heading("")

	for _, p := range taller.Phases {
		p := p
		s.phases[p] = widget.NewButton("", func() { s.togglePhase(p) })
	}
	s.closeAll = widget.NewButtonWithIcon(t("app.run.close_all"), theme.MediaStopIcon(), s.closeAllPhases)
	s.openNow = widget.NewLabel("")
	s.openNow.Wrapping = fyne.TextWrapWord
	phaseRow := container.NewGridWithColumns(2, s.phases[taller.PhaseCheckIn], s.phases[taller.PhaseQuiz], s.phases[taller.PhaseEvaluation], s.closeAll)

	s.total = ui.NewCountBox(t("app.count.total"), 44)
	s.women = ui.NewCountBox(t("app.count.women"), 44)
	s.men = ui.NewCountBox(t("app.count.men"), 44)
	s.other = ui.NewCountBox(t("app.count.other"), 44)
	s.answers = widget.NewLabel("")
	s.answers.Alignment = fyne.TextAlignCenter
	s.answers.Wrapping = fyne.TextWrapWord
	s.refused = newRefusedBox()
	counters := container.NewVBox(container.NewGridWithColumns(4, s.total.Box, s.women.Box, s.men.Box, s.other.Box), s.answers, s.refused.box)

	s.nowTitle = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.nowTitle.Wrapping = fyne.TextWrapWord
	s.countdown = canvas.NewText("", theme.Color(theme.ColorNamePrimary))
	s.countdown.TextSize = 32
	// Bold, not monospace: the text font's figures are all one width, and
	// a monospace face would be one more font held in memory.
	s.countdown.TextStyle = fyne.TextStyle{Bold: true}
	s.next = widget.NewLabel("")
	s.next.Wrapping = fyne.TextWrapWord
	s.notesView = ui.NewNotes(func(id string) { ui.ShowGuide(s.u, id) })
	s.notes = s.notesView.Text
	private := ui.WrapLabel(t("app.curriculum.notes_private"))
	private.TextStyle.Italic = true
	s.notesCard = ui.Card(t("app.run.notes"), container.NewVBox(private, s.notesView.Box))

	s.left = container.NewVBox(
		s.title,
		ui.Card(t("app.run.phases"), container.NewVBox(phaseRow, s.openNow)),
		ui.Card(t("app.run.counters"), counters),
		ui.Card(t("app.run.now"), container.NewVBox(container.NewBorder(nil, nil, nil, s.countdown, s.nowTitle), s.next)),
		s.notesCard,
	)

	s.joinQR = ui.QRImage(200)
	s.joinURL = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	s.joinURL.Selectable = true
	s.joinURL.Wrapping = fyne.TextWrapBreak
	s.serverMsg = widget.NewLabel("")
	s.serverMsg.Wrapping = fyne.TextWrapWord
	s.serverMsg.Importance = widget.WarningImportance
	s.serverMsg.Hide()
	s.wifiQR = ui.QRImage(120)
	s.wifiLabel = widget.NewLabel("")
	s.wifiLabel.Wrapping = fyne.TextWrapWord
	s.presentBtn = widget.NewButtonWithIcon(t("app.run.presenter"), theme.ComputerIcon(), s.OpenPresenter)
	s.presentBtn.Importance = widget.HighImportance
	s.splitCheck = widget.NewCheck("", func(bool) {
		if s.presenter != nil && s.data != nil {
			s.presenter.apply(s.data)
		}
	})

	tallyGrid := container.NewVBox()
	for _, g := range taller.Genders {
		e := u.Dialogs().NewEntry(s.addTally)
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
		s.presentBtn,
		// The check's text beside it, wrapping: the column is narrow.
		container.NewBorder(nil, nil, s.splitCheck, nil, ui.WrapLabel(t("app.run.split_on_projector"))))
	s.walkBox = container.NewVBox(ui.WrapLabel(t("app.run.walkins_help")), tallyGrid, s.tallyBtn, s.tallyMsg)
	// The paper forms first: a facilitator typing sheets in should not
	// have to scroll past the codes and tallies to reach them.
	right := container.NewVBox(
		ui.Card(t("app.run.paper"), container.NewVBox(ui.WrapLabel(t("app.run.paper_help")), s.paperCheckIn, s.paperQuiz, s.paperEval)),
		ui.Card(t("app.run.join"), s.joinBox),
		ui.Card(t("app.run.walkins"), s.walkBox),
		s.newPrintCard(),
	)
	s.rightBox = right
	s.leftScroll = container.NewVScroll(container.NewPadded(s.left))
	s.body = container.NewBorder(nil, nil, nil,
		ui.Sized(container.NewVScroll(right), 300),
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
func (s *Screen) firewallNote() *fyne.Container {
	note := ui.WrapLabel(t("app.run.firewall"))
	note.Importance = widget.WarningImportance
	var box *fyne.Container
	ok := widget.NewButtonWithIcon(t("app.run.firewall_ok"), theme.ConfirmIcon(), func() {
		s.u.Preferences().SetBool(prefFirewallDismissed, true)
		box.Hide()
		s.joinBox.Refresh()
	})
	ok.Importance = widget.LowImportance
	box = container.NewVBox(note, container.NewHBox(layout.NewSpacer(), ok))
	if !showFirewallHint || s.u.Preferences().Bool(prefFirewallDismissed) {
		box.Hide()
	}
	return box
}

// Content is the screen's widgets.
func (s *Screen) Content() fyne.CanvasObject { return s.root }

// Load reads the chosen workshop's state, counts and agenda, and its join
// address if the phone server runs. It never starts the server: the app
// does, when the facilitator opens this screen.
func (s *Screen) Load(ctx context.Context, id string) (any, error) {
	if id == "" {
		return (*runData)(nil), nil
	}
	u := s.u
	d := &runData{phones: u.Phones().State()}
	st := u.Store()
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
	ssid, err := st.Setting(ctx, taller.SettingWiFiSSID, "")
	if err != nil {
		return nil, err
	}
	password, err := st.Setting(ctx, taller.SettingWiFiPass, "")
	if err != nil {
		return nil, err
	}
	if d.join = u.Phones().JoinURL(d.ws); d.join != "" {
		if d.joinPNG, err = u.Phones().QR(d.join); err != nil {
			return nil, err
		}
	}
	if ssid != "" {
		d.ssid, d.password = ssid, password
		if d.wifiPNG, err = u.Phones().QR(participant.WiFiPayload(ssid, password)); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// Apply shows what Load read, here and on the projector.
func (s *Screen) Apply(data any) { s.apply(data.(*runData)) }

// Workshop is the id of the workshop the screen shows, "" for none.
func (s *Screen) Workshop() string {
	if s.data == nil {
		return ""
	}
	return s.data.ws.ID
}

// ProjectorWorkshop is the id of the workshop the projector shows, ""
// when its window is closed.
func (s *Screen) ProjectorWorkshop() string {
	if s.presenter == nil || s.presenter.shown == nil {
		return ""
	}
	return s.presenter.shown.ws.ID
}

// ShownJoin is the join address on screen, "" for none.
func (s *Screen) ShownJoin() string { return s.joinURL.Text }

// ShownTotal is the participant count on screen.
func (s *Screen) ShownTotal() string { return s.total.Value.Text }

// ClosePresenter closes the projector window, if open.
func (s *Screen) ClosePresenter() {
	if s.presenter != nil {
		s.presenter.close()
	}
}

// HasPresenter reports whether the projector window is open.
func (s *Screen) HasPresenter() bool { return s.presenter != nil }

func (s *Screen) apply(d *runData) {
	s.data = d
	if d == nil {
		s.body.Hide()
		s.empty.Show()
		if s.presenter != nil {
			s.presenter.close()
		}
		return
	}
	s.empty.Hide()
	s.body.Show()
	s.title.SetText(tn("app.run.heading", "Title", d.ws.Title, "Date", ui.FormatDate(d.ws.Date), "Place", d.ws.Locality))
	s.setPhaseButtons(d.ws)
	c := d.counts
	s.total.Set(c.Total)
	s.women.Set(c.ByGender[taller.Female])
	s.men.Set(c.ByGender[taller.Male])
	s.other.Set(c.ByGender[taller.OtherGender] + c.ByGender[taller.Undisclosed])
	s.answers.SetText(tn("app.run.answers", "Pre", c.PreQuiz, "Post", c.PostQuiz, "Eval", c.Evaluations, "Walkins", c.Tallied))
	if s.refused.set(c.RefusedCodes) {
		s.left.Refresh()
	}

	ui.SetPNG(s.joinQR, "join.png", d.joinPNG)
	s.joinURL.SetText(d.join)
	if d.join == "" {
		s.presentBtn.Disable()
		s.posterBtn.Disable()
	} else {
		s.presentBtn.Enable()
		s.posterBtn.Enable()
	}
	s.applyPrint(d)
	var msgs []string
	if d.phones.Err != nil {
		msgs = append(msgs, t("app.run.server_failed")+" "+s.u.Dialogs().ErrText(d.phones.Err))
	}
	if d.phones.FellBack {
		msgs = append(msgs, tn("app.run.port_fallback", "Wanted", d.phones.Wanted, "Port", d.phones.Port))
	}
	if d.phones.NoLAN {
		msgs = append(msgs, t("app.run.no_lan"))
	}
	before := [3]bool{s.serverMsg.Visible(), s.wifiQR.Visible(), s.joinQR.Visible()}
	if len(msgs) > 0 {
		s.serverMsg.SetText(strings.Join(msgs, "\n"))
		s.serverMsg.Show()
	} else {
		s.serverMsg.Hide()
	}
	ui.SetPNG(s.wifiQR, "wifi.png", d.wifiPNG)
	if d.ssid != "" {
		s.wifiLabel.SetText(tn("app.run.wifi", "SSID", d.ssid))
	} else {
		s.wifiLabel.SetText(t("app.run.wifi_unset"))
	}
	if before != [3]bool{s.serverMsg.Visible(), s.wifiQR.Visible(), s.joinQR.Visible()} {
		s.joinBox.Refresh()
	}
	s.Tick(time.Now())
	if s.presenter != nil {
		s.presenter.apply(d)
	} else if s.WantPresenter {
		s.WantPresenter = false
		s.OpenPresenter()
	}
	if s.onApply != nil {
		s.onApply()
	}
}

// setPhaseButtons names each phase button after what it will do.
func (s *Screen) setPhaseButtons(w *taller.Workshop) {
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
func (s *Screen) togglePhase(p taller.Phase) {
	if s.data == nil {
		return
	}
	s.setPhases(map[taller.Phase]bool{p: !s.data.ws.IsOpen(p)})
}

// closeAllPhases closes every phase: the workshop is over.
func (s *Screen) closeAllPhases() {
	m := map[taller.Phase]bool{}
	for _, p := range taller.Phases {
		m[p] = false
	}
	s.setPhases(m)
}

func (s *Screen) setPhases(m map[taller.Phase]bool) {
	u := s.u
	id := s.data.ws.ID
	st := u.Store()
	u.Go(func() {
		var err error
		for _, p := range taller.Phases {
			if open, ok := m[p]; ok {
				if err = st.SetPhase(u.Context(), id, p, open); err != nil {
					break
				}
			}
		}
		fyne.Do(func() {
			if err != nil {
				u.Dialogs().Error(t("app.error.title"), err)
			}
			u.Refresh(ui.Run)
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

// Tick updates the current block, its countdown and the notes. UI
// goroutine, every second.
func (s *Screen) Tick(now time.Time) {
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
		s.nowTitle.SetText(tn("app.run.other_day", "Date", ui.FormatDate(d.ws.Date), "Start", a.Start.String()))
		s.countdown.Text = ""
	case b.index >= 0:
		tb := timings[b.index]
		s.nowTitle.SetText(tn("app.run.now_block", "Title", ui.BlockTitle(s.u.Curriculum(), tb.AgendaBlock, s.u.Lang()), "Start", tb.Start.String(), "End", tb.End.String()))
		s.countdown.Text = clockLeft(b.left)
		if tb.Kind == taller.BlockModule {
			if m, ok := s.u.Curriculum().Module(tb.ModuleID); ok {
				notes = m.In(s.u.Lang()).Notes
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
		s.next.SetText(tn("app.run.first_block", "Title", ui.BlockTitle(s.u.Curriculum(), tb.AgendaBlock, s.u.Lang()), "Start", tb.Start.String()))
	} else if b.nextIndex >= 0 {
		tb := timings[b.nextIndex]
		s.next.SetText(tn("app.run.next_block", "Title", ui.BlockTitle(s.u.Curriculum(), tb.AgendaBlock, s.u.Lang()), "Start", tb.Start.String()))
	} else {
		s.next.SetText("")
	}
	if b.before && len(timings) > 0 && timings[0].Kind == taller.BlockModule {
		if m, ok := s.u.Curriculum().Module(timings[0].ModuleID); ok {
			notes = m.In(s.u.Lang()).Notes
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
		s.notesView.Set(notes, s.u.Curriculum(), s.u.Lang())
		s.shownNotes = notes
		s.notesCard.Show()
		s.left.Refresh()
	}
	if s.presenter != nil {
		s.presenter.tick(now)
	}
}

// addTally records walk-ins counted by hand.
func (s *Screen) addTally() {
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
			n = -1 // not a count: the domain's check below says so
		}
		*p = n
	}
	if err := tl.Validate(); err != nil {
		s.setTallyMsg(u.Dialogs().ErrText(err), true)
		return
	}
	st := u.Store()
	s.tallyBtn.Disable()
	u.Go(func() {
		err := st.AddTally(u.Context(), tl)
		fyne.Do(func() {
			s.tallyBtn.Enable()
			if err != nil {
				s.setTallyMsg(u.Dialogs().ErrText(err), true)
				return
			}
			for _, e := range s.tally {
				e.SetText("")
			}
			s.setTallyMsg(tn("app.run.tally_added", "N", tl.Total()), false)
			u.Refresh(ui.Run)
		})
	})
}

func (s *Screen) setTallyMsg(msg string, bad bool) {
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
