package accounts_test

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/schema"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// usersForAccountsSDL is Origin's getUsersForAccounts, laid over the embedded SDL.
const usersForAccountsSDL = `extend type Query {
  "The users of the accounts named."
  getUsersForAccounts(accountNumbers: [String]!): [AccountUserType]
}`

// TestUsersForAccounts: getUsersForAccounts answers every user of each account named
// that the viewer may read (Jamie and Robin share A-C90DC431), each once, rather than the
// viewer alone; another's account is Unauthorized, and a list naming no account
// KT-AU-5412.
func TestUsersForAccounts(t *testing.T) {
	c := tenantClient(t, time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC), usersForAccountsSDL)
	const q = `query($a: [String]!) { getUsersForAccounts(accountNumbers: $a) { id givenName } }`
	for _, tc := range []struct {
		name     string
		accounts []any
		want     []string
		code     string
	}{
		{"the shared account", []any{"A-C90DC431"}, []string{"Jamie", "Robin"}, ""},
		{"both of the viewer's accounts, each user once", []any{"A-C90DC431", "A-7B3E9D12", "A-C90DC431"}, []string{"Jamie", "Robin"}, ""},
		{"another's account", []any{"A-C90DC431", "A-0F4A2B19"}, nil, "KT-CT-1111"},
		{"an empty list", []any{}, nil, "KT-AU-5412"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := c.Query(q, map[string]any{"a": tc.accounts})
			if tc.code != "" {
				if len(r.Errors) != 1 || r.Errors[0].Code() != tc.code {
					t.Fatalf("%+v, want %s", r.Errors, tc.code)
				}
				return
			}
			var got []string
			for _, u := range dig(mustData(t, r), "getUsersForAccounts").([]any) {
				got = append(got, fmt.Sprint(dig(u, "givenName")))
			}
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("users %v, want %v", got, tc.want)
			}
		})
	}
}

// peopleSDL lays Origin's hasFamilyIssues and Octopus's updateSpecialCircumstances (the
// fields the tests send) over the embedded SDL.
const peopleSDL = `enum CommsDeliveryPreferenceEnum { EMAIL POST }
"What hasFamilyIssues records."
input HasFamilyIssuesInputType {
  userId: String = null
  familyIssues: Boolean!
  fdvPasswordRequired: Boolean!
  familyIssuesPassword: String = null
  commsDeliveryPreference: CommsDeliveryPreferenceEnum = null
  phoneCallsAllowed: Boolean = null
  smsAllowed: Boolean = null
  notSafeToSendFdvPolicy: Boolean = false
  familyIssuesDetails: String!
}
"The flagged user."
type HasFamilyIssues { accountUser: AccountUserType }
"What updateSpecialCircumstances changes."
input UpdateSpecialCircumstancesInput {
  blind: Boolean
  language: String
  usePasswordToIdentify: Boolean
  partnerPassword: String
  userConsent: Boolean
}
"The user's circumstances after the change."
type UpdateSpecialCircumstances { specialCircumstances: SpecialCircumstancesType }
extend type Mutation {
  "Flags a user for family and domestic violence."
  hasFamilyIssues(input: HasFamilyIssuesInputType!): HasFamilyIssues
  "Sets the user's special circumstances."
  updateSpecialCircumstances(input: UpdateSpecialCircumstancesInput!): UpdateSpecialCircumstances
}`

// peopleServer is a server on the embedded SDL with sdl laid over it, the demo user
// signed in at 09:00 UTC on 2 December 2026, and the session's user as the world holds it.
func peopleServer(t *testing.T, sdl string) (*simtest.Client, func() *sim.User) {
	t.Helper()
	api, err := schema.Load(schema.APISource(), &ast.Source{Name: "people.graphql", Input: sdl})
	if err != nil {
		t.Fatal(err)
	}
	srv := simtest.NewServer(t, simtest.WithConfig(func(cfg *sim.Config) {
		cfg.API, cfg.ClockStart = api, time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	}))
	c := srv.Client(t)
	c.SignIn("demo@krakensim.dev", "krakensim")
	return c, func() *sim.User {
		s, err := srv.Sim.Session(c.Session)
		if err != nil {
			t.Fatal(err)
		}
		return s.World().UserByEmail("demo@krakensim.dev")
	}
}

// TestHasFamilyIssues: Origin's hasFamilyIssues flags the viewer and keeps how they may
// be contacted (viewer.hasFamilyIssues reads true after), where before it saved nothing
// and answered a made-up user; lifting the flag is KT-AU-5416, missing details or a
// required password KT-AU-5418, each naming the field, and a refusal changes nothing.
func TestHasFamilyIssues(t *testing.T) {
	const set = `mutation($in: HasFamilyIssuesInputType!) { hasFamilyIssues(input: $in) { accountUser { id hasFamilyIssues } } }`
	for _, tc := range []struct {
		name  string
		in    map[string]any
		code  string
		field string
	}{
		{"lifting the flag", map[string]any{"familyIssues": false, "fdvPasswordRequired": false, "familyIssuesDetails": "d"}, "KT-AU-5416", "familyIssues"},
		{"no details", map[string]any{"familyIssues": true, "fdvPasswordRequired": false, "familyIssuesDetails": " "}, "KT-AU-5418", "familyIssuesDetails"},
		{"a required password missing", map[string]any{"familyIssues": true, "fdvPasswordRequired": true, "familyIssuesDetails": "d"}, "KT-AU-5418", "familyIssuesPassword"},
		{"a password not required", map[string]any{"familyIssues": true, "fdvPasswordRequired": false, "familyIssuesPassword": "otter", "familyIssuesDetails": "d"}, "KT-AU-5418", "familyIssuesPassword"},
		{"another user", map[string]any{"userId": "3235449", "familyIssues": true, "fdvPasswordRequired": false, "familyIssuesDetails": "d"}, "KT-CT-1111", ""},
		{"the flag with a password", map[string]any{"familyIssues": true, "fdvPasswordRequired": true, "familyIssuesPassword": "otter",
			"familyIssuesDetails": "Separated; calls only.", "commsDeliveryPreference": "POST", "smsAllowed": false, "notSafeToSendFdvPolicy": true}, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, user := peopleServer(t, peopleSDL)
			r := c.Query(set, map[string]any{"in": tc.in})
			flagged := dig(mustData(t, c.Query(`{ viewer { hasFamilyIssues } }`, nil)), "viewer.hasFamilyIssues")
			if tc.code != "" {
				if len(r.Errors) != 1 || r.Errors[0].Code() != tc.code {
					t.Fatalf("%+v, want %s", r.Errors, tc.code)
				}
				if path := fmt.Sprint(r.Errors[0].Extensions["validationErrors"]); tc.field != "" && !strings.Contains(path, "inputPath:[input "+tc.field+"]") {
					t.Errorf("validationErrors %s, want one at input.%s", path, tc.field)
				}
				if flagged != false || user().FamilyIssues != nil {
					t.Errorf("refused, yet the viewer reads hasFamilyIssues %v, the world %+v", flagged, user().FamilyIssues)
				}
				return
			}
			if got := dig(mustData(t, r), "hasFamilyIssues.accountUser"); dig(map[string]any{"u": got}, "u.id") != "3235447" || dig(map[string]any{"u": got}, "u.hasFamilyIssues") != true {
				t.Errorf("payload %v, want the viewer 3235447 flagged", got)
			}
			if flagged != true {
				t.Errorf("viewer.hasFamilyIssues after: %v, want true", flagged)
			}
			no := false
			want := sim.FamilyIssues{PasswordRequired: true, Password: "otter", Details: "Separated; calls only.", CommsDeliveryPreference: "POST", SMSAllowed: &no, NotSafeToSendFdvPolicy: true}
			if got := user().FamilyIssues; got == nil || !reflect.DeepEqual(*got, want) {
				t.Errorf("the world keeps %+v, want %+v", got, want)
			}
		})
	}
}

// TestSpecialCircumstancesContact: Octopus's updateSpecialCircumstances keeps the
// language and the partner password the user asked staff to give, where before it
// dropped them; a password to identify with no password is KT-GB-5411 and changes
// nothing, and a later change that leaves them out keeps them.
func TestSpecialCircumstancesContact(t *testing.T) {
	const set = `mutation($in: UpdateSpecialCircumstancesInput!) { updateSpecialCircumstances(input: $in) { specialCircumstances { isSharingConsentGiven } } }`
	c, user := peopleServer(t, peopleSDL)
	for _, step := range []struct {
		name string
		in   map[string]any
		code string
		want sim.PSRContact
	}{
		{"a password to identify with none", map[string]any{"blind": true, "usePasswordToIdentify": true}, "KT-GB-5411", sim.PSRContact{}},
		{"language and password", map[string]any{"language": "Welsh", "usePasswordToIdentify": true, "partnerPassword": "otter"}, "", sim.PSRContact{Language: "Welsh", UsePasswordToIdentify: true, PartnerPassword: "otter"}},
		{"a change leaving them out", map[string]any{"blind": true, "userConsent": true}, "", sim.PSRContact{Language: "Welsh", UsePasswordToIdentify: true, PartnerPassword: "otter"}},
		{"clearing the password while it is used", map[string]any{"partnerPassword": ""}, "KT-GB-5411", sim.PSRContact{Language: "Welsh", UsePasswordToIdentify: true, PartnerPassword: "otter"}},
		{"no longer identifying by password", map[string]any{"usePasswordToIdentify": false, "partnerPassword": ""}, "", sim.PSRContact{Language: "Welsh"}},
	} {
		r := c.Query(set, map[string]any{"in": step.in})
		switch {
		case step.code == "" && len(r.Errors) > 0:
			t.Errorf("%s: %+v", step.name, r.Errors)
		case step.code != "" && (len(r.Errors) != 1 || r.Errors[0].Code() != step.code):
			t.Errorf("%s: %+v, want %s", step.name, r.Errors, step.code)
		}
		if got := user().PSRContact; got != step.want {
			t.Errorf("%s: the world keeps %+v, want %+v", step.name, got, step.want)
		}
	}
	if got := len(user().PSRRecords); got != 1 {
		t.Errorf("records after: %d, want 1 (blind, set once the password step passed)", got)
	}
}

// TestUpdateUserRefusesBlankNames: a user always has a given and a family name (the
// SDL's String!), so updateUser refuses a blank one with KT-CT-5413 naming the field and
// keeps the name, where before it stored the blank; a name given as null is not given.
func TestUpdateUserRefusesBlankNames(t *testing.T) {
	const set = `mutation($in: UpdateUserInput!) { updateUser(input: $in) { viewer { givenName familyName } } }`
	for _, tc := range []struct {
		name       string
		in         map[string]any
		code, path string
		want       string
	}{
		{"a blank given name", map[string]any{"givenName": ""}, "KT-CT-5413", "givenName", "Jamie Carter"},
		{"a given name of spaces", map[string]any{"givenName": "   "}, "KT-CT-5413", "givenName", "Jamie Carter"},
		{"a blank family name beside a good mobile", map[string]any{"familyName": "", "mobile": "07700 900111"}, "KT-CT-5413", "familyName", "Jamie Carter"},
		{"a null given name", map[string]any{"givenName": nil, "familyName": "Smith"}, "", "", "Jamie Smith"},
		{"a name padded with spaces", map[string]any{"givenName": "  Jay "}, "", "", "Jay Carter"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := tenantClient(t, time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC))
			r := c.Query(set, map[string]any{"in": tc.in})
			if tc.code != "" {
				if len(r.Errors) != 1 || r.Errors[0].Code() != tc.code || !strings.Contains(fmt.Sprint(r.Errors[0].Extensions["validationErrors"]), "inputPath:[input "+tc.path+"]") {
					t.Errorf("%+v, want %s at input.%s", r.Errors, tc.code, tc.path)
				}
			} else if len(r.Errors) > 0 {
				t.Errorf("%+v", r.Errors)
			}
			v := mustData(t, c.Query(`{ viewer { givenName familyName mobile } }`, nil))
			if got := fmt.Sprint(dig(v, "viewer.givenName"), " ", dig(v, "viewer.familyName")); got != tc.want {
				t.Errorf("the viewer is %q after, want %q", got, tc.want)
			}
			if tc.code != "" && dig(v, "viewer.mobile") == "07700 900111" {
				t.Error("refused, yet the mobile changed")
			}
		})
	}
}

// userLabelSDL is Origin's label and details of updateUser, laid over the embedded SDL.
const userLabelSDL = `input DetailsInputType {
  "The detail's namespace."
  namespace: String!
  "Its value."
  value: String
}
extend input UpdateUserInput {
  "Free text identifying the user."
  label: String
  "The user's details."
  details: [DetailsInputType]
}
extend type AccountUserType {
  "Free text identifying the user."
  label: String
}`

// TestUpdateUserKeepsLabelAndDetails: updateUser's label and details read back on the
// viewer, where before they were dropped (label null, details empty): a namespace given
// again takes its new value, a null value drops it, those not given stay; a blank
// namespace is KT-CT-5413 naming the detail, changing nothing.
func TestUpdateUserKeepsLabelAndDetails(t *testing.T) {
	const set = `mutation($in: UpdateUserInput!) { updateUser(input: $in) { viewer { label } } }`
	detail := func(ns string, v any) map[string]any { return map[string]any{"namespace": ns, "value": v} }
	first := map[string]any{"label": "Site manager", "details": []any{detail("crm", "C-17"), detail("team", "north")}}
	for _, tc := range []struct {
		name  string
		then  map[string]any
		code  string
		label string
		want  string
	}{
		{"given once", nil, "", "Site manager", "[crm=C-17 team=north]"},
		{"a namespace given again", map[string]any{"details": []any{detail("team", "south"), detail("badge", "7")}}, "", "Site manager", "[crm=C-17 team=south badge=7]"},
		{"a null value", map[string]any{"details": []any{detail("crm", nil)}}, "", "Site manager", "[team=north]"},
		{"a new label and no details", map[string]any{"label": "Owner"}, "", "Owner", "[crm=C-17 team=north]"},
		{"a blank namespace", map[string]any{"label": "Owner", "details": []any{detail("crm", "C-18"), detail(" ", "x")}}, "KT-CT-5413", "Site manager", "[crm=C-17 team=north]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := tenantClient(t, time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC), userLabelSDL)
			if r := c.Query(set, map[string]any{"in": first}); len(r.Errors) > 0 {
				t.Fatalf("%+v", r.Errors)
			}
			if tc.then != nil {
				r := c.Query(set, map[string]any{"in": tc.then})
				if tc.code == "" && len(r.Errors) > 0 {
					t.Fatalf("%+v", r.Errors)
				}
				if tc.code != "" && (len(r.Errors) != 1 || r.Errors[0].Code() != tc.code ||
					!strings.Contains(fmt.Sprint(r.Errors[0].Extensions["validationErrors"]), "inputPath:[input details 1 namespace]")) {
					t.Fatalf("%+v, want %s at input.details.1.namespace", r.Errors, tc.code)
				}
			}
			v := mustData(t, c.Query(`{ viewer { label details { namespace value } } }`, nil))
			if got := dig(v, "viewer.label"); got != tc.label {
				t.Errorf("label %v, want %q", got, tc.label)
			}
			var got []string
			for _, d := range dig(v, "viewer.details").([]any) {
				got = append(got, fmt.Sprint(dig(d, "namespace"), "=", dig(d, "value")))
			}
			if fmt.Sprint(got) != tc.want {
				t.Errorf("details %v, want %s", got, tc.want)
			}
		})
	}
}

// userSyncSDL is Origin's userSyncPayload, cut to what the test reads, laid over the
// embedded SDL.
const userSyncSDL = `input AccountUserInputType {
  "The user's id."
  accountUserId: ID
  "The user's email."
  accountUserEmail: String
}
type SyncAccountUserRoleType {
  "The account."
  accountNumber: String
  "The role."
  role: String
}
type SyncAccountType {
  "The account's number."
  number: String
  "The ids of its users."
  linkedUserIds: [String]
}
type SyncAccountTypeEdge {
  "The account."
  node: SyncAccountType
  "Its cursor."
  cursor: String!
}
type SyncAccountConnectionTypeConnection {
  "Where the page stands."
  pageInfo: PageInfo!
  "The accounts."
  edges: [SyncAccountTypeEdge]!
}
type UserSyncPayloadType {
  "The user's id."
  accountUserId: ID
  "The given name."
  givenName: String
  "The email."
  email: String
  "The roles on accounts."
  accountUserRoles: [SyncAccountUserRoleType]
  "The accounts."
  accounts(offset: Int, before: String, after: String, first: Int, last: Int): SyncAccountConnectionTypeConnection
}
extend type Query {
  "A user's sync profile."
  userSyncPayload(input: AccountUserInputType): UserSyncPayloadType!
}`

// TestUserSyncPayload: userSyncPayload answers the user named, by id or email, as the
// world holds them, where before it made a person up; both or neither named is
// KT-AU-5415, no such user KT-CT-5412, a user sharing no account with the viewer
// Unauthorized, and paging the accounts otherwise than by first KT-AU-5410.
func TestUserSyncPayload(t *testing.T) {
	c := tenantClient(t, time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC), userSyncSDL)
	const q = `query($in: AccountUserInputType, $after: String) { userSyncPayload(input: $in) { givenName email
		accountUserRoles { accountNumber role } accounts(first: 10, after: $after) { edges { node { number linkedUserIds } } } } }`
	for _, tc := range []struct {
		name  string
		in    map[string]any
		after any
		code  string
		want  string
	}{
		{"by email", map[string]any{"accountUserEmail": "demo@krakensim.dev"}, nil, "", "Jamie demo@krakensim.dev"},
		{"Robin, who shares an account", map[string]any{"accountUserEmail": "robin@krakensim.dev"}, nil, "", "Robin robin@krakensim.dev"},
		{"both named", map[string]any{"accountUserEmail": "demo@krakensim.dev", "accountUserId": "1"}, nil, "KT-AU-5415", ""},
		{"neither named", map[string]any{}, nil, "KT-AU-5415", ""},
		{"no such user", map[string]any{"accountUserEmail": "nobody@example.com"}, nil, "KT-CT-5412", ""},
		{"a user sharing no account", map[string]any{"accountUserEmail": "other@krakensim.dev"}, nil, "KT-CT-1111", ""},
		{"accounts paged by after", map[string]any{"accountUserEmail": "demo@krakensim.dev"}, "YXJyYXljb25uZWN0aW9uOjA=", "KT-AU-5410", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := c.Query(q, map[string]any{"in": tc.in, "after": tc.after})
			if tc.code != "" {
				if len(r.Errors) != 1 || r.Errors[0].Code() != tc.code {
					t.Fatalf("%+v, want %s", r.Errors, tc.code)
				}
				return
			}
			p := dig(mustData(t, r), "userSyncPayload")
			if got := fmt.Sprint(dig(p, "givenName"), " ", dig(p, "email")); got != tc.want {
				t.Errorf("%s, want %s", got, tc.want)
			}
			if got := fmt.Sprint(dig(p, "accountUserRoles")); !strings.Contains(got, "map[accountNumber:A-C90DC431 role:ADMIN]") {
				t.Errorf("roles %s, want ADMIN on A-C90DC431", got)
			}
			if got := fmt.Sprint(dig(p, "accounts.edges")); !strings.Contains(got, "number:A-C90DC431") || strings.Count(got, "linkedUserIds:[") == 0 {
				t.Errorf("accounts %s, want A-C90DC431 with its users", got)
			}
		})
	}
}
