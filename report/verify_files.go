package report

import (
	"context"
	"runtime"
	"sort"
)

// readResult is one file read by readFiles.
type readResult struct {
	b   *book
	err error
}

// readFiles reads and verifies files on every core and hands the results
// back in the order of files, one at a time: at most a few books are held
// beyond the one being merged, so memory does not grow with the number of
// files. The channel is closed after the last file or when ctx ends.
func readFiles(ctx context.Context, files []string, o readOptions) <-chan readResult {
	workers := max(1, runtime.GOMAXPROCS(0))
	out := make(chan readResult)
	slots := make([]chan readResult, len(files))
	for i := range slots {
		slots[i] = make(chan readResult, 1)
	}
	sem := make(chan struct{}, 2*workers)
	go func() {
		for i, file := range files {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				return
			}
			go func() {
				b, err := readExport(file, o)
				slots[i] <- readResult{b: b, err: err}
			}()
		}
	}()
	go func() {
		defer close(out)
		for i := range files {
			var r readResult
			select {
			case r = <-slots[i]:
			case <-ctx.Done():
				return
			}
			select {
			case out <- r:
				<-sem
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// newer reports whether record a is a later export of its workshop than b:
// a higher release number (taller.Disclose numbers a workshop's releases
// 1, 2, … in the store of its laptop, and records each one before its file
// is written). The release number never follows the laptop's clock, so a
// laptop whose clock is wrong still orders its own exports right. It
// orders them as the store's revision did, and better: between two exports
// of a workshop its revision only grows, so a higher revision always came
// with a higher release number, and at the same revision the release
// number still tells which came later. The revision itself stays on the
// laptop: it counts every submission (check-ins, quiz attempts,
// evaluations), withheld ones too. Two different records with the same
// number (a data folder restored from a copy) are ordered by date, then by
// their text, so the merge does not depend on the order of its files.
func newer(a, b *record) bool {
	switch {
	case a.seq != b.seq:
		return a.seq > b.seq
	case !a.ExportedAt.Equal(b.ExportedAt):
		return a.ExportedAt.After(b.ExportedAt)
	}
	return a.json > b.json
}

// sameExport reports whether two records are the same export of a
// workshop.
func sameExport(a, b *record) bool {
	return a.seq == b.seq && a.ExportedAt.Equal(b.ExportedAt) && a.json == b.json
}

// conflict refuses a file with a workshop that an earlier file had signed
// by another laptop: a workshop lives on one laptop, so one of the two is
// not what it claims to be.
func conflict(b *book, byID map[string]*seen) error {
	for _, r := range b.Records {
		if s := byID[r.Agg.Workshop.ID]; s != nil && !s.rec.Signer.Equal(r.Signer) {
			return refuse(RefuseConflict, "Workshop", workshopLabel(r.Agg.Workshop), "Fingerprint", signerOf(r.Signer),
				"Other", signerOf(s.rec.Signer), "File", s.file)
		}
	}
	return nil
}

// signers lists the fingerprints of the records' signers, sorted.
func signers(recs []*record) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range recs {
		if fp := signerOf(r.Signer); !seen[fp] {
			seen[fp] = true
			out = append(out, fp)
		}
	}
	sort.Strings(out)
	return out
}
