package schema

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/internal/lazyre"
)

// DocumentedError is one error code a root field documents, with the field's message.
type DocumentedError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// InferType is the errorType a message implies, for a code no registry lists: the rule
// errors.yaml's inferred entries follow (AUTHORIZATION for "Unauthorized.", NOT_FOUND for
// "… not found.", VALIDATION for "Invalid …", SERVICE_AVAILABILITY for "… unavailable.",
// else APPLICATION).
func InferType(msg string) string {
	m := " " + strings.Join(strings.FieldsFunc(strings.ToLower(msg), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	}), " ") + " "
	has := func(phrases ...string) bool {
		return slices.ContainsFunc(phrases, func(p string) bool { return strings.Contains(m, " "+p+" ") })
	}
	switch {
	case m == " unauthorized " || has("not authorized", "authorization header", "'authorization' header"):
		return TypeAuthorization
	case has("not found", "does not exist", "cannot be found") || (strings.HasPrefix(m, " no ") && has("found")):
		return TypeNotFound
	case has("invalid", "not valid", "must", "required", "cannot be", "incorrect", "missing"):
		return TypeValidation
	case has("unavailable", "too many requests", "rate limit"):
		return TypeServiceAvailability
	}
	return TypeApplication
}

// FieldContract is what the SDL documents about one root field.
type FieldContract struct {
	Operation ast.Operation
	Name      string
	// Summary is the field's description without the error list and auth sentence.
	Summary string
	// Errors lists the documented codes in SDL order, each code once.
	Errors            []DocumentedError
	RequiresAuth      bool
	Deprecated        bool
	DeprecationReason string
	Definition        *ast.FieldDefinition
	// Refusal is the code the summary says is returned when the field cannot do what it
	// is asked ("a KT-CT-4357 error will be returned"), and the extension that lists why
	// ("a `boostChargeRefusalReasons` extension"); empty when it says none.
	Refusal, RefusalExtension string
}

// NeedsAuthorization reports whether the field needs the Authorization header: it says
// so (RequiresAuth), or it documents KT-CT-1112, the error Kraken answers for a missing
// header, as many tenant SDLs document it without the sentence.
func (f *FieldContract) NeedsAuthorization() bool {
	_, ok := f.Documents(codeHeaderMissing)
	return f.RequiresAuth || ok
}

// Documents reports whether the field documents code, and its message there.
func (f *FieldContract) Documents(code string) (DocumentedError, bool) {
	for _, e := range f.Errors {
		if e.Code == code {
			return e, true
		}
	}
	return DocumentedError{}, false
}

// Codes returns the documented codes in order.
func (f *FieldContract) Codes() []string {
	codes := make([]string, len(f.Errors))
	for i, e := range f.Errors {
		codes[i] = e.Code
	}
	return codes
}

// Catalog is the contract of every root field of a schema, read from its descriptions.
type Catalog struct {
	fields map[ast.Operation]map[string]*FieldContract
	order  []*FieldContract
}

// NewCatalog reads the documented errors, auth needs and deprecations of every query
// and mutation root field, from descriptions or, as older SDLs carry them, # comments.
func NewCatalog(s *ast.Schema) *Catalog {
	c := &Catalog{fields: map[ast.Operation]map[string]*FieldContract{}}
	roots := []struct {
		op  ast.Operation
		def *ast.Definition
	}{{ast.Query, s.Query}, {ast.Mutation, s.Mutation}}
	for _, r := range roots {
		if r.def == nil {
			continue
		}
		byName := map[string]*FieldContract{}
		for _, f := range r.def.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			fc := contractOf(r.op, f)
			byName[f.Name] = fc
			c.order = append(c.order, fc)
		}
		c.fields[r.op] = byName
	}
	return c
}

// Field returns the contract of a root field of the given operation type.
func (c *Catalog) Field(op ast.Operation, name string) (*FieldContract, bool) {
	fc, ok := c.fields[op][name]
	return fc, ok
}

// Lookup finds a root field by name, trying mutations before queries.
func (c *Catalog) Lookup(name string) (*FieldContract, bool) {
	if fc, ok := c.Field(ast.Mutation, name); ok {
		return fc, true
	}
	return c.Field(ast.Query, name)
}

// Fields returns every root field's contract, queries first, in SDL order.
func (c *Catalog) Fields() []*FieldContract { return slices.Clone(c.order) }

// FieldsDocumenting returns the root fields that document code.
func (c *Catalog) FieldsDocumenting(code string) []*FieldContract {
	var out []*FieldContract
	for _, fc := range c.order {
		if _, ok := fc.Documents(code); ok {
			out = append(out, fc)
		}
	}
	return out
}

// codeHeaderMissing is Kraken's error for a field that needs the Authorization header
// called without it.
const codeHeaderMissing = "KT-CT-1112"

var (
	errorsHeading = lazyre.New(`(?i)the possible errors that can be raised are:?`)
	authSentence  = lazyre.New("(?i)this field requires the `?authorization`? header to be set\\.?")
)

// Words each pattern needs, in lower case, and how many bytes of the pattern can come
// before them (up to 3 a character, as case folding reaches 3-byte runes). A
// case-insensitive pattern cannot scan for a literal prefix, so the patterns run from
// shortly before the first place the words appear, or not at all: most descriptions
// lack them. Their letters fold to ASCII only (unlike k and s).
const (
	headingWords  = "that can be rai"
	headingBefore = 3 * len("the possible errors ")
	authWords     = "authorization"
	authBefore    = 3 * len("this field requires the `")
)

func contractOf(op ast.Operation, f *ast.FieldDefinition) *FieldContract {
	text := f.Description
	if strings.TrimSpace(text) == "" {
		text = commentText(f.AfterDescriptionComment) + "\n" + commentText(f.BeforeDescriptionComment)
	}
	fc := &FieldContract{Operation: op, Name: f.Name, Definition: f}
	if from := searchFrom(text, authWords, authBefore); from >= 0 && authSentence().MatchString(text[from:]) {
		fc.RequiresAuth = true
		text = text[:from] + authSentence().ReplaceAllString(text[from:], "")
	}
	fc.Summary, fc.Errors = splitErrors(text)
	fc.Refusal, fc.RefusalExtension = refusalOf(fc.Summary, fc.Errors)
	if d := f.Directives.ForName("deprecated"); d != nil {
		fc.Deprecated = true
		fc.DeprecationReason = "No longer supported"
		if a := d.Arguments.ForName("reason"); a != nil && a.Value != nil {
			fc.DeprecationReason = a.Value.Raw
		}
	}
	return fc
}

var (
	refusalSentence  = lazyre.New(`\b(KT-[A-Z]+-\d+|OE-(?:[A-Z]+-)?\d+) error will be returned\b`)
	refusalExtension = lazyre.New("`([A-Za-z][A-Za-z0-9_]*)` extension")
)

// refusalOf is the code a summary says is returned when the field cannot do what it is
// asked, when the field documents it, and the extension the summary says lists why.
func refusalOf(summary string, documented []DocumentedError) (code, extension string) {
	if !strings.Contains(summary, "error will be returned") {
		return "", ""
	}
	m := refusalSentence().FindStringSubmatch(summary)
	if m == nil || !slices.ContainsFunc(documented, func(e DocumentedError) bool { return e.Code == m[1] }) {
		return "", ""
	}
	if x := refusalExtension().FindStringSubmatch(summary); x != nil {
		extension = x[1]
	}
	return m[1], extension
}

// searchFrom returns where a pattern needing words (lower-case ASCII, in any ASCII
// case), with up to before bytes ahead of them, can first match in s; -1 when s lacks
// the words.
func searchFrom(s, words string, before int) int {
	for i := 0; i+len(words) <= len(s); i++ {
		j := 0
		for j < len(words) {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != words[j] {
				break
			}
			j++
		}
		if j == len(words) {
			return max(i-before, 0)
		}
	}
	return -1
}

// splitErrors separates a description into its prose and its documented error list.
func splitErrors(text string) (string, []DocumentedError) {
	from := searchFrom(text, headingWords, headingBefore)
	if from < 0 {
		return tidy(text), nil
	}
	loc := errorsHeading().FindStringIndex(text[from:])
	if loc == nil {
		return tidy(text), nil
	}
	loc[0], loc[1] = loc[0]+from, loc[1]+from
	var errs []DocumentedError
	seen := map[string]bool{}
	started := false
lines:
	for line := range strings.SplitSeq(text[loc[1]:], "\n") {
		for _, item := range bulletItems(line) {
			code, msg, ok := errorLine(item)
			if !ok {
				if started && strings.TrimSpace(item) != "" {
					break lines
				}
				continue
			}
			started = true
			if !seen[code] {
				seen[code] = true
				errs = append(errs, DocumentedError{Code: code, Message: msg})
			}
		}
	}
	return tidy(text[:loc[0]]), errs
}

// bulletItems splits a line of an error list that holds several items, as a
// description flattened to one line does ("are: - KT-CT-1111: Unauthorized. - KT-CT-4340:
// …"), before each bullet (-, * or • between white space) that a code follows.
func bulletItems(line string) []string {
	var out []string
	from := 0
	for i := 1; i < len(line); i++ {
		if !strings.ContainsRune(perlSpace, rune(line[i-1])) {
			continue
		}
		b, size := utf8.DecodeRuneInString(line[i:])
		if b != '-' && b != '*' && b != '•' {
			continue
		}
		if rest := trimSpaceLeft(line[i+size:]); len(rest) < len(line[i+size:]) && codeStart(rest) {
			out = append(out, line[from:i])
			from = i
		}
	}
	return append(out, line[from:])
}

// errorLine reads one line (no \n) of an error list: optional white space and bullet
// (-, * or •), a code (KT-ABC-123, or the backend host's OE-123 and OE-ABC-123), a colon,
// and the message, trimmed; as the pattern
// ^\s*(?:[-*•]\s*)?(KT-[A-Z]+-\d+|OE-(?:[A-Z]+-)?\d+)\s*:\s*(.*?)\s*$ would, without its
// backtracking.
func errorLine(line string) (code, msg string, ok bool) {
	rest := trimSpaceLeft(line)
	if b, size := utf8.DecodeRuneInString(rest); b == '-' || b == '*' || b == '•' {
		rest = trimSpaceLeft(rest[size:])
	}
	if !codeStart(rest) {
		return "", "", false
	}
	i := len("KT-")
	letters := i
	for i < len(rest) && 'A' <= rest[i] && rest[i] <= 'Z' {
		i++
	}
	switch {
	case i < len(rest) && i > letters && rest[i] == '-':
		i++
	case rest[:2] != "OE" || i != letters: // only OE- may go straight to its number
		return "", "", false
	}
	digits := i
	for i < len(rest) && '0' <= rest[i] && rest[i] <= '9' {
		i++
	}
	if i == digits {
		return "", "", false
	}
	code, rest = rest[:i], trimSpaceLeft(rest[i:])
	if !strings.HasPrefix(rest, ":") {
		return "", "", false
	}
	return code, strings.TrimRight(trimSpaceLeft(rest[1:]), perlSpace), true
}

// codeStart reports whether s begins as an error code does: KT- or OE-.
func codeStart(s string) bool { return strings.HasPrefix(s, "KT-") || strings.HasPrefix(s, "OE-") }

// perlSpace is what \s matches in Go's regular expressions.
const perlSpace = "\t\n\f\r "

func trimSpaceLeft(s string) string { return strings.TrimLeft(s, perlSpace) }

func commentText(g *ast.CommentGroup) string {
	if g == nil {
		return ""
	}
	lines := make([]string, len(g.List))
	for i, c := range g.List {
		lines[i] = strings.TrimPrefix(c.Text(), " ")
	}
	return strings.Join(lines, "\n")
}

func tidy(s string) string {
	var out []string
	for line := range strings.SplitSeq(s, "\n") {
		if t := strings.TrimSpace(line); t != "" {
			out = append(out, t)
		}
	}
	return strings.Join(out, " ")
}
