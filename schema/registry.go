package schema

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/krakensim/krakensim/internal/lazyre"
	"github.com/krakensim/krakensim/internal/yamlpos"
)

// Error types a Kraken error carries in extensions.errorType.
const (
	TypeValidation          = "VALIDATION"
	TypeNotFound            = "NOT_FOUND"
	TypeApplication         = "APPLICATION"
	TypeAuthorization       = "AUTHORIZATION"
	TypeServiceAvailability = "SERVICE_AVAILABILITY"
)

var errorTypes = []string{TypeValidation, TypeNotFound, TypeApplication, TypeAuthorization, TypeServiceAvailability}

// ErrorTypes lists the errorTypes Kraken uses, in the order reference_codes.go numbers them.
func ErrorTypes() []string { return slices.Clone(errorTypes) }

// ErrorInfo is the registry's entry for one error code.
type ErrorInfo struct {
	Code        string `json:"code"`
	Type        string `json:"type"`
	Message     string `json:"message"`
	Description string `json:"description"`
	// Source says where Type came from: "reference" or "inferred" (or a user's own word).
	Source string `json:"source,omitempty"`
	// Platform is PlatformAuth or PlatformAny for a code the platform raises whatever a
	// field documents; empty for a field-specific code.
	Platform string `json:"platform,omitempty"`
}

// Platform scopes: the fields a platform code can fail, documented or not.
const (
	// PlatformAuth codes fail any field that needs a signed-in user.
	PlatformAuth = "auth"
	// PlatformAny codes fail any field at all.
	PlatformAny = "any"
)

// Registry maps Kraken error codes to their message, type and description.
type Registry struct {
	entries map[string]ErrorInfo
	// published is whether codes entries lacks are looked up in Kraken's published
	// registry (referenceCodes): true for DefaultRegistry and what extends it.
	published bool
}

// codePattern is a Kraken error code's shape: KT-CT-1234, or the OE-1308 and OE-GBR-0901
// of Octopus's backend host.
var codePattern = lazyre.New(`^(?:KT-[A-Z]{2}-\d{4,5}|OE-(?:[A-Z]{3}-)?\d{4})$`)

// DefaultRegistry returns the embedded registry: schema/errors.yaml, read at build time
// by `go generate` into registryEntries, over the codes of Kraken's published registry
// (referenceCodes) with their type and message and a description ReferenceDescription
// builds. The error is always nil.
func DefaultRegistry() (*Registry, error) {
	return &Registry{entries: maps.Clone(registryEntries), published: true}, nil
}

// referenceCode is one code of Kraken's published error registry: its errorType (an
// index into errorTypes) and its short message.
type referenceCode struct {
	code    string
	typ     uint8
	message string
}

// lookupReference is code's entry in Kraken's published registry, its description
// ReferenceDescription's.
func lookupReference(code string) (ErrorInfo, bool) {
	i, ok := slices.BinarySearchFunc(referenceCodes[:], code, func(r referenceCode, c string) int { return strings.Compare(r.code, c) })
	if !ok {
		return ErrorInfo{}, false
	}
	r := referenceCodes[i]
	typ := errorTypes[r.typ]
	return ErrorInfo{Code: code, Type: typ, Message: r.message, Description: ReferenceDescription(code, typ), Source: SourcePublished}, true
}

// SourcePublished is the Source of a code known only from Kraken's published registry:
// its type and message are the registry's, its description ReferenceDescription's.
const SourcePublished = "published"

// typeMeanings say in a few words what each errorType tells a client.
var typeMeanings = map[string]string{
	TypeValidation:          "the request's input was refused",
	TypeNotFound:            "something the request names was not found",
	TypeApplication:         "Kraken could not carry out the request",
	TypeAuthorization:       "the caller may not do this",
	TypeServiceAvailability: "a service Kraken relies on was unavailable",
}

// ReferenceDescription is the errorDescription of a code krakensim has no description
// of its own for: what its errorType tells a client, nothing of the registry's prose.
func ReferenceDescription(code, typ string) string {
	return fmt.Sprintf("Kraken's published error registry gives %s the type %s: %s. krakensim has no description of its own for this code; its message says what went wrong.", code, typ, typeMeanings[typ])
}

// referenceMeta are the keys of the published registry's format besides `codes`, which
// describe the file and are skipped.
var referenceMeta = []string{"generated", "method", "source", "docs", "format", "description", "envelope", "error_types", "code_count"}

// ParseRegistry parses a registry file strictly: unknown keys, bad codes, unknown error
// types and missing messages are errors naming file:line:col. It reads krakensim's
// format (an `errors` mapping from code to entry) and the published registry's (a
// `codes` list of entries, each naming its code, beside keys describing the file).
func ParseRegistry(name string, data []byte) (*Registry, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(name, data, err)
	}
	r := &Registry{entries: map[string]ErrorInfo{}}
	if len(doc.Content) == 0 {
		return r, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, nodeErr(name, root, "want a mapping with an `errors` key")
	}
	add := func(info ErrorInfo, at *yaml.Node) error {
		if _, dup := r.entries[info.Code]; dup {
			return nodeErr(name, at, "code %s is listed twice", info.Code)
		}
		r.entries[info.Code] = info
		return nil
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		switch {
		case k.Value == "errors":
			if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
				continue
			}
			if v.Kind != yaml.MappingNode {
				return nil, nodeErr(name, v, "`errors` must map codes to entries")
			}
			for j := 0; j+1 < len(v.Content); j += 2 {
				info, err := parseEntry(name, v.Content[j], v.Content[j+1], nil)
				if err != nil {
					return nil, err
				}
				if err := add(info, v.Content[j]); err != nil {
					return nil, err
				}
			}
		case k.Value == "codes":
			if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
				continue
			}
			if v.Kind != yaml.SequenceNode {
				return nil, nodeErr(name, v, "`codes` must list entries, each with code, type and message")
			}
			for _, item := range v.Content {
				code := listedCode(item)
				if code == nil {
					return nil, nodeErr(name, item, "want an entry with code, type, message and description")
				}
				info, err := parseEntry(name, code, item, code)
				if err != nil {
					return nil, err
				}
				if err := add(info, code); err != nil {
					return nil, err
				}
			}
		case slices.Contains(referenceMeta, k.Value):
			// describes the file: not an error code's
		default:
			return nil, nodeErr(name, k, "unknown key %q (want `errors`, or the published registry's `codes`)", k.Value)
		}
	}
	return r, nil
}

// listedCode is the value node of a `codes` entry's code key, or nil.
func listedCode(item *yaml.Node) *yaml.Node {
	if item.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(item.Content); i += 2 {
		if item.Content[i].Value == "code" && item.Content[i+1].Kind == yaml.ScalarNode {
			return item.Content[i+1]
		}
	}
	return nil
}

// parseEntry reads the entry v of the code k; skip is the code's own value node when v
// names its code (a `codes` entry), nil otherwise.
func parseEntry(name string, k, v *yaml.Node, skip *yaml.Node) (ErrorInfo, error) {
	info := ErrorInfo{Code: k.Value}
	if !codePattern().MatchString(info.Code) {
		return info, nodeErr(name, k, "%q is not a Kraken error code (want KT-XX-1234 or OE-1234)", info.Code)
	}
	if v.Kind != yaml.MappingNode {
		return info, nodeErr(name, v, "%s: want a mapping with type, message and description", info.Code)
	}
	fields := map[string]*string{"type": &info.Type, "message": &info.Message, "description": &info.Description, "source": &info.Source, "platform": &info.Platform}
	for i := 0; i+1 < len(v.Content); i += 2 {
		fk, fv := v.Content[i], v.Content[i+1]
		if skip != nil && fv == skip {
			continue
		}
		dst, ok := fields[fk.Value]
		if !ok {
			return info, nodeErr(name, fk, "%s: unknown key %q (want type, message, description, source, platform)", info.Code, fk.Value)
		}
		if fv.Kind != yaml.ScalarNode {
			return info, nodeErr(name, fv, "%s.%s: want a string", info.Code, fk.Value)
		}
		*dst = fv.Value
	}
	switch {
	case info.Message == "":
		return info, nodeErr(name, k, "%s: message is missing", info.Code)
	case !slices.Contains(errorTypes, info.Type):
		return info, nodeErr(name, k, "%s: type %q is not one of %s", info.Code, info.Type, strings.Join(errorTypes, ", "))
	case info.Platform != "" && info.Platform != PlatformAuth && info.Platform != PlatformAny:
		return info, nodeErr(name, k, "%s: platform %q is not %s or %s", info.Code, info.Platform, PlatformAuth, PlatformAny)
	}
	return info, nil
}

// Lookup returns the entry for code: the registry's own, else, for a registry over
// Kraken's published one, that one's.
func (r *Registry) Lookup(code string) (ErrorInfo, bool) {
	if info, ok := r.entries[code]; ok {
		return info, true
	}
	if r.published {
		return lookupReference(code)
	}
	return ErrorInfo{}, false
}

// Documented returns the entry a field's documented code answers with: the registry's,
// its message the field's; for a code no registry lists, the field's message as
// message and description, the type it implies (InferType) and source "sdl".
func (r *Registry) Documented(e DocumentedError) ErrorInfo {
	info, ok := r.Lookup(e.Code)
	if !ok {
		return ErrorInfo{Code: e.Code, Type: InferType(e.Message), Message: e.Message, Description: e.Message, Source: "sdl"}
	}
	if e.Message != "" {
		info.Message = e.Message
	}
	return info
}

// Codes returns every code in the registry, sorted: its own and, over Kraken's
// published registry, that one's.
func (r *Registry) Codes() []string {
	codes := slices.Collect(maps.Keys(r.entries))
	if r.published {
		for _, c := range referenceCodes {
			if _, own := r.entries[c.code]; !own {
				codes = append(codes, c.code)
			}
		}
	}
	slices.SortFunc(codes, compareCodes)
	return codes
}

// PlatformCodes returns the codes the platform raises whatever a field documents, for
// the given scopes (PlatformAuth, PlatformAny; none means both), sorted.
func (r *Registry) PlatformCodes(scopes ...string) []string {
	var out []string
	for _, code := range slices.SortedFunc(maps.Keys(r.entries), compareCodes) {
		p := r.entries[code].Platform
		if p != "" && (len(scopes) == 0 || slices.Contains(scopes, p)) {
			out = append(out, code)
		}
	}
	return out
}

// Len reports how many codes the registry holds (Codes' length).
func (r *Registry) Len() int {
	n := len(r.entries)
	if r.published {
		for _, c := range referenceCodes {
			if _, own := r.entries[c.code]; !own {
				n++
			}
		}
	}
	return n
}

// Extend returns a registry with other's entries added to r's, other winning on conflict.
func (r *Registry) Extend(other *Registry) *Registry {
	out := &Registry{entries: maps.Clone(r.entries), published: r.published || other.published}
	maps.Copy(out.entries, other.entries)
	return out
}

// compareCodes orders codes by prefix, then numerically.
func compareCodes(a, b string) int {
	pa, na := splitCode(a)
	pb, nb := splitCode(b)
	if c := strings.Compare(pa, pb); c != 0 {
		return c
	}
	return na - nb
}

func splitCode(code string) (string, int) {
	i := strings.LastIndexByte(code, '-')
	n, _ := strconv.Atoi(code[i+1:])
	return code[:i], n
}

func nodeErr(file string, n *yaml.Node, format string, args ...any) *Error {
	return &Error{File: file, Line: n.Line, Column: n.Column, Message: fmt.Sprintf(format, args...)}
}

// yamlError turns a yaml.v3 syntax error into *Error at the mistake's line and column.
func yamlError(file string, data []byte, err error) *Error {
	p, msg := yamlpos.Locate(data, err)
	return &Error{File: file, Line: p.Line, Column: p.Column, Message: msg}
}
