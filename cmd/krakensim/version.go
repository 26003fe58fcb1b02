package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
)

// Set by the release build (see .goreleaser.yaml) with -ldflags -X.
var (
	version = "dev"
	commit  = ""
	date    = ""
)

// buildInfo returns the version, commit and build date, from ldflags or the module.
func buildInfo() (v, c, d string) {
	v, c, d = version, commit, date
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v == "dev" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch {
			case s.Key == "vcs.revision" && c == "":
				c = s.Value
			case s.Key == "vcs.time" && d == "":
				d = s.Value
			}
		}
	}
	return v, c, d
}

func runVersion(_ context.Context, env *environment, args []string) error {
	fs := newFlagSet("version", "krakensim version")
	if err := fs.parse(env, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("version: unexpected argument %q", fs.Arg(0))
	}
	v, c, d := buildInfo()
	fmt.Fprintf(env.stdout, "krakensim %s\n", v)
	if c != "" {
		fmt.Fprintf(env.stdout, "commit:  %s\n", c)
	}
	if d != "" {
		fmt.Fprintf(env.stdout, "built:   %s\n", d)
	}
	fmt.Fprintf(env.stdout, "go:      %s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return nil
}
