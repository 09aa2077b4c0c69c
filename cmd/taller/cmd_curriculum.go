package main

import (
	"fmt"
	"text/tabwriter"

	"taller/curriculum"
)

func init() {
	register(&command{name: "curriculum list", summary: "cli.curriculum_list", run: runCurriculumList})
	register(&command{name: "curriculum import", usage: "PATH(.zip|folder)", summary: "cli.curriculum_import", run: runCurriculumImport})
	register(&command{name: "curriculum guide", usage: "ID", summary: "curriculum.cli.guide_summary", run: runCurriculumGuide})
}

func runCurriculumList(e *env, args []string) error {
	c := commands["curriculum list"]
	if _, err := e.parseArgs(e.flags(c), args, 0); err != nil {
		return err
	}
	cur, err := curriculum.Open(e.dataDir)
	if err != nil {
		fmt.Fprintf(e.stderr, "taller: %s\n", curriculumMessage(e, err))
	}
	return printCurriculum(e, cur)
}

func printCurriculum(e *env, cur *curriculum.Curriculum) error {
	source := cur.Source()
	if source == curriculum.SourceBundled {
		source = e.t("cli.curriculum_bundled")
	}
	fmt.Fprintf(e.stdout, "%s: %s\n", e.t("cli.curriculum_source"), source)
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	for _, m := range cur.Modules() {
		t := m.In(e.lang)
		fmt.Fprintf(tw, "%s\t%d min\t%s\t%d %s\t%s\n", m.ID, m.Minutes, e.t("cli.sensitivity."+m.Sensitivity), len(t.Quiz), e.t("cli.questions"), t.Title)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout)
	for _, t := range cur.Templates() {
		fmt.Fprintf(e.stdout, "%s: %s (%s–%s)\n", t.Name, t.Title(e.lang), t.Agenda.Start, t.Agenda.Finish())
	}
	fmt.Fprintf(e.stdout, "\n%s:\n", e.t("curriculum.cli.guides"))
	tw = tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	for _, g := range cur.Guides(e.lang) {
		audience := e.t("curriculum.cli.for_facilitators")
		if g.ForParticipants {
			audience = e.t("curriculum.cli.for_participants")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", g.ID, audience, g.Title)
	}
	return tw.Flush()
}

// runCurriculumGuide prints one guide's Markdown, for reading or printing.
func runCurriculumGuide(e *env, args []string) error {
	c := commands["curriculum guide"]
	pos, err := e.parseArgs(e.flags(c), args, 1)
	if err != nil {
		return err
	}
	cur, err := curriculum.Open(e.dataDir)
	if err != nil {
		fmt.Fprintf(e.stderr, "taller: %s\n", curriculumMessage(e, err))
	}
	g, ok := cur.Guide(pos[0], e.lang)
	if !ok {
		fmt.Fprintln(e.stderr, "taller: "+e.t("curriculum.cli.no_guide", map[string]any{"ID": pos[0]}))
		return errSilent
	}
	fmt.Fprintf(e.stdout, "# %s\n\n%s\n", g.Title, g.Body)
	return nil
}

func runCurriculumImport(e *env, args []string) error {
	c := commands["curriculum import"]
	pos, err := e.parseArgs(e.flags(c), args, 1)
	if err != nil {
		return err
	}
	cur, err := curriculum.Import(pos[0], e.dataDir)
	if err != nil {
		if pe, ok := err.(*curriculum.PackError); ok {
			// The list of problems, one a line; the current curriculum
			// stays in place, as the message says.
			fmt.Fprintln(e.stderr, pe.Message(e.lang))
			return errSilent
		}
		return err
	}
	fmt.Fprintln(e.stderr, e.t("cli.curriculum_imported", map[string]any{"N": len(cur.Modules())}))
	return printCurriculum(e, cur)
}
