package main

import (
	"fmt"

	"taller"
)

func init() {
	register(&command{name: "workshop open", usage: "ID checkin|quiz|evaluation", summary: "cli.workshop_open",
		run: func(e *env, args []string) error { return runPhase(e, "workshop open", args, true) }})
	register(&command{name: "workshop close", usage: "ID checkin|quiz|evaluation", summary: "cli.workshop_close",
		run: func(e *env, args []string) error { return runPhase(e, "workshop close", args, false) }})
}

func runPhase(e *env, name string, args []string, open bool) error {
	c := commands[name]
	pos, err := e.parseArgs(e.flags(c), args, 2)
	if err != nil {
		return err
	}
	p, err := taller.ParsePhase(pos[1])
	if err != nil {
		return &usageError{msg: taller.Message(e.lang, err)}
	}
	st, err := e.store()
	if err != nil {
		return err
	}
	if err := st.SetPhase(e.ctx, pos[0], p, open); err != nil {
		return err
	}
	key := "cli.phase_closed"
	if open {
		key = "cli.phase_opened"
	}
	fmt.Fprintln(e.stderr, e.t(key, map[string]any{"Phase": e.t("phase." + string(p))}))
	return nil
}
