package main

import (
	"fmt"
	"os"
	"strings"

	"taller"
	"taller/i18n"
	reports "taller/report" // main has a func report
)

func init() {
	register(&command{name: "export", summary: "report.cli.export", run: runExport,
		usage: "--workshop ID [--workshop ID …] | --all  -o FILE.xlsx [--lang es|en] [--include-comments] [--outbox] [--encrypt-to age1…]"})
}

// stringList is a flag that may be repeated.
type stringList []string

func (s *stringList) String() string { return strings.Join(*s, ",") }

func (s *stringList) Set(v string) error {
	*s = append(*s, v)
	return nil
}

func runExport(e *env, args []string) error {
	c := commands["export"]
	fs := e.flags(c)
	var ids stringList
	fs.Var(&ids, "workshop", e.t("report.cli.flag.workshop"))
	all := fs.Bool("all", false, e.t("report.cli.flag.all"))
	out := fs.String("o", "", e.t("report.cli.flag.out"))
	lang := fs.String("lang", string(e.lang), e.t("report.cli.flag.lang"))
	comments := fs.Bool("include-comments", false, e.t("report.cli.flag.include_comments"))
	outbox := fs.Bool("outbox", false, e.t("report.cli.flag.outbox"))
	encryptTo := fs.String("encrypt-to", "", e.t("trust.cli.flag.encrypt_to"))
	if _, err := e.parseArgs(fs, args, 0); err != nil {
		return err
	}
	if *encryptTo != "" {
		if _, err := taller.ParseCoordinatorKey(*encryptTo); err != nil {
			return err
		}
		if *out != "" && !strings.HasSuffix(strings.ToLower(*out), reports.EncryptedExt) {
			return e.usagef("trust.cli.err.encrypted_name")
		}
	} else if strings.HasSuffix(strings.ToLower(*out), reports.EncryptedExt) {
		// A plain workbook under an encrypted file's name would travel as
		// if it were safe.
		return e.usagef("trust.cli.err.plain_age")
	}
	if (len(ids) > 0) == *all {
		return e.usagef("report.cli.err.select")
	}
	if *out == "" && !*outbox {
		return e.usagef("report.cli.err.target")
	}
	if !i18n.Lang(*lang).Valid() {
		return e.usagef("err.lang.unknown", map[string]any{"Value": *lang})
	}
	st, err := e.store()
	if err != nil {
		return err
	}

	// Find everything that could fail before writing anything: the
	// workshops and the outbox folder.
	var workshops []*taller.Workshop
	if *all {
		if workshops, err = st.Workshops(e.ctx); err != nil {
			return err
		}
		if len(workshops) == 0 {
			return taller.Errorf(taller.EINVALID, "report.err.no_workshops")
		}
	} else {
		for _, id := range ids {
			w, err := st.Workshop(e.ctx, id)
			if err != nil {
				return err
			}
			workshops = append(workshops, w)
		}
	}
	idList := make([]string, len(workshops))
	for i, w := range workshops {
		idList[i] = w.ID
	}
	var outboxDir string
	if *outbox {
		if outboxDir, err = st.Setting(e.ctx, taller.SettingOutbox, ""); err != nil {
			return err
		}
		if outboxDir == "" {
			return taller.Errorf(taller.EINVALID, "report.err.no_outbox")
		}
		if info, err := os.Stat(outboxDir); err != nil || !info.IsDir() {
			return taller.Errorf(taller.EINVALID, "report.err.outbox_missing", "Path", outboxDir)
		}
	}
	k, err := reports.Threshold(e.ctx, st)
	if err != nil {
		return err
	}
	opts := reports.ExportOptions{Lang: i18n.Lang(*lang), IncludeComments: *comments, Threshold: k, EncryptTo: *encryptTo}
	// Outbox files are encrypted to the coordinator key of Settings
	// (--encrypt-to overrides it).
	outboxOpts := opts
	if outboxOpts.EncryptTo == "" && *outbox {
		if outboxOpts.EncryptTo, err = st.Setting(e.ctx, taller.SettingCoordinatorKey, ""); err != nil {
			return err
		}
	}

	done := func(res *reports.ExportResult) {
		fmt.Fprintln(e.stdout, res.Path)
		fmt.Fprintln(e.stderr, e.t("report.cli.exported", map[string]any{"Count": res.Workshops, "Path": res.Path}))
		// What the export held back, in plain words (taller.Disclose).
		if note := res.HeldSummary(e.lang); note != "" {
			fmt.Fprintln(e.stderr, note)
		}
	}
	if *out != "" {
		res, err := reports.ExportFile(e.ctx, st, idList, *out, opts)
		if err != nil {
			return err
		}
		done(res)
	}
	for _, w := range workshops {
		if outboxDir == "" {
			break
		}
		res, err := reports.ExportOutbox(e.ctx, st, w, outboxDir, outboxOpts)
		if err != nil {
			return err
		}
		done(res)
	}
	return nil
}
