package world

import (
	"fmt"
	"testing"
	"time"
)

// tenseSDL has agreements that say by flags whether they are in force, over or to come.
const tenseSDL = `
scalar DateTime
type Query { agreementsForRollover(daysBeforeExpiration: Int!): [CommonAgreementType] oldAgreements: [CommonAgreementType] activeAgreements: [CommonAgreementType] upcomingAgreements: [CommonAgreementType] }
type CommonAgreementType { id: ID! validFrom: DateTime! validTo: DateTime isActive: Boolean isExpired: Boolean isUpcoming: Boolean }
`

// TestFlagsSayWhenTheirObjectIs answers an object's isActive, isExpired and isUpcoming
// from its span, as its validFrom and validTo read.
func TestFlagsSayWhenTheirObjectIs(t *testing.T) {
	w := newSDLWorld(t, tenseSDL, Options{})
	const fields = `{ id validFrom validTo isActive isExpired isUpcoming }`
	data := w.ask(`{ agreementsForRollover(daysBeforeExpiration: 30) `+fields+` oldAgreements `+fields+` activeAgreements `+fields+` upcomingAgreements `+fields+` }`, nil)
	seen := map[bool]int{}
	for _, list := range data {
		for _, it := range list.([]any) {
			a := it.(map[string]any)
			from, err := time.Parse(time.RFC3339, a["validFrom"].(string))
			if err != nil {
				t.Fatal(err)
			}
			over, ongoing := false, !from.After(testNow)
			if to, ok := a["validTo"].(string); ok {
				end, err := time.Parse(time.RFC3339, to)
				if err != nil {
					t.Fatal(err)
				}
				over, ongoing = !end.After(testNow), ongoing && end.After(testNow)
			}
			if a["isActive"] != ongoing || a["isExpired"] != over || a["isUpcoming"] != from.After(testNow) {
				t.Errorf("at %s: %v", testNow.Format(time.RFC3339), a)
			}
			seen[ongoing]++
		}
	}
	if len(seen) < 2 {
		t.Errorf("agreements only in force or only not: %v", seen)
	}
}

// TestNothingWasChangedLater: what is to come (a pending application, a booking) was
// last changed when it was made, not on a day to come; what has begun, since it began
// and by now.
func TestNothingWasChangedLater(t *testing.T) {
	const sdl = `type Query { applications(accountNumber: String!): [Application] }
type Application { id: ID! status: Status createdAt: DateTime updatedAt: DateTime validFrom: DateTime }
enum Status { PENDING ACTIVE CLOSED }
scalar DateTime`
	w := newSDLWorld(t, sdl, Options{})
	seen := map[any]bool{}
	for i := range 30 {
		data := w.ask(`query($n: String!) { applications(accountNumber: $n) { status createdAt updatedAt validFrom } }`, map[string]any{"n": fmt.Sprint("A-", i)})
		for _, a := range data["applications"].([]any) {
			a := a.(map[string]any)
			seen[a["status"]] = true
			created, _ := time.Parse(time.RFC3339, a["createdAt"].(string))
			updated, _ := time.Parse(time.RFC3339, a["updatedAt"].(string))
			if updated.After(testNow) || updated.Before(created) {
				t.Errorf("a %v application made %v, changed %v (now %v, from %v)", a["status"], created, updated, testNow, a["validFrom"])
			}
		}
	}
	if !seen["PENDING"] || !seen["ACTIVE"] || !seen["CLOSED"] {
		t.Errorf("statuses seen: %v", seen)
	}
}
