package main

import (
	"errors"
	"fmt"
	"os"

	"taller"
	"taller/i18n"
	reports "taller/report" // main has a func report
	"taller/store"
)

func init() {
	register(&command{name: "merge", summary: "report.cli.merge", run: runMerge,
		usage: "-o OUT.xlsx [--skip-bad] [--lang es|en] [--trust FILE] [--identity FILE] FILE.xlsx|FILE.xlsx.age…"})
}

func runMerge(e *env, args []string) error {
	c := commands["merge"]
	fs := e.flags(c)
	out := fs.String("o", "", e.t("report.cli.flag.out"))
	skipBad := fs.Bool("skip-bad", false, e.t("report.cli.flag.skip_bad"))
	lang := fs.String("lang", string(e.lang), e.t("report.cli.flag.lang"))
	trustFile := fs.String("trust", "", e.t("trust.cli.flag.trust"))
	var identityFiles stringList
	fs.Var(&identityFiles, "identity", e.t("trust.cli.flag.identity"))
	files, err := e.parse(fs, args)
	if err != nil {
		return err
	}
	if *out == "" || len(files) == 0 {
		return e.usagef("cli.err.args", map[string]any{"Cmd": c.name, "Usage": c.usage})
	}
	if !i18n.Lang(*lang).Valid() {
		return e.usagef("err.lang.unknown", map[string]any{"Value": *lang})
	}
	// A coordinator may merge on a machine that never ran a workshop: the
	// data file is read for the threshold setting only if it exists.
	k := taller.DefaultThreshold
	if _, err := os.Stat(store.Path(e.dataDir)); err == nil {
		st, err := e.store()
		if err != nil {
			return err
		}
		if k, err = reports.Threshold(e.ctx, st); err != nil {
			return err
		}
	}
	opts := reports.MergeOptions{Lang: i18n.Lang(*lang), SkipBad: *skipBad, Threshold: k}
	if opts.Trust, err = readTrustList(*trustFile); err != nil {
		return err
	}
	for _, path := range identityFiles {
		ids, err := reports.ReadIdentityFile(path)
		if err != nil {
			return err
		}
		opts.Identities = append(opts.Identities, ids...)
	}
	// The merged workbook is signed by this laptop's key, made in the data
	// folder on first use (the folder then holds the key only).
	if opts.Key, err = store.SigningKey(e.dataDir); err != nil {
		return err
	}
	res, err := reports.Merge(e.ctx, files, *out, opts)
	if res != nil {
		for i, f := range res.Accepted {
			fmt.Fprintln(e.stdout, e.t("trust.cli.accepted", map[string]any{"File": f, "Signer": res.SignedBy[i]}))
		}
		for _, r := range res.Refused {
			fmt.Fprintln(e.stdout, e.t("report.cli.refused", map[string]any{"File": r.File, "Reason": r.Reason}))
		}
		for _, d := range res.Duplicates {
			fmt.Fprintln(e.stdout, e.t("report.cli.duplicate", map[string]any{"Text": d}))
		}
	}
	var te *taller.Error
	if errors.As(err, &te) && te.Key == "report.err.refused" {
		// On the command line, say how to go on.
		return taller.Errorf(te.Code, "report.cli.err.refused", "Count", te.Args["Count"])
	}
	if err != nil {
		return err
	}
	for _, fp := range res.Signers {
		fmt.Fprintln(e.stdout, e.t("trust.cli.signers", map[string]any{"Signer": fp}))
	}
	fmt.Fprintln(e.stdout, e.t("report.cli.merged", map[string]any{"Workshops": res.Workshops, "Files": len(res.Accepted), "Path": *out}))
	return nil
}

// readTrustList reads the --trust file (nil when none was given).
func readTrustList(path string) (*taller.TrustList, error) {
	if path == "" {
		return nil, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, taller.Errorf(taller.EINVALID, "trust.cli.err.trust_file", "Path", path)
	}
	defer f.Close()
	return taller.ParseTrustList(f)
}
