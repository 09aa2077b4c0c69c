package main

import (
	"fmt"
	"text/tabwriter"

	"taller"
	"taller/curriculum"
)

func init() {
	register(&command{name: "agenda show", usage: "ID", summary: "cli.agenda_show", run: runAgendaShow})
	register(&command{name: "agenda apply", usage: "ID --template half-day|full-day|two-day-1|two-day-2", summary: "cli.agenda_apply", run: runAgendaApply})
}

func runAgendaShow(e *env, args []string) error {
	c := commands["agenda show"]
	pos, err := e.parseArgs(e.flags(c), args, 1)
	if err != nil {
		return err
	}
	st, err := e.store()
	if err != nil {
		return err
	}
	w, err := st.Workshop(e.ctx, pos[0])
	if err != nil {
		return err
	}
	a, err := st.Agenda(e.ctx, w.ID)
	if err != nil {
		return err
	}
	cur, err := curriculum.Open(e.dataDir)
	if err != nil {
		fmt.Fprintf(e.stderr, "taller: %s\n", curriculumMessage(e, err))
	}
	return printAgenda(e, w, a, cur)
}

func runAgendaApply(e *env, args []string) error {
	c := commands["agenda apply"]
	fs := e.flags(c)
	name := fs.String("template", "", e.t("cli.flag.template"))
	pos, err := e.parseArgs(fs, args, 1)
	if err != nil {
		return err
	}
	cur, err := curriculum.Open(e.dataDir)
	if err != nil {
		fmt.Fprintf(e.stderr, "taller: %s\n", curriculumMessage(e, err))
	}
	if _, ok := cur.Template(*name); !ok {
		return e.usagef("cli.err.template", map[string]any{"Name": *name})
	}
	st, err := e.store()
	if err != nil {
		return err
	}
	w, err := st.Workshop(e.ctx, pos[0])
	if err != nil {
		return err
	}
	a, err := cur.ApplyLang(*name, w.Language)
	if err != nil {
		return err
	}
	a.ShiftTo(w.Start)
	if err := st.SaveAgenda(e.ctx, w.ID, &a); err != nil {
		return err
	}
	return printAgenda(e, w, &a, cur)
}

// printAgenda prints the timed agenda in the workshop's language for module
// titles and the user's language for everything else.
func printAgenda(e *env, w *taller.Workshop, a *taller.Agenda, cur *curriculum.Curriculum) error {
	fmt.Fprintf(e.stdout, "%s — %s\n", w.Title, w.Date)
	if len(a.Blocks) == 0 {
		fmt.Fprintln(e.stdout, e.t("cli.agenda_empty"))
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	for _, b := range a.Timings() {
		warn := ""
		if b.Overrun {
			warn = "  ⚠ " + e.t("cli.agenda_overrun_block")
		}
		fmt.Fprintf(tw, "%s–%s\t%d min\t%s%s\n", b.Start, b.End, b.Minutes, blockTitle(e, b.AgendaBlock, cur), warn)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: %s–%s (%d min)\n", e.t("cli.agenda_total"), a.Start, a.Finish(), a.TotalMinutes())
	if n := a.OverrunMinutes(); n > 0 {
		fmt.Fprintf(e.stdout, "⚠ %s\n", e.t("cli.agenda_overrun", map[string]any{"N": n, "End": a.End.String()}))
	}
	return nil
}

func blockTitle(e *env, b taller.AgendaBlock, cur *curriculum.Curriculum) string {
	switch b.Kind {
	case taller.BlockModule:
		if m, ok := cur.Module(b.ModuleID); ok {
			return m.In(e.lang).Title
		}
		return b.ModuleID
	case taller.BlockBreak:
		if b.Title == "" {
			return e.t("cli.agenda_break")
		}
		return curriculum.BreakTitle(b.Title, e.lang)
	}
	return b.Title
}

// curriculumMessage explains why an imported curriculum could not be used.
func curriculumMessage(e *env, err error) string {
	if pe, ok := err.(*curriculum.PackError); ok {
		return pe.Message(e.lang)
	}
	return taller.Message(e.lang, err)
}
