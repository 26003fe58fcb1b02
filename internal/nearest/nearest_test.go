package nearest

import "testing"

func TestName(t *testing.T) {
	cases := []struct {
		got        string
		candidates []string
		want       string
	}{
		{"emial", []string{"name", "email"}, "email"},
		{"EMAIL", []string{"name", "email"}, "email"},
		{"sevre", []string{"serve", "schema"}, "serve"},
		{"ab", []string{"abc", "xyz"}, "abc"},
		{"cat", []string{"cut", "cot"}, "cut"}, // the earliest of equals
		{"paymentDya", []string{"paymentDay"}, "paymentDay"},
		{"zebra", []string{"apple", "mango"}, ""}, // five edits is too far for five letters
		{"ge", []string{"gt", "lt"}, ""},          // two letters: another two-letter name is no better a guess
		{"GT", []string{"gt"}, "gt"},
		{"x", nil, ""},
	}
	for _, c := range cases {
		if got := Name(c.got, c.candidates); got != c.want {
			t.Errorf("Name(%q, %q) = %q, want %q", c.got, c.candidates, got, c.want)
		}
	}
}

func TestContaining(t *testing.T) {
	cases := []struct {
		got, want string
	}{
		{"serial", "serialNumber"},
		{"NUMBER", "serialNumber"},
		{"ser", ""}, // too short to say
		{"meter", ""},
	}
	for _, c := range cases {
		if got := Containing(c.got, []string{"id", "serialNumber", "serialType"}); got != c.want {
			t.Errorf("Containing(%q) = %q, want %q", c.got, got, c.want)
		}
	}
}
