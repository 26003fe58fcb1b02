package scenarios

import (
	"testing"

	"github.com/krakensim/krakensim/internal/testshared"
	"github.com/krakensim/krakensim/schema"
)

// TestPackAgainstTenantSDLs lints every shipped scenario against each SDL the pack
// serves on (it is available by name whatever --schema says): the tenant SDLs in
// ../shared/reference (skipped without them). No errors; the warnings (codes a tenant's
// SDL leaves undocumented) are recorded in testdata/pack-<tenant>.golden.
func TestPackAgainstTenantSDLs(t *testing.T) {
	for _, tenant := range []string{"octopus", "origin"} {
		t.Run(tenant, func(t *testing.T) {
			src, err := schema.ReadSource(testshared.Path(t, "reference", tenant+"-schema.graphql"))
			if err != nil {
				t.Fatal(err)
			}
			api, err := schema.Load(src)
			if err != nil {
				t.Fatal(err)
			}
			c := defaultContract(t)
			c.API, c.APICatalog = api, nil
			scs, err := Pack()
			if err != nil {
				t.Fatal(err)
			}
			ps := Lint(scs, c)
			ps.Sort()
			if errs := ps.Errors(); len(errs) > 0 {
				t.Errorf("the pack has errors against %s's SDL:\n%s", tenant, lines(errs))
			}
			golden(t, "testdata/pack-"+tenant+".golden", lines(ps))
		})
	}
}
