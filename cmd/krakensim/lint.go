package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/krakensim/krakensim/scenarios"
	"github.com/krakensim/krakensim/schema"
	"github.com/krakensim/krakensim/sim/platform"
	"github.com/krakensim/krakensim/sim/rules"
)

func runLint(_ context.Context, env *environment, args []string) error {
	fs := newFlagSet("lint", "krakensim lint [--strict] [--schema FILE]... [--auth-schema FILE]... [--errors FILE]... [PATH...]\n\nChecks scenario files (PATH: files, or folders searched for *.yaml and *.yml; default:\nthe shipped pack) against the contract. Prints file:line:col: severity: message lines;\nexits 1 when any error is found.")
	var sf schemaFlags
	sf.register(fs)
	strict := fs.Bool("strict", false, "treat warnings (such as error codes a field does not document) as errors")
	if err := fs.parse(env, args); err != nil {
		return err
	}
	c, err := sf.load()
	if err != nil {
		return err
	}
	contract := scenarios.Contract{
		API: c.api, Auth: c.auth, Registry: c.registry,
		APICatalog: schema.NewCatalog(c.api), AuthCatalog: schema.NewCatalog(c.auth),
		Routes: scenarios.RouteNames(platform.Routes(c.api)),
	}

	var all []*rules.Scenario
	var probs scenarios.Problems
	files := 0
	if fs.NArg() == 0 {
		scs, err := scenarios.Pack()
		probs = append(probs, problemsOf(err)...)
		all = scs
		files = countFiles(scs)
	} else {
		paths, err := scenarios.Files(fs.Args()...)
		if err != nil {
			return usagef("lint: %v", err)
		}
		// Files parse independently: on every processor at once.
		parsed := make([]struct {
			scs           []*rules.Scenario
			err, parseErr error
		}, len(paths))
		forEach(len(paths), func(i int) {
			src, err := os.ReadFile(paths[i])
			if err != nil {
				parsed[i].err = err
				return
			}
			parsed[i].scs, parsed[i].parseErr = scenarios.Parse(paths[i], src)
		})
		for _, p := range parsed {
			if p.err != nil {
				return usagef("lint: %v", p.err)
			}
			files++
			probs = append(probs, problemsOf(p.parseErr)...)
			all = append(all, p.scs...)
		}
	}
	probs = append(probs, scenarios.Lint(all, contract)...)
	if *strict {
		probs = probs.Strict()
	}
	probs.Sort()
	for _, p := range probs {
		fmt.Fprintln(env.stdout, p.String())
	}
	nerr, nwarn := len(probs.Errors()), len(probs.Warnings())
	fmt.Fprintf(env.stderr, "krakensim lint: %d %s, %d %s in %d %s (%d %s)\n",
		nerr, plural(nerr, "error"), nwarn, plural(nwarn, "warning"),
		len(all), plural(len(all), "scenario"), files, plural(files, "file"))
	if nerr > 0 {
		return &exitError{code: 1}
	}
	return nil
}

// problemsOf returns the problems inside a Parse or Pack error.
func problemsOf(err error) scenarios.Problems {
	if err == nil {
		return nil
	}
	var ps scenarios.Problems
	if errors.As(err, &ps) {
		return ps
	}
	return scenarios.Problems{{Message: err.Error()}}
}

func countFiles(scs []*rules.Scenario) int {
	seen := map[string]bool{}
	for _, sc := range scs {
		seen[sc.Pos.File] = true
	}
	return len(seen)
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
