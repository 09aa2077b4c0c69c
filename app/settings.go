package app

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taller"
	"taller/i18n"
	"taller/store"
)

// settingsScreen holds the app's settings: language, folders, the Wi-Fi
// for the Wi-Fi QR code, the small-cell threshold, and "delete all data".
type settingsScreen struct {
	u    *ui
	root fyne.CanvasObject

	language  *widget.Select
	dataDir   *widget.Label
	outbox    *entry
	ssid      *entry
	password  *entry
	threshold *entry
	msg       *widget.Label
	save      *widget.Button
	msgRow    *fyne.Container // the save button and its message
}

func newSettingsScreen(u *ui) *settingsScreen {
	s := &settingsScreen{u: u}
	names := make([]string, len(i18n.Langs))
	for i, l := range i18n.Langs {
		names[i] = t("lang." + string(l))
	}
	s.language = widget.NewSelect(names, nil)
	for i, l := range i18n.Langs {
		if l == u.lang {
			s.language.SetSelectedIndex(i)
		}
	}
	s.language.OnChanged = func(string) {
		if i := s.language.SelectedIndex(); i >= 0 {
			u.setLanguage(i18n.Langs[i])
		}
	}
	s.dataDir = widget.NewLabel(u.opts.DataDir)
	s.dataDir.Selectable = true
	s.dataDir.Wrapping = fyne.TextWrapBreak
	submit := func() { s.submit() }
	s.outbox = u.newEntry(submit)
	s.outbox.SetPlaceHolder(t("app.settings.outbox_hint"))
	chooseOutbox := widget.NewButtonWithIcon(t("app.settings.choose"), theme.FolderOpenIcon(), s.chooseOutbox)
	s.ssid = u.newEntry(submit)
	s.ssid.SetPlaceHolder(t("app.settings.ssid_hint"))
	s.password = u.newPasswordEntry(submit)
	s.threshold = u.newEntry(submit)
	s.msg = widget.NewLabel("")
	s.msg.Wrapping = fyne.TextWrapWord
	s.msg.Hide()
	s.save = widget.NewButtonWithIcon(t("app.settings.save"), theme.DocumentSaveIcon(), submit)
	s.save.Importance = widget.HighImportance
	// The message takes the width left of the button: a wrapping label in
	// an HBox gets no width and draws one letter a line.
	s.msgRow = container.NewBorder(nil, nil, s.save, nil, s.msg)

	help := func(key string) *widget.Label {
		l := widget.NewLabel(t(key))
		l.Wrapping = fyne.TextWrapWord
		l.TextStyle.Italic = true
		return l
	}
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel(t("app.settings.language")), s.language,
		widget.NewLabel(t("app.settings.data_dir")), s.dataDir,
		widget.NewLabel(t("app.settings.outbox")), container.NewVBox(container.NewBorder(nil, nil, nil, chooseOutbox, s.outbox), help("app.settings.outbox_help")),
		widget.NewLabel(t("app.settings.ssid")), s.ssid,
		widget.NewLabel(t("app.settings.password")), container.NewVBox(s.password, help("app.settings.wifi_help")),
		widget.NewLabel(t("app.settings.threshold")), container.NewVBox(sized(s.threshold, 100), help("app.settings.threshold_help")),
	)
	wipe := widget.NewButtonWithIcon(t("app.settings.wipe"), theme.DeleteIcon(), s.confirmWipe)
	wipe.Importance = widget.DangerImportance
	about := widget.NewButtonWithIcon(t("app.about.button"), theme.InfoIcon(), u.showAbout)
	danger := card(t("app.settings.danger"), container.NewVBox(help("app.settings.wipe_help"), container.NewHBox(wipe)))
	s.root = container.NewVScroll(container.NewPadded(container.NewVBox(
		heading(t("app.tab.settings")),
		form,
		s.msgRow,
		widget.NewSeparator(),
		danger,
		container.NewHBox(about),
	)))
	return s
}

func (s *settingsScreen) content() fyne.CanvasObject { return s.root }

// settingsValues are the stored settings the screen edits.
type settingsValues struct {
	outbox, ssid, password, threshold string
}

// update reads the stored settings.
func (s *settingsScreen) update(ctx context.Context) {
	v, err := readSettings(ctx, s.u.store())
	fyne.Do(func() {
		if err != nil {
			s.u.showError(t("app.error.title"), err)
			return
		}
		s.outbox.SetText(v.outbox)
		s.ssid.SetText(v.ssid)
		s.password.SetText(v.password)
		s.threshold.SetText(v.threshold)
		s.dataDir.SetText(s.u.opts.DataDir)
	})
}

func readSettings(ctx context.Context, st *store.Store) (settingsValues, error) {
	var v settingsValues
	var err error
	get := func(key, def string) string {
		if err != nil {
			return def
		}
		var val string
		val, err = st.Setting(ctx, key, def)
		return val
	}
	v.outbox = get(taller.SettingOutbox, "")
	v.ssid = get(taller.SettingWiFiSSID, "")
	v.password = get(taller.SettingWiFiPass, "")
	v.threshold = get(taller.SettingThreshold, strconv.Itoa(taller.DefaultThreshold))
	return v, err
}

// submit checks and saves the settings.
func (s *settingsScreen) submit() {
	u := s.u
	var v settingsValues
	for _, f := range []struct {
		key  string
		in   string
		into *string
	}{
		{taller.SettingOutbox, s.outbox.Text, &v.outbox},
		{taller.SettingWiFiSSID, s.ssid.Text, &v.ssid},
		{taller.SettingWiFiPass, s.password.Text, &v.password},
		{taller.SettingThreshold, s.threshold.Text, &v.threshold},
	} {
		norm, err := taller.NormalizeSetting(f.key, f.in)
		if err != nil {
			s.setMsg(taller.Message(u.lang, err), true)
			return
		}
		*f.into = norm
	}
	st := u.store()
	s.save.Disable()
	u.goAsync(func() {
		var err error
		for _, kv := range [][2]string{
			{taller.SettingOutbox, v.outbox}, {taller.SettingWiFiSSID, v.ssid},
			{taller.SettingWiFiPass, v.password}, {taller.SettingThreshold, v.threshold},
		} {
			if err = st.SetSetting(u.ctx, kv[0], kv[1]); err != nil {
				break
			}
		}
		fyne.Do(func() {
			s.save.Enable()
			if err != nil {
				u.showError(t("app.error.title"), err)
				return
			}
			s.setMsg(t("app.settings.saved"), false)
			u.refresh(screenRun)
			u.refresh(screenExport)
		})
	})
}

func (s *settingsScreen) setMsg(text string, bad bool) {
	s.msg.SetText(text)
	if bad {
		s.msg.Importance = widget.DangerImportance
	} else {
		s.msg.Importance = widget.SuccessImportance
	}
	s.msg.Show()
	s.msg.Refresh()
	s.msgRow.Refresh()
}

func (s *settingsScreen) chooseOutbox() {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			return
		}
		s.outbox.SetText(dir.Path())
	}, s.u.win)
	s.u.showFileDialog(d)
}

// confirmWipe asks the facilitator to type a word before deleting every
// workshop and answer on this laptop.
func (s *settingsScreen) confirmWipe() {
	u := s.u
	word := t("app.settings.wipe_word")
	var f *formDialog
	typed := u.newEntry(func() { f.submit.OnTapped() })
	explain := wrapLabel(tn("app.settings.wipe_confirm", "Word", word))
	f = u.newFormDialog(t("app.settings.wipe"), t("app.settings.wipe_do"), sized(container.NewVBox(explain, typed), 440), func() bool {
		if !strings.EqualFold(strings.TrimSpace(typed.Text), word) {
			return false
		}
		s.wipe()
		return true
	})
	f.submit.Importance = widget.DangerImportance
	f.submit.Disable()
	typed.OnChanged = func(txt string) {
		if strings.EqualFold(strings.TrimSpace(txt), word) {
			f.submit.Enable()
		} else {
			f.submit.Disable()
		}
	}
	u.show(f.d)
	u.win.Canvas().Focus(typed)
}

// wipe closes the store, deletes the data file and opens a new, empty
// one. The participant server stops first: it writes to the old file.
func (s *settingsScreen) wipe() {
	u := s.u
	if u.presenter != nil {
		u.presenter.close()
	}
	u.goAsync(func() {
		u.server.stop()
		u.mu.Lock()
		old := u.st
		if u.watch != nil {
			u.watch()
		}
		u.mu.Unlock()
		old.Close()
		err := store.Wipe(u.opts.DataDir)
		st, openErr := store.Open(u.opts.DataDir, store.Options{Notifier: u.opts.Notifier})
		fyne.Do(func() {
			if openErr != nil {
				u.showError(t("app.error.title"), openErr)
				return
			}
			u.mu.Lock()
			u.st = st
			u.wsID = ""
			u.mu.Unlock()
			u.startWatch(st)
			for _, name := range screenOrder {
				u.refresh(name)
			}
			if err != nil {
				u.showError(t("app.error.title"), err)
				return
			}
			u.showMessage(t("app.settings.wipe"), t("app.settings.wiped"))
		})
	})
}

// showAbout shows the version and what Taller is.
func (u *ui) showAbout() {
	msg := tn("app.about.text", "Version", taller.Version)
	u.showMessage(t("app.about.title"), msg)
}
