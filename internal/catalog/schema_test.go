package catalog

import (
	"encoding/json"
	"maps"
	"os"
	"reflect"
	"slices"
	"testing"
)

// TestSchemaMatchesTypes keeps the JSON Schemas that editors use in step
// with the fields the loader reads.
func TestSchemaMatchesTypes(t *testing.T) {
	tests := []struct {
		file string
		path []string // where the properties are, inside the schema
		typ  reflect.Type
	}{
		{"resource.schema.json", nil, reflect.TypeFor[Resource]()},
		{"resource.schema.json", []string{"$defs", "contact"}, reflect.TypeFor[Contact]()},
		{"resource.schema.json", []string{"$defs", "location"}, reflect.TypeFor[Location]()},
		{"resource.schema.json", []string{"properties", "staff"}, reflect.TypeFor[StaffInfo]()},
		{"vocabulary.schema.json", []string{"properties", "terms", "items"}, reflect.TypeFor[Term]()},
		{"topics.schema.json", nil, reflect.TypeFor[topicsFile]()},
		{"countries.schema.json", []string{"properties", "countries", "items"}, reflect.TypeFor[Country]()},
		{"lines.schema.json", nil, reflect.TypeFor[linesFile]()},
	}
	for _, tt := range tests {
		data, err := os.ReadFile("../../resources/schema/" + tt.file)
		if err != nil {
			t.Fatal(err)
		}
		var node map[string]any
		if err := json.Unmarshal(data, &node); err != nil {
			t.Fatalf("%s: %v", tt.file, err)
		}
		for _, p := range tt.path {
			node, _ = node[p].(map[string]any)
		}
		props, _ := node["properties"].(map[string]any)
		inSchema := slices.Sorted(maps.Keys(props))
		inGo := slices.Sorted(maps.Keys(yamlFields(tt.typ)))
		if !slices.Equal(inSchema, inGo) {
			t.Errorf("%s %v: schema has %v, Go type %s has %v", tt.file, tt.path, inSchema, tt.typ, inGo)
		}
	}
}
