// Package settings is the Settings screen: language, folders, the Wi-Fi
// for its QR code, the small-cell threshold and "delete all data".
package settings

import (
	"context"
	"os"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taller"
	"taller/app/ui"
	"taller/i18n"
	"taller/store"
)

// Screen holds the app's settings: language, folders, the Wi-Fi
// for the Wi-Fi QR code, the small-cell threshold, and "delete all data".
type Screen struct {
	u    ui.UI
	root fyne.CanvasObject

	language  *widget.Select
	dataDir   *widget.Label
	outbox    *ui.Entry
	ssid      *ui.Entry
	password  *ui.Entry
	threshold *ui.Entry
	msg       *widget.Label
	save      *widget.Button
	msgRow    *fyne.Container // the save button and its message
	trust     *trustCard
}

// New builds the screen.
func New(u ui.UI) *Screen {
	s := &Screen{u: u}
	names := make([]string, len(i18n.Langs))
	for i, l := range i18n.Langs {
		names[i] = t("lang." + string(l))
	}
	s.language = widget.NewSelect(names, nil)
	for i, l := range i18n.Langs {
		if l == u.Lang() {
			s.language.SetSelectedIndex(i)
		}
	}
	s.language.OnChanged = func(string) {
		if i := s.language.SelectedIndex(); i >= 0 {
			u.SetLanguage(i18n.Langs[i])
		}
	}
	s.dataDir = widget.NewLabel(u.DataDir())
	s.dataDir.Selectable = true
	s.dataDir.Wrapping = fyne.TextWrapBreak
	submit := func() { s.submit() }
	s.outbox = u.Dialogs().NewEntry(submit)
	s.outbox.SetPlaceHolder(t("app.settings.outbox_hint"))
	chooseOutbox := widget.NewButtonWithIcon(t("app.settings.choose"), theme.FolderOpenIcon(), s.chooseOutbox)
	s.ssid = u.Dialogs().NewEntry(submit)
	s.ssid.SetPlaceHolder(t("app.settings.ssid_hint"))
	s.password = u.Dialogs().NewPasswordEntry(submit)
	s.threshold = u.Dialogs().NewEntry(submit)
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
		widget.NewLabel(t("app.settings.threshold")), container.NewVBox(ui.Sized(s.threshold, 100), help("app.settings.threshold_help")),
	)
	wipe := widget.NewButtonWithIcon(t("app.settings.wipe"), theme.DeleteIcon(), s.confirmWipe)
	wipe.Importance = widget.DangerImportance
	about := widget.NewButtonWithIcon(t("app.about.button"), theme.InfoIcon(), func() { ShowAbout(u) })
	danger := ui.Card(t("app.settings.danger"), container.NewVBox(help("app.settings.wipe_help"), container.NewHBox(wipe)))
	s.root = container.NewVScroll(container.NewPadded(container.NewVBox(
		ui.Heading(t("app.tab.settings")),
		form,
		s.msgRow,
		s.newTrustCard(),
		widget.NewSeparator(),
		danger,
		container.NewHBox(about),
	)))
	return s
}

// Content is the screen's widgets.
func (s *Screen) Content() fyne.CanvasObject { return s.root }

// values are the stored settings the screen edits.
type values struct {
	Outbox, SSID, Password, Threshold string
}

// Load reads the stored settings.
func (s *Screen) Load(ctx context.Context, _ string) (any, error) {
	return readValues(ctx, s.u.Store())
}

// Apply shows them.
func (s *Screen) Apply(data any) {
	v := data.(values)
	s.outbox.SetText(v.Outbox)
	s.ssid.SetText(v.SSID)
	s.password.SetText(v.Password)
	s.threshold.SetText(v.Threshold)
	s.dataDir.SetText(s.u.DataDir())
	s.loadTrust()
}

// readValues reads the settings the screen edits.
func readValues(ctx context.Context, st *store.Store) (values, error) {
	var v values
	var err error
	get := func(key, def string) string {
		if err != nil {
			return def
		}
		var val string
		val, err = st.Setting(ctx, key, def)
		return val
	}
	v.Outbox = get(taller.SettingOutbox, "")
	v.SSID = get(taller.SettingWiFiSSID, "")
	v.Password = get(taller.SettingWiFiPass, "")
	v.Threshold = get(taller.SettingThreshold, strconv.Itoa(taller.DefaultThreshold))
	return v, err
}

// submit checks and saves the settings.
func (s *Screen) submit() {
	u := s.u
	var v values
	for _, f := range []struct {
		key  string
		in   string
		into *string
	}{
		{taller.SettingOutbox, s.outbox.Text, &v.Outbox},
		{taller.SettingWiFiSSID, s.ssid.Text, &v.SSID},
		{taller.SettingWiFiPass, s.password.Text, &v.Password},
		{taller.SettingThreshold, s.threshold.Text, &v.Threshold},
	} {
		norm, err := taller.NormalizeSetting(f.key, f.in)
		if err != nil {
			s.setMsg(taller.Message(u.Lang(), err), true)
			return
		}
		*f.into = norm
	}
	st := u.Store()
	s.save.Disable()
	u.Go(func() {
		var err error
		for _, kv := range [][2]string{
			{taller.SettingOutbox, v.Outbox}, {taller.SettingWiFiSSID, v.SSID},
			{taller.SettingWiFiPass, v.Password}, {taller.SettingThreshold, v.Threshold},
		} {
			if err = st.SetSetting(u.Context(), kv[0], kv[1]); err != nil {
				break
			}
		}
		fyne.Do(func() {
			s.save.Enable()
			if err != nil {
				u.Dialogs().Error(t("app.error.title"), err)
				return
			}
			msg := t("app.settings.saved")
			if v.Outbox != "" {
				if info, err := os.Stat(v.Outbox); err != nil || !info.IsDir() {
					// Said now, not discovered at the first send.
					msg += " " + t("app.settings.outbox_missing")
				}
			}
			s.setMsg(msg, false)
			u.Refresh(ui.Run)
			u.Refresh(ui.Export)
		})
	})
}

func (s *Screen) setMsg(text string, bad bool) {
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

func (s *Screen) chooseOutbox() {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			return
		}
		s.outbox.SetText(dir.Path())
	}, s.u.Dialogs().Window())
	s.u.Dialogs().ShowFile(d)
}

// confirmWipe asks the facilitator to type a word before deleting every
// workshop and answer on this laptop.
func (s *Screen) confirmWipe() {
	u := s.u
	word := t("app.settings.wipe_word")
	var f *ui.FormDialog
	typed := u.Dialogs().NewEntry(func() { f.Submit.OnTapped() })
	explain := ui.WrapLabel(tn("app.settings.wipe_confirm", "Word", word))
	f = u.Dialogs().Form(t("app.settings.wipe"), t("app.settings.wipe_do"), container.NewVBox(ui.Sized(explain, 440), typed), func() bool {
		if !strings.EqualFold(strings.TrimSpace(typed.Text), word) {
			return false
		}
		s.wipe()
		return true
	})
	f.Submit.Importance = widget.DangerImportance
	f.Submit.Disable()
	typed.OnChanged = func(txt string) {
		if strings.EqualFold(strings.TrimSpace(txt), word) {
			f.Submit.Enable()
		} else {
			f.Submit.Disable()
		}
	}
	u.Dialogs().ShowForm(f)
	u.Dialogs().Window().Canvas().Focus(typed)
}

// wipe asks the app to delete the data file and open a new, empty one.
func (s *Screen) wipe() {
	u := s.u
	u.WipeData(func(err error) {
		if err != nil {
			u.Dialogs().Error(t("app.error.title"), err)
			return
		}
		u.Dialogs().Message(t("app.settings.wipe"), t("app.settings.wiped"))
	})
}

// ShowAbout shows the version and what Taller is.
func ShowAbout(u ui.UI) {
	msg := tn("app.about.text", "Version", versionText(taller.Version))
	u.Dialogs().Message(t("app.about.title"), msg)
}

// versionText is the version as a person reads it: a release number as it
// is, a build from a commit ("3f2a1bc", "3f2a1bc-dirty", "dev") said to be
// one.
func versionText(v string) string {
	if v == "dev" || v == "" {
		return t("app.about.dev_build")
	}
	hex := strings.TrimSuffix(v, "-dirty")
	if len(hex) >= 7 && len(hex) <= 40 && strings.Trim(hex, "0123456789abcdef") == "" {
		return tn("app.about.commit_build", "Commit", hex)
	}
	return v
}
