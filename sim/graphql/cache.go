package graphql

import (
	"container/list"
	"sync"

	"github.com/vektah/gqlparser/v2/ast"
)

// Defaults of the prepared-document cache (Options.CacheBytes, Options.MaxCachedQuery).
const (
	DefaultCacheBytes     = 64 << 20
	DefaultMaxCachedQuery = 128 << 10
)

// Retained-size model of a prepared document, measured with TestRetainedSizeEstimate:
// each AST node (field, fragment, argument, value, directive, variable) with its
// position and slices costs about nodeBytes; a program has a fixed overhead.
const (
	nodeBytes       = 256
	programOverhead = 512
)

// retainedSize estimates the bytes a program keeps alive: its query text, the parsed
// document (or the errors that replaced it) and its fixed overhead.
func retainedSize(query string, doc *ast.QueryDocument, errs []*Error) int64 {
	n := int64(len(query)) + programOverhead
	for _, e := range errs {
		n += int64(len(e.Message)) + 64 + 16*int64(len(e.Locations))
	}
	if doc == nil {
		return n
	}
	return n + nodeBytes*int64(countNodes(doc))
}

// collectionBytes estimates what caching a field collection keeps alive.
func collectionBytes(groups []*fieldGroup) int64 {
	n := int64(64)
	for _, g := range groups {
		n += 128 + 8*int64(len(g.fields)) + int64(len(g.canon))
	}
	return n
}

// countNodes counts the AST nodes of doc, walking every selection set once.
func countNodes(doc *ast.QueryDocument) int {
	count := 0
	var value func(*ast.Value)
	value = func(v *ast.Value) {
		if v == nil {
			return
		}
		count++
		for _, ch := range v.Children {
			value(ch.Value)
		}
	}
	args := func(list ast.ArgumentList) {
		for _, a := range list {
			count++
			value(a.Value)
		}
	}
	dirs := func(list ast.DirectiveList) {
		for _, d := range list {
			count++
			args(d.Arguments)
		}
	}
	var set func(ast.SelectionSet)
	set = func(ss ast.SelectionSet) {
		for _, sel := range ss {
			count++
			switch s := sel.(type) {
			case *ast.Field:
				if s.Name == "__typename" {
					count++ // validation gives each its own definition
				}
				args(s.Arguments)
				dirs(s.Directives)
				set(s.SelectionSet)
			case *ast.InlineFragment:
				dirs(s.Directives)
				set(s.SelectionSet)
			case *ast.FragmentSpread:
				dirs(s.Directives)
			}
		}
	}
	for _, op := range doc.Operations {
		count++
		for _, v := range op.VariableDefinitions {
			count++
			value(v.DefaultValue)
			dirs(v.Directives)
		}
		dirs(op.Directives)
		set(op.SelectionSet)
	}
	for _, f := range doc.Fragments {
		count++
		dirs(f.Directives)
		set(f.SelectionSet)
	}
	return count
}

// programCache is a concurrency-safe LRU of prepared programs keyed by query text,
// bounded by the programs' estimated retained bytes.
type programCache struct {
	mu       sync.Mutex
	maxBytes int64 // 0 disables the cache
	maxEntry int64 // largest program kept
	maxQuery int   // longest query text kept
	bytes    int64
	order    *list.List // front = most recent; values are *Program
	items    map[string]*list.Element
}

func (c *programCache) init(maxBytes int64, maxQuery int) {
	c.maxBytes = max(maxBytes, 0)
	c.maxEntry = c.maxBytes / 8
	c.maxQuery = maxQuery
	c.order = list.New()
	c.items = map[string]*list.Element{}
}

func (c *programCache) get(q string) *Program {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[q]; ok {
		c.order.MoveToFront(el)
		return el.Value.(*Program)
	}
	return nil
}

// text returns the query text of the cached program whose text equals q, without
// making q a string or changing the programs' order.
func (c *programCache) text(q []byte) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[string(q)]; ok {
		return el.Value.(*Program).Query, true
	}
	return "", false
}

// put keeps p unless its text or estimated size is over the cache's per-entry bounds,
// dropping the least recently used programs to stay within maxBytes.
func (c *programCache) put(q string, p *Program) {
	if len(q) > c.maxQuery || p.cost() > c.maxEntry {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[q]; ok {
		c.order.MoveToFront(el)
		return
	}
	c.items[q] = c.order.PushFront(p)
	c.bytes += p.cost()
	for c.bytes > c.maxBytes {
		last := c.order.Back()
		old := last.Value.(*Program)
		c.order.Remove(last)
		delete(c.items, old.Query)
		c.bytes -= old.cost()
	}
}

// stats reports the number of cached programs and their estimated bytes.
func (c *programCache) stats() (int, int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len(), c.bytes
}
