package accounts

import (
	"context"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
)

// Push notification bindings: an app install registers its device token for the
// signed-in user (registerPushNotificationBinding), for a year; a token is one install's,
// so registering it again, for this user or another, moves it here and starts its year
// again. Its application is the app the bundle id names, served by Apple's push service
// for an APNs token (64 hexadecimal digits) and Firebase's (GCM) for others, and lists the
// user's bindings of it. deletePushNotificationBinding removes one of the user's
// (KT-CT-5411 for a token the user has not registered, as for an empty one given to
// register).

// pushBindingLifetime is how long a binding lasts before the app must register again.
const pushBindingLifetime = 365 * 24 * time.Hour

// registerPushNotificationBinding binds an app install's token to the viewer.
func registerPushNotificationBinding(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.MutableViewer()
	if err != nil {
		return nil, err
	}
	in := input(c)
	token, bundle := strings.TrimSpace(str(in, "token")), strings.TrimSpace(str(in, "bundleId"))
	if token == "" || bundle == "" {
		return nil, c.ValidationError("KT-CT-5411", "A device token and a bundle id are required.", "input")
	}
	w := c.Session.World()
	for _, other := range w.Users {
		if other != nil && other.ID != u.ID && slices.ContainsFunc(other.PushBindings, func(b sim.PushBinding) bool { return b.Token == token }) {
			mo := w.MutableUser(other.ID)
			mo.PushBindings = slices.DeleteFunc(mo.PushBindings, func(b sim.PushBinding) bool { return b.Token == token })
		}
	}
	u.PushBindings = slices.DeleteFunc(u.PushBindings, func(b sim.PushBinding) bool { return b.Token == token })
	now := c.Session.Now().Truncate(time.Second)
	b := sim.PushBinding{Token: token, BundleID: bundle, RegisteredAt: now, ExpiresAt: now.Add(pushBindingLifetime)}
	u.PushBindings = append(u.PushBindings, b)
	return obj{"pushNotificationBinding": pushBinding(newEnv(c), u, b)}, nil
}

// deletePushNotificationBinding removes one of the viewer's bindings.
func deletePushNotificationBinding(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.MutableViewer()
	if err != nil {
		return nil, err
	}
	token := strings.TrimSpace(str(input(c), "token"))
	i := slices.IndexFunc(u.PushBindings, func(b sim.PushBinding) bool { return token != "" && b.Token == token })
	if i < 0 {
		return nil, c.Error("KT-CT-5411")
	}
	u.PushBindings = slices.Delete(u.PushBindings, i, i+1)
	return obj{"status": "SUCCESSFUL"}, nil
}

// pushService is the push service a device token belongs to: Apple's for an APNs token,
// 32 bytes in hexadecimal; Firebase Cloud Messaging's (GCM) for others.
func pushService(token string) string {
	if b, err := hex.DecodeString(token); err == nil && len(b) == 32 {
		return "APNS"
	}
	return "GCM"
}

// pushBinding is a PushNotificationBindingType: the binding, its user, and its app with
// the user's bindings of it.
func pushBinding(w *env, u *sim.User, b sim.PushBinding) obj {
	id := func(parts ...string) string { return strconv.FormatUint(1+fake.HashStrings(parts...)%9_999_999, 10) }
	app := obj{"id": id("push application", b.BundleID), "bundleId": b.BundleID, "name": b.BundleID, "service": pushService(b.Token),
		"externalProvider": "PINPOINT", "externalProjectId": id("push project", b.BundleID), "description": "The app " + b.BundleID + "."}
	m := obj{"id": id("push binding", u.ID, b.Token), "token": b.Token, "registeredAt": dateTime(b.RegisteredAt, w.zone),
		"expiresAt": dateTime(b.ExpiresAt, w.zone), "user": userMap(w, u), "application": app,
		"messages": sim.Lazy(func(args map[string]any) (any, error) { return connection(w, []any{}, args) })}
	app["pushNotificationBindings"] = sim.Lazy(func(map[string]any) (any, error) {
		out := []any{}
		for _, o := range u.PushBindings {
			if o.BundleID != b.BundleID {
				continue
			}
			if o.Token == b.Token {
				out = append(out, m)
				continue
			}
			out = append(out, pushBinding(w, u, o))
		}
		return out, nil
	})
	return m
}
