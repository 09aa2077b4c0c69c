package main

import (
	"fmt"
	"time"

	reports "taller/report" // main has a func report
)

func init() {
	register(&command{name: "coordinator keygen", usage: "-o IDENTITY-FILE", summary: "trust.cli.keygen", run: runKeygen})
}

// runKeygen makes a coordinator's age identity, writes it to a new file
// and prints the public key to give to facilitators.
func runKeygen(e *env, args []string) error {
	c := commands["coordinator keygen"]
	fs := e.flags(c)
	out := fs.String("o", "", e.t("trust.cli.flag.identity_out"))
	if _, err := e.parseArgs(fs, args, 0); err != nil {
		return err
	}
	if *out == "" {
		return e.usagef("cli.err.args", map[string]any{"Cmd": c.name, "Usage": c.usage})
	}
	k, err := reports.NewCoordinatorKey()
	if err != nil {
		return err
	}
	if err := k.WriteIdentityFile(*out, time.Now()); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, k.PublicKey)
	fmt.Fprintln(e.stderr, e.t("trust.cli.keygen_note", map[string]any{"Path": *out}))
	return nil
}
