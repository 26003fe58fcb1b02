package main

import (
	"runtime/debug"
	"testing"
)

// TestDescribeBuild covers each way a binary is built: GoReleaser's ldflags, go build
// in a clone, go install of a tagged and of an untagged version.
func TestDescribeBuild(t *testing.T) {
	vcs := func(rev, at, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.time", Value: at}, {Key: "vcs.modified", Value: modified}}
	}
	for _, tc := range []struct {
		name             string
		v, c, d          string
		bi               *debug.BuildInfo
		wantV, wantC, wd string
	}{
		{"goreleaser", "1.4.0", "0123abc", "2026-11-30T10:00:00Z", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}},
			"1.4.0", "0123abc", "2026-11-30T10:00:00Z"},
		{"go build in a clone", "dev", "", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("9228eb9", "2026-12-01T12:00:00Z", "false")},
			"dev", "9228eb9", "2026-12-01T12:00:00Z"},
		{"go build with changes", "dev", "", "", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261201120000-9228eb9abcde+dirty"}, Settings: vcs("9228eb9abcde", "2026-12-01T12:00:00Z", "true")},
			"v0.0.0-20261201120000-9228eb9abcde+dirty", "9228eb9abcde-dirty", "2026-12-01T12:00:00Z"},
		{"go install of a commit", "dev", "", "", &debug.BuildInfo{Main: debug.Module{Version: "v1.4.1-0.20261201120000-9228eb9abcde"}},
			"v1.4.1-0.20261201120000-9228eb9abcde", "9228eb9abcde", "2026-12-01T12:00:00Z"},
		{"go install of a tag", "dev", "", "", &debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}},
			"v1.4.0", "unknown", "unknown"},
		{"no build info", "dev", "", "", nil, "dev", "unknown", "unknown"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, c, d := describeBuild(tc.v, tc.c, tc.d, tc.bi)
			if v != tc.wantV || c != tc.wantC || d != tc.wd {
				t.Errorf("got %q %q %q, want %q %q %q", v, c, d, tc.wantV, tc.wantC, tc.wd)
			}
		})
	}
}
