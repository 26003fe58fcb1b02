package world

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
)

// cursorPrefix is graphene's: a cursor is base64("arrayconnection:" + offset).
const cursorPrefix = "arrayconnection:"

// Cursor is the opaque cursor of the item at offset in a connection.
func Cursor(offset int) string {
	return base64.StdEncoding.EncodeToString([]byte(cursorPrefix + strconv.Itoa(offset)))
}

// CursorOffset decodes a cursor; ok is false for anything Cursor did not make.
func CursorOffset(cursor string) (int, bool) {
	b, err := base64.StdEncoding.DecodeString(cursor)
	if err != nil {
		return 0, false
	}
	s, found := strings.CutPrefix(string(b), cursorPrefix)
	if !found {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, false
	}
	return n, true
}

// GlobalID is the Relay global id of an object, as graphene makes it: base64("Type:id").
func GlobalID(typeName, id string) string {
	return base64.StdEncoding.EncodeToString([]byte(typeName + ":" + id))
}

// ParseGlobalID decodes a global id, in graphene's base64 form (padded or not, standard
// or URL alphabet) or plainly as "Type:id".
func ParseGlobalID(s string) (typeName, id string, ok bool) {
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil {
			if t, i, ok := splitGlobal(string(b)); ok {
				return t, i, true
			}
		}
	}
	return splitGlobal(s)
}

func splitGlobal(s string) (string, string, bool) {
	t, id, found := strings.Cut(s, ":")
	if !found || t == "" || id == "" || !isTypeName(t) {
		return "", "", false
	}
	return t, id, true
}

func isTypeName(s string) bool {
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if !(isUpper(ch) || isLower(ch) || ch == '_' || (i > 0 && ch >= '0' && ch <= '9')) {
			return false
		}
	}
	return true
}

// page is the slice of a connection's items that first, after, last and before select,
// with graphene's pageInfo rules.
type page struct {
	start, end       int
	hasPrev, hasNext bool
}

// pageQuery is a connection's paging arguments; a field's ok says it was given.
type pageQuery struct {
	first, last, offset optInt
	after, before       optString
}

type optInt struct {
	n  int
	ok bool
}

type optString struct {
	s  string
	ok bool
}

// slicePage applies Relay's algorithm to n items; a malformed cursor is ignored, as
// graphene ignores it. offset, when given, starts the page there (graphene-django).
func slicePage(n int, q pageQuery) page {
	afterOff, beforeOff := -1, n
	if q.after.ok {
		if o, ok := CursorOffset(q.after.s); ok {
			afterOff = o
		}
	}
	if q.before.ok {
		if o, ok := CursorOffset(q.before.s); ok {
			beforeOff = o
		}
	}
	start := max(afterOff+1, 0)
	if q.offset.ok && q.offset.n > start {
		start = q.offset.n
	}
	end := min(beforeOff, n)
	if start > end {
		start = end
	}
	if q.first.ok {
		end = min(end, start+q.first.n)
	}
	if q.last.ok {
		start = max(start, end-q.last.n)
	}
	lower, upper := 0, n
	if q.after.ok {
		lower = afterOff + 1
	}
	if q.before.ok {
		upper = beforeOff
	}
	return page{
		start: start, end: end,
		hasPrev: q.last.ok && start > lower,
		hasNext: q.first.ok && end < upper,
	}
}

// PageError is a first or last over a connection's maximum page size, or negative.
type PageError struct {
	Arg      string
	N, Limit int
}

func (e *PageError) Error() string {
	return fmt.Sprintf("Invalid pagination parameters: %s must be between 0 and %d, got %d.", e.Arg, e.Limit, e.N)
}

// EveryItem is a key of a connection's arguments that asks for every item rather than
// the page asked for no first or last is; no GraphQL argument can be named so, so only
// the simulator's own callers (merging several connections' items) use it.
const EveryItem = "\x00every"

// pageArgs reads a connection's paging arguments, refusing a page size over limit or
// below 0. Asked for no first or last, a connection answers its first limit items, as
// graphene-django's DjangoConnectionField takes its max_limit as first then: the page
// says whether more follow and where the next starts.
func pageArgs(args map[string]any, limit int) (pageQuery, error) {
	var q pageQuery
	q.first.n, q.first.ok = intArg(args["first"])
	q.last.n, q.last.ok = intArg(args["last"])
	q.offset.n, q.offset.ok = intArg(args["offset"])
	q.after.s, q.after.ok = args["after"].(string)
	q.before.s, q.before.ok = args["before"].(string)
	for _, a := range []struct {
		name string
		v    optInt
	}{{"first", q.first}, {"last", q.last}} {
		if a.v.ok && (a.v.n < 0 || a.v.n > limit) {
			return q, &PageError{Arg: a.name, N: a.v.n, Limit: limit}
		}
	}
	if _, every := args[EveryItem]; !q.first.ok && !q.last.ok && !every {
		q.first = optInt{n: limit, ok: true}
	}
	return q, nil
}

func intArg(v any) (int, bool) {
	switch x := v.(type) {
	case int:
		return x, true
	case int64:
		return int(x), true
	case float64:
		return int(x), true
	}
	return 0, false
}

// Connection pages nodes the Relay way, as graphene does: edges with arrayconnection
// cursors, pageInfo, totalCount and edgeCount. A page size over limit is a *PageError.
func Connection(nodes []any, args map[string]any, limit int) (map[string]any, error) {
	return ConnectionOf(len(nodes), func(i int) any { return nodes[i] }, args, limit)
}

// ConnectionOf pages n nodes as Connection does, making only the page's (node(i)).
func ConnectionOf(n int, node func(i int) any, args map[string]any, limit int) (map[string]any, error) {
	q, err := pageArgs(args, limit)
	if err != nil {
		return nil, err
	}
	p := slicePage(n, q)
	edges := make([]any, 0, p.end-p.start)
	for i := p.start; i < p.end; i++ {
		edges = append(edges, map[string]any{"node": node(i), "cursor": Cursor(i)})
	}
	info := map[string]any{"hasNextPage": p.hasNext, "hasPreviousPage": p.hasPrev, "startCursor": nil, "endCursor": nil}
	if p.end > p.start {
		info["startCursor"], info["endCursor"] = Cursor(p.start), Cursor(p.end-1)
	}
	return map[string]any{"edges": edges, "pageInfo": info, "totalCount": n, "edgeCount": p.end - p.start}, nil
}
