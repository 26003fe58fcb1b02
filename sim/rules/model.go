// Package rules is the scenario model: rules that match GraphQL root fields and REST
// routes, the answers they script, and the per-session counters that step through
// sequences. Package scenarios parses YAML files into these values.
package rules

import (
	"fmt"
	"regexp"
	"time"

	"github.com/krakensim/krakensim/sim/ratelimit"
)

// Pos is where a value was written in a scenario file.
type Pos struct {
	File         string
	Line, Column int
}

// String formats p as file:line:col.
func (p Pos) String() string {
	if p.File == "" {
		return fmt.Sprintf("%d:%d", p.Line, p.Column)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column)
}

// Scenario is a named set of rules, as one scenario file (or one document in it) gives it.
type Scenario struct {
	Pos         Pos
	Name        string
	Description string
	// Tags group scenarios for listing (for example "auth", "payments").
	Tags  []string
	Rules []*Rule
	// RateLimit, when set, is the points allowance of the sessions the scenario is
	// active for.
	RateLimit *ratelimit.Policy
}

// Rule scripts the answer to the calls its When matches.
type Rule struct {
	Pos Pos
	// ID names the rule in listings and error messages; the parser fills a default
	// such as "payment-schedule-errors#2".
	ID string
	// Priority orders matching rules: higher first; then the scenario's layer
	// (request, then session, then global), then file order.
	Priority int
	When     When
	// Then is the answer sequence: each answer serves its Times calls in turn.
	Then []*Answer
	// Cycle starts the sequence again after its last answer is spent.
	Cycle bool
	// Scenario is the name of the scenario the rule belongs to.
	Scenario string
	// Order is the rule's position among all loaded rules, for stable ordering.
	Order int
}

// Kind says which kind of call a rule matches.
type Kind int

// Rule kinds.
const (
	KindGraphQL Kind = iota + 1
	KindHTTP
)

// When is a rule's match condition; every given part must match.
type When struct {
	Kind Kind

	// Field is the GraphQL root field name (the rule's index key).
	Field string
	// Operation restricts the field to "query" or "mutation"; empty matches both.
	Operation string
	// OperationName matches the request's operationName.
	OperationName *Matcher
	// Endpoint restricts a GraphQL rule to "/v1/graphql/" or "/graphql/".
	Endpoint string
	// Variables match request variables by dotted path ("input.accountNumber").
	Variables []PathMatch

	// Method and Route are a REST rule's index key; Route may hold {param} segments.
	Method string
	Route  string
	// Path matches the values of Route's {param} segments by parameter name.
	Path []PathMatch
	// Query matches URL query parameters by name.
	Query []PathMatch
	// Body matches the JSON request body by dotted path.
	Body []PathMatch

	// Headers match request headers by name (case-insensitive), for both kinds.
	Headers []PathMatch
}

// PathMatch applies a Matcher to the value at Path.
type PathMatch struct {
	Pos     Pos
	Path    string
	Matcher *Matcher
}

// Op is a matcher's operation.
type Op int

// Matcher operations.
const (
	OpEqual  Op = iota + 1 // Value equals (numbers compare by value, strings exactly)
	OpRegex                // the value's string form matches Regexp
	OpExists               // the path is present (any value, null included)
	OpAbsent               // the path is not present
	OpOneOf                // equals one of Values
	OpGT                   // numeric greater than Number
	OpGTE                  // numeric greater than or equal
	OpLT                   // numeric less than
	OpLTE                  // numeric less than or equal
	OpNot                  // Sub[0] does not match
	OpAll                  // every Sub matches (a mapping with several operators)
	OpSHA256               // the SHA-256 of the value's text, in hex, is Value
)

// Matcher tests one value of a request.
type Matcher struct {
	Pos    Pos
	Op     Op
	Value  any
	Values []any
	Regexp *regexp.Regexp
	Number float64
	Sub    []*Matcher

	cost int64 // the bytes Regexp keeps, when SetRegex compiled it
}

// Answer is one step of a rule's sequence.
type Answer struct {
	Pos Pos
	// Times is how many calls this answer serves; 0 means unbounded (only valid last).
	Times int

	// Data is merged into a GraphQL root field's answer (an Object or map[string]any,
	// []any, a scalar or nil; parsed files give Objects); HasData distinguishes an
	// explicit null from no data.
	Data    any
	HasData bool
	// Errors fail the root field, or nested fields of it (with Path).
	Errors []ErrorSpec

	// Status, Body, RawBody and Headers are the HTTP answer. On a GraphQL rule a
	// Status replaces the whole HTTP response (for 429, 502, 503), and the operation's
	// root fields do not run unless Processed is set.
	Status  int
	Body    any
	HasBody bool
	// RawBody is sent as it is (after templating), for non-JSON or broken bodies.
	RawBody *string
	Headers map[string]string

	Delay Delay
	Fault Fault
	// Processed, with a Status or Fault, runs the call before the scripted answer
	// replaces its response (a request processed whose answer was lost); without it the
	// call's operation does not run at all, as an answer from the edge means.
	Processed bool

	// Templates locates the answer's templated strings for errors at run time, by
	// part and path: "data.viewer.givenName", "body.reference", "rawBody",
	// "headers.Retry-After", "errors.0.message", "errors.0.validationErrors.1.message".
	Templates map[string]Pos
}

// ErrorSpec is one scripted Kraken error.
type ErrorSpec struct {
	Pos Pos
	// Code is the registry code (KT-CT-3942); message, type and description come
	// from the registry unless overridden.
	Code        string
	Message     string
	Description string
	Type        string
	// Path is a dotted response path below the root field ("ledgers.0.balance");
	// empty fails the root field itself.
	Path             string
	ValidationErrors []ValidationError
	// Class is extensions.errorClass, when set.
	Class string
	// Extensions are further extensions keys a tenant's clients read (for example
	// boostChargeRefusalReasons), beside Kraken's own.
	Extensions map[string]any
}

// ValidationError is one entry of extensions.validationErrors.
type ValidationError struct {
	Message string
	// InputPath holds names and list indexes; a name holding a template is rendered
	// per call, and a whole number it renders to becomes an index.
	InputPath []any
	// PathPos is where InputPath was written.
	PathPos Pos
}

// Delay holds an answer back for Min, or a uniformly random time in [Min, Max].
type Delay struct {
	Min, Max time.Duration
}

// Fault is a transport failure an answer provokes instead of a well-formed answer.
type Fault string

// Faults.
const (
	FaultNone Fault = ""
	// FaultReset closes the connection without an answer (connection reset by peer).
	FaultReset Fault = "reset"
	// FaultHang never answers; the connection stays open until the client gives up
	// or the server shuts down.
	FaultHang Fault = "hang"
	// FaultMalformed sends the status and headers with a truncated, invalid JSON body.
	FaultMalformed Fault = "malformed"
	// FaultEmpty sends the status with an empty body.
	FaultEmpty Fault = "empty"
)
