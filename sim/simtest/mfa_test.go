package simtest_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/pquerna/otp/totp"

	"github.com/krakensim/krakensim/sim/simtest"
)

// authQuery sends an operation to the authentication server (/graphql/).
func authQuery(t *testing.T, c *simtest.Client, query string, vars map[string]any) *simtest.Response {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	_, b := c.Do(http.MethodPost, "/graphql/", body)
	var out simtest.Response
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("%s: %s", err, b)
	}
	return &out
}

// TestMFADevicesAreTheUsers adds MFA devices on the authentication server: an email
// device validated with the code it was sent, a TOTP device with its secret's code once
// the email one backs it up, and refusals as documented for a wrong code, a device not
// added, and the last backup of TOTP removed.
func TestMFADevicesAreTheUsers(t *testing.T) {
	srv := simtest.NewServer(t)
	c := srv.Client(t)
	c.SignIn("demo@krakensim.dev", "krakensim")
	const create = `mutation($m: MFAMethodChoices!) { createMfaDevice(input: {mfaMethod: $m}) { deviceEmail devicePhone totpSecret } }`
	const validate = `mutation($m: MFAMethodChoices!, $t: String!) { validateMfaDevice(input: {mfaMethod: $m, token: $t}) { deviceIsValid } }`
	const remove = `mutation($m: MFAMethodChoices!) { deleteMfaDevice(input: {mfaMethod: $m}) { deviceDeleted } }`
	code := func(out *simtest.Response) string {
		t.Helper()
		if len(out.Errors) > 0 {
			return out.Errors[0].Code()
		}
		return ""
	}
	if got := code(authQuery(t, c, validate, map[string]any{"m": "EMAIL", "t": "123456"})); got != "KT-CT-1150" {
		t.Errorf("validating no device: %s", got)
	}
	secret, _ := simtest.Get(authQuery(t, c, create, map[string]any{"m": "TOTP"}).Data, "createMfaDevice", "totpSecret").(string)
	if len(secret) < 16 {
		t.Fatalf("TOTP secret %q", secret)
	}
	sess, err := srv.Sim.Session(c.Session)
	if err != nil {
		t.Fatal(err)
	}
	good, _ := totp.GenerateCode(secret, sess.Now())
	if got := code(authQuery(t, c, validate, map[string]any{"m": "TOTP", "t": good})); got != "KT-CT-1155" {
		t.Errorf("TOTP with no backup: %s", got)
	}
	out := authQuery(t, c, create, map[string]any{"m": "EMAIL"})
	if got := simtest.Get(out.Data, "createMfaDevice", "deviceEmail"); got != "demo@krakensim.dev" {
		t.Fatalf("email device: %v %+v", got, out.Errors)
	}
	m := c.Messages()[0]
	if m.To != "demo@krakensim.dev" || len(m.Data["code"]) != 6 {
		t.Fatalf("code message %+v", m)
	}
	wrong := "000000"
	if m.Data["code"] == wrong {
		wrong = "111111"
	}
	if got := code(authQuery(t, c, validate, map[string]any{"m": "EMAIL", "t": wrong})); got != "KT-CT-1152" {
		t.Errorf("a wrong code: %s", got)
	}
	for _, step := range []struct{ method, token string }{{"EMAIL", m.Data["code"]}, {"TOTP", good}} {
		out := authQuery(t, c, validate, map[string]any{"m": step.method, "t": step.token})
		if simtest.Get(out.Data, "validateMfaDevice", "deviceIsValid") != true {
			t.Fatalf("validating %s: %+v", step.method, out.Errors)
		}
	}
	if got := code(authQuery(t, c, create, map[string]any{"m": "TOTP"})); got != "KT-CT-1153" {
		t.Errorf("a second TOTP device: %s", got)
	}
	if got := code(authQuery(t, c, remove, map[string]any{"m": "EMAIL"})); got != "KT-CT-1154" {
		t.Errorf("removing TOTP's only backup: %s", got)
	}
	for _, method := range []string{"TOTP", "EMAIL"} {
		if out := authQuery(t, c, remove, map[string]any{"m": method}); simtest.Get(out.Data, "deleteMfaDevice", "deviceDeleted") != true {
			t.Errorf("removing %s: %+v", method, out.Errors)
		}
	}
	if got := code(authQuery(t, c, remove, map[string]any{"m": "EMAIL"})); got != "KT-CT-1150" {
		t.Errorf("removing it twice: %s", got)
	}
}
