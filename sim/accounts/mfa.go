package accounts

import (
	"context"
	"crypto/rand"
	"fmt"
	"math/big"
	"slices"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/krakensim/krakensim/sim"
)

// Multi-factor authentication devices, on the authentication server: the signed-in user
// adds one per method (createMfaDevice; KT-CT-1153 for a method already validated, or
// SMS without a mobile number): EMAIL and SMS send a six-digit code, good for ten
// minutes, to the user's address or mobile, kept in the session's messages; TOTP answers
// an RFC 6238 secret (SHA-1, six digits, thirty seconds), whose codes are checked a step
// either way at the session's time or at the wall clock's, which an authenticator app
// reads. validateMfaDevice with a right code makes the device usable (KT-CT-1150 for no
// device of the method, KT-CT-1152 for a wrong or stale code), a TOTP device only once
// an EMAIL or SMS device is validated as its backup (KT-CT-1155). deleteMfaDevice
// removes one (KT-CT-1150 for none), but not the last validated backup of a validated
// TOTP device (KT-CT-1154). mfaDevices lists them, confirmed once validated. Sign-in
// asks no second factor: the token mutation has no input for one.

// mfaCodeLifetime is how long a code sent by email or SMS works.
const mfaCodeLifetime = 10 * time.Minute

// totpOpts are the TOTP parameters authenticator apps default to.
var totpOpts = totp.ValidateOpts{Period: 30, Skew: 1, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// sixDigits is a random six-digit code.
func sixDigits() (string, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%06d", n.Int64()), nil
}

// mfaDevice is the index of the user's device of a method; -1 for none.
func mfaDevice(u *sim.User, method string) int {
	return slices.IndexFunc(u.MFADevices, func(d sim.MFADevice) bool { return d.Method == method })
}

// backup reports whether the user has a validated device a TOTP device can fall back
// on (EMAIL or SMS), other than the one at skip.
func backup(u *sim.User, skip int) bool {
	for i, d := range u.MFADevices {
		if i != skip && d.Verified && d.Method != "TOTP" {
			return true
		}
	}
	return false
}

// mfaDevices lists the signed-in user's devices, each confirmed once validated.
func mfaDevices(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	out := []any{}
	for _, d := range u.MFADevices {
		out = append(out, obj{"deviceType": d.Method, "isConfirmed": d.Verified})
	}
	return out, nil
}

// createMfaDevice adds the signed-in user's device of a method, or starts it again.
func createMfaDevice(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.MutableViewer()
	if err != nil {
		return nil, err
	}
	method := str(input(c), "mfaMethod")
	i := mfaDevice(u, method)
	if i >= 0 && u.MFADevices[i].Verified || method == "SMS" && u.Mobile == "" {
		return nil, c.Error("KT-CT-1153")
	}
	if i < 0 {
		u.MFADevices = append(u.MFADevices, sim.MFADevice{Method: method})
		i = len(u.MFADevices) - 1
	}
	d := &u.MFADevices[i]
	out := obj{"deviceEmail": nil, "devicePhone": nil, "totpSecret": nil}
	now := c.Session.Now().Truncate(time.Second)
	if method == "TOTP" {
		key, err := totp.Generate(totp.GenerateOpts{Issuer: "Kraken", AccountName: u.Email, Period: totpOpts.Period, Digits: totpOpts.Digits, Algorithm: totpOpts.Algorithm})
		if err != nil {
			return nil, errorf(c, "making a TOTP secret: %v", err)
		}
		d.Secret = key.Secret()
		out["totpSecret"] = d.Secret
		return out, nil
	}
	code, err := sixDigits()
	if err != nil {
		return nil, errorf(c, "drawing a code: %v", err)
	}
	d.Code, d.Expires = code, now.Add(mfaCodeLifetime)
	to := u.Email
	if method == "SMS" {
		to = u.Mobile
		out["devicePhone"] = to
	} else {
		out["deviceEmail"] = to
	}
	c.Session.World().AddMessage(&sim.Message{
		To: to, Subject: "Your verification code", SentAt: now,
		Body: "Your code is " + code + ". It works for ten minutes.",
		Data: map[string]string{"code": code, "mfaMethod": method},
	})
	return out, nil
}

// validateMfaDevice makes the user's device of a method usable with a code from it.
func validateMfaDevice(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.MutableViewer()
	if err != nil {
		return nil, err
	}
	in := input(c)
	method, token := str(in, "mfaMethod"), str(in, "token")
	i := mfaDevice(u, method)
	if i < 0 {
		return nil, c.Error("KT-CT-1150")
	}
	d := &u.MFADevices[i]
	now := c.Session.Now()
	var ok bool
	if method == "TOTP" {
		// A phone's authenticator reads the wall clock, a test's the session's.
		ok, _ = totp.ValidateCustom(token, d.Secret, now.UTC(), totpOpts)
		if !ok {
			ok, _ = totp.ValidateCustom(token, d.Secret, time.Now().UTC(), totpOpts)
		}
	} else {
		ok = d.Code != "" && token == d.Code && now.Before(d.Expires)
	}
	if !ok {
		return nil, c.ValidationError("KT-CT-1152", "The code is wrong or no longer works.", "input", "token")
	}
	if method == "TOTP" && !backup(u, i) {
		return nil, c.Error("KT-CT-1155")
	}
	d.Verified, d.Code = true, ""
	return obj{"deviceIsValid": true}, nil
}

// deleteMfaDevice removes the user's device of a method.
func deleteMfaDevice(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.MutableViewer()
	if err != nil {
		return nil, err
	}
	method := str(input(c), "mfaMethod")
	i := mfaDevice(u, method)
	if i < 0 {
		return nil, c.Error("KT-CT-1150")
	}
	totpOn := slices.ContainsFunc(u.MFADevices, func(d sim.MFADevice) bool { return d.Method == "TOTP" && d.Verified })
	if method != "TOTP" && u.MFADevices[i].Verified && totpOn && !backup(u, i) {
		return nil, c.Error("KT-CT-1154")
	}
	u.MFADevices = slices.Delete(u.MFADevices, i, i+1)
	return obj{"deviceDeleted": true}, nil
}
