package world

import (
	"strings"

	"github.com/krakensim/krakensim/sim/fake"
)

// words splits a camelCase, PascalCase or UPPER_SNAKE name into lower-case words, each
// made singular: "HEAT_PUMPS" and "SmartFlexHeatPump" both give [... heat pump]. A name
// of no words ("_") is its own one word, so that every name has a first and a last.
func words(name string) []string {
	ws := fake.Words(name)
	if len(ws) == 0 {
		return []string{strings.ToLower(name)}
	}
	for i, w := range ws {
		ws[i] = singular(w)
	}
	return ws
}

func isUpper(ch byte) bool { return ch >= 'A' && ch <= 'Z' }
func isLower(ch byte) bool { return ch >= 'a' && ch <= 'z' }

// singular drops an English plural ending, enough to compare names with enum values.
func singular(w string) string {
	switch {
	case len(w) > 4 && strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case len(w) > 4 && (strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "xes")):
		return w[:len(w)-2]
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		return w[:len(w)-1]
	}
	return w
}

// typeWords are a type name's words without the suffixes that only say it is a type.
func typeWords(name string) []string {
	ws := words(name)
	for len(ws) > 1 {
		switch ws[len(ws)-1] {
		case "type", "interface", "node", "object", "union", "connection", "edge":
			ws = ws[:len(ws)-1]
			continue
		}
		break
	}
	return ws
}

func hasWord(ws []string, w ...string) bool {
	for _, x := range ws {
		for _, y := range w {
			if x == y {
				return true
			}
		}
	}
	return false
}

// containsAll reports whether every word of sub is in ws.
func containsAll(ws, sub []string) bool {
	for _, s := range sub {
		if !hasWord(ws, s) {
			return false
		}
	}
	return len(sub) > 0
}

// isSuffix reports whether sub are the last words of ws.
func isSuffix(ws, sub []string) bool {
	if len(sub) == 0 || len(sub) > len(ws) {
		return false
	}
	off := len(ws) - len(sub)
	for i, s := range sub {
		if ws[off+i] != s {
			return false
		}
	}
	return true
}

// lastWord is the last word of a name, singular; "" for none.
func lastWord(name string) string {
	ws := words(name)
	if len(ws) == 0 {
		return ""
	}
	return ws[len(ws)-1]
}
