package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/krakensim/krakensim/internal/lazyre"
)

// Set by the release build (see .goreleaser.yaml) with -ldflags -X.
var (
	version = "dev"
	commit  = ""
	date    = ""
)

// buildInfo returns the version, commit and build date: from ldflags (GoReleaser),
// else from the module and VCS stamps Go writes into the binary (go build, go install).
func buildInfo() (v, c, d string) {
	bi, _ := debug.ReadBuildInfo()
	return describeBuild(version, commit, date, bi)
}

// pseudoVersion matches a Go pseudo-version's time and commit (v0.0.0-20260102150405-abcdef123456).
var pseudoVersion = lazyre.New(`(?:^|[.-])(\d{14})-([0-9a-f]{12})(?:\+.*)?$`)

// describeBuild fills what the ldflags left unset from bi; "unknown" where nothing says.
func describeBuild(v, c, d string, bi *debug.BuildInfo) (string, string, string) {
	modified := false
	if bi != nil {
		if v == "dev" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch {
			case s.Key == "vcs.revision" && c == "":
				c = s.Value
			case s.Key == "vcs.time" && d == "":
				d = s.Value
			case s.Key == "vcs.modified" && s.Value == "true":
				modified = true
			}
		}
	}
	if m := pseudoVersion().FindStringSubmatch(v); m != nil {
		if c == "" {
			c = m[2]
		}
		if t, err := time.Parse("20060102150405", m[1]); err == nil && d == "" {
			d = t.UTC().Format(time.RFC3339)
		}
	}
	if modified && c != "" && !strings.HasSuffix(c, "-dirty") {
		c += "-dirty"
	}
	if c == "" {
		c = "unknown"
	}
	if d == "" {
		d = "unknown"
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
	fmt.Fprintf(env.stdout, "commit:  %s\n", c)
	fmt.Fprintf(env.stdout, "built:   %s\n", d)
	fmt.Fprintf(env.stdout, "go:      %s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return nil
}
