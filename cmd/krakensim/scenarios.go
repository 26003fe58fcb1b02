package main

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unsafe"

	"github.com/fsnotify/fsnotify"

	"github.com/krakensim/krakensim/scenarios"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/rules"
)

// scenarioSource loads the shipped pack and the --scenarios files, linted against the
// contract the server runs.
type scenarioSource struct {
	paths    []string
	contract scenarios.Contract
	strict   bool
	log      *slog.Logger

	// good is the last accepted content of each file, kept while a file is partly
	// written; it is parsed again rather than reused, since loaded rules are live.
	good map[string]string
}

// load parses and lints every file. At start any error rejects the whole set. On a
// reload, a file that looks partly written (empty, or unparseable at its end) keeps
// its last good version until it is complete, and a file with errors keeps its last
// good version (or is left out) while the other files' changes load: parallel test
// runs each write their own file, and one run's mistake must not freeze the others.
// refused lists the files left out or kept at their last good version, and why.
func (src *scenarioSource) load(reload bool) (all []*rules.Scenario, fromFiles []string, warnings scenarios.Problems, refused []sim.ScenarioFileProblem, err error) {
	pack, err := scenarios.Pack()
	if err != nil {
		return nil, nil, nil, nil, err
	}
	files, probs := src.files()
	parsed := src.parseAll(files, reload)
	good := map[string]string{}
	byFile := map[string][]*rules.Scenario{}
	fileProbs := map[string]scenarios.Problems{}
	kept := map[string]bool{}
	// fallBack puts f's last good version in place of its new one, once; without one
	// (or the second time) f is left out.
	fallBack := func(f string) {
		delete(byFile, f)
		delete(good, f)
		last, ok := src.good[f]
		if !reload || !ok || kept[f] {
			kept[f] = false
			return
		}
		if scs, perr := scenarios.ParseText(f, last); perr == nil {
			byFile[f], good[f], kept[f] = scs, last, true
		}
	}
	for i, f := range files {
		p := parsed[i]
		if p.readErr != nil {
			probs = append(probs, &scenarios.Error{Pos: rules.Pos{File: f}, Message: p.readErr.Error()})
			continue
		}
		if p.keptLast {
			src.logger().Info("scenarios: file looks partly written; keeping its last good version until it is complete",
				"file", f, "problem", p.problem)
		}
		if p.err != nil {
			fileProbs[f] = append(fileProbs[f], problemsOf(p.err)...)
			fallBack(f)
			continue
		}
		good[f] = p.body
		byFile[f] = p.scs
	}
	var loaded []*rules.Scenario
	// Each round lints the set; on a reload a file with errors falls back to its last
	// good version, then out, until the set is clean.
	for range 2*len(files) + 1 {
		loaded = loaded[:0]
		order := 0
		for _, f := range files {
			for _, sc := range byFile[f] {
				for _, r := range sc.Rules {
					order++ // from 1: the index takes Order 0 for unset, and puts it last
					r.Order = order
				}
				loaded = append(loaded, sc)
			}
		}
		lint := scenarios.Lint(loaded, src.contract)
		if src.strict {
			lint = lint.Strict()
		}
		bad := map[string]bool{}
		for _, p := range lint.Errors() {
			if _, ok := byFile[p.Pos.File]; ok && reload {
				bad[p.Pos.File] = true
			}
		}
		if len(bad) == 0 {
			probs = append(probs, lint...)
			break
		}
		for f := range bad {
			if !kept[f] {
				for _, p := range lint {
					if p.Pos.File == f {
						fileProbs[f] = append(fileProbs[f], p)
					}
				}
			}
			fallBack(f)
		}
	}
	if !reload {
		for _, f := range files {
			probs = append(probs, fileProbs[f]...)
		}
	}
	if src.strict {
		probs = probs.Strict()
	}
	if probs.HasErrors() {
		return nil, nil, nil, nil, probs.Errors()
	}
	for _, f := range files {
		fp := fileProbs[f].Errors()
		if len(fp) == 0 {
			continue
		}
		r := sim.ScenarioFileProblem{File: f, KeptLastGood: kept[f]}
		for _, p := range fp {
			r.Problems = append(r.Problems, p.Error())
		}
		for _, p := range parsed {
			for _, sc := range p.scs {
				if sc.Pos.File == f {
					r.Scenarios = append(r.Scenarios, sc.Name)
				}
			}
		}
		refused = append(refused, r)
	}
	src.good = good
	for _, sc := range loaded {
		fromFiles = append(fromFiles, sc.Name)
	}
	// A file's scenario replaces a shipped one of the same name.
	pack = slices.DeleteFunc(pack, func(sc *rules.Scenario) bool { return slices.Contains(fromFiles, sc.Name) })
	return append(pack, loaded...), fromFiles, probs.Warnings(), refused, nil
}

// parsedFile is one scenario file read and parsed.
type parsedFile struct {
	body    string
	scs     []*rules.Scenario
	err     error // the parse's
	readErr error
	// keptLast says the file looked partly written (with problem) and its last good
	// version was parsed instead.
	keptLast bool
	problem  string
}

// parseAll reads and parses files, as many at once as there are processors, since
// files parse independently; the results are in the files' order.
func (src *scenarioSource) parseAll(files []string, reload bool) []parsedFile {
	out := make([]parsedFile, len(files))
	forEach(len(files), func(i int) { out[i] = src.parseFile(files[i], reload) })
	return out
}

// parseFile reads and parses one file. On a reload, a file that looks partly written
// (empty, or unparseable at its end) is parsed in its last good version instead.
func (src *scenarioSource) parseFile(f string, reload bool) parsedFile {
	b, err := os.ReadFile(f)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return parsedFile{readErr: err}
	}
	// Nothing writes to b again, so the text can share it: the parsed rules keep the
	// text, and a copy would double what 100,000 recorded rules hold.
	body := unsafe.String(unsafe.SliceData(b), len(b))
	scs, perr := scenarios.ParseText(f, body)
	if last, ok := src.good[f]; reload && ok && partlyWritten(body, perr) {
		problem := firstProblem(perr)
		scs, perr = scenarios.ParseText(f, last)
		return parsedFile{body: last, scs: scs, err: perr, keptLast: true, problem: problem}
	}
	return parsedFile{body: body, scs: scs, err: perr}
}

func (src *scenarioSource) logger() *slog.Logger {
	if src.log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return src.log
}

// files lists the scenario files under src.paths. A file found in a named folder that
// resolves (through symlinks) outside that folder is refused with a log line that
// names it, never its content.
func (src *scenarioSource) files() ([]string, scenarios.Problems) {
	var out []string
	var probs scenarios.Problems
	seen := map[string]bool{}
	for _, p := range src.paths {
		list, err := scenarios.Files(p)
		probs = append(probs, problemsOf(err)...)
		info, serr := os.Stat(p)
		if serr != nil {
			continue
		}
		root := ""
		if info.IsDir() {
			if root, err = filepath.EvalSymlinks(p); err != nil {
				probs = append(probs, &scenarios.Error{Pos: rules.Pos{File: p}, Message: err.Error()})
				continue
			}
		}
		for _, f := range list {
			if seen[filepath.Clean(f)] {
				continue
			}
			seen[filepath.Clean(f)] = true
			if root != "" {
				real, err := filepath.EvalSymlinks(f)
				if err != nil {
					src.logger().Warn("scenarios: not loading a symlink that leads nowhere", "file", f)
					continue
				}
				if !within(root, real) {
					src.logger().Warn("scenarios: not loading a file that resolves outside its --scenarios folder", "file", f, "folder", p, "target", real)
					continue
				}
			}
			out = append(out, f)
		}
	}
	return out, probs
}

// within reports whether path is root or below it.
func within(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// partlyWritten reports whether a file looks caught in the middle of a write: empty,
// or failing to parse with its end cut off (no final newline, or a YAML syntax error
// on its last lines).
func partlyWritten(body string, err error) bool {
	if len(strings.TrimSpace(body)) == 0 {
		return true
	}
	if err == nil {
		return false
	}
	if !strings.HasSuffix(body, "\n") {
		return true
	}
	last := strings.Count(strings.TrimRight(body, " \t\r\n"), "\n") + 1
	for _, p := range problemsOf(err) {
		if strings.HasPrefix(p.Message, "bad YAML") && (p.Pos.Line == 0 || p.Pos.Line >= last-1) {
			return true
		}
	}
	return false
}

// firstProblem is the first line of a parse error, or "".
func firstProblem(err error) string {
	if err == nil {
		return ""
	}
	line, _, _ := strings.Cut(err.Error(), "\n")
	return line
}

// upload parses and lints a scenario file sent to the admin API.
func (src *scenarioSource) upload(name string, body []byte) ([]*rules.Scenario, []string, error) {
	scs, err := scenarios.Parse(name, body)
	if err != nil {
		return nil, nil, err
	}
	probs := scenarios.Lint(scs, src.contract)
	if src.strict {
		probs = probs.Strict()
	}
	if probs.HasErrors() {
		return nil, nil, probs.Errors()
	}
	var warnings []string
	for _, w := range probs.Warnings() {
		warnings = append(warnings, w.Error())
	}
	return scs, warnings, nil
}

// reload applies a fresh load to s, keeping the last good set when it fails; the
// files' scenarios are active for every session.
func (src *scenarioSource) reload(s *sim.Simulator, log *slog.Logger) bool {
	all, names, warnings, refused, err := src.load(true)
	if err != nil {
		s.ScenarioReloadFailed()
		s.SetScenarioFileProblems([]sim.ScenarioFileProblem{{File: strings.Join(src.paths, ", "), Problems: strings.Split(err.Error(), "\n"), KeptLastGood: true}})
		log.Error("scenarios: reload rejected; the last good set keeps serving", "problems", strings.Split(err.Error(), "\n"))
		return false
	}
	if err := s.SetScenarios(all); err != nil {
		s.ScenarioReloadFailed()
		s.SetScenarioFileProblems([]sim.ScenarioFileProblem{{File: strings.Join(src.paths, ", "), Problems: []string{err.Error()}, KeptLastGood: true}})
		log.Error("scenarios: reload rejected; the last good set keeps serving", "error", err.Error())
		return false
	}
	s.SetScenarioFileProblems(refused)
	for _, r := range refused {
		s.ScenarioReloadFailed()
		msg := "scenarios: a file has problems and is left out; the other files' changes are loaded"
		if r.KeptLastGood {
			msg = "scenarios: a file has problems; its last good version keeps serving, and the other files' changes are loaded"
		}
		log.Error(msg, "file", r.File, "problems", r.Problems)
	}
	for _, n := range names {
		if err := s.ActivateDefault(n); err != nil {
			log.Error("scenarios: activate", "scenario", n, "error", err.Error())
		}
	}
	for _, w := range warnings {
		log.Warn("scenarios: " + w.Error())
	}
	log.Info("scenarios: reloaded", "files", len(names), "scenarios", len(all))
	return true
}

// watch reloads the scenarios whenever a file under src.paths changes, until ctx ends.
// It watches folders rather than files, since editors often save by renaming, and the
// parent of each named folder too, so that a folder replaced as a whole
// (mv DIR DIR.old; mkdir DIR) is watched again.
func (src *scenarioSource) watch(ctx context.Context, s *sim.Simulator, log *slog.Logger) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	roots := map[string]bool{}   // the named folders
	parents := map[string]bool{} // their parents, watched for the folders themselves
	for _, p := range src.paths {
		info, err := os.Stat(p)
		if err != nil {
			continue
		}
		if !info.IsDir() {
			if err := w.Add(filepath.Dir(p)); err != nil {
				_ = w.Close()
				return err
			}
			continue
		}
		p = filepath.Clean(p)
		roots[p] = true
		parents[filepath.Dir(p)] = true
		if err := addTree(w, p); err != nil {
			_ = w.Close()
			return err
		}
	}
	for d := range parents {
		if roots[d] {
			continue
		}
		if err := w.Add(d); err != nil {
			log.Warn("scenarios: cannot watch the parent folder; replacing a --scenarios folder as a whole will not be noticed", "folder", d, "error", err.Error())
		}
	}
	go func() {
		defer w.Close()
		var timer *time.Timer
		fire := make(chan struct{}, 1)
		schedule := func() {
			// Editors write in bursts; reload once they settle.
			if timer != nil {
				timer.Stop()
			}
			timer = time.AfterFunc(100*time.Millisecond, func() {
				select {
				case fire <- struct{}{}:
				default:
				}
			})
		}
		for {
			select {
			case <-ctx.Done():
				if timer != nil {
					timer.Stop()
				}
				return
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				name := filepath.Clean(ev.Name)
				if roots[name] {
					switch {
					case ev.Has(fsnotify.Create):
						if err := addTree(w, name); err != nil {
							log.Error("scenarios: the folder was replaced but cannot be watched again", "folder", name, "error", err.Error())
							continue
						}
						log.Info("scenarios: the folder was replaced; watching it again", "folder", name)
						schedule()
					case ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename):
						removeTree(w, name)
						log.Warn("scenarios: the folder was moved or removed; the last good set keeps serving until it comes back", "folder", name)
					}
					continue
				}
				if parents[filepath.Dir(name)] && !under(roots, name) {
					continue // a sibling of a named folder
				}
				if !src.relevant(name) {
					continue
				}
				if ev.Has(fsnotify.Create) {
					if info, err := os.Lstat(name); err == nil && info.IsDir() {
						_ = addTree(w, name)
					}
				}
				schedule()
			case <-fire:
				src.reload(s, log)
			case err, ok := <-w.Errors:
				if !ok {
					return
				}
				log.Warn("scenarios: watch", "error", err.Error())
			}
		}
	}()
	return nil
}

// addTree watches a folder and every folder below it.
func addTree(w *fsnotify.Watcher, root string) error {
	return filepath.WalkDir(root, func(d string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() {
			return w.Add(d)
		}
		return nil
	})
}

// removeTree stops watching a folder and the folders below it.
func removeTree(w *fsnotify.Watcher, root string) {
	for _, p := range w.WatchList() {
		if within(root, p) {
			_ = w.Remove(p)
		}
	}
}

// under reports whether path is inside one of the roots.
func under(roots map[string]bool, path string) bool {
	for r := range roots {
		if within(r, path) {
			return true
		}
	}
	return false
}

// relevant reports whether a changed path may hold scenarios.
func (src *scenarioSource) relevant(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".yaml" || ext == ".yml" {
		return true
	}
	info, err := os.Stat(name)
	return err == nil && info.IsDir()
}
