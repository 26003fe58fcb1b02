package auth

import "testing"

func BenchmarkObtain(b *testing.B) {
	iss, _ := newTestIssuer()
	creds := testCreds()
	in := ObtainInput{APIKey: "sk_live_DANdanDANdan1234567890ab"}
	b.ReportAllocs()
	for b.Loop() {
		if _, f := iss.Obtain(in, creds); f != nil {
			b.Fatal(f)
		}
	}
}

func BenchmarkRefresh(b *testing.B) {
	iss, _ := newTestIssuer()
	tok, f := iss.Obtain(ObtainInput{APIKey: "sk_live_DANdanDANdan1234567890ab"}, testCreds())
	if f != nil {
		b.Fatal(f)
	}
	in := ObtainInput{RefreshToken: tok.RefreshToken}
	b.ReportAllocs()
	for b.Loop() {
		if _, f := iss.Obtain(in, nil); f != nil {
			b.Fatal(f)
		}
	}
}

func BenchmarkAuthenticate(b *testing.B) {
	iss, _ := newTestIssuer()
	tok, f := iss.Obtain(ObtainInput{APIKey: "sk_live_DANdanDANdan1234567890ab"}, testCreds())
	if f != nil {
		b.Fatal(f)
	}
	header := "JWT " + tok.Token
	b.ReportAllocs()
	for b.Loop() {
		if _, f := iss.Authenticate(header); f != nil {
			b.Fatal(f)
		}
	}
}

func BenchmarkAuthenticateParallel(b *testing.B) {
	iss, _ := newTestIssuer()
	tok, f := iss.Obtain(ObtainInput{APIKey: "sk_live_DANdanDANdan1234567890ab"}, testCreds())
	if f != nil {
		b.Fatal(f)
	}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, f := iss.Authenticate(tok.Token); f != nil {
				b.Error(f)
				return
			}
		}
	})
}
