package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/krakensim/krakensim/internal/nearest"
)

// flagSet is a command's flags, each also settable from KRAKENSIM_<NAME>.
type flagSet struct {
	*flag.FlagSet
	usage string
}

func newFlagSet(name, usage string) *flagSet {
	fs := flag.NewFlagSet("krakensim "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return &flagSet{FlagSet: fs, usage: usage}
}

// envName is the environment variable that sets a flag.
func envName(flagName string) string {
	return "KRAKENSIM_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// parse reads args, then fills every flag not given on the command line from its
// environment variable. --help prints usage to stdout and returns errHelp.
func (fs *flagSet) parse(env *environment, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.printUsage(env.stdout)
			return errHelp
		}
		return usagef("%s: %s; run '%s --help' for its flags", fs.Name(), fixFlagMessage(err.Error()), fs.Name())
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		v := env.getenv(envName(f.Name))
		if set[f.Name] || v == "" || err != nil {
			return
		}
		for _, part := range splitEnv(f, v) {
			if serr := fs.Set(f.Name, part); serr != nil {
				err = usagef("%s=%q: %v", envName(f.Name), v, serr)
				return
			}
		}
	})
	return err
}

// splitEnv splits a repeatable flag's environment value on commas.
func splitEnv(f *flag.Flag, v string) []string {
	if _, ok := f.Value.(*stringList); ok {
		return strings.Split(v, ",")
	}
	return []string{v}
}

// fixFlagMessage shows flags with the double dash the help text uses.
func fixFlagMessage(msg string) string {
	return strings.Replace(msg, ": -", ": --", 1)
}

func (fs *flagSet) printUsage(w io.Writer) {
	fmt.Fprintf(w, "Usage: %s\n\n", fs.usage)
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	sort.Strings(names)
	if len(names) == 0 {
		return
	}
	fmt.Fprintln(w, "Flags (each also read from its environment variable):")
	for _, n := range names {
		f := fs.Lookup(n)
		typ, help := flag.UnquoteUsage(f)
		def := ""
		if f.DefValue != "" && f.DefValue != "[]" {
			def = fmt.Sprintf(" (default %s)", f.DefValue)
		}
		fmt.Fprintf(w, "  --%s %s\n        %s%s [%s]\n", n, typ, help, def, envName(n))
	}
}

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string { return strings.Join(*s, ",") }

func (s *stringList) Set(v string) error {
	if v = strings.TrimSpace(v); v != "" {
		*s = append(*s, v)
	}
	return nil
}

// suggest returns ` (did you mean "x"?)` for the closest candidate, if any is close.
func suggest(got string, candidates []string) string {
	if best := nearest.Name(got, candidates); best != "" {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return ""
}
