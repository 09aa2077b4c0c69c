package main

import (
	"crypto/ed25519"
	"fmt"

	"taller"
	"taller/store"
)

func init() {
	register(&command{name: "identity", summary: "trust.cli.identity", run: runIdentity})
}

// runIdentity prints this laptop's signing fingerprint, making the key on
// first use.
func runIdentity(e *env, args []string) error {
	c := commands["identity"]
	if _, err := e.parseArgs(e.flags(c), args, 0); err != nil {
		return err
	}
	key, err := store.SigningKey(e.dataDir)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, taller.Fingerprint(key.Public().(ed25519.PublicKey)))
	fmt.Fprintln(e.stderr, e.t("trust.cli.identity_note"))
	return nil
}
