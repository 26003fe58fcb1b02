package rules

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"
)

// Limits on regex matchers. Go's regexp runs in time linear in the input, but the
// factor is the compiled program's size, so both are bounded.
const (
	// MaxRegexLen bounds a pattern's length in bytes.
	MaxRegexLen = 1000
	// MaxRegexProgram bounds the instructions a pattern compiles to ({1000} repeats
	// its operand a thousand times).
	MaxRegexProgram = 2000
	// MaxRegexInput is the longest value a regex is tried on; a longer value does not match.
	MaxRegexInput = 64 << 10
)

// CompileRegex compiles a matcher's pattern (Go RE2 syntax), refusing patterns longer
// than MaxRegexLen bytes or compiling to more than MaxRegexProgram instructions.
func CompileRegex(pattern string) (*regexp.Regexp, error) {
	re, _, err := compileRegex(pattern)
	return re, err
}

// SetRegex makes m match pattern, as CompileRegex compiles it, and remembers what the
// compiled regex keeps so that indexing the rule again does not compile it again.
func (m *Matcher) SetRegex(pattern string) error {
	re, cost, err := compileRegex(pattern)
	if err != nil {
		return err
	}
	m.Op, m.Regexp, m.cost = OpRegex, re, cost
	return nil
}

func compileRegex(pattern string) (*regexp.Regexp, int64, error) {
	cost, err := checkRegex(pattern)
	if err != nil {
		return nil, 0, err
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, 0, fmt.Errorf("%s", strings.TrimPrefix(err.Error(), "error parsing regexp: "))
	}
	return re, cost, nil
}

// checkRegex applies CompileRegex's size limits to a pattern and returns regexCost.
func checkRegex(pattern string) (int64, error) {
	if len(pattern) > MaxRegexLen {
		return 0, fmt.Errorf("the pattern is %d bytes long; the limit is %d", len(pattern), MaxRegexLen)
	}
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return 0, fmt.Errorf("%s", strings.TrimPrefix(err.Error(), "error parsing regexp: "))
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return 0, err
	}
	if n := len(prog.Inst); n > MaxRegexProgram {
		return 0, fmt.Errorf("the pattern compiles to %d instructions; the limit is %d (a counted repeat such as {1000} copies its operand: use a shorter count or +)", n, MaxRegexProgram)
	}
	return regexCost(prog), nil
}

// regexCost bounds the bytes a compiled regex keeps: its program, the one-pass copy Go's
// regexp makes of an anchored one, and their rune ranges (a class such as \pL has
// hundreds, copied by each repeat of it).
func regexCost(prog *syntax.Prog) int64 {
	runes := 0
	for _, in := range prog.Inst {
		runes += len(in.Rune)
	}
	return 2048 + 160*int64(len(prog.Inst)) + 16*int64(runes)
}

// RegexBytes bounds the bytes the compiled regexes of a scenario's rules keep.
func (s *Scenario) RegexBytes() int64 {
	var n int64
	for _, r := range s.Rules {
		if r == nil {
			continue
		}
		_ = walkRegexes(r, func(m *Matcher) error {
			cost := m.cost
			if cost == 0 {
				cost, _ = checkRegex(m.Regexp.String())
			}
			n += cost
			return nil
		})
	}
	return n
}

// matchRegex matches s against re, refusing values over MaxRegexInput bytes.
func matchRegex(re *regexp.Regexp, s string) bool {
	return re != nil && len(s) <= MaxRegexInput && re.MatchString(s)
}

// checkMatchers applies CompileRegex's limits to the regexes of a rule built in Go;
// those SetRegex compiled have passed them.
func checkMatchers(r *Rule) error {
	return walkRegexes(r, func(m *Matcher) error {
		if m.cost != 0 {
			return nil
		}
		if _, err := checkRegex(m.Regexp.String()); err != nil {
			return fmt.Errorf("%s: rule %s: regex: %w", m.Pos, r.ID, err)
		}
		return nil
	})
}

// walkRegexes calls f with each matcher of r that has a regex, stopping at an error.
func walkRegexes(r *Rule, f func(m *Matcher) error) error {
	var walk func(m *Matcher) error
	walk = func(m *Matcher) error {
		if m == nil {
			return nil
		}
		if m.Regexp != nil {
			if err := f(m); err != nil {
				return err
			}
		}
		for _, s := range m.Sub {
			if err := walk(s); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(r.When.OperationName); err != nil {
		return err
	}
	for _, list := range [][]PathMatch{r.When.Variables, r.When.Path, r.When.Query, r.When.Body, r.When.Headers} {
		for _, pm := range list {
			if err := walk(pm.Matcher); err != nil {
				return err
			}
		}
	}
	return nil
}
