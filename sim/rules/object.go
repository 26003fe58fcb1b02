package rules

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
)

// Object is a mapping of an answer's data as parsed from a scenario file: its members
// sorted by key. A few members take a fraction of a map's memory, which matters with
// the 100,000 rules of a recording; Render makes the map a response needs.
type Object []Member

// Member is one key of an Object and its value.
type Member struct {
	Key   string
	Value any
}

// SortObject sorts o's members by key in place and returns it; keys must be unique.
func SortObject(o Object) Object {
	slices.SortFunc(o, func(a, b Member) int { return strings.Compare(a.Key, b.Key) })
	return o
}

// Get returns key's value and whether o has the key.
func (o Object) Get(key string) (any, bool) {
	i, ok := slices.BinarySearchFunc(o, key, func(m Member, k string) int { return strings.Compare(m.Key, k) })
	if !ok {
		return nil, false
	}
	return o[i].Value, true
}

// MarshalJSON encodes o as a JSON object, its keys in order as encoding/json orders a
// map's.
func (o Object) MarshalJSON() ([]byte, error) { return marshalMembers(o) }

// Ordered is a mapping of an answer's body as written in a scenario file: its members
// in the file's order, which the JSON sent keeps (a recording replays the keys in the
// order they came).
type Ordered []Member

// MarshalJSON encodes o as a JSON object, its keys in o's order.
func (o Ordered) MarshalJSON() ([]byte, error) { return marshalMembers(o) }

func marshalMembers(o []Member) ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(m.Key)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		v, err := json.Marshal(m.Value)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
