package main

import (
	"fmt"

	"taller"
)

func init() {
	register(&command{name: "tally add", usage: "ID [--female N] [--male N] [--other N] [--undisclosed N]",
		summary: "cli.tally_add", run: runTallyAdd})
}

func runTallyAdd(e *env, args []string) error {
	c := commands["tally add"]
	fs := e.flags(c)
	f := fs.Int("female", 0, e.t("cli.flag.female"))
	m := fs.Int("male", 0, e.t("cli.flag.male"))
	o := fs.Int("other", 0, e.t("cli.flag.other"))
	u := fs.Int("undisclosed", 0, e.t("cli.flag.undisclosed"))
	pos, err := e.parseArgs(fs, args, 1)
	if err != nil {
		return err
	}
	t := &taller.Tally{WorkshopID: pos[0], SubmissionID: taller.NewID(), Female: *f, Male: *m, Other: *o, Undisclosed: *u}
	if err := t.Validate(); err != nil {
		return err
	}
	st, err := e.store()
	if err != nil {
		return err
	}
	if err := st.AddTally(e.ctx, t); err != nil {
		return err
	}
	fmt.Fprintln(e.stderr, e.t("cli.tally_added", map[string]any{"N": t.Total()}))
	return nil
}
