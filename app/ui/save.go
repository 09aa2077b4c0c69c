package ui

import (
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
)

// SaveAs asks where to save a file: a folder (Fyne's folder chooser,
// starting in startDir when it is a folder), then the file's name in a
// dialog of the app's own, which asks in the app's language before
// replacing a file that exists. Fyne's own save dialog asks that in
// English whatever the language. fn gets the chosen path; nothing is
// created before it runs.
func (d *Dialogs) SaveAs(title, name, ext, startDir string, fn func(path string)) {
	pick := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			return
		}
		d.nameFile(title, dir.Path(), name, ext, fn)
	}, d.win)
	if startDir != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(startDir)); err == nil {
			pick.SetLocation(l)
		}
	}
	d.ShowFile(pick)
}

// nameFile asks the file's name in dir and confirms a replacement.
func (d *Dialogs) nameFile(title, dir, name, ext string, fn func(path string)) *FormDialog {
	var f *FormDialog
	entry := d.NewEntry(func() { f.Submit.OnTapped() })
	entry.SetText(name)
	where := WrapLabel(TN("app.save.in_folder", "Path", dir))
	where.Wrapping = fyne.TextWrapBreak
	msg := WrapLabel("")
	msg.Importance = widget.DangerImportance
	msg.Hide()
	box := container.NewVBox(where, container.New(layout.NewFormLayout(), widget.NewLabel(T("app.save.name")), entry), msg)
	f = d.Form(title, T("app.save.do"), Sized(box, 480), func() bool {
		n := strings.TrimSpace(entry.Text)
		if n == "" || strings.ContainsAny(n, `/\`) {
			msg.SetText(T("app.save.bad_name"))
			msg.Show()
			box.Refresh()
			return false
		}
		if ext != "" && !strings.EqualFold(filepath.Ext(n), ext) {
			n += ext
		}
		path := filepath.Join(dir, n)
		if info, err := os.Stat(path); err == nil {
			if info.IsDir() {
				msg.SetText(T("app.save.is_folder"))
				msg.Show()
				box.Refresh()
				return false
			}
			d.Confirm(T("app.save.replace_title"), TN("app.save.replace", "Name", n), T("app.save.replace_do"), func() {
				f.D.Hide()
				fn(path)
			})
			return false
		}
		fn(path)
		return true
	})
	d.ShowForm(f)
	d.win.Canvas().Focus(entry)
	return f
}
