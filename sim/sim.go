// Package sim is the simulated Kraken platform: it assembles the GraphQL executors of the
// API site and the authentication server with deterministic fakes and Kraken's errors.
package sim

import (
	"crypto/rand"
	"errors"
	"fmt"
	"time"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/graphql"
	"github.com/krakensim/krakensim/sim/rules"
	"github.com/krakensim/krakensim/sim/world"
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

// CodeInvalidPagination is Kraken's error code for a page size over the maximum.
const CodeInvalidPagination = "KT-CT-1202"

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

	// World is the state every session starts from (the fixtures); nil is empty.
	World *World
	// TokenSecret signs the JWTs obtainKrakenToken issues; empty draws a random one.
	TokenSecret []byte
	// TokenIssuer is the tokens' iss claim; empty is auth.DefaultIssuer.
	TokenIssuer string
	// ClockStart is where each session's virtual clock starts; zero is the wall time
	// at the session's creation.
	ClockStart time.Time
	// MaxSessions bounds the live sessions; 0 is DefaultMaxSessions.
	MaxSessions int
	// MaxPageSize is the largest first or last a connection accepts; 0 is world.DefaultMaxPage.
	MaxPageSize int
	// MaxEntities bounds the generated entities each session remembers; 0 is
	// world.DefaultStoreSize.
	MaxEntities int
	// Resolvers answer root fields from session state, keyed "query.viewer" or
	// "mutation.updateUser"; they apply on whichever endpoint has the field.
	Resolvers map[string]Resolver
	// Routes are the REST endpoints (the data-import API).
	Routes []Route
	// Scenarios are the scenarios available by name; ActiveScenarios names those that
	// apply to every session from the start.
	Scenarios       []*rules.Scenario
	ActiveScenarios []string
	// Proxy, when its Upstream is set, answers what no scenario or forced error does
	// from a real Kraken instead of the simulator.
	Proxy Proxy
}

// Paths of the two GraphQL endpoints, as Kraken spells them.
const (
	APIPath  = "/v1/graphql/"
	AuthPath = "/graphql/"
)

// Default operation limits, generous enough for any tool's introspection query.
const (
	DefaultMaxDepth      = 20
	DefaultMaxComplexity = 20000
)

// Simulator answers GraphQL operations for both Kraken endpoints.
type Simulator struct {
	api, auth   *Endpoint
	errors      map[string]ErrorDef
	world       *World
	tokenSecret []byte
	tokenIssuer string
	clockStart  time.Time
	resolvers   map[string]Resolver
	routes      map[string]*Route // "METHOD pattern" → route
	routeList   []Route
	sessions    sessions
	scenarios   scenarioSet
	seed        int64
	maxEntities int
	maxPage     int
	proxy       Proxy
}

// New builds a Simulator from cfg.
func New(cfg Config) (*Simulator, error) {
	if cfg.API == nil || cfg.Auth == nil {
		return nil, errors.New("sim: both the API and the auth schema are required")
	}
	s := &Simulator{
		errors:      cfg.Errors,
		world:       cfg.World,
		tokenSecret: cfg.TokenSecret,
		tokenIssuer: cfg.TokenIssuer,
		clockStart:  cfg.ClockStart,
		seed:        cfg.Seed,
		proxy:       cfg.Proxy,
		maxEntities: cfg.MaxEntities,
		maxPage:     orDefault(cfg.MaxPageSize, world.DefaultMaxPage),
		resolvers:   coreResolvers(),
		routes:      map[string]*Route{},
		sessions:    sessions{byID: map[string]*Session{}, limit: orDefault(cfg.MaxSessions, DefaultMaxSessions)},
	}
	for k, r := range cfg.Resolvers {
		s.resolvers[k] = r
	}
	if s.world == nil {
		s.world = &World{}
	}
	if len(s.tokenSecret) == 0 {
		s.tokenSecret = make([]byte, 32)
		if _, err := rand.Read(s.tokenSecret); err != nil {
			return nil, fmt.Errorf("sim: token secret: %w", err)
		}
	}
	for i := range cfg.Routes {
		r := cfg.Routes[i]
		key := r.Method + " " + r.Pattern
		if _, dup := s.routes[key]; dup {
			return nil, fmt.Errorf("sim: route %s is given twice", key)
		}
		s.routes[key] = &r
		s.routeList = append(s.routeList, r)
	}
	faker := fake.New(cfg.Seed)
	endpoint := func(schema *ast.Schema, docs []FieldDoc, path string) *Endpoint {
		c := newContract(schema, docs)
		e := &Endpoint{sim: s, contract: c, path: path}
		gen := world.New(schema, faker, world.Options{
			MaxPage:   orDefault(cfg.MaxPageSize, world.DefaultMaxPage),
			NotFound:  e.notFound,
			Env:       worldEnv,
			PageError: s.pageError,
		})
		e.exec = graphql.New(schema, graphql.Options{
			Faker:         faker,
			Hook:          e.hook,
			Generator:     gen,
			MaxDepth:      orDefault(cfg.MaxDepth, DefaultMaxDepth),
			MaxComplexity: orDefault(cfg.MaxComplexity, DefaultMaxComplexity),
			LimitError:    s.limitError,
		})
		return e
	}
	s.api = endpoint(cfg.API, cfg.APIFields, APIPath)
	s.auth = endpoint(cfg.Auth, cfg.AuthFields, AuthPath)
	if len(cfg.Scenarios) > 0 {
		if err := s.SetScenarios(cfg.Scenarios); err != nil {
			return nil, fmt.Errorf("sim: scenarios: %w", err)
		}
	}
	for _, name := range cfg.ActiveScenarios {
		if err := s.ActivateScenario(name, ""); err != nil {
			return nil, fmt.Errorf("sim: %w", err)
		}
	}
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

// pageError is KT-CT-1202 for a connection page over the maximum, saying which argument.
func (s *Simulator) pageError(f *graphql.Field, pe *world.PageError) error {
	e := s.KrakenError(CodeInvalidPagination)
	e.Extensions["errorDescription"] = fmt.Sprintf("%s: %s is %d; it must be between 0 and %d.", f.Name, pe.Arg, pe.N, pe.Limit)
	return e
}

// MaxPageSize is the largest first or last a connection accepts.
func (s *Simulator) MaxPageSize() int { return s.maxPage }

// notFound answers a generic lookup of a key the session's world does not have with the
// NOT_FOUND code the root field documents; elsewhere with null.
func (e *Endpoint) notFound(f *graphql.Field, typeName, key string) error {
	if len(f.Path) != 1 {
		return nil
	}
	doc, ok := e.contract.field(string(f.Operation), f.Name)
	if !ok {
		return nil
	}
	for _, d := range doc.Errors {
		if e.sim.errorDef(d.Code).Type == "NOT_FOUND" {
			return e.sim.KrakenError(d.Code)
		}
	}
	return nil
}
