package main

import (
	"flag"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"taller"
	"taller/curriculum"
	"taller/i18n"
	"taller/participant"
	"taller/printout"
)

func init() {
	register(&command{name: "print", summary: "print.summary", run: runPrint,
		usage: "poster|slips|quiz|evaluation|tally|agenda|take-home --workshop ID -o FILE.pdf [--lang es|en] [--copies N] [--paper a4|letter] [--host NAME] [--port N]"})
}

// windowsHotspotHost is the address Windows always gives itself on its
// Mobile Hotspot.
const windowsHotspotHost = "192.168.137.1"

// runPrint writes one printable PDF of a workshop.
func runPrint(e *env, args []string) error {
	c := commands["print"]
	fs := e.flags(c)
	wsID := fs.String("workshop", "", e.t("print.flag.workshop"))
	out := fs.String("o", "", e.t("print.flag.out"))
	lang := fs.String("lang", "", e.t("print.flag.lang"))
	copies := fs.Int("copies", 0, e.t("print.flag.copies"))
	paper := fs.String("paper", string(printout.DefaultPaper), e.t("print.flag.paper"))
	host := fs.String("host", "", e.t("print.flag.host"))
	port := fs.Int("port", 8080, e.t("print.flag.port"))
	pos, err := e.parseArgs(fs, args, 1)
	if err != nil {
		return err
	}
	kind, err := printout.ParseKind(pos[0])
	if err != nil {
		return &usageError{msg: taller.Message(e.lang, err)}
	}
	if *wsID == "" {
		return e.usagef("print.workshop_required")
	}
	if *out == "" {
		return e.usagef("print.err.output")
	}
	p, err := printout.ParsePaper(*paper)
	if err != nil {
		return &usageError{msg: taller.Message(e.lang, err)}
	}
	if *lang != "" && !i18n.Lang(*lang).Valid() {
		return e.usagef("err.lang.unknown", map[string]any{"Value": *lang})
	}
	copiesSet := false
	fs.Visit(func(f *flag.Flag) { copiesSet = copiesSet || f.Name == "copies" })
	if copiesSet && *copies < 1 {
		limit := printout.MaxCopies
		if kind == printout.Slips {
			limit = printout.MaxSlips
		}
		return e.usagef("print.err.copies", map[string]any{"Max": limit})
	}
	if *port < 1 || *port > 65535 {
		return e.usagef("print.err.port")
	}
	st, err := e.store()
	if err != nil {
		return err
	}
	ws, err := st.Workshop(e.ctx, *wsID)
	if err != nil {
		return err
	}
	cur, err := curriculum.Open(e.dataDir)
	if err != nil {
		fmt.Fprintln(e.stderr, e.t("serve.curriculum", map[string]any{"Err": err.Error()}))
	}
	req := printout.Request{Kind: kind, WorkshopID: ws.ID, Lang: i18n.Lang(*lang), Paper: p, Copies: *copies}
	if kind == printout.Poster {
		if req.JoinURL, err = posterJoinURL(e, ws, *host, *port); err != nil {
			return err
		}
	}
	data, err := printout.Render(e.ctx, printout.Deps{Workshops: st, Attendance: st, Settings: st, Curriculum: cur}, req)
	if err != nil {
		return err
	}
	if err := writeFileAtomic(*out, data); err != nil {
		return taller.Errorf(taller.EINVALID, "print.err.write", "Path", *out)
	}
	fmt.Fprintln(e.stdout, e.t("print.saved", map[string]any{"Path": *out}))
	return nil
}

// posterJoinURL is the link behind a printed poster's QR code. A poster is
// printed before the hall, so it cannot know the address the laptop will
// have there: --host says it; without it the address Taller would pick now
// is used, with a warning, and on Windows with no network at all the
// Mobile Hotspot's fixed address.
func posterJoinURL(e *env, ws *taller.Workshop, host string, port int) (string, error) {
	if host != "" {
		if !validHost(host) {
			return "", taller.Errorf(taller.EINVALID, "print.err.host", "Value", host)
		}
		return participant.JoinURL(host, port, ws.JoinToken), nil
	}
	h, err := participant.LANAddress()
	switch {
	case err == nil:
		url := participant.JoinURL(h, port, ws.JoinToken)
		fmt.Fprintln(e.stderr, e.t("print.host_warning", map[string]any{"URL": url, "Host": h}))
		return url, nil
	case runtime.GOOS == "windows":
		fmt.Fprintln(e.stderr, e.t("print.host_fallback", map[string]any{"Host": windowsHotspotHost}))
		return participant.JoinURL(windowsHotspotHost, port, ws.JoinToken), nil
	}
	return "", taller.Errorf(taller.EINVALID, "print.no_lan")
}

// validHost accepts an IP address or a host name: letters, digits, dots
// and dashes, nothing that would change the link's meaning.
func validHost(h string) bool {
	if net.ParseIP(h) != nil {
		return true
	}
	if len(h) > 253 {
		return false
	}
	for _, r := range h {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-') {
			return false
		}
	}
	return !strings.HasPrefix(h, "-") && !strings.HasPrefix(h, ".")
}

// writeFileAtomic writes data to path through a temporary file in the same
// folder, so a half-written PDF never takes the name.
func writeFileAtomic(path string, data []byte) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".taller-print-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
