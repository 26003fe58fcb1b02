package sim

import "testing"

// TestOrigin: where the URLs an answer hands out lead: the request's host and scheme,
// or what a proxy in front says they were; a forwarded host that is no host is ignored.
func TestOrigin(t *testing.T) {
	for _, tc := range []struct {
		host   string
		secure bool
		header map[string][]string
		want   string
	}{
		{"127.0.0.1:8080", false, nil, "http://127.0.0.1:8080"},
		{"mock.internal", true, nil, "https://mock.internal"},
		{"10.0.0.2:8080", false, map[string][]string{"X-Forwarded-Proto": {"https"}, "X-Forwarded-Host": {"krakensim.example.com, proxy.local"}}, "https://krakensim.example.com"},
		{"10.0.0.2:8080", false, map[string][]string{"X-Forwarded-Proto": {"gopher"}, "X-Forwarded-Host": {"evil.example/path"}}, "http://10.0.0.2:8080"},
	} {
		if got := Origin(tc.host, tc.secure, tc.header); got != tc.want {
			t.Errorf("Origin(%q, %v, %v) = %q, want %q", tc.host, tc.secure, tc.header, got, tc.want)
		}
	}
}
