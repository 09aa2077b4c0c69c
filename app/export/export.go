// Package export is the Export screen: workshops exported to a
// spreadsheet file or the coordinator's outbox, and the coordinator's
// merge of several facilitators' exports.
package export

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taller"
	"taller/app/ui"
	"taller/report"
)

// Screen exports workshops to a spreadsheet file or to the
// coordinator's outbox folder, with a progress bar, and merges the exports
// of several facilitators (coordinator mode).
type Screen struct {
	u    ui.UI
	root fyne.CanvasObject

	list        *fyne.Container
	checks      map[string]*widget.Check
	comments    *widget.Check
	toFile      *widget.Button
	toOutbox    *widget.Button
	outboxLabel *widget.Label
	progress    *widget.ProgressBar
	status      *widget.Label

	folderLabel   *widget.Label
	skipBad       *widget.Check
	mergeBtn      *widget.Button
	mergeProgress *widget.ProgressBar
	mergeResult   *fyne.Container
	exportBox     *fyne.Container
	mergeBox      *fyne.Container

	// UI goroutine.
	items  []*taller.Workshop
	outbox string
	files  []string // the exports found in the chosen folder
	folder string
	busy   bool
	// done, when set, is called after an export or a merge ends (tests).
	done func()
	// heldShown is what the last export dialog said was held back (tests).
	heldShown *shownHeld
	// trust is the merge's optional trust list and identity file.
	trust *mergeTrust
}

// New builds the screen.
func New(u ui.UI) *Screen {
	s := &Screen{u: u, checks: map[string]*widget.Check{}}
	s.list = container.NewVBox()
	selectPending := widget.NewButton(t("app.export.select_pending"), s.selectPending)
	selectNone := widget.NewButton(t("app.export.select_none"), func() {
		for _, c := range s.checks {
			c.SetChecked(false)
		}
	})
	s.comments = widget.NewCheck(t("app.export.comments"), nil)
	s.toFile = widget.NewButtonWithIcon(t("app.export.to_file"), theme.DocumentSaveIcon(), s.chooseFile)
	s.toFile.Importance = widget.HighImportance
	s.toOutbox = widget.NewButtonWithIcon(t("app.export.to_outbox"), theme.MailSendIcon(), s.exportToOutbox)
	s.outboxLabel = widget.NewLabel("")
	s.outboxLabel.Wrapping = fyne.TextWrapWord
	s.outboxLabel.TextStyle.Italic = true
	s.progress = widget.NewProgressBar()
	s.progress.Hide()
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord

	commentsHelp := ui.WrapLabel(t("app.export.comments_help"))
	commentsHelp.TextStyle.Italic = true
	// The buttons above the list, which may be long: on a small screen
	// they stay in sight.
	s.exportBox = container.NewVBox(
		ui.WrapLabel(t("app.export.help")),
		s.comments, commentsHelp,
		container.NewVBox(s.toFile, s.toOutbox),
		s.outboxLabel,
		s.progress, s.status,
		widget.NewSeparator(),
		container.NewHBox(selectPending, selectNone),
		s.list,
	)
	exportCard := ui.Card(t("app.export.heading"), s.exportBox)

	s.folderLabel = widget.NewLabel(t("app.merge.no_folder"))
	s.folderLabel.Wrapping = fyne.TextWrapWord
	chooseFolder := widget.NewButtonWithIcon(t("app.merge.choose_folder"), theme.FolderOpenIcon(), s.chooseFolder)
	s.skipBad = widget.NewCheck(t("app.merge.skip_bad"), nil)
	s.mergeBtn = widget.NewButtonWithIcon(t("app.merge.do"), theme.DocumentSaveIcon(), s.chooseMergeOut)
	s.mergeBtn.Disable()
	s.mergeProgress = widget.NewProgressBar()
	s.mergeProgress.Hide()
	s.mergeResult = container.NewVBox()
	s.mergeBox = container.NewVBox(
		ui.WrapLabel(t("app.merge.help")),
		container.NewHBox(chooseFolder), s.folderLabel,
		s.skipBad,
		s.newMergeTrust(),
		container.NewHBox(s.mergeBtn),
		s.mergeProgress, s.mergeResult,
	)
	mergeCard := ui.Card(t("app.merge.heading"), s.mergeBox)
	// Side by side on a landscape screen, so the merge and its button are
	// not below the fold of a small laptop.
	s.root = container.NewVScroll(container.NewPadded(container.NewGridWithColumns(2, exportCard, mergeCard)))
	return s
}

// Content is the screen's widgets.
func (s *Screen) Content() fyne.CanvasObject { return s.root }

// exportData is what Load reads.
type exportData struct {
	ws     []*taller.Workshop
	outbox string
}

// Load reads the workshops and the outbox folder.
func (s *Screen) Load(ctx context.Context, _ string) (any, error) {
	st := s.u.Store()
	ws, err := st.Workshops(ctx)
	if err != nil {
		return nil, err
	}
	outbox, err := st.Setting(ctx, taller.SettingOutbox, "")
	if err != nil {
		return nil, err
	}
	ui.SortWorkshops(ws, time.Now())
	return exportData{ws, outbox}, nil
}

// Apply shows the workshops to export.
func (s *Screen) Apply(data any) {
	d := data.(exportData)
	s.apply(d.ws, d.outbox)
}

func (s *Screen) apply(ws []*taller.Workshop, outbox string) {
	checked := map[string]bool{}
	first := len(s.checks) == 0
	for id, c := range s.checks {
		checked[id] = c.Checked
	}
	s.items, s.outbox = ws, outbox
	s.list.RemoveAll()
	s.checks = map[string]*widget.Check{}
	if len(ws) == 0 {
		s.list.Add(widget.NewLabel(t("app.workshops.none")))
	}
	for _, w := range ws {
		// Date and place first: cut short, a row still says which one.
		label := ui.FormatDate(w.Date) + " · " + w.Locality + " · " + w.Title
		c := widget.NewCheck("", func(bool) { s.setButtons() })
		on, seen := checked[w.ID]
		if !seen && first {
			on = w.Changed() && w.ID == s.u.WorkshopID()
		}
		c.SetChecked(on)
		s.checks[w.ID] = c
		// The name beside the box, cut short when the window is narrow.
		name := widget.NewLabel(label)
		name.Truncation = fyne.TextTruncateEllipsis
		var note fyne.CanvasObject
		if w.Changed() {
			badge := widget.NewLabel(t("app.workshops.not_exported"))
			badge.Importance = widget.WarningImportance
			note = badge
		} else if w.ExportedAt != nil {
			when := widget.NewLabel(tn("app.export.exported_at", "When", w.ExportedAt.Local().Format("02/01/2006 15:04")))
			when.TextStyle.Italic = true
			note = when
		}
		row := container.NewBorder(nil, nil, c, note, name)
		s.list.Add(row)
	}
	if outbox == "" {
		s.outboxLabel.SetText(t("app.export.outbox_unset"))
	} else {
		s.outboxLabel.SetText(tn("app.export.outbox_is", "Path", outbox))
	}
	s.setButtons()
}

// selected returns the ids of the ticked workshops, in list order.
func (s *Screen) selected() []string {
	var ids []string
	for _, w := range s.items {
		if c := s.checks[w.ID]; c != nil && c.Checked {
			ids = append(ids, w.ID)
		}
	}
	return ids
}

func (s *Screen) setButtons() {
	n := len(s.selected())
	if n == 0 || s.busy {
		s.toFile.Disable()
		s.toOutbox.Disable()
	} else {
		s.toFile.Enable()
		if s.outbox == "" {
			s.toOutbox.Disable()
		} else {
			s.toOutbox.Enable()
		}
	}
	if s.busy || len(s.files) == 0 {
		s.mergeBtn.Disable()
	} else {
		s.mergeBtn.Enable()
	}
}

func (s *Screen) selectPending() {
	n := 0
	for _, w := range s.items {
		s.checks[w.ID].SetChecked(w.Changed())
		if w.Changed() {
			n++
		}
	}
	if n == 0 {
		s.status.SetText(t("app.export.none_pending"))
	} else {
		s.status.SetText(tn("app.export.pending_marked", "N", n))
	}
	s.exportBox.Refresh()
}

// exportOptions returns the options of an export from this screen, read
// on the UI goroutine; with returns them for one part of the work, with
// the threshold read from the settings (off the UI goroutine).
func (s *Screen) exportOptions() func(ctx context.Context, progress func(done, total int)) report.ExportOptions {
	lang, comments, st := s.u.Lang(), s.comments.Checked, s.u.Store()
	return func(ctx context.Context, progress func(done, total int)) report.ExportOptions {
		k, err := report.Threshold(ctx, st)
		if err != nil {
			k = taller.DefaultThreshold
		}
		return report.ExportOptions{Lang: lang, IncludeComments: comments, Threshold: k, Progress: progress}
	}
}

// chooseFile asks where to write the workbook.
func (s *Screen) chooseFile() {
	ids := s.selected()
	if len(ids) == 0 {
		return
	}
	name := s.fileName(ids)
	s.u.Dialogs().SaveAs(t("app.export.to_file"), name, ".xlsx", "", s.exportTo)
}

// fileName is the name proposed for an export of ids: the workshop's
// outbox name for one, the date for several, marked when it holds
// comments, so that file is never taken for, or written over, the plain
// export.
func (s *Screen) fileName(ids []string) string {
	name := "taller-" + time.Now().Format("2006-01-02") + ".xlsx"
	if len(ids) == 1 {
		for _, w := range s.items {
			if w.ID == ids[0] {
				name = report.OutboxName(w)
			}
		}
	}
	if s.comments.Checked {
		name = strings.TrimSuffix(name, ".xlsx") + "-" + t("app.export.with_comments_suffix") + ".xlsx"
	}
	return name
}

// startBusy shows the progress bar and disables the buttons.
func (s *Screen) startBusy(bar *widget.ProgressBar) {
	s.busy = true
	bar.SetValue(0)
	bar.Show()
	s.status.SetText("")
	s.setButtons()
	s.exportBox.Refresh()
	s.mergeBox.Refresh()
}

func (s *Screen) endBusy() {
	s.busy = false
	// The result is said in words; a full bar left behind says nothing.
	s.progress.Hide()
	s.mergeProgress.Hide()
	s.setButtons()
	s.exportBox.Refresh()
	s.mergeBox.Refresh()
	if s.done != nil {
		s.done()
	}
}

// progressTo returns a progress callback that moves bar from the UI
// goroutine, for work part (from 0) of parts.
func progressTo(bar *widget.ProgressBar, part, parts int) func(done, total int) {
	return func(done, total int) {
		if total <= 0 {
			return
		}
		v := (float64(part) + float64(done)/float64(total)) / float64(parts)
		fyne.Do(func() { bar.SetValue(v) })
	}
}

// exportTo writes the ticked workshops to one workbook at path.
func (s *Screen) exportTo(path string) {
	u := s.u
	ids := s.selected()
	if len(ids) == 0 || s.busy {
		return
	}
	s.startBusy(s.progress)
	st := u.Store()
	opts := s.exportOptions()
	u.Go(func() {
		res, err := report.ExportFile(u.Context(), st, ids, path, opts(u.Context(), progressTo(s.progress, 0, 1)))
		fyne.Do(func() {
			defer s.endBusy()
			if err != nil {
				s.progress.Hide()
				u.Dialogs().Error(t("app.export.failed"), err)
				return
			}
			s.progress.SetValue(1)
			msg := tn("app.export.done", "N", res.Workshops, "Path", res.Path)
			s.status.SetText(msg)
			// The status line is below the fold on a laptop screen: say it
			// where the facilitator is looking.
			held := &heldBack{}
			held.add("", res.Held, res.K)
			s.showDone(msg, held)
			s.untick(ids)
			u.Refresh(ui.Export)
			u.Refresh(ui.Workshops)
		})
	})
}

// exportToOutbox writes each ticked workshop to its own file in the
// coordinator's folder, under a stable name, so a new export replaces the
// last one.
func (s *Screen) exportToOutbox() {
	u := s.u
	ids := s.selected()
	if len(ids) == 0 || s.busy || s.outbox == "" {
		return
	}
	byID := map[string]*taller.Workshop{}
	for _, w := range s.items {
		byID[w.ID] = w
	}
	dir := s.outbox
	s.startBusy(s.progress)
	st := u.Store()
	opts := s.exportOptions()
	u.Go(func() {
		err := os.MkdirAll(dir, 0o700)
		n := 0
		held := &heldBack{}
		// Encrypted to the coordinator when Settings has their key.
		encryptTo, kerr := st.Setting(u.Context(), taller.SettingCoordinatorKey, "")
		if err == nil {
			err = kerr
		}
		for i, id := range ids {
			if err != nil {
				break
			}
			var res *report.ExportResult
			o := opts(u.Context(), progressTo(s.progress, i, len(ids)))
			o.EncryptTo = encryptTo
			res, err = report.ExportOutbox(u.Context(), st, byID[id], dir, o)
			if err == nil {
				n++
				held.add(byID[id].Title, res.Held, res.K)
			}
		}
		fyne.Do(func() {
			defer s.endBusy()
			if err != nil {
				s.progress.Hide()
				u.Dialogs().Error(t("app.export.failed"), err)
				u.Refresh(ui.Export)
				return
			}
			s.progress.SetValue(1)
			msg := tn("app.export.done_outbox", "N", n, "Path", dir)
			if encryptTo != "" {
				msg += "\n" + t("app.export.encrypted")
			}
			s.status.SetText(msg)
			s.showDone(msg, held)
			s.untick(ids)
			u.Refresh(ui.Export)
			u.Refresh(ui.Workshops)
		})
	})
}

// untick clears the boxes of workshops just exported.
func (s *Screen) untick(ids []string) {
	for _, id := range ids {
		if c := s.checks[id]; c != nil {
			c.SetChecked(false)
		}
	}
}

// chooseFolder asks for the folder holding the exports to merge.
func (s *Screen) chooseFolder() {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			return
		}
		s.useFolder(dir.Path())
	}, s.u.Dialogs().Window())
	s.u.Dialogs().ShowFile(d)
}

// useFolder chooses dir for the merge and says how many exports it holds
// now; the merge reads the folder again when it runs.
func (s *Screen) useFolder(dir string) {
	files, err := exportsIn(dir)
	if err != nil {
		s.u.Dialogs().Error(t("app.merge.heading"), err)
		return
	}
	s.folder, s.files = dir, files
	s.folderLabel.SetText(tn("app.merge.found", "N", len(files), "Path", dir))
	s.mergeResult.RemoveAll()
	s.setButtons()
}

// exportsIn lists the .xlsx files of dir, sorted, leaving out hidden files
// and the lock files of spreadsheet programs.
func exportsIn(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var files []string
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() && isExport(name) && !strings.HasPrefix(name, ".") && !strings.HasPrefix(name, "~$") {
			files = append(files, filepath.Join(dir, name))
		}
	}
	sort.Strings(files)
	return files, nil
}

// chooseMergeOut asks where to write the merged workbook, starting beside
// the input folder, not inside it: the result must not be read as one of
// the inputs next time.
func (s *Screen) chooseMergeOut() {
	name := t("app.merge.file") + "-" + time.Now().Format("2006-01-02") + ".xlsx"
	s.u.Dialogs().SaveAs(t("app.merge.do"), name, ".xlsx", filepath.Dir(s.folder), s.mergeTo)
}

// mergeTo merges the folder's exports into out and lists the files
// accepted and refused.
func (s *Screen) mergeTo(out string) {
	u := s.u
	if s.busy || len(s.files) == 0 {
		return
	}
	// The folder as it is now: a file added since it was chosen counts.
	found, err := exportsIn(s.folder)
	if err != nil {
		s.u.Dialogs().Error(t("app.merge.failed"), err)
		return
	}
	s.files = found
	s.folderLabel.SetText(tn("app.merge.found", "N", len(found), "Path", s.folder))
	var files []string
	for _, f := range s.files {
		if filepath.Clean(f) != filepath.Clean(out) {
			files = append(files, f)
		}
	}
	skip := s.skipBad.Checked
	s.startBusy(s.mergeProgress)
	s.mergeResult.RemoveAll()
	st := u.Store()
	lang := u.Lang()
	trustPath, identityPath := s.trust.trustPath, s.trust.identityPath
	u.Go(func() {
		k, kerr := report.Threshold(u.Context(), st)
		if kerr != nil {
			k = taller.DefaultThreshold
		}
		opts := report.MergeOptions{Lang: lang, SkipBad: skip, Threshold: k,
			Progress: progressTo(s.mergeProgress, 0, 1)}
		var res *report.MergeResult
		err := mergeTrustOptions(st, trustPath, identityPath, &opts)
		if err == nil {
			res, err = report.Merge(u.Context(), files, out, opts)
		}
		fyne.Do(func() {
			defer s.endBusy()
			s.trust.used = opts.Trust
			s.showMerge(res, err, out)
		})
	})
}

func (s *Screen) showMerge(res *report.MergeResult, err error, out string) {
	box := s.mergeResult
	if err != nil && (res == nil || len(res.Refused) == 0) {
		s.mergeProgress.Hide()
		s.u.Dialogs().Error(t("app.merge.failed"), err)
		return
	}
	if err != nil {
		s.mergeProgress.Hide()
		l := ui.WrapLabel(t("app.merge.stopped"))
		l.Importance = widget.DangerImportance
		box.Add(l)
	} else {
		s.mergeProgress.SetValue(1)
		l := ui.WrapLabel(tn("app.merge.done", "N", res.Workshops, "Path", out))
		l.Importance = widget.SuccessImportance
		box.Add(l)
	}
	if len(res.Accepted) > 0 {
		box.Add(widget.NewLabelWithStyle(tn("app.merge.accepted", "N", len(res.Accepted)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for i, f := range res.Accepted {
			signer := ""
			if i < len(res.SignedBy) {
				signer = res.SignedBy[i]
			}
			box.Add(ui.WrapLabel(acceptedLine(f, signer, s.trust.used)))
		}
	}
	if len(res.Refused) > 0 {
		box.Add(widget.NewLabelWithStyle(tn("app.merge.refused", "N", len(res.Refused)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for _, r := range res.Refused {
			l := ui.WrapLabel("✗ " + filepath.Base(r.File) + ": " + r.Reason)
			l.Importance = widget.DangerImportance
			box.Add(l)
		}
	}
	for _, d := range res.Duplicates {
		l := ui.WrapLabel(d)
		l.Importance = widget.WarningImportance
		box.Add(l)
	}
}
