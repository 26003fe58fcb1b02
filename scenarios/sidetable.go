package scenarios

import (
	"runtime"
	"sync"
	"weak"

	"go.yaml.in/yaml/v3"

	"github.com/krakensim/krakensim/sim/rules"
)

// sideTable remembers where the parser found parts of a value that the rules model does
// not keep positions for, without keeping the value alive: an entry goes away with
// its key.
type sideTable[K, V any] struct {
	mu sync.Mutex
	m  map[weak.Pointer[K]]V
}

func (t *sideTable[K, V]) put(k *K, v V) {
	wp := weak.Make(k)
	t.mu.Lock()
	if t.m == nil {
		t.m = map[weak.Pointer[K]]V{}
	}
	t.m[wp] = v
	t.mu.Unlock()
	runtime.AddCleanup(k, func(wp weak.Pointer[K]) {
		t.mu.Lock()
		delete(t.m, wp)
		t.mu.Unlock()
	}, wp)
}

func (t *sideTable[K, V]) get(k *K) (V, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	v, ok := t.m[weak.Make(k)]
	return v, ok
}

// scenarioSrc is where a scenario's name was written.
type scenarioSrc struct{ name rules.Pos }

// ruleSrc is where the parts of a rule's when were written.
type ruleSrc struct {
	id, field, operation, http, endpoint, then rules.Pos
	explicitID                                 bool
}

// answerSrc keeps the nodes of an answer's data and body, for positions inside them.
type answerSrc struct {
	data, body    *yaml.Node
	status, times rules.Pos
	file          string
}

var (
	scenarioSources sideTable[rules.Scenario, scenarioSrc]
	ruleSources     sideTable[rules.Rule, ruleSrc]
	answerSources   sideTable[rules.Answer, answerSrc]
)
