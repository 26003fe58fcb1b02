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
	if err := checkRegex(pattern); err != nil {
		return nil, err
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, fmt.Errorf("%s", strings.TrimPrefix(err.Error(), "error parsing regexp: "))
	}
	return re, nil
}

// checkRegex applies CompileRegex's size limits to a pattern.
func checkRegex(pattern string) error {
	if len(pattern) > MaxRegexLen {
		return fmt.Errorf("the pattern is %d bytes long; the limit is %d", len(pattern), MaxRegexLen)
	}
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return fmt.Errorf("%s", strings.TrimPrefix(err.Error(), "error parsing regexp: "))
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return err
	}
	if n := len(prog.Inst); n > MaxRegexProgram {
		return fmt.Errorf("the pattern compiles to %d instructions; the limit is %d (a counted repeat such as {1000} copies its operand: use a shorter count or +)", n, MaxRegexProgram)
	}
	return nil
}

// matchRegex matches s against re, refusing values over MaxRegexInput bytes.
func matchRegex(re *regexp.Regexp, s string) bool {
	return re != nil && len(s) <= MaxRegexInput && re.MatchString(s)
}

// checkMatchers applies CompileRegex's limits to the regexes of a rule built in Go.
func checkMatchers(r *Rule) error {
	var walk func(m *Matcher) error
	walk = func(m *Matcher) error {
		if m == nil {
			return nil
		}
		if m.Regexp != nil {
			if err := checkRegex(m.Regexp.String()); err != nil {
				return fmt.Errorf("%s: rule %s: regex: %w", m.Pos, r.ID, err)
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
	for _, list := range [][]PathMatch{r.When.Variables, r.When.Query, r.When.Body, r.When.Headers} {
		for _, pm := range list {
			if err := walk(pm.Matcher); err != nil {
				return err
			}
		}
	}
	return nil
}
