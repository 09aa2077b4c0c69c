package report

import (
	"context"
	"crypto/ed25519"
	"errors"
	"io"
	"strings"
	"time"

	"filippo.io/age"
	"github.com/google/uuid"

	"taller"
	"taller/i18n"
)

// MergeOptions tune a merge.
type MergeOptions struct {
	// Lang is the language of the messages and of the merged workbook.
	Lang i18n.Lang
	// SkipBad merges the files that pass and lists the others as refused;
	// without it one refused file stops the merge before anything is
	// written.
	SkipBad bool
	// Threshold is the small-cell threshold k of the merged Demographics
	// (taller.DefaultThreshold when 0). Each workshop's record keeps the k it
	// was exported with: a merge cannot reveal what an export withheld.
	Threshold int
	// Progress, when set, is told how far the merge is (one step per file
	// read, one for writing); done reaches total when the merged workbook is
	// written. It is called on the merging goroutine.
	Progress func(done, total int)
	// Trust, when set, is the coordinator's list of trusted laptops: a file
	// written or signed (for any workshop) by a laptop not on it is
	// refused. Without it every valid signature is accepted, and named.
	Trust *taller.TrustList
	// Identities decrypt .xlsx.age files (ReadIdentityFile); without them
	// an encrypted file is refused.
	Identities []age.Identity
	// Key signs the merged workbook: the coordinator laptop's key (package
	// store's SigningKey). When nil a one-time key signs it, so the merged
	// file still verifies but its own signer is no known laptop.
	Key ed25519.PrivateKey
}

// Refusal is a file the merge would not use.
type Refusal struct {
	// File is the path as given.
	File string
	// Reason says why, in the merge's language.
	Reason string
	// Code says why, for programs.
	Code RefusalCode
}

// MergeResult tells what a merge did.
type MergeResult struct {
	// Accepted lists the files that were read and verified, in the order
	// given.
	Accepted []string
	// SignedBy has, for each accepted file, the fingerprint of the laptop
	// that wrote it.
	SignedBy []string
	// Signers lists the fingerprints of the laptops that signed the merged
	// workshops, sorted.
	Signers []string
	// Refused lists the files that were not used, with the reason.
	Refused []Refusal
	// Duplicates has one message for each workshop found in more than one
	// file, saying which export was counted.
	Duplicates []string
	// Workshops is the number of workshops in the merged workbook.
	Workshops int
	// ExportID is the merged workbook's own export id ("" when nothing was
	// written).
	ExportID string
}

// seen is one workshop's best record so far and the files it was found in.
type seen struct {
	rec   *record
	file  string   // the file rec came from
	older []string // files with an older export of it
	same  []string // files with the same export of it (or the same file again)
}

// Merge reads Taller exports, verifies each (signatures, visible cells,
// trust list; see readExport), and writes one workbook with all their
// workshops to out, atomically. A workshop found in several files is
// counted once: its export with the highest release number wins (see
// newer), and Duplicates says so. The merged
// workbook is itself an export, so merging merges gives the same totals as
// merging the originals.
//
// The merged hidden sheet holds each workshop's record exactly as it was
// exported, small cross-tab counts withheld. The merged Demographics adds
// up what the records tell: a cell to which some workshop contributed a
// withheld count is at least the sum of the known counts, shown "≥n" when
// n reaches k, "<k" when the withheld parts are too few to reach k, and "x"
// otherwise.
//
// When a file is refused and SkipBad is false, Merge returns the result
// (with Refused filled) and an error, and writes nothing.
func Merge(ctx context.Context, files []string, out string, opts MergeOptions) (*MergeResult, error) {
	if len(files) == 0 {
		return nil, taller.Errorf(taller.EINVALID, "report.err.no_files")
	}
	lang := opts.Lang
	if !lang.Valid() {
		lang = i18n.Spanish
	}
	p := &progress{fn: opts.Progress, total: len(files) + 1}
	res := &MergeResult{}
	byID := map[string]*seen{}
	var order []string // workshop ids in first-seen order
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	results := readFiles(rctx, files, readOptions{identities: opts.Identities, trust: opts.Trust})
	for _, file := range files {
		rr, ok := <-results
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if !ok {
			return nil, errors.New("merge: files left unread")
		}
		b, err := rr.b, rr.err
		if err == nil {
			err = conflict(b, byID)
		}
		var ref *refusal
		if errors.As(err, &ref) {
			res.Refused = append(res.Refused, Refusal{File: file, Code: ref.code, Reason: i18n.T(lang, ref.textKey(), ref.args)})
			p.tick()
			continue
		}
		if err != nil {
			return nil, err
		}
		res.Accepted = append(res.Accepted, file)
		res.SignedBy = append(res.SignedBy, signerOf(b.Signer))
		for _, r := range b.Records {
			id := r.Agg.Workshop.ID
			s := byID[id]
			switch {
			case s == nil:
				byID[id] = &seen{rec: r, file: file}
				order = append(order, id)
			case sameExport(r, s.rec):
				s.same = append(s.same, file)
			case newer(r, s.rec):
				s.older = append(append(s.older, s.file), s.same...)
				s.rec, s.file, s.same = r, file, nil
			default:
				s.older = append(s.older, file)
			}
		}
		p.tick()
	}
	if len(res.Refused) > 0 && !opts.SkipBad {
		return res, taller.Errorf(taller.EINVALID, "report.err.refused", "Count", len(res.Refused))
	}
	if len(byID) == 0 {
		return res, taller.Errorf(taller.EINVALID, "report.err.nothing_to_merge")
	}

	merged := &book{ExportID: uuid.NewString(), ExportedAt: time.Now().UTC(), Files: len(res.Accepted)}
	comments := false
	for _, id := range order {
		s := byID[id]
		merged.Records = append(merged.Records, s.rec)
		comments = comments || len(s.rec.Agg.Comments) > 0
	}
	sortRecords(merged.Records)
	for _, r := range merged.Records {
		s := byID[r.Agg.Workshop.ID]
		if len(s.older)+len(s.same) == 0 {
			continue
		}
		older, same := unique(s.older, s.file), unique(s.same, s.file)
		args := map[string]any{"Workshop": workshopLabel(r.Agg.Workshop), "File": s.file}
		var key string
		switch {
		case len(older) > 0:
			key, args["Others"] = "report.merge.newer_wins", strings.Join(older, ", ")
		case len(same) > 0:
			key, args["Others"] = "report.merge.same_export", strings.Join(same, ", ")
		default:
			key = "report.merge.same_file"
		}
		res.Duplicates = append(res.Duplicates, i18n.T(lang, key, args))
	}

	res.Signers = signers(merged.Records)
	wo := writeOptions{lang: lang, k: threshold(opts.Threshold), comments: comments, key: opts.Key}
	if err := writeAtomic(out, func(w io.Writer) error { return merged.write(ctx, w, wo) }); err != nil {
		return res, err
	}
	res.Workshops = len(merged.Records)
	res.ExportID = merged.ExportID
	p.finish()
	return res, nil
}

// workshopLabel names a workshop for a person: its date, locality and the
// start of its id.
func workshopLabel(w taller.WorkshopInfo) string {
	id := w.ID
	if len(id) > 8 {
		id = id[:8]
	}
	return w.Date + " " + w.Locality + " (" + id + ")"
}

// unique returns list without repeats and without skip, in order.
func unique(list []string, skip string) []string {
	var out []string
	had := map[string]bool{skip: true}
	for _, s := range list {
		if !had[s] {
			had[s] = true
			out = append(out, s)
		}
	}
	return out
}
