// Package schema holds krakensim's contracts (the embedded Kraken SDLs, the data-import
// OpenAPI document and the error registry) and loads them, or a user's own, into the
// structures the simulator serves from.
package schema

import (
	_ "embed" // the SDLs
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"
)

//go:generate go run ./internal/gen

// The embedded SDLs are strings, which the binary's read-only data holds: a Source
// takes them without copying them onto the heap.
var (
	//go:embed kraken.graphql
	apiSDL string
	//go:embed auth.graphql
	authSDL string
)

// Names of the embedded contract files, as they appear in error positions.
const (
	APIFile      = "schema/kraken.graphql"
	AuthFile     = "schema/auth.graphql"
	RegistryFile = "schema/errors.yaml"
)

// APISource returns the embedded SDL of the API site (/v1/graphql/).
func APISource() *ast.Source { return &ast.Source{Name: APIFile, Input: apiSDL} }

// AuthSource returns the embedded SDL of the authentication server (/graphql/).
func AuthSource() *ast.Source { return &ast.Source{Name: AuthFile, Input: authSDL} }

// ReadSource reads an SDL file from disk into a Source named by its path.
func ReadSource(path string) (*ast.Source, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	return &ast.Source{Name: path, Input: string(b)}, nil
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Error is an SDL problem at a position in a named file.
type Error struct {
	File    string
	Line    int
	Column  int
	Message string
}

// Error formats the problem as file:line:col: message.
func (e *Error) Error() string {
	switch {
	case e.Line > 0 && e.Column > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Message)
	case e.File != "":
		return fmt.Sprintf("%s: %s", e.File, e.Message)
	}
	return e.Message
}

// builtinNames are the prelude's types and directives; an SDL produced by introspection
// repeats them, which gqlparser rejects, so Load drops a user's redeclaration of them.
// They are read from the first prelude Load parses.
var (
	builtinNames map[string]bool
	builtinOnce  sync.Once
)

func readBuiltinNames(prelude *ast.SchemaDocument) {
	builtinOnce.Do(func() {
		builtinNames = map[string]bool{}
		for _, d := range prelude.Definitions {
			builtinNames[d.Name] = true
		}
		for _, d := range prelude.Directives {
			builtinNames["@"+d.Name] = true
		}
	})
}

// Load parses and validates one or more SDL sources into a single schema. It accepts
// SDLs obtained by introspection, which redeclare the built-in scalars and directives.
// A problem is returned as *Error naming the file, line and column.
func Load(sources ...*ast.Source) (*ast.Schema, error) {
	if len(sources) == 0 {
		return nil, &Error{Message: "no SDL source given"}
	}
	prelude := validator.PreludeDocument()
	readBuiltinNames(prelude)
	docs := &ast.SchemaDocument{}
	scalarDocs := map[string]string{}
	for _, src := range sources {
		doc, err := parser.ParseSchema(src)
		if err != nil {
			return nil, positioned(err, src.Name)
		}
		for _, d := range doc.Definitions {
			if d.Kind == ast.Scalar && d.Description != "" && coreScalarDescriptions[d.Name] != "" {
				scalarDocs[d.Name] = d.Description
			}
		}
		docs.Merge(dropBuiltins(doc))
	}
	prelude.Merge(docs)
	s, err := validator.ValidateSchemaDocument(prelude)
	if err != nil {
		return nil, positioned(err, sources[0].Name)
	}
	if s.Query == nil {
		return nil, &Error{File: sources[0].Name, Message: "the schema has no Query type"}
	}
	for name, desc := range coreScalarDescriptions {
		if def := s.Types[name]; def != nil {
			if d, ok := scalarDocs[name]; ok {
				desc = d
			}
			def.Description = desc
		}
	}
	return s, nil
}

// coreScalarDescriptions are the built-in scalars' descriptions as graphql-core 3.2
// gives them, which Kraken serves; an SDL redeclaring a built-in scalar with a
// description (an introspection dump does) keeps its own.
var coreScalarDescriptions = map[string]string{
	"String":  "The `String` scalar type represents textual data, represented as UTF-8 character sequences. The String type is most often used by GraphQL to represent free-form human-readable text.",
	"Int":     "The `Int` scalar type represents non-fractional signed whole numeric values. Int can represent values between -(2^31) and 2^31 - 1.",
	"Float":   "The `Float` scalar type represents signed double-precision fractional values as specified by [IEEE 754](https://en.wikipedia.org/wiki/IEEE_floating_point).",
	"Boolean": "The `Boolean` scalar type represents `true` or `false`.",
	"ID":      "The `ID` scalar type represents a unique identifier, often used to refetch an object or as key for a cache. The ID type appears in a JSON response as a String; however, it is not intended to be human-readable. When expected as an input type, any string (such as `\"4\"`) or integer (such as `4`) input value will be accepted as an ID.",
}

func dropBuiltins(doc *ast.SchemaDocument) *ast.SchemaDocument {
	defs := doc.Definitions[:0:0]
	for _, d := range doc.Definitions {
		if !builtinNames[d.Name] {
			defs = append(defs, d)
		}
	}
	dirs := doc.Directives[:0:0]
	for _, d := range doc.Directives {
		if !builtinNames["@"+d.Name] {
			dirs = append(dirs, d)
		}
	}
	doc.Definitions, doc.Directives = defs, dirs
	return doc
}

// positioned turns a gqlparser error into *Error, keeping file, line and column.
func positioned(err error, fallbackFile string) *Error {
	var ge *gqlerror.Error
	if !errors.As(err, &ge) {
		var list gqlerror.List
		if errors.As(err, &list) && len(list) > 0 {
			ge = list[0]
		}
	}
	if ge == nil {
		return &Error{File: fallbackFile, Message: err.Error()}
	}
	e := &Error{File: fallbackFile, Message: strings.TrimSuffix(ge.Message, ".") + "."}
	if f, ok := ge.Extensions["file"].(string); ok && f != "" {
		e.File = f
	}
	if len(ge.Locations) > 0 && ge.Locations[0].Line > 0 {
		e.Line, e.Column = ge.Locations[0].Line, ge.Locations[0].Column
	}
	return e
}
