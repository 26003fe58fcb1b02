package schema

import (
	"os"
	"reflect"
	"slices"
	"testing"
)

func TestPlatformCodes(t *testing.T) {
	reg, err := DefaultRegistry()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		scopes []string
		want   []string
	}{
		{nil, []string{"KT-CT-1111", "KT-CT-1112", "KT-CT-1113", "KT-CT-1124", "KT-CT-1143", "KT-CT-1188", "KT-CT-1189", "KT-CT-1199"}},
		{[]string{PlatformAuth}, []string{"KT-CT-1111", "KT-CT-1112", "KT-CT-1124", "KT-CT-1143"}},
		{[]string{PlatformAny}, []string{"KT-CT-1113", "KT-CT-1188", "KT-CT-1189", "KT-CT-1199"}},
	}
	for _, tc := range cases {
		if got := reg.PlatformCodes(tc.scopes...); !slices.Equal(got, tc.want) {
			t.Errorf("PlatformCodes(%v) = %v, want %v", tc.scopes, got, tc.want)
		}
	}
	own, err := ParseRegistry("own.yaml", []byte("errors:\n  KT-XX-9999: {type: AUTHORIZATION, message: Throttled., platform: any}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := reg.Extend(own).PlatformCodes(PlatformAny); !slices.Contains(got, "KT-XX-9999") {
		t.Errorf("a user's platform code is not listed: %v", got)
	}
}

// TestDefaultRegistryGenerated checks that the generated registry is errors.yaml, and
// that each DefaultRegistry is a registry of its own.
func TestDefaultRegistryGenerated(t *testing.T) {
	data, err := os.ReadFile("errors.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want, err := ParseRegistry(RegistryFile, data)
	if err != nil {
		t.Fatal(err)
	}
	got, err := DefaultRegistry()
	if err != nil {
		t.Fatal(err)
	}
	if got.Len() < 100 || !reflect.DeepEqual(got.entries, want.entries) {
		t.Errorf("schema/registry_entries.go is stale (%d codes, errors.yaml has %d); run go generate ./schema", got.Len(), want.Len())
	}
	got.entries["KT-CT-1111"] = ErrorInfo{}
	if again, _ := DefaultRegistry(); again.entries["KT-CT-1111"].Message != "Unauthorized." {
		t.Error("changing one default registry changed another")
	}
}
