package simtest_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOriginPeopleReadBackWhatWasWritten: on Origin's SDL, hasFamilyIssues flags the
// viewer, and the flag reads back on the viewer and on the users getUsersForAccounts
// lists (both of the shared account's people, the viewer flagged, Robin not), where
// before the mutation saved nothing and the list held the viewer alone.
func TestOriginPeopleReadBackWhatWasWritten(t *testing.T) {
	_, au := tenant(t, "origin-schema.graphql")
	q := mustQuery(t, au)
	q(`mutation { hasFamilyIssues(input: {familyIssues: true, fdvPasswordRequired: true, familyIssuesPassword: "otter",
		familyIssuesDetails: "Calls only.", commsDeliveryPreference: POST}) { accountUser { id } } }`, nil)
	if got := simtest.Get(q(`{ viewer { hasFamilyIssues } }`, nil), "viewer", "hasFamilyIssues"); got != true {
		t.Errorf("viewer.hasFamilyIssues after the flag: %v, want true", got)
	}
	users := simtest.Get(q(`{ getUsersForAccounts(accountNumbers: ["A-C90DC431"]) { givenName hasFamilyIssues } }`, nil), "getUsersForAccounts")
	if got := fmt.Sprint(users); got != "[map[givenName:Jamie hasFamilyIssues:true] map[givenName:Robin hasFamilyIssues:false]]" {
		t.Errorf("getUsersForAccounts: %s, want Jamie flagged and Robin not", got)
	}
}

// TestOctopusSpecialCircumstancesKeepHowToTalk: Octopus's updateSpecialCircumstances
// keeps the language and partner password it is sent in the session's world, which no
// field of its SDL reads back.
func TestOctopusSpecialCircumstancesKeepHowToTalk(t *testing.T) {
	srv, gb := current(t)
	mustQuery(t, gb)(`mutation { updateSpecialCircumstances(input: {foreignLanguageSpeaker: true, language: "Polish",
		usePasswordToIdentify: true, partnerPassword: "otter"}) { specialCircumstances { isSharingConsentGiven } } }`, nil)
	s, err := srv.Sim.Session(gb.Session)
	if err != nil {
		t.Fatal(err)
	}
	want := sim.PSRContact{Language: "Polish", UsePasswordToIdentify: true, PartnerPassword: "otter"}
	if got := s.World().UserByEmail("demo@krakensim.dev").PSRContact; got != want {
		t.Errorf("the world keeps %+v, want %+v", got, want)
	}
}

// TestOriginUpdateUserFollowsItsContract: Origin's updateUser blocks the given name
// (KT-CT-5413 naming it, the name kept) and sets no limit a day, so the family name
// changes twice in a day and reads back each time; Octopus's keeps one name a day.
func TestOriginUpdateUserFollowsItsContract(t *testing.T) {
	_, au := tenant(t, "origin-schema.graphql")
	const set = `mutation($in: UpdateUserInput!) { updateUser(input: $in) { viewer { givenName familyName } } }`
	out := au.Query(set, map[string]any{"in": map[string]any{"givenName": "Jay"}})
	if len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-5413" || fmt.Sprint(out.Errors[0].Extensions["validationErrors"]) != "[map[inputPath:[input givenName] message:The given name cannot be changed here.]]" {
		t.Errorf("Origin, a new given name: %+v, want KT-CT-5413 at input.givenName", out.Errors)
	}
	q := mustQuery(t, au)
	for _, family := range []string{"Smith", "Jones"} {
		q(set, map[string]any{"in": map[string]any{"familyName": family, "givenName": "Jamie"}})
		if got := fmt.Sprint(simtest.Get(q(`{ viewer { fullName } }`, nil), "viewer", "fullName")); got != "Jamie "+family {
			t.Errorf("Origin, after the family name %s: %s", family, got)
		}
	}
	_, gb := current(t)
	mustQuery(t, gb)(set, map[string]any{"in": map[string]any{"givenName": "Jay"}})
	if out := gb.Query(set, map[string]any{"in": map[string]any{"familyName": "Smith"}}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-5414" {
		t.Errorf("Octopus, a second name the same day: %+v, want KT-CT-5414", out.Errors)
	}
}

// TestOriginUpdateUserKeepsLabelAndDetails: on Origin's SDL, updateUser's label and
// details read back on the viewer, where before label answered null and details none.
func TestOriginUpdateUserKeepsLabelAndDetails(t *testing.T) {
	_, au := tenant(t, "origin-schema.graphql")
	q := mustQuery(t, au)
	q(`mutation { updateUser(input: {label: "Site manager", details: [{namespace: "crm", value: "C-17"}]}) { viewer { id } } }`, nil)
	v := q(`{ viewer { label details { namespace value isSensitive } } }`, nil)
	if got := fmt.Sprint(simtest.Get(v, "viewer", "label"), simtest.Get(v, "viewer", "details")); got != "Site manager[map[isSensitive:false namespace:crm value:C-17]]" {
		t.Errorf("viewer after updateUser: %s", got)
	}
}

// TestOriginUserSyncPayloadIsTheUsers: Origin's userSyncPayload answers the user it
// names as the world holds them (names, contact details, the family issues flag, roles,
// accounts), where before it answered a made-up person; naming both or neither is
// KT-AU-5415, an unknown user KT-CT-5412.
func TestOriginUserSyncPayloadIsTheUsers(t *testing.T) {
	_, au := tenant(t, "origin-schema.graphql")
	q := mustQuery(t, au)
	q(`mutation { hasFamilyIssues(input: {familyIssues: true, fdvPasswordRequired: false, familyIssuesDetails: "Calls only.",
		commsDeliveryPreference: POST, notSafeToSendFdvPolicy: true}) { accountUser { id } } }`, nil)
	id := simtest.Get(q(`{ viewer { id } }`, nil), "viewer", "id")
	const sync = `query($in: AccountUserInputType) { userSyncPayload(input: $in) { accountUserId givenName familyName email
		hasFamilyIssues familyIssues { notSafeToSendFdvPolicy notSafeToReceiveMoveInComms } accountUserRoles { accountNumber role }
		accounts(first: 5) { edges { node { number linkedUserIds } } } } }`
	for _, in := range []map[string]any{{"accountUserId": id}, {"accountUserEmail": "demo@krakensim.dev"}} {
		p := simtest.Get(q(sync, map[string]any{"in": in}), "userSyncPayload")
		if got := fmt.Sprint(simtest.Get(p, "accountUserId"), " ", simtest.Get(p, "givenName"), " ", simtest.Get(p, "email"), " ",
			simtest.Get(p, "hasFamilyIssues"), " ", simtest.Get(p, "familyIssues")); got != fmt.Sprint(id, " Jamie demo@krakensim.dev true map[notSafeToReceiveMoveInComms:false notSafeToSendFdvPolicy:true]") {
			t.Errorf("userSyncPayload(%v): %s", in, got)
		}
		if got := fmt.Sprint(simtest.Get(p, "accountUserRoles")); !strings.Contains(got, "map[accountNumber:A-C90DC431 role:ADMIN]") {
			t.Errorf("userSyncPayload(%v) roles: %s, want ADMIN on A-C90DC431", in, got)
		}
		if got := fmt.Sprint(simtest.Get(p, "accounts", "edges")); !strings.Contains(got, "number:A-C90DC431") {
			t.Errorf("userSyncPayload(%v) accounts: %s, want A-C90DC431", in, got)
		}
	}
	for in, code := range map[string]map[string]any{
		"KT-AU-5415": {"accountUserId": id, "accountUserEmail": "demo@krakensim.dev"},
		"KT-CT-5412": {"accountUserEmail": "nobody@example.com"},
	} {
		if out := au.Query(sync, map[string]any{"in": code}); len(out.Errors) != 1 || out.Errors[0].Code() != in {
			t.Errorf("userSyncPayload(%v): %+v, want %s", code, out.Errors, in)
		}
	}
}
