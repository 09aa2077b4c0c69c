package settings

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taller"
	"taller/app/ui"
)

// trustCard is the Settings screen's part on who signs and who reads the
// exports: this laptop's fingerprint, to read aloud to the coordinator
// (who adds it to their trust list), and the coordinator's public key,
// to which the outbox's files are encrypted.
type trustCard struct {
	card        fyne.CanvasObject
	fingerprint *widget.Label
	key         *ui.Entry
	keyMsg      *widget.Label
	save        *widget.Button
	box         *fyne.Container
}

// newTrustCard builds the card.
func (s *Screen) newTrustCard() fyne.CanvasObject {
	c := &trustCard{}
	s.trust = c
	c.fingerprint = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.fingerprint.Selectable = true
	c.key = s.u.Dialogs().NewEntry(s.saveCoordinatorKey)
	c.key.SetPlaceHolder("age1…")
	c.keyMsg = ui.WrapLabel("")
	c.keyMsg.Hide()
	c.save = widget.NewButtonWithIcon(t("app.trust.save_key"), theme.DocumentSaveIcon(), s.saveCoordinatorKey)
	help := func(key string) *widget.Label {
		l := ui.WrapLabel(t(key))
		l.TextStyle.Italic = true
		return l
	}
	c.box = container.NewVBox(
		widget.NewLabelWithStyle(t("app.trust.fingerprint"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		c.fingerprint, help("app.trust.fingerprint_help"),
		widget.NewSeparator(),
		widget.NewLabelWithStyle(t("app.trust.coordinator_key"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewBorder(nil, nil, nil, c.save, c.key), c.keyMsg,
		help("app.trust.coordinator_key_help"),
	)
	c.card = ui.Card(t("app.trust.heading"), c.box)
	return c.card
}

// trustValues are what the card shows.
type trustValues struct {
	fingerprint, key string
}

// loadTrust reads this laptop's fingerprint and the coordinator's key,
// off the UI goroutine, then shows them.
func (s *Screen) loadTrust() {
	u := s.u
	st := u.Store()
	u.Go(func() {
		var v trustValues
		fp, err := st.Fingerprint()
		if err == nil {
			v.fingerprint = fp
			v.key, err = st.Setting(u.Context(), taller.SettingCoordinatorKey, "")
		}
		fyne.Do(func() {
			if err != nil {
				ui.LogErr("trust settings", err)
				s.trust.fingerprint.SetText(t("app.trust.no_fingerprint"))
				return
			}
			s.trust.fingerprint.SetText(v.fingerprint)
			s.trust.key.SetText(v.key)
		})
	})
}

// saveCoordinatorKey checks the key as typed and stores it; what is wrong
// with it is said under the field.
func (s *Screen) saveCoordinatorKey() {
	u := s.u
	c := s.trust
	v, err := taller.NormalizeSetting(taller.SettingCoordinatorKey, c.key.Text)
	if err != nil {
		s.setKeyMsg(u.Dialogs().ErrText(err), true)
		return
	}
	st := u.Store()
	u.Go(func() {
		err := st.SetSetting(u.Context(), taller.SettingCoordinatorKey, v)
		fyne.Do(func() {
			if err != nil {
				s.setKeyMsg(u.Dialogs().ErrText(err), true)
				return
			}
			c.key.SetText(v)
			if v == "" {
				s.setKeyMsg(t("app.trust.key_cleared"), false)
			} else {
				s.setKeyMsg(t("app.trust.key_saved"), false)
			}
			u.Refresh(ui.Export)
		})
	})
}

func (s *Screen) setKeyMsg(msg string, bad bool) {
	c := s.trust
	c.keyMsg.SetText(msg)
	if bad {
		c.keyMsg.Importance = widget.DangerImportance
	} else {
		c.keyMsg.Importance = widget.SuccessImportance
	}
	c.keyMsg.Show()
	c.keyMsg.Refresh()
	c.box.Refresh()
}
