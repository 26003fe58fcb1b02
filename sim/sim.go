// Package sim is the simulated Kraken platform: it assembles the GraphQL executors of the
// API site and the authentication server with deterministic fakes and Kraken's errors.
package sim

import (
	"errors"
	"fmt"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/graphql"
)

// Error types a Kraken error carries in extensions.errorType.
const (
	ErrorTypeValidation    = "VALIDATION"
	ErrorTypeApplication   = "APPLICATION"
	ErrorTypeAuthorization = "AUTHORIZATION"
)

// CodeQueryTooComplex is Kraken's error code for an operation over the depth or
// complexity limit.
const CodeQueryTooComplex = "KT-CT-1188"

// ErrorDef is a Kraken error code's registry entry, as a GraphQL error carries it.
type ErrorDef struct {
	Code        string
	Type        string
	Message     string
	Description string
}

// Config assembles a Simulator.
type Config struct {
	// API is the schema served at /v1/graphql/, Auth the one at /graphql/.
	API, Auth *ast.Schema
	// Errors is the error registry, by code.
	Errors map[string]ErrorDef
	// Seed makes fakes deterministic: the same request and seed give the same answer.
	Seed int64
	// MaxDepth and MaxComplexity bound an operation; 0 uses the defaults.
	MaxDepth, MaxComplexity int
	// APIFields and AuthFields document each endpoint's root fields (errors, auth).
	APIFields, AuthFields []FieldDoc
}

// Default operation limits, generous enough for any tool's introspection query.
const (
	DefaultMaxDepth      = 20
	DefaultMaxComplexity = 20000
)

// Simulator answers GraphQL operations for both Kraken endpoints.
type Simulator struct {
	api, auth *Endpoint
	errors    map[string]ErrorDef
}

// New builds a Simulator from cfg.
func New(cfg Config) (*Simulator, error) {
	if cfg.API == nil || cfg.Auth == nil {
		return nil, errors.New("sim: both the API and the auth schema are required")
	}
	s := &Simulator{errors: cfg.Errors}
	faker := fake.New(cfg.Seed)
	endpoint := func(schema *ast.Schema, docs []FieldDoc) *Endpoint {
		c := newContract(schema, docs)
		return &Endpoint{sim: s, contract: c, exec: graphql.New(schema, graphql.Options{
			Faker:         faker,
			Hook:          s.contractHook(c),
			MaxDepth:      orDefault(cfg.MaxDepth, DefaultMaxDepth),
			MaxComplexity: orDefault(cfg.MaxComplexity, DefaultMaxComplexity),
			LimitError:    s.limitError,
		})}
	}
	s.api = endpoint(cfg.API, cfg.APIFields)
	s.auth = endpoint(cfg.Auth, cfg.AuthFields)
	return s, nil
}

func orDefault(v, def int) int {
	if v <= 0 {
		return def
	}
	return v
}

// API returns the API site's endpoint (/v1/graphql/).
func (s *Simulator) API() *Endpoint { return s.api }

// Auth returns the authentication server's endpoint (/graphql/).
func (s *Simulator) Auth() *Endpoint { return s.auth }

// errorDef returns the registry entry for code, or a generic one naming it.
func (s *Simulator) errorDef(code string) ErrorDef {
	if def, ok := s.errors[code]; ok {
		return def
	}
	return ErrorDef{Code: code, Type: ErrorTypeApplication, Message: "An error occurred.", Description: fmt.Sprintf("Error %s is not in the registry.", code)}
}

// KrakenError builds the GraphQL error Kraken sends for code, from the registry.
func (s *Simulator) KrakenError(code string) *graphql.Error {
	def := s.errorDef(code)
	return &graphql.Error{
		Message: def.Message,
		Extensions: map[string]any{
			"errorType":        def.Type,
			"errorCode":        code,
			"errorDescription": def.Description,
		},
	}
}

func (s *Simulator) limitError(_, _ int) *graphql.Error {
	return s.KrakenError(CodeQueryTooComplex)
}
