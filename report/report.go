// Package report writes the aggregated spreadsheet export of one or more
// workshops and merges the exports of many facilitators into one
// consolidated workbook for the coordinator.
//
// An export is an .xlsx workbook (excelize) with the sheets people read —
// Summary, Workshops, Demographics, Evaluation, when asked for Comments,
// and Notes — and a hidden sheet that carries the same figures in
// machine-readable form with a schema version, an export id, each
// workshop's release number and the Ed25519 signature of the laptop that
// exported it (sign.go), the visible sheets' cells included. The hidden
// sheet makes the workbook the interchange format too: Merge reads it,
// refuses files that are not exports, come from another Taller version,
// were changed after export (in the data or in a visible cell), come from
// a laptop off the coordinator's trust list, or cannot be decrypted
// (encrypt.go); counts a workshop once when it was exported twice (the
// higher release number wins, never the clock); and writes a workbook that is
// itself a valid export, so merges of merges add up.
//
// No row of any sheet describes one person, and no figure describes fewer
// than k people: every workshop's figures go through taller.Disclose before
// anything is written (release.go), which also holds back changes since the
// workshop's earlier exports that rest on fewer than k people. That holds
// for the hidden sheet as well, so unhiding it shows no more than the
// visible sheets; the Demographics of any workbook, export or merge, is made
// from the released parts (a known count plus withheld parts: "≥n", "<k",
// "x"), and the Notes sheet says in plain words what was held back.
package report

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/google/uuid"

	"taller"
	"taller/i18n"
)

// ExportOptions tune an export.
type ExportOptions struct {
	// Lang is the language of the sheet names and headers (Spanish when
	// empty).
	Lang i18n.Lang
	// IncludeComments adds the Comments sheet with the comments the
	// facilitator has not hidden; without it no free text leaves the laptop.
	IncludeComments bool
	// Threshold is the small-cell threshold k of the cross-tabs, in the
	// visible sheets and in the hidden one, where each workshop records it
	// (taller.DefaultThreshold when 0; at most 100).
	Threshold int
	// Progress, when set, is told how far the export is, for a progress bar;
	// done reaches total when the export is complete. It is called on the
	// exporting goroutine (a GUI hands it to its own thread) and should
	// return quickly.
	Progress func(done, total int)
	// Key is the laptop's Ed25519 signing key. When nil, the report
	// service's own key is used (package store's Store has one: the key of
	// its data folder); an export is never written unsigned.
	Key ed25519.PrivateKey
	// EncryptTo, when set, is the coordinator's age public key ("age1…"):
	// the file is written encrypted to it (name it ….xlsx.age).
	EncryptTo string
	// Now is the laptop's clock, time.Now when nil. The merge never trusts
	// it to order exports (the release number does); tests set it back.
	Now func() time.Time
}

// ExportResult describes a finished export.
type ExportResult struct {
	// ExportID is the export's UUID, also in its hidden sheet.
	ExportID string
	// ExportedAt is when the figures were read; the workshops are marked
	// exported at this time, so a change made during the export still
	// counts as not exported.
	ExportedAt time.Time
	// Workshops is the number of workshops in the workbook.
	Workshops int
	// Path is the file written by ExportFile ("" for Export).
	Path string
	// Held lists the figures the export held back (see taller.Disclose),
	// and K the threshold it used; HeldSummary says it in plain words.
	Held []taller.HeldFigure
	K    int
	// Signer is the fingerprint of the laptop key that signed the export.
	Signer string
	// Encrypted is true when the file was encrypted to a coordinator key.
	Encrypted bool
}

// HeldSummary is the plain-words line about what the export held back
// ("3 figures held back until at least 5 people answer"), or "".
func (r *ExportResult) HeldSummary(lang i18n.Lang) string {
	return taller.HeldSummary(lang, r.Held, r.K)
}

// progress counts steps for an optional callback.
type progress struct {
	fn          func(done, total int)
	done, total int
}

func (p *progress) tick() {
	p.done++
	if p.fn != nil {
		p.fn(min(p.done, p.total), p.total)
	}
}

func (p *progress) finish() {
	p.done = p.total
	if p.fn != nil {
		p.fn(p.total, p.total)
	}
}

// collect reads the aggregates of the workshops (each once, in the given
// order) and builds the book to write. Progress: one step per workshop read.
func collect(ctx context.Context, svc taller.ReportService, workshopIDs []string, opts ExportOptions, p *progress) (*book, map[string]int64, error) {
	key, err := signingKey(opts.Key, svc)
	if err != nil {
		return nil, nil, err
	}
	ids := make([]string, 0, len(workshopIDs))
	seen := make(map[string]bool, len(workshopIDs))
	for _, id := range workshopIDs {
		if id = strings.TrimSpace(id); id != "" && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil, nil, taller.Errorf(taller.EINVALID, "report.err.no_workshops")
	}
	// Read, then save, then mark: one step per workshop each for reading
	// and for writing its data row, and one for saving the file.
	p.total = 2*len(ids) + 1
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	b := &book{ExportID: uuid.NewString(), ExportedAt: now().UTC()}
	b.Records = make([]*record, 0, len(ids))
	revisions := make(map[string]int64, len(ids))
	k := threshold(opts.Threshold)
	states := make(map[string]*taller.ReleaseState, len(ids))
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		a, err := svc.Aggregates(ctx, id, opts.IncludeComments)
		if err != nil {
			return nil, nil, err
		}
		r, next, err := release(ctx, svc, a, k, b.ExportedAt)
		if err != nil {
			return nil, nil, err
		}
		signRecord(key, r)
		b.Records = append(b.Records, r)
		states[id] = next
		revisions[id] = a.Revision
		p.tick()
	}
	// Remember the releases before the file is written: a release that is
	// remembered but never leaves only holds later exports back more.
	if err := recordReleases(ctx, svc, ids, states, b.ExportedAt); err != nil {
		return nil, nil, err
	}
	sortRecords(b.Records)
	b.Signer = key.Public().(ed25519.PublicKey)
	return b, revisions, nil
}

func (o ExportOptions) write(p *progress, key ed25519.PrivateKey) writeOptions {
	return writeOptions{lang: o.Lang, k: threshold(o.Threshold), comments: o.IncludeComments, tick: p.tick, key: key}
}

// writeTo writes the book to w, encrypted when the options say so.
func (o ExportOptions) writeTo(ctx context.Context, w io.Writer, b *book, p *progress, key ed25519.PrivateKey) error {
	if o.EncryptTo == "" {
		return b.write(ctx, w, o.write(p, key))
	}
	ew, finish, err := encrypting(w, o.EncryptTo)
	if err != nil {
		return err
	}
	if err := b.write(ctx, ew, o.write(p, key)); err != nil {
		return err
	}
	if err := finish(); err != nil {
		return fmt.Errorf("encrypt export: %w", err)
	}
	return nil
}

func (o ExportOptions) result(b *book, path string) *ExportResult {
	res := result(b, o, path)
	res.Signer, res.Encrypted = signerOf(b.Signer), o.EncryptTo != ""
	return res
}

// maxThreshold is the largest small-cell threshold.
const maxThreshold = taller.MaxThreshold

// threshold is k as given, taller.DefaultThreshold when it is below 1, and
// at most maxThreshold.
func threshold(k int) int {
	if k < 1 {
		return taller.DefaultThreshold
	}
	return min(k, maxThreshold)
}

// ExportFile writes one workbook with the aggregates of the given
// workshops to a file, then marks them exported. Unknown ids fail the
// export before anything is written. The file is written atomically: the
// workbook goes to a temporary file in the same folder (a hidden name ending in .tmp, never
// .xlsx), is flushed to disk, and only then takes the final name. A sync
// client watching the folder never sees half a workbook, and a crash never
// leaves a file that looks like an export. The workshops are marked
// exported after the rename.
func ExportFile(ctx context.Context, svc taller.ReportService, workshopIDs []string, path string, opts ExportOptions) (*ExportResult, error) {
	p := &progress{fn: opts.Progress}
	key, err := signingKey(opts.Key, svc)
	if err != nil {
		return nil, err
	}
	opts.Key = key
	b, revisions, err := collect(ctx, svc, workshopIDs, opts, p)
	if err != nil {
		return nil, err
	}
	if err := writeAtomic(path, func(w io.Writer) error { return opts.writeTo(ctx, w, b, p, key) }); err != nil {
		return nil, err
	}
	if err := svc.MarkExported(ctx, revisions, b.ExportedAt); err != nil {
		return nil, err
	}
	p.finish()
	return opts.result(b, path), nil
}

// ExportOutbox exports one workshop to the outbox folder dir under its
// stable name: OutboxName, or with EncryptedExt added when opts.EncryptTo
// is set. Once the new file is in place, the other form of the name is
// removed, so turning encryption on never leaves a readable copy of the
// workshop in a synced folder (and turning it off leaves no stale one).
func ExportOutbox(ctx context.Context, svc taller.ReportService, w *taller.Workshop, dir string, opts ExportOptions) (*ExportResult, error) {
	plain := OutboxPath(dir, w)
	path, other := plain, plain+EncryptedExt
	if opts.EncryptTo != "" {
		path, other = other, path
	}
	res, err := ExportFile(ctx, svc, []string{w.ID}, path, opts)
	if err != nil {
		return nil, err
	}
	if err := os.Remove(other); err != nil && !errors.Is(err, os.ErrNotExist) {
		return res, writeError(other, err)
	}
	return res, nil
}

// OutboxName is the file name a workshop's export takes in the outbox
// folder: "taller-<date>-<country>-<locality>-<id prefix>.xlsx", in ASCII
// and safe on every file system. The same workshop always gets the same
// name, so a new export replaces the previous one instead of adding a file.
// (If the date, country or locality is edited the name changes; the merge
// still counts the workshop once, by its id.)
func OutboxName(w *taller.Workshop) string {
	id := slug(w.ID, 8)
	if id == "" {
		id = "x"
	}
	parts := []string{"taller", slug(w.Date, 10), slug(string(w.Country), 2), slug(w.Locality, 40), id}
	var kept []string
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, "-") + ".xlsx"
}

// slug folds s to lower-case ASCII letters, digits and single dashes, at
// most n characters: "Usulután" → "usulutan", "Zona 21, Mixco" → "zona-21-mixco".
func slug(s string, n int) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if f, ok := folds[r]; ok {
			r = f
		}
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
		if b.Len() >= n {
			break
		}
	}
	return strings.Trim(b.String(), "-")
}

// folds maps the accented letters of Spanish and its neighbours to ASCII.
var folds = func() map[rune]rune {
	m := map[rune]rune{}
	for base, accented := range map[rune]string{'a': "áàâäãå", 'e': "éèêë", 'i': "íìîï", 'o': "óòôöõø", 'u': "úùûü", 'n': "ñ", 'c': "ç", 'y': "ýÿ"} {
		for _, r := range accented {
			m[r] = base
		}
	}
	return m
}()

// OutboxPath joins the outbox folder and the workshop's OutboxName.
func OutboxPath(dir string, w *taller.Workshop) string { return filepath.Join(dir, OutboxName(w)) }

// Threshold reads the small-cell threshold setting, falling back to
// taller.DefaultThreshold when it is unset or not a whole number from 1 to 100.
func Threshold(ctx context.Context, settings taller.SettingsService) (int, error) {
	v, err := settings.Setting(ctx, taller.SettingThreshold, "")
	if err != nil {
		return 0, err
	}
	var k int
	if _, err := fmt.Sscan(strings.TrimSpace(v), &k); err != nil || k < 1 || k > maxThreshold {
		return taller.DefaultThreshold, nil
	}
	return k, nil
}
