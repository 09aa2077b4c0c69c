package main

import (
	"fmt"
	"text/tabwriter"

	"taller/demo"
)

func init() {
	register(&command{name: "demo", usage: "[--data DIR]", summary: "report.cli.demo", run: runDemo})
}

func runDemo(e *env, args []string) error {
	c := commands["demo"]
	fs := e.flags(c)
	dataDir := fs.String("data", "", e.t("report.cli.flag.data"))
	if _, err := e.parseArgs(fs, args, 0); err != nil {
		return err
	}
	if *dataDir != "" {
		e.dataDir = *dataDir
	}
	st, err := e.store()
	if err != nil {
		return err
	}
	res, err := demo.Fill(e.ctx, st)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", "ID", e.t("cli.col.date"), e.t("cli.col.country"), e.t("cli.col.locality"), e.t("cli.participants"))
	for i, w := range res.Workshops {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\n", w.ID, w.Date, w.Country, w.Locality, demo.Workshops[i].Participants())
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	key := "demo.loaded"
	if res.Created == 0 && res.Added == 0 {
		key = "demo.already"
	}
	fmt.Fprintln(e.stderr, e.t(key, map[string]any{"Workshops": len(res.Workshops), "Participants": res.Participants}))
	return nil
}
