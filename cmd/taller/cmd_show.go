package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"taller"
)

func init() {
	register(&command{name: "workshop show", usage: "ID [--json]", summary: "cli.workshop_show", run: runWorkshopShow})
}

// showJSON is the --json form of workshop show.
type showJSON struct {
	Workshop *taller.Workshop `json:"workshop"`
	Counts   *taller.Counts   `json:"counts"`
}

func runWorkshopShow(e *env, args []string) error {
	c := commands["workshop show"]
	fs := e.flags(c)
	asJSON := fs.Bool("json", false, e.t("cli.flag.json"))
	pos, err := e.parseArgs(fs, args, 1)
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
	n, err := st.Counts(e.ctx, w.ID)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(showJSON{Workshop: w, Counts: n})
	}
	fmt.Fprintf(e.stdout, "%s — %s, %s, %s %s\n", w.Title, w.Locality, w.Country.Name(e.lang), w.Date, w.Start)
	open := ""
	for _, p := range taller.Phases {
		if w.IsOpen(p) {
			if open != "" {
				open += ", "
			}
			open += e.t("phase." + string(p))
		}
	}
	if open == "" {
		open = e.t("cli.all_closed")
	}
	fmt.Fprintf(e.stdout, "%s: %s\n\n", e.t("cli.open_now"), open)
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\t%d\n", e.t("cli.participants"), n.Total)
	for _, g := range taller.Genders {
		fmt.Fprintf(tw, "  %s\t%d\n", e.t("gender."+string(g)), n.ByGender[g])
	}
	fmt.Fprintf(tw, "%s\t%d\n", e.t("cli.tallied"), n.Tallied)
	fmt.Fprintf(tw, "%s\t\n", e.t("cli.age"))
	for _, a := range taller.AgeBands {
		fmt.Fprintf(tw, "  %s\t%d\n", e.t("age."+string(a)), n.ByAgeBand[a])
	}
	fmt.Fprintf(tw, "%s\t\n", e.t("cli.role"))
	for _, r := range taller.Roles {
		fmt.Fprintf(tw, "  %s\t%d\n", e.t("role."+string(r)), n.ByRole[r])
	}
	fmt.Fprintf(tw, "%s\t%d\n", e.t("cli.pre_quiz"), n.PreQuiz)
	fmt.Fprintf(tw, "%s\t%d\n", e.t("cli.post_quiz"), n.PostQuiz)
	fmt.Fprintf(tw, "%s\t%d\n", e.t("cli.evaluations"), n.Evaluations)
	return tw.Flush()
}
