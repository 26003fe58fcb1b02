package simtest_test

import (
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestPushBindingsAreTheInstalls binds app installs to users: an APNs token to Apple's
// service and another to Firebase's, listed by their app; a token registered by another
// user moves to them; a token removed, or never registered, cannot be removed.
func TestPushBindingsAreTheInstalls(t *testing.T) {
	srv := simtest.NewServer(t)
	c := srv.Client(t)
	c.SignIn("demo@krakensim.dev", "krakensim")
	const register = `mutation($t: String!, $b: String!) { registerPushNotificationBinding(input: {token: $t, bundleId: $b}) {
		pushNotificationBinding { token user { email } application { bundleId service pushNotificationBindings { token } } } } }`
	const remove = `mutation($t: String!) { deletePushNotificationBinding(input: {token: $t}) { status } }`
	apns, fcm := strings.Repeat("ab12", 16), "fGx1:APA91bHun4MxP5egoKMwt2KZFBaFUH-1RYqx"
	query := mustQuery(t, c)
	query(register, map[string]any{"t": apns, "b": "energy.octopus.app"})
	out := query(register, map[string]any{"t": fcm, "b": "energy.octopus.app"})
	b := simtest.Get(out, "registerPushNotificationBinding", "pushNotificationBinding")
	if simtest.Get(b, "application", "service") != "GCM" || simtest.Get(b, "user", "email") != "demo@krakensim.dev" {
		t.Errorf("binding %v", b)
	}
	if n := len(simtest.Get(b, "application", "pushNotificationBindings").([]any)); n != 2 {
		t.Errorf("the app lists %d bindings, want both installs", n)
	}
	other := srv.ClientIn(t, c.Session)
	other.SignIn("robin@krakensim.dev", "krakensim")
	moved := mustQuery(t, other)(register, map[string]any{"t": apns, "b": "energy.octopus.app"})
	if got := simtest.Get(moved, "registerPushNotificationBinding", "pushNotificationBinding", "application", "service"); got != "APNS" {
		t.Errorf("an APNs token's service: %v", got)
	}
	if out := c.Query(remove, map[string]any{"t": apns}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-5411" {
		t.Errorf("removing a token that moved to another user: %+v", out.Errors)
	}
	if got := simtest.Get(query(remove, map[string]any{"t": fcm}), "deletePushNotificationBinding", "status"); got != "SUCCESSFUL" {
		t.Errorf("removed: %v", got)
	}
	if out := c.Query(remove, map[string]any{"t": fcm}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-5411" {
		t.Errorf("removed twice: %+v", out.Errors)
	}
}
