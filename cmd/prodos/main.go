// Command prodos is the headless Production OS CLI: catalog, validation,
// costing, bills of materials, sourcing, machine jobs, schedules, the ledger
// and the classroom server. It never imports ebiten, so it runs on servers.
//
// Exit codes, for every subcommand: 0 success, 1 a check found problems,
// 2 bad usage or malformed input.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"
)

// Exit codes shared by all subcommands.
const (
	exitOK       = 0
	exitProblems = 1
	exitUsage    = 2
)

// command is one prodos subcommand. Each lives in its own file and registers
// itself in init, so adding a command never edits this file.
type command struct {
	name    string
	usage   string // e.g. "catalog [--format table|json]"
	summary string
	run     func(env *env, args []string) int
}

// env is what a command may touch: its streams. Tests pass buffers.
type env struct {
	stdout, stderr io.Writer
	stdin          io.Reader
	now            func() time.Time // the clock; time.Now when nil (tests move it instead of waiting)
	// overlay is the site overlay file loaded on top of the catalog
	// (`prodos --overlay FILE COMMAND`, else $PRODOS_OVERLAY); "" for none.
	overlay string
}

var commands = map[string]*command{}

func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("prodos: duplicate command " + c.name)
	}
	commands[c.name] = c
}

func main() {
	os.Exit(run(&env{stdout: os.Stdout, stderr: os.Stderr, stdin: os.Stdin, overlay: os.Getenv("PRODOS_OVERLAY")}, os.Args[1:]))
}

func run(e *env, args []string) int {
	if len(args) > 0 && (args[0] == "--overlay" || strings.HasPrefix(args[0], "--overlay=")) {
		if v, ok := strings.CutPrefix(args[0], "--overlay="); ok {
			e.overlay, args = v, args[1:]
		} else if len(args) > 1 {
			e.overlay, args = args[1], args[2:]
		} else {
			fmt.Fprintln(e.stderr, "prodos: --overlay needs a FILE")
			return exitUsage
		}
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		printUsage(e.stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "prodos: unknown command %q\n\n", args[0])
		printUsage(e.stderr)
		return exitUsage
	}
	return c.run(e, args[1:])
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: prodos [--overlay FILE] COMMAND [flags] [args]")
	fmt.Fprintln(w, "\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  prodos %s\n      %s\n", commands[n].usage, commands[n].summary)
	}
	fmt.Fprintln(w, "\nexit codes: 0 success, 1 a check found problems, 2 bad usage or malformed input")
}

// newFlags makes a flag set that reports errors to stderr and never exits.
func newFlags(e *env, c string) *flag.FlagSet {
	fs := flag.NewFlagSet(c, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: prodos %s\n", commands[c].usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses flags that may come before or after positional
// arguments ("prodos bom DESIGN --format json" and "prodos bom --format json
// DESIGN" both work). It returns the positional arguments.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// oneOf checks a flag value against its allowed values.
func oneOf(e *env, flagName, v string, allowed ...string) bool {
	for _, a := range allowed {
		if v == a {
			return true
		}
	}
	fmt.Fprintf(e.stderr, "prodos: --%s must be one of %s, got %q\n", flagName, strings.Join(allowed, ", "), v)
	return false
}
