package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"taller"
	"taller/i18n"
)

func init() {
	register(&command{name: "workshop add", summary: "cli.workshop_add",
		usage: "--title T --country SV --locality L --org O --date YYYY-MM-DD [--start 09:00] [--lang es] [--facilitator NAME]",
		run:   runWorkshopAdd})
	register(&command{name: "workshop list", usage: "[--json]", summary: "cli.workshop_list", run: runWorkshopList})
	register(&command{name: "workshop delete", usage: "ID", summary: "cli.workshop_delete", run: runWorkshopDelete})
}

func runWorkshopAdd(e *env, args []string) error {
	c := commands["workshop add"]
	fs := e.flags(c)
	title := fs.String("title", "", e.t("cli.flag.title"))
	country := fs.String("country", "", e.t("cli.flag.country"))
	locality := fs.String("locality", "", e.t("cli.flag.locality"))
	org := fs.String("org", "", e.t("cli.flag.org"))
	date := fs.String("date", "", e.t("cli.flag.date"))
	start := fs.String("start", "09:00", e.t("cli.flag.start"))
	lang := fs.String("lang", "es", e.t("cli.flag.lang"))
	facilitator := fs.String("facilitator", "", e.t("cli.flag.facilitator"))
	checkinCap := fs.Int("cap", taller.DefaultCheckInCap, e.t("cli.flag.cap"))
	if _, err := e.parseArgs(fs, args, 0); err != nil {
		return err
	}
	startAt, err := taller.ParseClock(*start)
	if err != nil {
		return err
	}
	w := &taller.Workshop{Title: *title, Country: taller.Country(*country), Locality: *locality, Organization: *org,
		Date: *date, Start: startAt, Language: i18n.Lang(*lang), Facilitator: *facilitator, CheckInCap: *checkinCap}
	// Validate before opening the data file, so bad input writes nothing,
	// not even an empty file.
	w.Normalize()
	if err := w.Validate(); err != nil {
		return err
	}
	st, err := e.store()
	if err != nil {
		return err
	}
	if err := st.CreateWorkshop(e.ctx, w); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, w.ID)
	return nil
}

// workshopJSON is the --json form of a workshop: every field a person
// entered, plus its phases and export state; never the join token.
type workshopJSON struct {
	*taller.Workshop
	NotExported bool `json:"not_exported"`
}

func runWorkshopList(e *env, args []string) error {
	c := commands["workshop list"]
	fs := e.flags(c)
	asJSON := fs.Bool("json", false, e.t("cli.flag.json"))
	if _, err := e.parseArgs(fs, args, 0); err != nil {
		return err
	}
	st, err := e.store()
	if err != nil {
		return err
	}
	ws, err := st.Workshops(e.ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]workshopJSON, len(ws))
		for i, w := range ws {
			out[i] = workshopJSON{Workshop: w, NotExported: w.Changed()}
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	if len(ws) == 0 {
		fmt.Fprintln(e.stdout, e.t("cli.no_workshops"))
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", "ID", e.t("cli.col.date"), e.t("cli.col.country"), e.t("cli.col.locality"), e.t("cli.col.title"))
	for _, w := range ws {
		fmt.Fprintf(tw, "%s\t%s %s\t%s\t%s\t%s\n", w.ID, w.Date, w.Start, w.Country, w.Locality, w.Title)
	}
	return tw.Flush()
}

func runWorkshopDelete(e *env, args []string) error {
	c := commands["workshop delete"]
	pos, err := e.parseArgs(e.flags(c), args, 1)
	if err != nil {
		return err
	}
	st, err := e.store()
	if err != nil {
		return err
	}
	if err := st.DeleteWorkshop(e.ctx, pos[0]); err != nil {
		return err
	}
	fmt.Fprintln(e.stderr, e.t("cli.deleted"))
	return nil
}
