package coverage

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
)

// WriteText writes the report as a table: one row per operation, then the totals and
// the deprecated selections.
func (r *Report) WriteText(w io.Writer) error {
	scope := "all sessions"
	if r.Session != "" {
		scope = "session " + r.Session
	}
	fmt.Fprintf(w, "Contract coverage of %s\n\n", scope)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ENDPOINT\tKIND\tOPERATION\tCALLS\tOUTCOMES\tNEVER PRODUCED")
	for _, o := range r.Operations {
		name := o.Name
		if o.Deprecated {
			name += " (deprecated"
			if o.RemovalDate != "" {
				name += ", removed " + o.RemovalDate
			}
			name += ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\n", o.Endpoint, o.Kind, name, o.Calls, dash(outcomeList(o.Outcomes)), dash(strings.Join(o.NeverProduced, " ")))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	s := r.Summary
	fmt.Fprintf(w, "\nOperations called:  %d of %d (%s%%)\n", s.Called, s.Operations, pct(s.Percent))
	fmt.Fprintf(w, "Outcomes produced:  %d of %d documented (%s%%)\n", s.Produced, s.Documented, pct(s.OutcomesPercent))
	if len(r.Deprecations) > 0 {
		fmt.Fprintf(w, "Deprecated selections: %d\n", s.DeprecatedUses)
		for _, d := range r.Deprecations {
			removal := ""
			if d.RemovalDate != "" {
				removal = ", removed on " + d.RemovalDate
			}
			uses := "uses"
			if d.Uses == 1 {
				uses = "use"
			}
			fmt.Fprintf(w, "  %s (%d %s%s)\n", d.Coordinate, d.Uses, uses, removal)
		}
	}
	return nil
}

func outcomeList(os []Outcome) string {
	parts := make([]string, len(os))
	for i, o := range os {
		parts[i] = o.Outcome + "×" + strconv.Itoa(o.Count)
	}
	return strings.Join(parts, " ")
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func pct(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Class     string        `xml:"classname,attr"`
	Name      string        `xml:"name,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

// WriteJUnit writes the report as JUnit XML: a suite per endpoint, a test case per
// operation that fails when it was never called; the outcomes and the documented
// ones never produced go to the case's output.
func (r *Report) WriteJUnit(w io.Writer) error {
	out := junitSuites{Name: "krakensim contract coverage"}
	index := map[string]int{}
	for _, o := range r.Operations {
		i, ok := index[o.Endpoint]
		if !ok {
			i = len(out.Suites)
			index[o.Endpoint] = i
			out.Suites = append(out.Suites, junitSuite{Name: o.Endpoint})
		}
		s := &out.Suites[i]
		c := junitCase{Class: strings.Trim(o.Endpoint, "/") + "." + o.Kind, Name: o.Name}
		c.SystemOut = fmt.Sprintf("calls: %d; outcomes: %s; never produced: %s", o.Calls, dash(outcomeList(o.Outcomes)), dash(strings.Join(o.NeverProduced, " ")))
		if o.Calls == 0 {
			c.Failure = &junitFailure{Message: "never called", Text: fmt.Sprintf("%s %s was never called; documented: %s", o.Kind, o.Name, dash(strings.Join(o.Documented, " ")))}
			s.Failures++
			out.Failures++
		}
		s.Tests++
		out.Tests++
		s.Cases = append(s.Cases, c)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
