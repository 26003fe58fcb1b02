package simtest_test

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

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

// TestTOTPCodesAtWallClockTime validates a TOTP code an authenticator app makes from the
// wall clock, while the session's clock is frozen years away; a code of neither time is
// refused.
func TestTOTPCodesAtWallClockTime(t *testing.T) {
	_, c := vendorServer(t)
	const validate = `mutation($t: String!) { validateMfaDevice(input: {mfaMethod: TOTP, token: $t}) { deviceIsValid } }`
	secret, _ := simtest.Get(authQuery(t, c, `mutation { createMfaDevice(input: {mfaMethod: TOTP}) { totpSecret } }`, nil).Data, "createMfaDevice", "totpSecret").(string)
	phone, _ := totp.GenerateCode(secret, time.Now())
	stale, _ := totp.GenerateCode(secret, time.Now().Add(-time.Hour))
	// The code is right, so the device's missing backup is what refuses it.
	for _, tc := range []struct{ token, code string }{{phone, "KT-CT-1155"}, {stale, "KT-CT-1152"}} {
		out := authQuery(t, c, validate, map[string]any{"t": tc.token})
		if len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("code %s: %+v, want %s", tc.token, out.Errors, tc.code)
		}
	}
}

// TestOriginMfaDevicesAreTheUsers lists the viewer's MFA devices on Origin: none at
// first, then each created, confirmed once validated.
func TestOriginMfaDevicesAreTheUsers(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	query := mustQuery(t, c)
	const list = `{ mfaDevices { deviceType isConfirmed } }`
	if got := simtest.Get(query(list, nil), "mfaDevices"); len(got.([]any)) != 0 {
		t.Errorf("devices before any %v", got)
	}
	query(`mutation { createMfaDevice(input: {mfaMethod: EMAIL}) { deviceEmail } }`, nil)
	query(`mutation { createMfaDevice(input: {mfaMethod: TOTP}) { totpSecret } }`, nil)
	code := c.Messages()[0].Data["code"]
	query(`mutation($t: String!) { validateMfaDevice(input: {mfaMethod: EMAIL, token: $t}) { deviceIsValid } }`, map[string]any{"t": code})
	got, _ := json.Marshal(simtest.Get(query(list, nil), "mfaDevices"))
	if want := `[{"deviceType":"EMAIL","isConfirmed":true},{"deviceType":"TOTP","isConfirmed":false}]`; string(got) != want {
		t.Errorf("devices %s, want %s", got, want)
	}
}
