package report

import (
	"crypto/ed25519"
	"encoding/json"
	"strconv"
	"strings"

	"filippo.io/age"

	"taller"
)

// readOptions say how a merge reads each file.
type readOptions struct {
	identities []age.Identity    // to decrypt .age files (none: they are refused)
	trust      *taller.TrustList // when set, every signer must be on it
}

// verifySignatures checks the file's signature and each record's. A file
// whose data were edited — even with every checksum recomputed — fails
// here, since only the laptop's key can sign.
func verifySignatures(b *book) *refusal {
	schema := strconv.Itoa(SchemaVersion)
	if !ed25519.Verify(b.Signer, fileMessage(schema, b), b.Signature) {
		return refuse(RefuseTampered)
	}
	for _, r := range b.Records {
		if !ed25519.Verify(r.Signer, recordMessage(schema, r), r.Sig) {
			return refuse(RefuseTampered)
		}
	}
	return nil
}

// checkTrust refuses a file when a trust list is given and the file's
// writer or any workshop's signer is not on it.
func checkTrust(b *book, trust *taller.TrustList) *refusal {
	if trust == nil {
		return nil
	}
	if fp := signerOf(b.Signer); !trust.Trusts(fp) {
		return refuse(RefuseUntrusted, "Fingerprint", fp)
	}
	for _, r := range b.Records {
		if fp := signerOf(r.Signer); !trust.Trusts(fp) {
			return refuse(RefuseUntrusted, "Fingerprint", fp)
		}
	}
	return nil
}

// compareSheets checks that the workbook's visible sheets are the signed
// ones, in the same order, cell by cell, and names the first difference.
func compareSheets(f *xlsxFile, signed []*sheetCells) *refusal {
	var names []string
	for _, n := range f.sheetNames() {
		if n != DataSheet {
			names = append(names, n)
		}
	}
	for i := range max(len(names), len(signed)) {
		switch {
		case i >= len(signed):
			return &refusal{code: RefuseEdited, key: "report.refuse.edited_sheet_added", args: map[string]any{"Sheet": names[i]}}
		case i >= len(names) || names[i] != signed[i].Name:
			return &refusal{code: RefuseEdited, key: "report.refuse.edited_sheet_missing", args: map[string]any{"Sheet": signed[i].Name}}
		}
	}
	for _, s := range signed {
		found, err := f.rows(s.Name)
		if err != nil {
			return refuse(RefuseUnreadable)
		}
		// The cells as found, encoded as the writer encoded them: the
		// same text is the same sheet. Only otherwise are the signed cells
		// decoded, to name the first difference (or to allow numbers that
		// a spreadsheet program rounded when it saved).
		if raw, err := json.Marshal(found); err == nil && asciiJSON(raw) == s.json {
			continue
		}
		if err := json.Unmarshal([]byte(s.json), &s.Rows); err != nil {
			return refuse(RefuseDamaged)
		}
		if ref := firstDifference(s.Name, found, s.Rows); ref != nil {
			return ref
		}
		s.Rows = nil // verified: the rows are not needed any more
	}
	return nil
}

// firstDifference compares a sheet's cells as found with the signed ones,
// row by row, and names the first cell that differs.
func firstDifference(sheet string, found, signed [][]string) *refusal {
	get := func(rows [][]string, r, c int) string {
		if r < len(rows) && c < len(rows[r]) {
			return rows[r][c]
		}
		return ""
	}
	for r := range max(len(found), len(signed)) {
		cols := 0
		if r < len(found) {
			cols = len(found[r])
		}
		if r < len(signed) {
			cols = max(cols, len(signed[r]))
		}
		for c := range cols {
			a, b := get(found, r, c), get(signed, r, c)
			if !sameCell(a, b) {
				return refuse(RefuseEdited, "Sheet", sheet, "Cell", cell(c+1, r+1), "Found", shorten(a), "Signed", shorten(b))
			}
		}
	}
	return nil
}

// shorten quotes at most 40 characters of a cell in a message.
func shorten(s string) string {
	if s == "" {
		return "—"
	}
	r := []rune(strings.TrimSpace(s))
	if len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return string(r)
}
