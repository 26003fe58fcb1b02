package rules

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

func TestObject(t *testing.T) {
	o := SortObject(Object{{"number", "A-1"}, {"balance", 2}, {"agreements", []any{Object{{"id", 1}}}}})
	for i, want := range []string{"agreements", "balance", "number"} {
		if o[i].Key != want {
			t.Fatalf("member %d is %q, want %q (sorted by key)", i, o[i].Key, want)
		}
	}
	tests := []struct {
		key  string
		want any
		ok   bool
	}{
		{"balance", 2, true},
		{"number", "A-1", true},
		{"agreements", []any{Object{{"id", 1}}}, true},
		{"missing", nil, false},
		{"", nil, false},
	}
	for _, tt := range tests {
		if got, ok := o.Get(tt.key); ok != tt.ok || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Get(%q) = %v, %v; want %v, %v", tt.key, got, ok, tt.want, tt.ok)
		}
	}
	// The JSON is a map's: the same keys in the same order.
	got, err := json.Marshal(o)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(map[string]any{"number": "A-1", "balance": 2, "agreements": []any{map[string]any{"id": 1}}})
	if string(got) != string(want) {
		t.Errorf("json.Marshal = %s, want %s", got, want)
	}
	if got, _ := json.Marshal(Object{}); string(got) != "{}" {
		t.Errorf("an empty Object marshals as %s, want {}", got)
	}
}

// Render turns an Object into the map a response needs, templates executed, each time
// afresh.
func TestRenderObject(t *testing.T) {
	data := SortObject(Object{
		{"givenName", "Ada"},
		{"familyName", `{{ var "name" }}`},
		{"accounts", []any{SortObject(Object{{"number", "A-1"}, {"balance", 12}})}},
	})
	d := &TemplateData{Variables: map[string]any{"name": "Byron"}}
	got, err := Render(data, d)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"givenName": "Ada", "familyName": "Byron",
		"accounts": []any{map[string]any{"number": "A-1", "balance": 12}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Render = %#v, want %#v", got, want)
	}
	got.(map[string]any)["givenName"] = "changed"
	if again, _ := Render(data, d); again.(map[string]any)["givenName"] != "Ada" {
		t.Error("a rendered answer shares its maps with the rule's data")
	}
	bad := Object{{"deep", SortObject(Object{{"name", "{{ nope }}"}})}}
	_, err = Render(bad, d)
	var te *TemplateError
	if !errors.As(err, &te) || te.Path != "deep.name" {
		t.Errorf("Render of a bad template: %v, want a *TemplateError at deep.name", err)
	}
	if err := CheckTemplates(bad); !errors.As(err, &te) || te.Path != "deep.name" {
		t.Errorf("CheckTemplates: %v, want a *TemplateError at deep.name", err)
	}
}
