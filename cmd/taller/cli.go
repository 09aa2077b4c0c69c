package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"taller"
	"taller/i18n"
	"taller/store"
)

// command is one subcommand. Each lives in its own file and registers
// itself in init, so features add commands without touching the others.
type command struct {
	name    string // "workshop add"
	usage   string // arguments after the name, e.g. "ID [--json]"
	summary string // translation key of a one-line description
	run     func(e *env, args []string) error
}

var commands = map[string]*command{}

func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("command registered twice: " + c.name)
	}
	commands[c.name] = c
}

// env is what a command runs with: the data folder, the language, the
// output streams, and the store, opened on first use.
type env struct {
	ctx     context.Context
	dataDir string
	lang    i18n.Lang
	// langChosen is true when the user asked for lang (--lang or
	// TALLER_LANG) rather than it coming from the system locale.
	langChosen bool
	stdout     io.Writer
	stderr     io.Writer
	st         *store.Store
	notify     *taller.Notifier
	// flagErr is the message of a global flag's own check, for flagError.
	flagErr error
}

// store opens the data file on first use.
func (e *env) store() (*store.Store, error) {
	if e.st == nil {
		st, err := store.Open(e.dataDir, store.Options{Notifier: e.notify})
		if err != nil {
			return nil, err
		}
		e.st = st
	}
	return e.st, nil
}

func (e *env) close() {
	if e.st != nil {
		e.st.Close()
		e.st = nil
	}
}

// t translates key in the command line's language.
func (e *env) t(key string, args ...any) string { return i18n.T(e.lang, key, args...) }

// errSilent is returned by a command that has already printed why it
// failed: exit code 1, nothing more printed.
var errSilent = errors.New("reported")

// usageError is a misuse of the command line: exit code 2.
type usageError struct{ msg string }

func (u *usageError) Error() string { return u.msg }

func (e *env) usagef(key string, args ...any) error { return &usageError{msg: e.t(key, args...)} }

// flags returns a flag set for c whose errors and help go to stderr in the
// user's language.
func (e *env) flags(c *command) *flag.FlagSet {
	fs := flag.NewFlagSet("taller "+c.name, flag.ContinueOnError)
	// The flag package's own error lines are in English; parse prints a
	// translated one instead.
	fs.SetOutput(io.Discard)
	// The flag package calls Usage on every error too; parse prints the
	// usage only when help was asked for.
	fs.Usage = func() {}
	return fs
}

// parse parses args with fs, allowing flags after positional arguments,
// and turns flag errors into usage errors. It returns the positional
// arguments. The global flags --data and --lang are accepted here too,
// after the command, unless the command has a flag of that name itself
// (workshop add's --lang is the workshop's language).
func (e *env) parse(fs *flag.FlagSet, args []string) ([]string, error) {
	e.globalFlags(fs)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				e.printUsage(fs)
				return nil, flag.ErrHelp
			}
			return nil, e.flagError(fs, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// globalFlags adds --data and --lang to a command's flags. Commands open
// the store after parsing, so a --data given here is the one used.
func (e *env) globalFlags(fs *flag.FlagSet) {
	if fs.Lookup("data") == nil {
		fs.Func("data", e.t("cli.flag.global_data"), func(v string) error {
			e.dataDir = v
			return nil
		})
	}
	if fs.Lookup("lang") == nil {
		fs.Func("lang", e.t("cli.flag.global_lang"), func(v string) error {
			e.flagErr = e.setLang(v)
			return e.flagErr
		})
	}
}

// setLang makes l the language of the messages, as asked for by --lang.
func (e *env) setLang(l string) error {
	if !i18n.Lang(l).Valid() {
		return e.usagef("err.lang.unknown", map[string]any{"Value": l})
	}
	e.lang = i18n.Lang(l)
	e.langChosen = true
	return nil
}

// printUsage prints a command's usage, summary and options to stderr.
func (e *env) printUsage(fs *flag.FlagSet) {
	c := commands[strings.TrimPrefix(fs.Name(), "taller ")]
	fmt.Fprintf(e.stderr, "%s: taller [--data DIR] %s %s\n%s\n", e.t("cli.usage"), c.name, c.usage, e.t(c.summary))
	var has bool
	fs.VisitAll(func(*flag.Flag) { has = true })
	if has {
		fmt.Fprintln(e.stderr)
		fs.SetOutput(e.stderr)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
}

// flagError turns one of the flag package's errors into a one-line
// message in the user's language.
func (e *env) flagError(fs *flag.FlagSet, err error) error {
	cmd := strings.TrimPrefix(fs.Name(), "taller ")
	msg := err.Error()
	switch {
	case strings.HasPrefix(msg, "flag provided but not defined: "):
		return e.usagef("cli.err.unknown_flag", map[string]any{"Cmd": cmd, "Flag": strings.TrimPrefix(msg, "flag provided but not defined: ")})
	case strings.HasPrefix(msg, "flag needs an argument: "):
		return e.usagef("cli.err.flag_needs_value", map[string]any{"Cmd": cmd, "Flag": strings.TrimPrefix(msg, "flag needs an argument: ")})
	case e.flagErr != nil:
		// A flag's own check (--lang) already said it in the user's words.
		err, e.flagErr = e.flagErr, nil
		return err
	case strings.HasPrefix(msg, "invalid value "), strings.HasPrefix(msg, "invalid boolean value "):
		// invalid value "abc" for flag -female: parse error
		// invalid boolean value "maybe" for -json: parse error
		var value, name string
		format := "invalid value %q for flag %s"
		if strings.HasPrefix(msg, "invalid boolean") {
			format = "invalid boolean value %q for %s"
		}
		if _, scanErr := fmt.Sscanf(msg, format, &value, &name); scanErr == nil || name != "" {
			return e.usagef("cli.err.flag_value", map[string]any{"Cmd": cmd, "Flag": strings.TrimSuffix(name, ":"), "Value": value})
		}
	}
	return &usageError{msg: msg}
}

// parseArgs parses args with fs and checks that exactly n positional
// arguments remain, which it returns.
func (e *env) parseArgs(fs *flag.FlagSet, args []string, n int) ([]string, error) {
	pos, err := e.parse(fs, args)
	if err != nil {
		return nil, err
	}
	if len(pos) != n {
		c := commands[strings.TrimPrefix(fs.Name(), "taller ")]
		return nil, e.usagef("cli.err.args", map[string]any{"Cmd": c.name, "Usage": c.usage})
	}
	return pos, nil
}

// printHelp lists the commands.
func printHelp(e *env, w io.Writer) {
	fmt.Fprintf(w, "%s\n\n%s: taller [--data DIR] [--lang es|en] %s\n\n", e.t("cli.about"), e.t("cli.usage"), e.t("cli.command_args"))
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := commands[n]
		fmt.Fprintf(w, "  %-22s %s\n", n, e.t(c.summary))
	}
	fmt.Fprintf(w, "\n%s\n", e.t("cli.no_command"))
}

// printGroup lists the subcommands of a group such as "workshop".
func printGroup(e *env, w io.Writer, group string) bool {
	var names []string
	for n := range commands {
		if strings.HasPrefix(n, group+" ") {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return false
	}
	sort.Strings(names)
	fmt.Fprintln(w, e.t("cli.group_commands", map[string]any{"Group": group}))
	for _, n := range names {
		fmt.Fprintf(w, "  taller %s %s\n      %s\n", n, commands[n].usage, e.t(commands[n].summary))
	}
	return true
}

// findCommand matches the longest registered name at the start of args:
// "workshop add …" before "workshop".
func findCommand(args []string) (*command, []string) {
	for n := min(3, len(args)); n >= 1; n-- {
		if c, ok := commands[strings.Join(args[:n], " ")]; ok {
			return c, args[n:]
		}
	}
	return nil, args
}
