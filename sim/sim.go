// Package sim is the simulated Kraken platform: it assembles the GraphQL executors of the
// API site and the authentication server with deterministic fakes and Kraken's errors.
package sim

import (
	"cmp"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/auth"
	"github.com/krakensim/krakensim/sim/checkout"
	"github.com/krakensim/krakensim/sim/coverage"
	docs "github.com/krakensim/krakensim/sim/documents"
	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/graphql"
	"github.com/krakensim/krakensim/sim/journal"
	"github.com/krakensim/krakensim/sim/ratelimit"
	"github.com/krakensim/krakensim/sim/rules"
	"github.com/krakensim/krakensim/sim/uploads"
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

// CodeTooManyNodes is Kraken's error code for an answer over the node limit.
const CodeTooManyNodes = "KT-CT-1189"

// CodeInvalidPagination is Kraken's error code for a page size over the maximum.
const CodeInvalidPagination = "KT-CT-1202"

// ErrorDef is a Kraken error code's registry entry, as a GraphQL error carries it.
type ErrorDef struct {
	Code        string
	Type        string
	Message     string
	Description string
	// Platform is PlatformAuth or PlatformAny for a code the platform raises whatever a
	// field documents (see schema/errors.yaml); empty for a field-specific code.
	Platform string
}

// Platform scopes of an ErrorDef.
const (
	// PlatformAuth codes fail any field that needs a signed-in user.
	PlatformAuth = "auth"
	// PlatformAny codes fail any field at all.
	PlatformAny = "any"
)

// Config assembles a Simulator.
type Config struct {
	// API is the schema served at /v1/graphql/, Auth the one at /graphql/.
	API, Auth *ast.Schema
	// Errors is the error registry, by code.
	Errors map[string]ErrorDef
	// InputProblems are the validationErrors entries fields' own refusals carry, by
	// "operation.field" and code: the same code forced (X-Krakensim-Error) or scripted
	// without validationErrors of its own carries the same.
	InputProblems map[string]map[string]InputProblem
	// MoreErrors, when set, gives the entry of a code Errors lacks: a registry too
	// large to copy into a map at startup (Kraken's published one).
	MoreErrors func(code string) (ErrorDef, bool)
	// Seed makes fakes deterministic: the same request and seed give the same answer.
	Seed int64
	// MaxDepth and MaxComplexity bound an operation (KT-CT-1188), MaxNodes the nodes
	// (list items) its answer can hold (KT-CT-1189); 0 uses the defaults.
	MaxDepth, MaxComplexity, MaxNodes int
	// APIFields and AuthFields document each endpoint's root fields (errors, auth).
	APIFields, AuthFields []FieldDoc
	// Backend, when set, is the schema of Octopus's backend host (Saving Sessions, the
	// Wheel of Fortune), served at BackendPath over the same world; BackendFields
	// documents its root fields.
	Backend       *ast.Schema
	BackendFields []FieldDoc

	// World is the state every session starts from (the fixtures); nil is empty. The
	// sessions share it, so it must not change once New has it.
	World *World
	// TokenSecret signs the JWTs obtainKrakenToken issues; empty draws a random one.
	TokenSecret []byte
	// TokenIssuer is the tokens' iss claim; empty names the API endpoint of the origin
	// each token was obtained at ("http://127.0.0.1:8080/v1/graphql/").
	TokenIssuer string
	// ClockStart is where each session's virtual clock starts; zero is the wall time
	// at the session's creation.
	ClockStart time.Time
	// MaxSessions bounds the live sessions; 0 is DefaultMaxSessions.
	MaxSessions int
	// MaxSessionBytes bounds the estimated state one session holds of its own (what it
	// changed and imported, its sign-ins); a full session refuses changes until reset.
	// 0 is DefaultMaxSessionBytes.
	MaxSessionBytes int64
	// MaxTotalSessionBytes bounds the estimated state of all sessions; beyond it the
	// least recently used are dropped. 0 is DefaultMaxTotalSessionBytes.
	MaxTotalSessionBytes int64
	// Logger receives a warning for each session dropped to keep the sessions within
	// MaxTotalSessionBytes; nil discards.
	Logger *slog.Logger
	// MaxRefreshTokens bounds the refresh tokens a session keeps; signing in beyond it
	// forgets the oldest. 0 is auth.DefaultMaxRefreshTokens.
	MaxRefreshTokens int
	// MaxPageSize is the largest first or last a connection accepts; 0 is world.DefaultMaxPage.
	MaxPageSize int
	// MaxEntities bounds the generated entities each session remembers; 0 is
	// world.DefaultStoreSize.
	MaxEntities int
	// RequestTimeout bounds one request, waiting for its session included: past it,
	// execution stops and a request still waiting gives up; 0 is DefaultRequestTimeout.
	RequestTimeout time.Duration
	// QueryCacheBytes bounds the estimated memory of each endpoint's prepared
	// documents; 0 is graphql.DefaultCacheBytes, negative keeps none.
	QueryCacheBytes int64
	// Resolvers answer root fields from session state, keyed "query.viewer" or
	// "mutation.updateUser"; they apply on whichever endpoint has the field.
	Resolvers map[string]Resolver
	// Entities find entities in session state by type, for lookups the resolvers do not
	// answer themselves (node(id:), a tenant's own lookup fields).
	Entities map[string]EntityFinder
	// Owners find whom an object of session state that node(id:) names belongs to, so
	// that node(id:) refuses it to anyone else as its account's fields are refused.
	Owners func(sess *Session, typ, id string) (Owner, bool)
	// Meters find a meter in session state by its serial number or its smart device's
	// id, so that the world's readings of it share one register at its tariff's rate.
	Meters func(sess *Session, id string) (world.Meter, bool)
	// StatementIDs list the ids of the statements an account's bills show in session
	// state, its open statement's included, so that an import numbers its own above them.
	StatementIDs func(sess *Session, account string) []string
	// OpenPeriod is the first day of an account's open statement period in session
	// state, after the latest statement its billing issued (YYYY-MM-DD; "" for none), so
	// that an import treats what Kraken billed as closed.
	OpenPeriod func(sess *Session, account string) string
	// TariffProduct is the product a tariff code is on, false for a code of no product
	// on sale, so that an import keeps an agreement's product and refuses a made-up code.
	TariffProduct func(code string) (string, bool)
	// CheckoutDone makes a checkout the hosted page completed take effect in the
	// session's state.
	CheckoutDone CheckoutHandler
	// StatementDocument finds what a statement's PDF shows in the session's state, for
	// its temporaryUrl.
	StatementDocument StatementDocumentFinder
	// AnnualStatementDocument finds what an annual statement's PDF shows in the session's
	// state, for its pdfUrl.
	AnnualStatementDocument AnnualStatementDocumentFinder
	// TermsDocument finds what the PDF of a product's terms shows in the session's
	// catalogue, for their pdfUrl.
	TermsDocument TermsDocumentFinder
	// RateLimit is every session's points allowance (off by default); sessions and
	// scenarios can set their own.
	RateLimit ratelimit.Policy
	// Routes are the REST endpoints (the data-import API).
	Routes []Route
	// Scenarios are the scenarios available by name; ActiveScenarios names those that
	// apply to every session from the start.
	Scenarios       []*rules.Scenario
	ActiveScenarios []string
	// MaxUploadedScenarios and MaxUploadedBytes (source bytes and
	// rules.Scenario.RegexBytes) bound what Upload keeps; 0 uses
	// DefaultMaxUploadedScenarios and DefaultMaxUploadedBytes.
	MaxUploadedScenarios int
	MaxUploadedBytes     int64
	// JournalSize is how many requests each session's journal keeps; 0 is
	// journal.DefaultSize and a negative size turns the journal off (coverage and
	// metrics still count).
	JournalSize int
	// JournalBytes is the most memory each session's journal keeps (Entry.Size), past
	// which its oldest entries go; 0 is journal.DefaultBytes.
	JournalBytes int
	// NoRecord turns off all per-request recording: journal, coverage, unmatched
	// requests and the metrics observers.
	NoRecord bool
	// Proxy, when its Upstream is set, answers what no scenario or forced error does
	// from a real Kraken instead of the simulator.
	Proxy Proxy
}

// Paths of the two GraphQL endpoints, as Kraken spells them.
const (
	APIPath  = "/v1/graphql/"
	AuthPath = "/graphql/"
)

// BackendPath is where the backend host's schema is served; a request for APIPath to a
// host named api.backend.… (as Octopus's backend is) is answered there too.
const BackendPath = "/backend/v1/graphql/"

// DefaultRequestTimeout is the deadline of one request when Config gives none.
const DefaultRequestTimeout = 10 * time.Second

// Default operation limits: Kraken's complexity cap of 200 and node cap of 10,000.
// Introspection fields count nothing, so every tool's introspection query passes.
const (
	DefaultMaxDepth      = 20
	DefaultMaxComplexity = 200
	DefaultMaxNodes      = 10000
)

// Simulator answers GraphQL operations for both Kraken endpoints.
type Simulator struct {
	api, auth  *Endpoint
	backend    *Endpoint // nil without Config.Backend
	errors     map[string]ErrorDef
	moreErrors func(code string) (ErrorDef, bool)
	// inputProblems is Config.InputProblems, by field and code.
	inputProblems map[problemKey]InputProblem
	world         *World
	tokenSecret   []byte
	// uploads signs the file storage's upload forms and fetch URLs.
	uploads     *uploads.Signer
	tokenIssuer string
	clockStart  time.Time
	resolvers   map[string]namedResolver
	routes      map[string]*Route // "METHOD pattern" → route
	routeList   []Route
	byPattern   map[string][]*Route
	sessions    sessions
	log         *slog.Logger
	scenarios   scenarioSet
	seed        int64
	zone        *time.Location
	taxRate     func() float64 // the API world's, read from the SDL on first use
	variant     func(id string) (typ, make, model string, ok bool)
	// control is the API world's boost charges of an owner's devices, named by ownerArgs,
	// and the spans their smart control was suspended.
	control      func(env *world.Env, args map[string]any) world.CarControl
	ownerArgs    []string
	maxEntities  int
	maxPage      int
	finders      map[string]EntityFinder
	owners       func(sess *Session, typ, id string) (Owner, bool)
	meters       func(sess *Session, id string) (world.Meter, bool)
	statementIDs func(sess *Session, account string) []string
	openPeriod   func(sess *Session, account string) string
	tariffProd   func(code string) (string, bool)
	checkoutDone CheckoutHandler
	checkouts    *checkout.Signer
	statementDoc StatementDocumentFinder
	annualDoc    AnnualStatementDocumentFinder
	termsDoc     TermsDocumentFinder
	documents    *uploads.QuerySigner
	// requestTimeout is each request's deadline.
	requestTimeout time.Duration
	journalSize    int
	journalBytes   int
	noRecord       bool
	recording      recording
	ratePolicy     ratelimit.Policy
	proxy          Proxy
	// rootNames are the root fields of every endpoint's schema, sorted: the fields
	// X-Krakensim-Error can name.
	rootNames []string
	// sharedErrors are the errors sharedKrakenError made, by sharedKey.
	sharedErrors sync.Map
}

// New builds a Simulator from cfg.
func New(cfg Config) (*Simulator, error) {
	if cfg.API == nil || cfg.Auth == nil {
		return nil, errors.New("sim: both the API and the auth schema are required")
	}
	s := &Simulator{
		errors:        cfg.Errors,
		moreErrors:    cfg.MoreErrors,
		inputProblems: problemsByKey(cfg.InputProblems),
		world:         cfg.World,
		tokenSecret:   cfg.TokenSecret,
		tokenIssuer:   cfg.TokenIssuer,
		clockStart:    cfg.ClockStart,
		seed:          cfg.Seed,
		proxy:         cfg.Proxy,
		maxEntities:   cfg.MaxEntities,
		finders:       cfg.Entities,
		owners:        cfg.Owners,
		meters:        cfg.Meters,
		statementIDs:  cfg.StatementIDs,
		openPeriod:    cfg.OpenPeriod,
		tariffProd:    cfg.TariffProduct,
		checkoutDone:  cfg.CheckoutDone,
		statementDoc:  cfg.StatementDocument,
		annualDoc:     cfg.AnnualStatementDocument,
		termsDoc:      cfg.TermsDocument,
		ratePolicy:    cfg.RateLimit,
		maxPage:       orDefault(cfg.MaxPageSize, world.DefaultMaxPage),
		resolvers:     map[string]namedResolver{},
		routes:        map[string]*Route{},
		sessions: sessions{
			byID: map[string]*Session{}, limit: orDefault(cfg.MaxSessions, DefaultMaxSessions),
			maxBytes:         orDefault64(cfg.MaxSessionBytes, DefaultMaxSessionBytes),
			maxTotal:         orDefault64(cfg.MaxTotalSessionBytes, DefaultMaxTotalSessionBytes),
			maxRefreshTokens: orDefault(cfg.MaxRefreshTokens, auth.DefaultMaxRefreshTokens),
		},
		log:          cmp.Or(cfg.Logger, slog.New(slog.DiscardHandler)),
		journalSize:  max(orDefault(cfg.JournalSize, journal.DefaultSize), 0),
		journalBytes: max(orDefault(cfg.JournalBytes, journal.DefaultBytes), 0),
		noRecord:     cfg.NoRecord,
	}
	s.scenarios.maxUploads = orDefault(cfg.MaxUploadedScenarios, DefaultMaxUploadedScenarios)
	s.scenarios.maxUploadBytes = cfg.MaxUploadedBytes
	if s.scenarios.maxUploadBytes <= 0 {
		s.scenarios.maxUploadBytes = DefaultMaxUploadedBytes
	}
	s.requestTimeout = cfg.RequestTimeout
	if s.requestTimeout <= 0 {
		s.requestTimeout = DefaultRequestTimeout
	}
	if cfg.JournalSize < 0 {
		s.journalSize = 0
	}
	s.recording.retired = coverage.NewRecorder()
	for _, rs := range []map[string]Resolver{coreResolvers(), cfg.Resolvers} {
		for k, r := range rs {
			s.resolvers[k] = namedResolver{name: k, fn: r}
		}
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
	s.uploads = uploads.NewSigner(s.tokenSecret)
	s.checkouts = checkout.NewSigner(s.tokenSecret)
	s.documents = docs.NewSigner(s.tokenSecret)
	for i := range cfg.Routes {
		r := cfg.Routes[i]
		key := r.Method + " " + r.Pattern
		if _, dup := s.routes[key]; dup {
			return nil, fmt.Errorf("sim: route %s is given twice", key)
		}
		r.key = key
		s.routes[key] = &r
		if s.byPattern == nil {
			s.byPattern = map[string][]*Route{}
		}
		s.byPattern[r.Pattern] = append(s.byPattern[r.Pattern], &r)
		s.routeList = append(s.routeList, r)
	}
	faker := fake.NewIn(cfg.Seed, fake.LocalZone(cfg.API))
	s.zone = faker.Zone()
	endpoint := func(schema *ast.Schema, docs []FieldDoc, path string) *Endpoint {
		s.addRootNames(schema)
		c := newContract(schema, docs)
		e := &Endpoint{sim: s, contract: c, path: path, deprecatedInputs: hasDeprecatedInputs(schema)}
		gen := world.New(schema, faker, world.Options{
			MaxPage:   orDefault(cfg.MaxPageSize, world.DefaultMaxPage),
			NotFound:  e.notFound,
			Env:       worldEnv,
			State:     s.stateEntity,
			Devices:   s.stateDevices,
			Meter:     s.stateMeter,
			Viewer:    requestViewer,
			PageError: s.pageError,
			Refused:   e.refused,
			Invalid:   e.invalid,
			ZoneError: s.zoneError,
		})
		if path == APIPath {
			s.taxRate = gen.TaxRate
			s.variant = gen.Variant
			s.control, s.ownerArgs = gen.Control, gen.OwnerArgs()
		}
		e.exec = graphql.New(schema, graphql.Options{
			Faker:         faker,
			Hook:          e.hook,
			HookFilter:    e.hookWants,
			Generator:     gen,
			MaxDepth:      orDefault(cfg.MaxDepth, DefaultMaxDepth),
			MaxComplexity: orDefault(cfg.MaxComplexity, DefaultMaxComplexity),
			MaxPageWeight: s.maxPage,
			UnpagedNodes:  gen.UnpagedNodes,
			LimitError:    s.limitError,
			CacheBytes:    cfg.QueryCacheBytes,
			MaxNodes:      orDefault(cfg.MaxNodes, DefaultMaxNodes),
			NodeLimitError: func(int) *graphql.Error {
				return s.KrakenError(CodeTooManyNodes)
			},
			StopError: s.stopError,
		})
		return e
	}
	s.api = endpoint(cfg.API, cfg.APIFields, APIPath)
	s.auth = endpoint(cfg.Auth, cfg.AuthFields, AuthPath)
	if cfg.Backend != nil {
		s.backend = endpoint(cfg.Backend, cfg.BackendFields, BackendPath)
	}
	if len(cfg.Scenarios) > 0 {
		if err := s.setScenarios(cfg.Scenarios); err != nil {
			return nil, fmt.Errorf("sim: scenarios: %w", err)
		}
	}
	for _, name := range cfg.ActiveScenarios {
		if err := s.ActivateDefault(name); err != nil {
			return nil, fmt.Errorf("sim: %w", err)
		}
	}
	return s, nil
}

// addRootNames adds the root fields of schema's operation types to s.rootNames.
func (s *Simulator) addRootNames(schema *ast.Schema) {
	for _, def := range []*ast.Definition{schema.Query, schema.Mutation, schema.Subscription} {
		if def == nil {
			continue
		}
		for _, f := range def.Fields {
			if !strings.HasPrefix(f.Name, "__") {
				s.rootNames = append(s.rootNames, f.Name)
			}
		}
	}
	slices.Sort(s.rootNames)
	s.rootNames = slices.Compact(s.rootNames)
}

func orDefault64(v, def int64) int64 {
	if v <= 0 {
		return def
	}
	return v
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

// Backend returns the backend host's endpoint (BackendPath); nil when none is configured.
func (s *Simulator) Backend() *Endpoint { return s.backend }

// registered is the registry's entry for code: Config.Errors', else MoreErrors'.
func (s *Simulator) registered(code string) (ErrorDef, bool) {
	if def, ok := s.errors[code]; ok {
		return def, true
	}
	if s.moreErrors != nil {
		return s.moreErrors(code)
	}
	return ErrorDef{}, false
}

// errorDef returns the registry entry for code, or a generic one naming it.
func (s *Simulator) errorDef(code string) ErrorDef {
	if def, ok := s.registered(code); ok {
		return def
	}
	return ErrorDef{Code: code, Type: ErrorTypeApplication, Message: "An error occurred.", Description: fmt.Sprintf("Error %s is not in the registry.", code)}
}

// documentedDef is code's definition as doc documents it: the registry's entry with the
// field's message for it; for a code only the field documents, its message as message
// and description, with the type the message implies.
func (s *Simulator) documentedDef(doc *FieldDoc, code string) ErrorDef {
	def, registered := s.registered(code)
	if !registered {
		def = s.errorDef(code)
	}
	if doc == nil {
		return def
	}
	for _, d := range doc.Errors {
		if d.Code == code && d.Message != "" {
			def.Message = d.Message
			if !registered { // the field's documentation is all that is known of it
				def.Description = d.Message
				if d.Type != "" {
					def.Type = d.Type
				}
			}
			break
		}
	}
	return def
}

// InputProblem is the validationErrors entry a field's own refusal with a code carries.
type InputProblem struct {
	Message   string
	InputPath []any
}

// problemKey names a field ("mutation", "createAccountPaymentSchedule") and a code.
type problemKey struct{ op, field, code string }

// problemsByKey indexes Config.InputProblems by problemKey, so that a lookup builds no
// string.
func problemsByKey(in map[string]map[string]InputProblem) map[problemKey]InputProblem {
	out := make(map[problemKey]InputProblem)
	for key, codes := range in {
		op, field, _ := strings.Cut(key, ".")
		for code, p := range codes {
			out[problemKey{op, field, code}] = p
		}
	}
	return out
}

// withInputProblem is e, doc's error with code, carrying the validationErrors doc's own
// refusal with code carries (Config.InputProblems); e itself when there is none.
func (s *Simulator) withInputProblem(doc *FieldDoc, code string, e *graphql.Error) *graphql.Error {
	if doc == nil {
		return e
	}
	p, ok := s.inputProblems[problemKey{doc.Operation, doc.Name, code}]
	if !ok {
		return e
	}
	out := *e
	out.Extensions = maps.Clone(e.Extensions)
	out.Extensions["validationErrors"] = []any{map[string]any{"message": p.Message, "inputPath": slices.Clone(p.InputPath)}}
	return &out
}

// documentedError is the Kraken error for code as doc documents it (documentedDef).
func (s *Simulator) documentedError(doc *FieldDoc, code string) *graphql.Error {
	return defError(code, s.documentedDef(doc, code))
}

// PlatformCode reports whether the platform raises code on any field, documented or not.
func (s *Simulator) PlatformCode(code string) bool {
	def, ok := s.errors[code]
	return ok && def.Platform != ""
}

// PlatformCodes lists the registry's platform codes of the given scopes (none: all), sorted.
func (s *Simulator) PlatformCodes(scopes ...string) []string {
	var out []string
	for code, def := range s.errors {
		if def.Platform != "" && (len(scopes) == 0 || slices.Contains(scopes, def.Platform)) {
			out = append(out, code)
		}
	}
	slices.Sort(out)
	return out
}

// KrakenError builds the GraphQL error Kraken sends for code, from the registry.
func (s *Simulator) KrakenError(code string) *graphql.Error {
	return defError(code, s.errorDef(code))
}

// defError is the GraphQL error Kraken sends for code, as def describes it.
func defError(code string, def ErrorDef) *graphql.Error {
	return &graphql.Error{
		Message: def.Message,
		Extensions: map[string]any{
			"errorType":        def.Type,
			"errorCode":        code,
			"errorDescription": def.Description,
		},
	}
}

// sharedKey names a shared error: code as doc documents it.
type sharedKey struct {
	doc  *FieldDoc
	code string
}

// sharedKrakenError is documentedError(doc, code) made once and shared: for answers
// that only read it (the executor copies an error before it adds its path), never to
// change.
func (s *Simulator) sharedKrakenError(doc *FieldDoc, code string) *graphql.Error {
	if !documents(doc, code) {
		doc = nil
	}
	key := sharedKey{doc, code}
	if e, ok := s.sharedErrors.Load(key); ok {
		return e.(*graphql.Error)
	}
	e, _ := s.sharedErrors.LoadOrStore(key, s.documentedError(doc, code))
	return e.(*graphql.Error)
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

// zoneError is KT-CT-13614 for a zone argument that names no IANA zone, naming the value.
func (s *Simulator) zoneError(f *graphql.Field, arg, name string) error {
	e := s.KrakenError("KT-CT-13614")
	e.Extensions["validationErrors"] = []any{map[string]any{"message": fmt.Sprintf("%q is not an IANA time zone name (%s).", Clip(strings.TrimSpace(name), 64), s.zone), "inputPath": []any{arg}}}
	return e
}

// MaxPageSize is the largest first or last a connection accepts.
func (s *Simulator) MaxPageSize() int { return s.maxPage }

// EntityFinder answers an entity from a session's state by one of its key fields, as
// the resolvers answer it; ok=false when state does not have it.
type EntityFinder func(sess *Session, field, value string) (map[string]any, bool)

// Owner is whom an object of session state belongs to: the account it hangs off, or the
// user it is.
type Owner struct {
	Account string
	User    string
}

// stateEntity answers the world's lookups from session state through the finders.
func (s *Simulator) stateEntity(env *world.Env, typ, field, value string) (map[string]any, bool) {
	sess, _ := env.Owner.(*Session)
	f := s.finders[typ]
	if sess == nil || f == nil {
		return nil, false
	}
	return f(sess, field, value)
}

// stateDevices answers an owner's device list from session state: the devices of the
// account an argument names, when the account declares any (those at the property
// propertyId names, when it is given); with nil args, the devices every account declares. A device the supplier's own controller runs is in no such list.
func (s *Simulator) stateDevices(env *world.Env, args map[string]any) ([]world.Device, bool) {
	sess, _ := env.Owner.(*Session)
	if sess == nil {
		return nil, false
	}
	var out []world.Device
	now := sess.Now()
	add := func(a *Account) {
		home := ""
		if len(a.Properties) > 0 {
			home = a.Properties[0].ID // a household's devices are at its home
		}
		for _, d := range a.Devices {
			if !d.OwnController() {
				life, state := d.Life(now)
				var test world.Boost
				if o := d.Onboarding; o != nil && !o.TestChargeAt.IsZero() {
					test = world.Boost{From: o.TestChargeAt, To: o.TestChargeAt.Add(TestChargeLength)}
				}
				out = append(out, world.Device{Type: d.Type, ID: d.ID, Make: d.Make, Model: d.Model, Owner: a.Number, Property: home,
					Provider: d.Provider, Life: life, State: state, Unregistered: d.Unregistered, TestCharge: test})
			}
		}
	}
	if args == nil {
		for _, a := range sess.World().Accounts {
			if a != nil {
				add(a)
			}
		}
		return out, len(out) > 0
	}
	for _, v := range args {
		n, _ := v.(string)
		if a := sess.World().Account(n); a != nil && len(a.Devices) > 0 {
			add(a)
			if p, ok := args["propertyId"].(string); ok && p != "" { // only those at that property
				out = slices.DeleteFunc(out, func(d world.Device) bool { return d.Property != p })
			}
			return out, true
		}
	}
	return nil, false
}

// stateMeter answers the world's meters from session state through the Meters finder.
func (s *Simulator) stateMeter(env *world.Env, id string) (world.Meter, bool) {
	sess, _ := env.Owner.(*Session)
	if sess == nil || s.meters == nil {
		return world.Meter{}, false
	}
	return s.meters(sess, id)
}

// refused answers a mutation the world cannot do with the code its description says it
// answers then, its extension listing the reasons; nil when it says none.
func (e *Endpoint) refused(f *graphql.Field, reasons []string) error {
	doc, _ := e.contract.field(string(f.Operation), f.Name)
	return e.sim.refusal(doc, reasons)
}

// refusal is the error of a field that cannot do what it is asked, as its doc says it
// refuses (KT-CT-4355 with testChargeRefusalReasons); nil when it says none.
func (s *Simulator) refusal(doc *FieldDoc, reasons []string) error {
	if doc == nil || doc.Refusal == "" {
		return nil
	}
	err := s.documentedError(doc, doc.Refusal)
	if doc.RefusalExtension != "" && len(reasons) > 0 {
		err.Extensions[doc.RefusalExtension] = slices.Clone(reasons)
	}
	return err
}

// invalid answers a world-answered mutation given a value no one could mean with the
// validation code the field documents (KT-CT-4321), its validationErrors naming the
// input; nil when it documents none.
func (e *Endpoint) invalid(f *graphql.Field, message string, inputPath []any) error {
	doc, code := e.documented(f, "VALIDATION")
	if code == "" {
		return nil
	}
	err := e.sim.documentedError(doc, code)
	err.Extensions["validationErrors"] = []any{map[string]any{"message": message, "inputPath": inputPath}}
	return err
}

// documented is field f's documentation and the first code it documents of the
// registry's type typ (NOT_FOUND, VALIDATION); "" for none.
func (e *Endpoint) documented(f *graphql.Field, typ string) (*FieldDoc, string) {
	doc, ok := e.contract.field(string(f.Operation), f.Name)
	if !ok {
		return nil, ""
	}
	for _, d := range doc.Errors {
		if e.sim.errorDef(d.Code).Type == typ {
			return doc, d.Code
		}
	}
	return doc, ""
}

// notFound answers a generic lookup of a key the session's world does not have with the
// NOT_FOUND code the root field documents; elsewhere with null.
func (e *Endpoint) notFound(f *graphql.Field, typeName, key string) error {
	if len(f.Path) != 1 {
		return nil
	}
	if doc, code := e.documented(f, "NOT_FOUND"); code != "" {
		return e.sim.documentedError(doc, code)
	}
	return nil
}

// RequestTimeout is the deadline of one request (Config.RequestTimeout), which also
// bounds the time its body may take to arrive.
func (s *Simulator) RequestTimeout() time.Duration { return s.requestTimeout }
