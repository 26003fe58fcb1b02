package scenarios

import (
	"embed"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/krakensim/krakensim/sim/rules"
)

//go:embed *.yaml
var pack embed.FS

// JSONSchema is scenario.schema.json, the JSON Schema of scenario files, for editors.
//
//go:embed scenario.schema.json
var JSONSchema []byte

// SchemaID is the $id of JSONSchema: where a running krakensim serves it.
const SchemaID = "http://127.0.0.1:8080/__krakensim/schemas/scenario.json"

// PackDir names the shipped scenario files in positions ("scenarios/auth-failures.yaml").
const PackDir = "scenarios"

// Pack parses the scenarios shipped in the binary. Their templates are compiled on
// first use rather than checked here: they are known good (a test checks them).
func Pack() ([]*rules.Scenario, error) {
	return parseFS(pack, PackDir, true)
}

// PackFS returns the shipped scenario files.
func PackFS() fs.FS { return pack }

// ParseFS parses the files of fsys that match the fs.Glob patterns (every *.yaml and
// *.yml file, recursively, when none is given), in sorted order. Rules are numbered
// (Rule.Order) across all files.
func ParseFS(fsys fs.FS, patterns ...string) ([]*rules.Scenario, error) {
	return parseFS(fsys, "", false, patterns...)
}

// parseFS parses fsys's files; known says they are known good, so that their
// templates need no check.
func parseFS(fsys fs.FS, prefix string, known bool, patterns ...string) ([]*rules.Scenario, error) {
	var files []string
	if len(patterns) == 0 {
		err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && p != "." && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			if !d.IsDir() && isScenarioFile(p) {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	for _, pat := range patterns {
		matches, err := fs.Glob(fsys, pat)
		if err != nil {
			return nil, err
		}
		files = append(files, matches...)
	}
	slices.Sort(files)
	files = slices.Compact(files)
	l := loader{known: known}
	for _, f := range files {
		name := f
		if prefix != "" {
			name = path.Join(prefix, f)
		}
		src, err := fs.ReadFile(fsys, f)
		if err != nil {
			l.probs = append(l.probs, &Error{Pos: rules.Pos{File: name}, Message: errMessage(err)})
			continue
		}
		l.add(name, src)
	}
	return l.result()
}

// isScenarioFile reports whether a file found in a folder is a scenario file.
func isScenarioFile(p string) bool {
	ext := strings.ToLower(path.Ext(p))
	return ext == ".yaml" || ext == ".yml"
}

// Files lists the scenario files that paths name: each file as given, and every
// *.yaml and *.yml file below each folder (hidden folders skipped), in sorted order.
func Files(paths ...string) ([]string, error) {
	var out []string
	var probs Problems
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			probs = append(probs, &Error{Pos: rules.Pos{File: p}, Message: errMessage(err)})
			continue
		}
		if !info.IsDir() {
			out = append(out, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(f string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && f != p && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			if !d.IsDir() && isScenarioFile(f) {
				found = append(found, f)
			}
			return nil
		})
		if err != nil {
			probs = append(probs, &Error{Pos: rules.Pos{File: p}, Message: errMessage(err)})
		}
		slices.Sort(found)
		out = append(out, found...)
	}
	seen := map[string]bool{}
	uniq := out[:0]
	for _, f := range out {
		if !seen[filepath.Clean(f)] {
			seen[filepath.Clean(f)] = true
			uniq = append(uniq, f)
		}
	}
	if len(probs) > 0 {
		return uniq, probs
	}
	return uniq, nil
}

// LoadPaths parses the scenario files that paths name (files, or folders searched
// recursively for *.yaml and *.yml), in order; rules are numbered across all files.
// It returns Problems for every file that does not parse (and then no scenarios).
func LoadPaths(paths ...string) ([]*rules.Scenario, error) {
	files, err := Files(paths...)
	var l loader
	l.probs = asProblems(err, rules.Pos{})
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			l.probs = append(l.probs, &Error{Pos: rules.Pos{File: f}, Message: errMessage(err)})
			continue
		}
		l.add(f, src)
	}
	return l.result()
}

// loader gathers the scenarios and problems of several files.
type loader struct {
	scs   []*rules.Scenario
	probs Problems
	order int
	known bool // the files are known good: templates go unchecked
}

func (l *loader) add(name string, src []byte) {
	scs, probs := parseKnown(name, string(src), l.known)
	l.probs = append(l.probs, probs...)
	for _, sc := range scs {
		for _, r := range sc.Rules {
			l.order++ // from 1: the index takes Order 0 for unset, and puts it last
			r.Order = l.order
		}
	}
	l.scs = append(l.scs, scs...)
}

func (l *loader) result() ([]*rules.Scenario, error) {
	if l.probs.HasErrors() {
		return nil, dedupe(l.probs)
	}
	return l.scs, nil
}

// errMessage is an I/O error without the path the problem's position already names.
func errMessage(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
