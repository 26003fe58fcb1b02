package accounts

import (
	"regexp"
	"testing"
)

// TestVendorIDs: a vendor id is its prefix and 24 letters and digits, of three parts
// drawn apart, and differs for other parts.
func TestVendorIDs(t *testing.T) {
	form := regexp.MustCompile(`^pm_[A-Za-z0-9]{24}$`)
	seen := map[string]bool{}
	for _, parts := range [][]string{{"a"}, {"b"}, {"a", "b"}, {"checkout 1"}, {"checkout 2"}} {
		id := vendorID("pm", parts...)
		body := id[3:]
		if !form.MatchString(id) || body[:8] == body[8:16] || body[8:16] == body[16:] || body[:8] == body[16:] || seen[id] {
			t.Errorf("%v: %s", parts, id)
		}
		seen[id] = true
	}
	if s := secret("payment", "abc"); !regexp.MustCompile(`^pi_[A-Za-z0-9]{24}_secret_[A-Za-z0-9]{24}$`).MatchString(s) {
		t.Errorf("a payment's secret %s", s)
	}
}
