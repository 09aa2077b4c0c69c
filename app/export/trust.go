package export

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taller"
	"taller/app/ui"
	"taller/report"
	"taller/store"
)

// mergeTrust is what the coordinator may give the merge besides the
// folder: a trust list (files signed by any other laptop are refused) and
// the identity file that reads the encrypted (.xlsx.age) exports. Both
// are optional.
type mergeTrust struct {
	trustPath, identityPath   string // UI goroutine
	trustLabel, identityLabel *widget.Label
	box                       *fyne.Container
	used                      *taller.TrustList // the last merge's, to name its signers
}

// newMergeTrust builds the merge's two optional file choices.
func (s *Screen) newMergeTrust() fyne.CanvasObject {
	m := &mergeTrust{}
	s.trust = m
	m.trustLabel = ui.WrapLabel(t("app.merge.trust_none"))
	m.identityLabel = ui.WrapLabel(t("app.merge.identity_none"))
	chooseTrust := widget.NewButtonWithIcon(t("app.merge.trust_choose"), theme.FileIcon(), func() {
		s.pickFile(func(path string) { m.trustPath = path; s.showMergeTrust() })
	})
	chooseIdentity := widget.NewButtonWithIcon(t("app.merge.identity_choose"), theme.AccountIcon(), func() {
		s.pickFile(func(path string) { m.identityPath = path; s.showMergeTrust() })
	})
	// An icon alone: the column is half a small screen wide.
	clear := widget.NewButtonWithIcon("", theme.ContentClearIcon(), func() {
		m.trustPath, m.identityPath = "", ""
		s.showMergeTrust()
	})
	clear.Importance = widget.LowImportance
	m.box = container.NewVBox(
		container.NewBorder(nil, nil, nil, clear, container.NewGridWithColumns(2, chooseTrust, chooseIdentity)),
		m.trustLabel, m.identityLabel,
	)
	return m.box
}

// pickFile asks for one file to read.
func (s *Screen) pickFile(fn func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		fn(path)
	}, s.u.Dialogs().Window())
	s.u.Dialogs().ShowFile(d)
}

// showMergeTrust says which files the merge will use.
func (s *Screen) showMergeTrust() {
	m := s.trust
	if m.trustPath == "" {
		m.trustLabel.SetText(t("app.merge.trust_none"))
	} else {
		m.trustLabel.SetText(tn("app.merge.trust_is", "Path", m.trustPath))
	}
	if m.identityPath == "" {
		m.identityLabel.SetText(t("app.merge.identity_none"))
	} else {
		m.identityLabel.SetText(tn("app.merge.identity_is", "Path", m.identityPath))
	}
	m.box.Refresh()
	s.mergeBox.Refresh()
}

// mergeTrustOptions adds to opts the laptop's own key (it signs the
// merged workbook), the trust list and the identities chosen. Off the UI
// goroutine; trustPath and identityPath are read before.
func mergeTrustOptions(st *store.Store, trustPath, identityPath string, opts *report.MergeOptions) error {
	key, err := st.SigningKey()
	if err != nil {
		return err
	}
	opts.Key = key
	if trustPath != "" {
		f, err := os.Open(trustPath)
		if err != nil {
			return taller.Errorf(taller.EINVALID, "trust.cli.err.trust_file", "Path", trustPath)
		}
		defer f.Close()
		if opts.Trust, err = taller.ParseTrustList(f); err != nil {
			return err
		}
	}
	if identityPath != "" {
		if opts.Identities, err = report.ReadIdentityFile(identityPath); err != nil {
			return err
		}
	}
	return nil
}

// isExport reports whether a file name is an export the merge reads: a
// workbook, or one encrypted for the coordinator (.xlsx.age).
func isExport(name string) bool {
	lower := strings.ToLower(name)
	return strings.HasSuffix(lower, ".xlsx") || strings.HasSuffix(lower, ".xlsx"+report.EncryptedExt)
}

// acceptedLine is an accepted file's line: its name and the laptop that
// signed it, with the trust list's name for it when there is one.
func acceptedLine(file, signer string, list *taller.TrustList) string {
	line := "✓ " + filepath.Base(file)
	if signer == "" {
		return line
	}
	who := signer
	if list != nil && list.Name(signer) != "" {
		who = fmt.Sprintf("%s (%s)", signer, list.Name(signer))
	}
	return line + " · " + tn("app.merge.signed_by", "Signer", who)
}
