package scenarios

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/krakensim/krakensim/sim/rules"
)

// Severity says whether a problem stops a scenario from loading.
type Severity int

// Severities.
const (
	// SeverityError is a problem that stops the scenario from loading.
	SeverityError Severity = iota
	// SeverityWarning is a likely mistake; Problems.Strict makes it an error.
	SeverityWarning
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == SeverityWarning {
		return "warning"
	}
	return "error"
}

// Error is one problem in a scenario file, at the position of the offending node.
type Error struct {
	Pos      rules.Pos
	Severity Severity
	Message  string
}

// Error formats the problem as file:line:col: message, with "warning: " before the
// message of a warning.
func (e *Error) Error() string {
	if e.Severity == SeverityWarning {
		return e.where() + "warning: " + e.Message
	}
	return e.where() + e.Message
}

// String formats the problem as file:line:col: severity: message, as lint prints it.
func (e *Error) String() string {
	return e.where() + e.Severity.String() + ": " + e.Message
}

func (e *Error) where() string {
	switch {
	case e.Pos.Line > 0:
		return e.Pos.String() + ": "
	case e.Pos.File != "":
		return e.Pos.File + ": "
	}
	return ""
}

// Problems is a list of problems, ordered by file, line and column.
type Problems []*Error

// Error prints one problem a line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// HasErrors reports whether any problem is an error rather than a warning.
func (ps Problems) HasErrors() bool {
	return slices.ContainsFunc(ps, func(e *Error) bool { return e.Severity == SeverityError })
}

// Errors returns the problems that are errors.
func (ps Problems) Errors() Problems {
	var out Problems
	for _, p := range ps {
		if p.Severity == SeverityError {
			out = append(out, p)
		}
	}
	return out
}

// Warnings returns the problems that are warnings.
func (ps Problems) Warnings() Problems {
	var out Problems
	for _, p := range ps {
		if p.Severity == SeverityWarning {
			out = append(out, p)
		}
	}
	return out
}

// Strict returns a copy of ps with every warning made an error.
func (ps Problems) Strict() Problems {
	out := make(Problems, len(ps))
	for i, p := range ps {
		q := *p
		q.Severity = SeverityError
		out[i] = &q
	}
	return out
}

// Err returns ps as an error when it holds at least one error, else nil.
func (ps Problems) Err() error {
	if ps.HasErrors() {
		return ps
	}
	return nil
}

// Sort orders the problems by file, line, column, then message.
func (ps Problems) Sort() {
	slices.SortStableFunc(ps, func(a, b *Error) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Column, b.Pos.Column),
		)
	})
}

// problems collects problems while parsing or linting.
type problems struct {
	list Problems
}

func (p *problems) add(sev Severity, pos rules.Pos, format string, args ...any) {
	p.list = append(p.list, &Error{Pos: pos, Severity: sev, Message: fmt.Sprintf(format, args...)})
}

func (p *problems) errorf(pos rules.Pos, format string, args ...any) {
	p.add(SeverityError, pos, format, args...)
}

func (p *problems) warnf(pos rules.Pos, format string, args ...any) {
	p.add(SeverityWarning, pos, format, args...)
}
