// Package graphql executes GraphQL operations over a gqlparser schema, shaping every
// answer by the client's selection set and filling what nothing supplies with fakes.
package graphql

import (
	"context"

	"github.com/vektah/gqlparser/v2/ast"
)

// Request is one GraphQL operation as a client sent it.
type Request struct {
	Query         string
	OperationName string
	Variables     map[string]any
	Extensions    map[string]any
	// Header carries the HTTP request headers (canonical keys), for hooks that need them.
	Header map[string][]string
	// RemoteAddr is the client's network address ("host:port"), when known.
	RemoteAddr string
	// Host is the host (and port) the request was sent to, and Secure whether it came
	// over TLS, when known.
	Host   string
	Secure bool
	// VariablesText is the JSON text Variables was decoded from, when it came as text
	// (a POST body's member, a GET parameter); it may share the body's array and must
	// not be changed. The journal keeps it rather than the decoded values.
	VariablesText []byte
}

// Response is the outcome of one Request, serialised by MarshalJSON in spec order.
type Response struct {
	// Data is the result of execution; nil with Executed set means "data": null.
	Data *Object
	// Executed is false when the request failed before execution (syntax, validation,
	// variable coercion, unknown operation); then "data" is absent from the JSON.
	Executed bool
	// Invalid says the document failed to parse or validate, named no operation it holds,
	// or its variables failed to coerce: a bad request, as Kraken's view answers it.
	Invalid bool
	Errors  []*Error
	// Extensions is the response's top-level "extensions" entry, omitted when empty.
	Extensions map[string]any
}

// Location is a line and column in the query document.
type Location struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// Error is a GraphQL error as Kraken reports it.
type Error struct {
	Message   string     `json:"message"`
	Locations []Location `json:"locations,omitempty"`
	// Path holds field names (string) and list indices (int).
	Path       []any          `json:"path,omitempty"`
	Extensions map[string]any `json:"extensions,omitempty"`
}

// Error implements the error interface.
func (e *Error) Error() string { return e.Message }

// Field describes the field being resolved, for a Hook.
type Field struct {
	Operation  ast.Operation
	ParentType string
	Name       string
	Alias      string
	// Args are the coerced argument values, defaults applied; read-only, as arguments
	// that read no variable are shared by every request running the same document.
	Args       map[string]any
	Path       []any
	Definition *ast.FieldDefinition
	// Source is the parent's value: a map[string]any, or nil when the parent is faked.
	Source  any
	Request *Request
	// Key is the field's fake key (see Executor); ParentKey the key its parent object
	// completes its fields with.
	Key, ParentKey uint64
	group          *fieldGroup
	seg            *pathSeg
}

// NamePath is Path with each field's name where Path has its alias, so that a path
// written in schema terms ("ledgers.0.number") finds the field however the client
// aliased it; nil for a Field the executor did not make.
func (f *Field) NamePath() []any {
	if f == nil || f.seg == nil {
		return nil
	}
	n := 0
	for s := f.seg; s != nil; s = s.parent {
		n++
	}
	out := make([]any, n)
	for s := f.seg; s != nil; s = s.parent {
		n--
		if s.g != nil {
			out[n] = s.g.name
		} else {
			out[n] = s.index
		}
	}
	return out
}

// Selects reports whether the field's selection set may ask its value for the field
// name (in any fragment, whatever its directives), so that a resolver can leave out
// what no one reads; it reports true for a Field the executor did not make.
func (f *Field) Selects(name string) bool {
	if f == nil || f.group == nil {
		return true
	}
	return f.group.selects(name)
}

// Selected returns the names of the fields the field's selection sets may ask of its
// value (in any fragment, whatever its directives), each once; all reports that any
// field may be asked for (a fragment could not be followed, or the executor did not
// make the Field). The slice is shared: do not modify it.
func (f *Field) Selected() (names []string, all bool) {
	if f == nil || f.group == nil {
		return nil, true
	}
	g := f.group
	g.selectedOnce.Do(g.collectSelected)
	return g.selected, g.selectsAll
}

// Selection is what a field's selection sets may ask of its value; *Field is one.
type Selection interface {
	Selects(name string) bool
	Selected() (names []string, all bool)
}

// Hook supplies a field's value before the executor falls back to the parent's map
// value and then to a fake. ok=false means "not handled". A non-nil error fails the
// field; return *Error to control message and extensions, or errors.Join of several.
// Values: map[string]any for objects (keys are field names; absent keys are filled by
// the normal chain, explicit nil is null), []any for lists, Go scalars for leaves.
// For an abstract type the map may carry "__typename" to choose the concrete type.
type Hook func(ctx context.Context, f *Field) (value any, ok bool, err error)

// Faker produces deterministic values where nothing else supplies one.
type Faker interface {
	// Leaf returns a value for a scalar or enum field, realistic for its name and type.
	// key identifies the field instance (path and arguments); the same key always
	// yields the same value. typ is the named type's definition (scalar or enum).
	Leaf(key uint64, parentType, field string, typ *ast.Definition) any
	// ListLen returns the length (1 to 3) of a faked list.
	ListLen(key uint64) int
	// Pick chooses one of n concrete types for an abstract type, in [0, n).
	Pick(key uint64, n int) int
}

// Generator makes what nothing else supplied coherent: it answers a field the hook and the
// parent's value left empty, and names the key an object's fields are faked from.
type Generator interface {
	// Generate supplies a field's value, as a Hook does; ok=false leaves it to the Faker.
	Generate(ctx context.Context, f *Field) (value any, ok bool, err error)
	// ObjectKey returns the key the fields of an object of type def, whose value is
	// source, are completed with (its identity); ok=false keeps the key of its path.
	ObjectKey(ctx context.Context, def *ast.Definition, source map[string]any) (key uint64, ok bool)
}

// UnpagedNodes is the most items the field def of the type parent answers when it is
// asked for no first or last (a connection's default page, a window of readings); 0 is 1.
type UnpagedNodes func(parent string, def *ast.FieldDefinition) int

// Options configures an Executor.
type Options struct {
	Faker Faker
	Hook  Hook
	// HookFilter, when set, says whether Hook may answer a field: a nested field
	// (root false) of a parent whose value is source. The executor skips the Hook, and
	// building its Field, when it reports false.
	HookFilter func(ctx context.Context, source any, name string, root bool) bool
	// Generator, when set, is consulted after Hook and the parent's value.
	Generator Generator
	// MaxDepth and MaxComplexity bound an operation (0 means no limit); an operation
	// over either fails with LimitError before execution.
	MaxDepth      int
	MaxComplexity int
	// MaxPageWeight is the most a page size weighs on complexity (0: all of it), so that
	// a larger page than usual (measurements') is bounded by the node count instead.
	MaxPageWeight int
	// UnpagedNodes, when set, says how many items a list or connection asked for no
	// first or last can answer, for the node count (MaxNodes); nil counts it as one.
	UnpagedNodes UnpagedNodes
	// LimitError builds the error for an operation over a limit (Kraken's KT-CT-1188).
	LimitError func(depth, complexity int) *Error
	// CacheBytes bounds the estimated memory of the prepared documents kept for reuse:
	// 0 is DefaultCacheBytes, negative keeps none. One document may take an eighth.
	CacheBytes int64
	// MaxCachedQuery is the longest query text, in bytes, kept for reuse; 0 is
	// DefaultMaxCachedQuery.
	MaxCachedQuery int
	// MaxNodes bounds how many nodes (list items) an answer can hold, as MeasureCost counts them
	// (0 means no limit); NodeLimitError builds the error (Kraken's KT-CT-1189).
	MaxNodes       int
	NodeLimitError func(nodes int) *Error
	// StopError, when set, builds the error of an execution the request's context
	// ended (its deadline, or the client going away) or that ErrTooManyFields stopped,
	// with the API's extensions.
	StopError func(err error) *Error
}

// Object is an ordered JSON object, the shape of every result map.
type Object struct {
	Keys   []string
	Values []any
}
