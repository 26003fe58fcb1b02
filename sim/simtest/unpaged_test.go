package simtest_test

import (
	"fmt"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
	"github.com/krakensim/krakensim/sim/world"
)

// TestUnpagedConnectionsAnswerAPage moves the demo account's clock twenty years on and
// asks its connections for no first or last: each answers its first page, 100 items
// (as graphene-django's DjangoConnectionField takes its max_limit as first), says more
// follow and where the page ends, and paging on from there with after alone reads every
// item once, as pages of first: 100 read them; a connection holding fewer answers them
// all; applicableRates still refuses to answer without a page (KT-CT-1201).
func TestUnpagedConnectionsAnswerAPage(t *testing.T) {
	srv, c := octopus(t)
	sess, err := srv.Sim.Session(c.Session)
	if err != nil {
		t.Fatal(err)
	}
	sess.Clock().Set(sess.Now().AddDate(20, 0, 0))
	c.SignIn("demo@krakensim.dev", "krakensim")
	query := mustQuery(t, c)
	// read pages the field's connection from after (none: from its start) with args.
	read := func(field, args, after string) (ids []string, more bool, end any, total int) {
		t.Helper()
		if after != "" {
			args += fmt.Sprintf(` after: %q`, after)
		}
		if args != "" {
			args = "(" + args + ")"
		}
		conn := simtest.Get(query(fmt.Sprintf(`{ account(accountNumber: "A-C90DC431") { %s%s { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } }`, field, args), nil), "account", field)
		for _, e := range simtest.Get(conn, "edges").([]any) {
			ids = append(ids, fmt.Sprint(simtest.Get(e, "node", "id")))
		}
		total = int(simtest.Get(conn, "totalCount").(float64))
		return ids, simtest.Get(conn, "pageInfo", "hasNextPage") == true, simtest.Get(conn, "pageInfo", "endCursor"), total
	}
	// walk reads every page of the field from its start.
	walk := func(field, args string) []string {
		t.Helper()
		var all []string
		after := ""
		for range 100 {
			ids, more, end, _ := read(field, args, after)
			all = append(all, ids...)
			if !more {
				return all
			}
			after = end.(string)
		}
		t.Fatalf("%s: more than 100 pages", field)
		return nil
	}
	for _, tc := range []struct {
		field string
		least int // the fewest items twenty years of the account hold
	}{
		{"transactions", 400},
		{"bills", 200},
		{"payments", 200},
	} {
		t.Run(tc.field, func(t *testing.T) {
			ids, more, end, total := read(tc.field, "", "")
			if total < tc.least || len(ids) != world.DefaultMaxPage || !more || end != world.Cursor(world.DefaultMaxPage-1) {
				t.Fatalf("%d of %d items, hasNextPage %v, endCursor %v; want the first %d, more to follow, ending at %s",
					len(ids), total, more, end, world.DefaultMaxPage, world.Cursor(world.DefaultMaxPage-1))
			}
			unpaged, paged := walk(tc.field, ""), walk(tc.field, "first: 100")
			if len(unpaged) != total || fmt.Sprint(unpaged) != fmt.Sprint(paged) {
				t.Errorf("paged on without first: %d items; with first: 100, %d; totalCount %d", len(unpaged), len(paged), total)
			}
		})
	}
	t.Run("fewer than a page", func(t *testing.T) {
		ids, more, _, total := read("transactions", `fromDate: "2027-01-01" toDate: "2027-06-01"`, "")
		if len(ids) == 0 || len(ids) != total || more {
			t.Errorf("%d of %d items, hasNextPage %v; want all, none to follow", len(ids), total, more)
		}
	})
	t.Run("applicableRates refuses", func(t *testing.T) {
		out := c.Query(`{ applicableRates(accountNumber: "A-C90DC431", mpxn: "1013004420117", startAt: "2046-12-01T00:00:00Z", endAt: "2046-12-02T00:00:00Z") { edges { node { value } } } }`, nil)
		if len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-1201" {
			t.Errorf("errors %+v, want KT-CT-1201", out.Errors)
		}
	})
}
