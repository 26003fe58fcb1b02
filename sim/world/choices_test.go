package world

import (
	"fmt"
	"testing"
)

func TestChoicesAreTheSettingsEnum(t *testing.T) {
	tests := []struct {
		name, sdl, query string
		want             string
	}{
		{"a setting of the parent's part", `
type Query { viewer: User }
type User { id: ID! preferences: Prefs holdMusicChoices: [Track] }
type Prefs { preferredHoldMusic: Songs }
enum Songs {
  NO_SONG_PREFERRED
  "Silence."
  SONG_SILENCE
  # "Rose Marie" by Slim Whitman.
  SONG_1941
  SONG_LOUD_JAZZ
}
type Track { trackTitle: String trackCode: String }`,
			`{ viewer { holdMusicChoices { trackCode trackTitle } } }`,
			`[map[trackCode:SONG_SILENCE trackTitle:Silence] map[trackCode:SONG_1941 trackTitle:"Rose Marie" by Slim Whitman] map[trackCode:SONG_LOUD_JAZZ trackTitle:Song Loud Jazz]]`},
		{"a setting of the parent", `
type Query { site: Site }
type Site { theme: Theme themeOptions: [Option] }
enum Theme { DARK LIGHT }
type Option { value: String label: String }`,
			`{ site { themeOptions { value label } } }`,
			`[map[label:Dark value:DARK] map[label:Light value:LIGHT]]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSessionOf(t, tt.sdl, 0)
			var got any
			switch v := s.do(tt.query).(map[string]any); {
			case v["viewer"] != nil:
				got = v["viewer"].(map[string]any)["holdMusicChoices"]
			default:
				got = v["site"].(map[string]any)["themeOptions"]
			}
			if fmt.Sprint(got) != tt.want {
				t.Errorf("got  %v\nwant %s", got, tt.want)
			}
		})
	}
}
