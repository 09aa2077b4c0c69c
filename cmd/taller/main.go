// Command taller is Taller's program: with no subcommand it opens the
// facilitator's desktop app; subcommands do the same work from a terminal.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"taller"
	"taller/i18n"
	"taller/store"
)

func main() {
	attachConsole()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is the whole program minus the process: it parses the global flags,
// runs one subcommand (or the GUI) and returns the exit code: 0 done, 1 bad
// input or failure, 2 misuse of the command line.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	e := &env{ctx: ctx, lang: i18n.FromEnv(), stdout: stdout, stderr: stderr, notify: taller.NewNotifier()}
	defer e.close()

	global := flag.NewFlagSet("taller", flag.ContinueOnError)
	global.SetOutput(io.Discard)
	dataDir := global.String("data", "", "")
	lang := global.String("lang", "", "")
	help := global.Bool("h", false, "")
	global.BoolVar(help, "help", false, "")
	if err := global.Parse(args); err != nil {
		fmt.Fprintf(stderr, "taller: %s\n", err)
		return 2
	}
	if *lang != "" {
		if err := e.setLang(*lang); err != nil {
			return report(e, err)
		}
	}
	if os.Getenv("TALLER_LANG") != "" {
		e.langChosen = true
	}
	if *help {
		printHelp(e, stdout)
		return 0
	}
	e.dataDir = *dataDir
	if e.dataDir == "" {
		d, err := store.DefaultDir()
		if err != nil {
			fmt.Fprintf(stderr, "taller: %s\n", e.t("cli.err.no_data_dir"))
			return 1
		}
		e.dataDir = d
	}

	rest := global.Args()
	if len(rest) == 0 {
		return report(e, runGUI(e))
	}
	if rest[0] == "help" {
		printHelp(e, stdout)
		return 0
	}
	c, cargs := findCommand(rest)
	if c == nil && len(rest) >= 1 && (len(rest) == 1 || rest[1] == "-h" || rest[1] == "--help" || rest[1] == "help") {
		// "taller workshop" or "taller workshop -h": the group's commands.
		w, code := stdout, 0
		if len(rest) == 1 {
			w, code = stderr, 2
		}
		if printGroup(e, w, rest[0]) {
			return code
		}
	}
	if c == nil {
		fmt.Fprintf(stderr, "taller: %s\n", e.t("cli.err.unknown_command", map[string]any{"Cmd": strings.Join(rest[:min(2, len(rest))], " ")}))
		return 2
	}
	return report(e, c.run(e, cargs))
}

// report prints err as one line in the user's language and returns the
// exit code it deserves.
func report(e *env, err error) int {
	if err == nil {
		return 0
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if errors.Is(err, errSilent) {
		return 1
	}
	var u *usageError
	if errors.As(err, &u) {
		fmt.Fprintf(e.stderr, "taller: %s\n", u.msg)
		return 2
	}
	msg := taller.Message(e.lang, err)
	if taller.ErrorCode(err) == taller.EINTERNAL {
		// The details help whoever supports the facilitator; they are in
		// English and never contain participants' data.
		msg += " (" + err.Error() + ")"
	}
	fmt.Fprintf(e.stderr, "taller: %s\n", msg)
	return 1
}
