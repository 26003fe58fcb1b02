package world

import (
	"fmt"
	"strings"
	"testing"
)

// personSDL has people made up in lists and made by a mutation from its input.
const personSDL = `
scalar Date
type Query { contacts: [ContactType] }
type Mutation { createAccountUser(input: CreateAccountUserInput!): CreateAccountUser }
input CreateAccountUserInput { givenName: String! familyName: String! }
type CreateAccountUser { accountUser: AccountUserType }
type ContactType { id: ID! firstName: String surname: String name: String salutation: String }
type AccountUserType {
  id: ID! givenName: String familyName: String fullName: String preferredName: String
  displayName: String @deprecated(reason: "Please use fullName instead of this field.")
  title: String pronouns: String dateOfBirth: Date
}
`

func TestPeopleAgreeWithThemselves(t *testing.T) {
	s := newSessionOf(t, personSDL, 0)
	pronouns := map[string][]string{"Mr": {"he/him"}, "Mrs": {"she/her"}, "Ms": {"she/her"}, "Miss": {"she/her"}, "Mx": {"they/them"}, "Dr": {"she/her", "he/him"}}
	contacts, _ := s.do(`{ contacts { firstName surname name salutation } }`, "contacts").([]any)
	if len(contacts) == 0 {
		t.Fatal("no contacts")
	}
	for _, it := range contacts {
		c := it.(map[string]any)
		if c["name"] != fmt.Sprint(c["firstName"], " ", c["surname"]) {
			t.Errorf("a contact's name %q is not their first name and surname: %v", c["name"], c)
		}
		if _, ok := pronouns[c["salutation"].(string)]; !ok {
			t.Errorf("a contact's salutation %q", c["salutation"])
		}
	}
	for i := range 20 {
		u := s.do(fmt.Sprintf(`mutation { createAccountUser(input: {givenName: "Ada%d", familyName: "Lovelace"}) {
			accountUser { givenName fullName displayName preferredName title pronouns dateOfBirth } } }`, i), "createAccountUser", "accountUser").(map[string]any)
		given := fmt.Sprintf("Ada%d", i)
		if u["givenName"] != given || u["fullName"] != given+" Lovelace" || u["displayName"] != given+" Lovelace" || u["preferredName"] != given {
			t.Errorf("the user's names do not agree with what was given: %v", u)
		}
		if want := pronouns[u["title"].(string)]; !strings.Contains(strings.Join(want, ","), u["pronouns"].(string)) {
			t.Errorf("title %v with pronouns %v", u["title"], u["pronouns"])
		}
		if dob := u["dateOfBirth"].(string); dob < "1940-01-01" || dob > "2005-12-31" {
			t.Errorf("an account holder born on %s", dob)
		}
	}
}
