package auth

import (
	"slices"
	"testing"
	"time"
)

func TestRefreshStoreSignedIn(t *testing.T) {
	now := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	s := NewRefreshStore()
	s.put("a", refreshEntry{principal: Principal{UserID: "1", Email: "b@x"}, expires: now.Add(time.Hour).Unix()})
	s.put("b", refreshEntry{principal: Principal{UserID: "1", Email: "b@x"}, expires: now.Add(2 * time.Hour).Unix()})
	s.put("c", refreshEntry{principal: Principal{UserID: "2", Email: "a@x"}, expires: now.Add(time.Minute).Unix()})
	s.put("d", refreshEntry{principal: Principal{Organization: "org"}, expires: now.Add(time.Hour).Unix()})
	s.put("e", refreshEntry{principal: Principal{UserID: "9"}, expires: now.Add(time.Hour).Unix()})
	tests := []struct {
		at   time.Time
		want []string
	}{
		{now, []string{"9", "a@x", "b@x", "org"}},
		{now.Add(time.Minute), []string{"9", "b@x", "org"}},
		{now.Add(90 * time.Minute), []string{"b@x"}},
		{now.Add(3 * time.Hour), []string{}},
	}
	for _, tt := range tests {
		got := s.SignedIn(tt.at)
		if got == nil || !slices.Equal(got, tt.want) {
			t.Errorf("SignedIn(%v) = %#v, want %#v", tt.at.Sub(now), got, tt.want)
		}
	}
}
