package lazyre

import (
	"regexp"
	"slices"
	"sync"
	"testing"
)

func TestNew(t *testing.T) {
	re := New(`^A-[0-9A-F]{8}$`)
	if !slices.Contains(Registered(), `^A-[0-9A-F]{8}$`) {
		t.Fatalf("Registered() = %q, want it to hold the expression", Registered())
	}
	var wg sync.WaitGroup
	got := make([]*regexp.Regexp, 8)
	for i := range got {
		wg.Go(func() { got[i] = re() })
	}
	wg.Wait()
	for i, r := range got {
		if r != got[0] {
			t.Fatalf("call %d returned another Regexp: compiled more than once", i)
		}
	}
	if !got[0].MatchString("A-C90DC431") || got[0].MatchString("A-c90dc431") {
		t.Fatal("the compiled expression does not match as written")
	}
}

func TestNewPanicsOnFirstUse(t *testing.T) {
	re := New(`(`) // registering does not compile
	defer func() {
		if recover() == nil {
			t.Fatal("a bad expression did not panic on first use")
		}
	}()
	re()
}
