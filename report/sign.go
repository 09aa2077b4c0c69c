package report

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"hash"
	"strconv"

	"taller"
)

// Every export is signed with the Ed25519 key of the laptop that wrote it
// (package store keeps it in the data folder). Two signatures cover the
// hidden data sheet:
//
//   - each workshop's record is signed on its own, over the schema
//     version, the workshop id, the date its figures were read and its
//     JSON (the release, its number included). A merge copies records as they were
//     exported, signature and all, so the laptop that made each workshop's
//     figures stays known and checkable through merges of merges;
//   - the file as a whole is signed by whoever wrote it (the facilitator's
//     laptop for an export, the coordinator's for a merge), over the
//     header, every record with its signature, and the cells of every
//     visible sheet as the writer wrote them (sign_sheets.go), so a cell
//     edited by hand is caught and named.
//
// The signed message is a domain-separation label and the SHA-256 of the
// canonical encoding: each field length-prefixed, so no two different
// contents encode the same. The generator row is informative and not
// signed. What a record's JSON holds (which figures, how they are
// suppressed) does not matter here: it is signed as the text it is.

// Labels that keep a signature over one kind of content from passing for
// another.
const (
	recordLabel = "taller-export-record\x00"
	fileLabel   = "taller-export-file\x00"
)

// canon writes length-prefixed fields into a hash.
type canon struct{ h hash.Hash }

func newCanon() *canon { return &canon{h: sha256.New()} }

func (c *canon) put(s string) {
	c.h.Write([]byte(strconv.Itoa(len(s))))
	c.h.Write([]byte{':'})
	c.h.Write([]byte(s))
	c.h.Write([]byte{'\n'})
}

func (c *canon) message(label string) []byte { return c.h.Sum([]byte(label)) }

// recordMessage is what a workshop's record signature signs.
func recordMessage(schema string, r *record) []byte {
	c := newCanon()
	c.put(marker)
	c.put(schema)
	c.put(r.Agg.Workshop.ID)
	c.put(r.at)
	c.put(r.json)
	return c.message(recordLabel)
}

// fileMessage is what the file signature signs: the header, every record
// with its signer and signature, and every visible sheet's cells.
func fileMessage(schema string, b *book) []byte {
	c := newCanon()
	c.put(marker)
	c.put(schema)
	c.put(b.ExportID)
	c.put(formatTime(b.ExportedAt))
	c.put(strconv.Itoa(len(b.Records)))
	for _, r := range b.Records {
		c.put(r.Agg.Workshop.ID)
		c.put(r.at)
		c.put(encodeKey(r.Signer))
		c.put(encodeSig(r.Sig))
		c.put(r.json)
	}
	c.put(strconv.Itoa(len(b.Sheets)))
	for _, s := range b.Sheets {
		c.put(s.Name)
		c.put(s.json)
	}
	return c.message(fileLabel)
}

// signRecord signs a freshly exported record with the laptop's key.
func signRecord(key ed25519.PrivateKey, r *record) {
	r.Signer = key.Public().(ed25519.PublicKey)
	r.Sig = ed25519.Sign(key, recordMessage(strconv.Itoa(SchemaVersion), r))
}

// signBook signs the whole book with the writer's key; its records and
// visible sheets must be final.
func signBook(key ed25519.PrivateKey, b *book) {
	b.Signer = key.Public().(ed25519.PublicKey)
	b.Signature = ed25519.Sign(key, fileMessage(strconv.Itoa(SchemaVersion), b))
}

// encodeKey and encodeSig write keys and signatures in the data sheet:
// standard base64, which survives any spreadsheet program.
func encodeKey(k ed25519.PublicKey) string { return base64.StdEncoding.EncodeToString(k) }
func encodeSig(s []byte) string            { return base64.StdEncoding.EncodeToString(s) }

// decodeKey reads a public key from the data sheet.
func decodeKey(s string) (ed25519.PublicKey, bool) {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || len(b) != ed25519.PublicKeySize {
		return nil, false
	}
	return ed25519.PublicKey(b), true
}

// decodeSig reads a signature from the data sheet.
func decodeSig(s string) ([]byte, bool) {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || len(b) != ed25519.SignatureSize {
		return nil, false
	}
	return b, true
}

// keySource is what a report service offers when it can sign: package
// store's Store gives the key of its data folder.
type keySource interface {
	SigningKey() (ed25519.PrivateKey, error)
}

// signingKey is the key an export signs with: the one given, else the
// service's own.
func signingKey(given ed25519.PrivateKey, svc any) (ed25519.PrivateKey, error) {
	if len(given) == ed25519.PrivateKeySize {
		return given, nil
	}
	if ks, ok := svc.(keySource); ok {
		return ks.SigningKey()
	}
	return nil, taller.Errorf(taller.EINTERNAL, "report.err.no_signing_key")
}

// oneTimeKey is a fresh key for a merge that was given none: the merged
// file still verifies, but its own signer names no laptop.
func oneTimeKey() ed25519.PrivateKey {
	_, k, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	return k
}

// signerOf names the laptop that signed with k by its fingerprint.
func signerOf(k ed25519.PublicKey) string { return taller.Fingerprint(k) }
