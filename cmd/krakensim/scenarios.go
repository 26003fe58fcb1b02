package main

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

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
}

// load parses and lints every file; any error rejects the whole set.
func (src *scenarioSource) load() (all []*rules.Scenario, fromFiles []string, warnings scenarios.Problems, err error) {
	pack, err := scenarios.Pack()
	if err != nil {
		return nil, nil, nil, err
	}
	var files []*rules.Scenario
	if len(src.paths) > 0 {
		if files, err = scenarios.LoadPaths(src.paths...); err != nil {
			return nil, nil, nil, err
		}
	}
	probs := scenarios.Lint(files, src.contract)
	if src.strict {
		probs = probs.Strict()
	}
	if probs.HasErrors() {
		return nil, nil, nil, probs.Errors()
	}
	for _, sc := range files {
		fromFiles = append(fromFiles, sc.Name)
	}
	// A file's scenario replaces a shipped one of the same name.
	pack = slices.DeleteFunc(pack, func(sc *rules.Scenario) bool { return slices.Contains(fromFiles, sc.Name) })
	return append(pack, files...), fromFiles, probs.Warnings(), nil
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
	all, names, warnings, err := src.load()
	if err != nil {
		s.ScenarioReloadFailed()
		log.Error("scenarios: reload rejected; the last good set keeps serving", "problems", strings.Split(err.Error(), "\n"))
		return false
	}
	if err := s.SetScenarios(all); err != nil {
		log.Error("scenarios: reload rejected; the last good set keeps serving", "error", err.Error())
		return false
	}
	for _, n := range names {
		if err := s.ActivateScenario(n, ""); err != nil {
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
// It watches folders rather than files, since editors often save by renaming.
func (src *scenarioSource) watch(ctx context.Context, s *sim.Simulator, log *slog.Logger) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	dirs := map[string]bool{}
	for _, p := range src.paths {
		info, err := os.Stat(p)
		if err != nil {
			continue
		}
		if !info.IsDir() {
			dirs[filepath.Dir(p)] = true
			continue
		}
		_ = filepath.WalkDir(p, func(d string, e os.DirEntry, err error) error {
			if err == nil && e.IsDir() {
				dirs[d] = true
			}
			return nil
		})
	}
	for d := range dirs {
		if err := w.Add(d); err != nil {
			_ = w.Close()
			return err
		}
	}
	go func() {
		defer w.Close()
		var timer *time.Timer
		fire := make(chan struct{}, 1)
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				if !src.relevant(ev.Name) {
					continue
				}
				if ev.Has(fsnotify.Create) {
					if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
						_ = w.Add(ev.Name)
					}
				}
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

// relevant reports whether a changed path may hold scenarios.
func (src *scenarioSource) relevant(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".yaml" || ext == ".yml" {
		return true
	}
	info, err := os.Stat(name)
	return err == nil && info.IsDir()
}
