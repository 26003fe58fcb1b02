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
}

// codePattern is a Kraken error code's shape: KT-CT-1234, or the OE-1308 and OE-GBR-0901
// of Octopus's backend host.
var codePattern = lazyre.New(`^(?:KT-[A-Z]{2}-\d{4,5}|OE-(?:[A-Z]{3}-)?\d{4})$`)

// DefaultRegistry returns the embedded registry: schema/errors.yaml, read at build time
// by `go generate` into registryEntries. The error is always nil.
func DefaultRegistry() (*Registry, error) {
	return &Registry{entries: maps.Clone(registryEntries)}, nil
}

// ParseRegistry parses a registry file strictly: unknown keys, bad codes, unknown error
// types and missing messages are errors naming file:line:col.
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
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Value != "errors" {
			return nil, nodeErr(name, k, "unknown key %q (want `errors`)", k.Value)
		}
		if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
			continue
		}
		if v.Kind != yaml.MappingNode {
			return nil, nodeErr(name, v, "`errors` must map codes to entries")
		}
		for j := 0; j+1 < len(v.Content); j += 2 {
			info, err := parseEntry(name, v.Content[j], v.Content[j+1])
			if err != nil {
				return nil, err
			}
			if _, dup := r.entries[info.Code]; dup {
				return nil, nodeErr(name, v.Content[j], "code %s is listed twice", info.Code)
			}
			r.entries[info.Code] = info
		}
	}
	return r, nil
}

func parseEntry(name string, k, v *yaml.Node) (ErrorInfo, error) {
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

// Lookup returns the entry for code.
func (r *Registry) Lookup(code string) (ErrorInfo, bool) {
	info, ok := r.entries[code]
	return info, ok
}

// Documented returns the entry a field's documented code answers with: the registry's,
// its message the field's; for a code the registry does not list, the field's message
// as message and description, the type it implies (InferType) and source "sdl".
func (r *Registry) Documented(e DocumentedError) ErrorInfo {
	info, ok := r.entries[e.Code]
	if !ok {
		return ErrorInfo{Code: e.Code, Type: InferType(e.Message), Message: e.Message, Description: e.Message, Source: "sdl"}
	}
	if e.Message != "" {
		info.Message = e.Message
	}
	return info
}

// Codes returns every code in the registry, sorted.
func (r *Registry) Codes() []string {
	return slices.SortedFunc(maps.Keys(r.entries), compareCodes)
}

// PlatformCodes returns the codes the platform raises whatever a field documents, for
// the given scopes (PlatformAuth, PlatformAny; none means both), sorted.
func (r *Registry) PlatformCodes(scopes ...string) []string {
	var out []string
	for _, code := range r.Codes() {
		p := r.entries[code].Platform
		if p != "" && (len(scopes) == 0 || slices.Contains(scopes, p)) {
			out = append(out, code)
		}
	}
	return out
}

// Len reports how many codes the registry holds.
func (r *Registry) Len() int { return len(r.entries) }

// Extend returns a registry with other's entries added to r's, other winning on conflict.
func (r *Registry) Extend(other *Registry) *Registry {
	out := &Registry{entries: maps.Clone(r.entries)}
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
