package accounts_test

import (
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// TestOneNameFieldADay: a customer changes one name field a day (KT-CT-5414 for the
// other, the name left as it was; the same field again is fine); the next day the other;
// a customer of less than 31 days changes both at once.
func TestOneNameFieldADay(t *testing.T) {
	const read = `{ viewer { givenName familyName } }`
	set := func(fields string) string {
		return `mutation { updateUser(input: {` + fields + `}) { viewer { givenName familyName } } }`
	}
	c := tenantClient(t, time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC))
	for _, step := range []struct {
		name, mutation, code string
		advance              time.Duration
	}{
		{"the given name", set(`givenName: "Jay"`), "", 0},
		{"the given name again", set(`givenName: "Jamie", mobile: "07700 900123"`), "", 0},
		{"the family name the same day", set(`familyName: "Smith"`), "KT-CT-5414", 0},
		{"both at once", set(`givenName: "Sam", familyName: "Smith"`), "KT-CT-5414", 0},
		{"the family name the next day", set(`familyName: "Smith"`), "", 24 * time.Hour},
		{"the given name the day after", set(`givenName: "Sam"`), "", 24 * time.Hour},
	} {
		if step.advance > 0 {
			c.AdvanceClock(step.advance)
			c.SignIn("demo@krakensim.dev", "krakensim")
		}
		before := mustData(t, c.Query(read, nil))
		r := c.Query(step.mutation, nil)
		after := mustData(t, c.Query(read, nil))
		switch {
		case step.code == "" && len(r.Errors) > 0:
			t.Errorf("%s: %+v", step.name, r.Errors)
		case step.code != "" && (len(r.Errors) == 0 || r.Errors[0].Code() != step.code):
			t.Errorf("%s: %+v, want %s", step.name, r.Errors, step.code)
		case step.code != "" && dig(after, "viewer.familyName") != dig(before, "viewer.familyName"):
			t.Errorf("%s: refused, yet the name moved from %v to %v", step.name, dig(before, "viewer"), dig(after, "viewer"))
		}
	}
	if got := dig(mustData(t, c.Query(read, nil)), "viewer"); dig(map[string]any{"v": got}, "v.givenName") != "Sam" || dig(map[string]any{"v": got}, "v.familyName") != "Smith" {
		t.Errorf("in the end %v, want Sam Smith", got)
	}
}

// TestNewCustomerChangesBothNames: a customer whose first account is under 31 days old
// may change both names in one day.
func TestNewCustomerChangesBothNames(t *testing.T) {
	at := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	c := tenantClientWith(t, at, func(w *sim.World) {
		for _, n := range []string{"A-C90DC431", "A-7B3E9D12"} {
			w.Account(n).CreatedAt = at.AddDate(0, 0, -10)
		}
	})
	r := c.Query(`mutation { updateUser(input: {givenName: "Sam", familyName: "Smith"}) { viewer { fullName } } }`, nil)
	if got := dig(mustData(t, r), "updateUser.viewer.fullName"); got != "Sam Smith" {
		t.Errorf("a new customer renamed: %v, want Sam Smith", got)
	}
}

// TestRefusedDetailsAnswerTheUser: updateUserDetails refusing a change reports it in its
// errors and answers the user's details as they stand, not made-up ones.
func TestRefusedDetailsAnswerTheUser(t *testing.T) {
	c := tenantClient(t, time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC))
	mustData(t, c.Query(`mutation { updateUser(input: {givenName: "Jay"}) { viewer { givenName } } }`, nil))
	out := mustData(t, c.Query(`mutation { updateUserDetails(input: {familyName: "Smith"}) { givenName familyName errors { field } } }`, nil))
	if dig(out, "updateUserDetails.errors.0.field") != "familyName" || dig(out, "updateUserDetails.givenName") != "Jay" || dig(out, "updateUserDetails.familyName") != "Carter" {
		t.Errorf("refused: %v, want the errors naming familyName and Jay Carter as they stand", dig(out, "updateUserDetails"))
	}
}

// TestOneDetailADay: updateUserDetails changes one of the user's details a day, as its
// documentation says (the mutations audit saw three taken in one day): a second field
// that day is refused in its errors and left as it was, the same field again is fine,
// a number written another way is no change, and a change refused for its value takes
// no day's change.
func TestOneDetailADay(t *testing.T) {
	c := tenantClient(t, time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC))
	set := func(fields string) map[string]any {
		t.Helper()
		return mustData(t, c.Query(`mutation { updateUserDetails(input: {`+fields+`}) { mobile pronouns landline errors { field } } }`, nil))
	}
	for _, step := range []struct{ name, fields, refused, mobile string }{
		{"a bad mobile", `mobile: "call me"`, "mobile", "07700 900123"},
		{"pronouns", `pronouns: "they/them"`, "", "07700 900123"},
		{"pronouns again", `pronouns: "she/her"`, "", "07700 900123"},
		{"the mobile written without its space", `mobile: "07700900123"`, "", "07700900123"},
		{"the mobile the same day", `mobile: "07700 900456"`, "mobile", "07700900123"},
		{"the landline and pronouns", `landline: "01632 960123", pronouns: "he/him"`, "landline", "07700900123"},
	} {
		out := set(step.fields)
		if got := dig(out, "updateUserDetails.errors.0.field"); step.refused == "" && got != nil || step.refused != "" && got != step.refused {
			t.Errorf("%s: errors name %v, want %q", step.name, got, step.refused)
		}
		if dig(out, "updateUserDetails.mobile") != step.mobile {
			t.Errorf("%s: mobile %v, want %s", step.name, dig(out, "updateUserDetails.mobile"), step.mobile)
		}
	}
	if got := dig(mustData(t, c.Query(`{ viewer { pronouns landline } }`, nil)), "viewer"); dig(map[string]any{"v": got}, "v.pronouns") != "she/her" || dig(map[string]any{"v": got}, "v.landline") != "020 7946 0123" {
		t.Errorf("in the end %v, want she/her and the landline as it was", got)
	}
}
