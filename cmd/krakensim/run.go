package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
)

// usageError is a problem with how krakensim was invoked or configured: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// exitError ends the program with a status after its message was already printed.
type exitError struct{ code int }

func (e *exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// errHelp reports that help was asked for and printed: exit status 0.
var errHelp = errors.New("help requested")

type command struct {
	name, summary string
	run           func(ctx context.Context, env *environment, args []string) error
}

// environment is what a command may touch of the outside world.
type environment struct {
	getenv         func(string) string
	stdin          io.Reader
	stdout, stderr io.Writer
}

func commands() []command {
	return []command{
		{"serve", "run the simulator over HTTP", runServe},
		{"schema", "print the effective SDL or a root field's documented errors", runSchema},
		{"lint", "check scenario files against the schema, the documented errors and the routes", runLint},
		{"coverage", "report which parts of the contract a running server's requests exercised", runCoverage},
		{"health", "check that a running krakensim serves (exit 0) or not (exit 1)", runHealth},
		{"version", "print version information", runVersion},
	}
}

// run is the whole program: it parses args and runs one command.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	env := &environment{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		printUsage(stderr)
		return usagef("no command given")
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		printUsage(stdout)
		return nil
	case "-v", "--version":
		return runVersion(ctx, env, nil)
	}
	for _, c := range commands() {
		if c.name == args[0] {
			err := c.run(ctx, env, args[1:])
			if errors.Is(err, errHelp) {
				return nil
			}
			return err
		}
	}
	return usagef("unknown command %q%s; run 'krakensim --help' for the commands", args[0], suggest(args[0], commandNames()))
}

func commandNames() []string {
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	return names
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "krakensim: a contract-testing mock server and simulator for the Kraken API")
	fmt.Fprintln(w, "\nUsage:\n  krakensim <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'krakensim <command> --help' for a command's flags. Every flag can also be")
	fmt.Fprintln(w, "set with an environment variable: --max-depth is KRAKENSIM_MAX_DEPTH.")
}

// exitCode prints err (when it has something to say) and maps it to an exit status.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	fmt.Fprintf(stderr, "krakensim: %s\n", strings.TrimSpace(err.Error()))
	var ue *usageError
	if errors.As(err, &ue) {
		return 2
	}
	return 1
}
