package career

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

const schemaPath = "../../docs/handbook.schema.json"

// compileSchema compiles docs/handbook.schema.json. The draft 2020-12
// meta-schema is built into the library, so nothing is fetched.
func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	data, err := os.ReadFile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", schemaPath, err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("handbook.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("handbook.schema.json")
	if err != nil {
		t.Fatalf("%s: %v", schemaPath, err)
	}
	return s
}

func validate(s *jsonschema.Schema, data []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return err
	}
	return s.Validate(inst)
}

func TestExportValidates(t *testing.T) {
	schema := compileSchema(t)
	for name, m := range map[string]*Model{"fixture": mustLoad(t), "content": loadRealContent(t), "notes": withNotes(mustLoad(t))} {
		t.Run(name, func(t *testing.T) {
			data, err := m.Export()
			if err != nil {
				t.Fatal(err)
			}
			if err := validate(schema, data); err != nil {
				t.Fatalf("handbook.json does not match %s:\n%v", schemaPath, err)
			}
		})
	}
}

// withNotes gives every skill level of m a note, as the skill files may.
func withNotes(m *Model) *Model {
	const note = "Why the importance differs from the level below."
	for _, s := range m.Skills {
		for i := range s.Roles {
			s.Roles[i].Note = note
		}
	}
	for _, r := range m.Roles {
		for i := range r.Skills {
			r.Skills[i].Note = note
		}
	}
	for _, c := range m.Comparisons {
		for _, sc := range c.SkillChanges {
			for _, e := range []*Expectation{sc.From, sc.To} {
				if e != nil {
					e.Note = note
				}
			}
		}
	}
	return m
}

// TestSchemaRejects makes sure the schema test above could fail: broken
// exports do not validate.
func TestSchemaRejects(t *testing.T) {
	schema := compileSchema(t)
	data, err := mustLoad(t).Export()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		edit func(doc map[string]any)
	}{
		{"no schema_version", func(doc map[string]any) { delete(doc, "schema_version") }},
		{"schema_version 2", func(doc map[string]any) { doc["schema_version"] = 2 }},
		{"unknown field", func(doc map[string]any) { doc["extra"] = true }},
		{"bad track", func(doc map[string]any) { role(doc, 0)["track"] = "executive" }},
		{"level 7", func(doc map[string]any) { role(doc, 0)["level"] = 7 }},
		{"missing skills", func(doc map[string]any) { delete(role(doc, 0), "skills") }},
		{"bad importance", func(doc map[string]any) {
			role(doc, 0)["skills"].([]any)[0].(map[string]any)["importance"] = "High"
		}},
		{"null list", func(doc map[string]any) { role(doc, 0)["leads_to"] = nil }},
		{"missing scope", func(doc map[string]any) { delete(role(doc, 0), "scope") }},
		{"behaviour without text", func(doc map[string]any) {
			delete(role(doc, 0)["behaviours"].([]any)[0].(map[string]any), "text")
		}},
		{"bad axis id", func(doc map[string]any) {
			doc["axes"].([]any)[0].(map[string]any)["id"] = "Impact Axis"
		}},
		{"empty meets", func(doc map[string]any) {
			role(doc, 1)["responsibilities"].([]any)[0].(map[string]any)["items"].([]any)[0].(map[string]any)["meets"] = ""
		}},
		{"missing behaviour_changes", func(doc map[string]any) {
			delete(doc["comparisons"].([]any)[0].(map[string]any), "behaviour_changes")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var doc map[string]any
			if err := json.Unmarshal(data, &doc); err != nil {
				t.Fatal(err)
			}
			tt.edit(doc)
			broken, err := json.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			if validate(schema, broken) == nil {
				t.Error("the schema accepts it")
			}
		})
	}
}

func role(doc map[string]any, i int) map[string]any {
	return doc["roles"].([]any)[i].(map[string]any)
}

// TestExportGolden shows the export of the fixture in full; refresh
// testdata/fixture.handbook.json with go test -update.
func TestExportGolden(t *testing.T) {
	got, err := mustLoad(t).Export()
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "fixture.handbook.json")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("export (-want +got):\n%s", diff)
	}
}

// TestExportDeterministic loads the files in a different order and expects
// the same bytes.
func TestExportDeterministic(t *testing.T) {
	files := baseFixture().files(t)
	m1, err := Load(files)
	if err != nil {
		t.Fatal(err)
	}
	reversed := slices.Clone(files)
	slices.Reverse(reversed)
	m2, err := Load(reversed)
	if err != nil {
		t.Fatal(err)
	}
	a, err := m1.Export()
	if err != nil {
		t.Fatal(err)
	}
	b, err := m2.Export()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("Export depends on the order of the files")
	}
}

// TestSchemaDocumented checks that docs/export-schema.md names every
// property of the schema, and that the schema's version is SchemaVersion.
func TestSchemaDocumented(t *testing.T) {
	data, err := os.ReadFile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile("../../docs/export-schema.md")
	if err != nil {
		t.Fatal(err)
	}
	var schema any
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatal(err)
	}
	props := map[string]bool{}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if p, ok := v["properties"].(map[string]any); ok {
				for k := range p {
					props[k] = true
				}
			}
			for _, c := range v {
				walk(c)
			}
		case []any:
			for _, c := range v {
				walk(c)
			}
		}
	}
	walk(schema)
	var missing []string
	for p := range props {
		if !strings.Contains(string(doc), "`"+p+"`") {
			missing = append(missing, p)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("docs/export-schema.md does not document: %s", strings.Join(missing, ", "))
	}
	version := schema.(map[string]any)["properties"].(map[string]any)["schema_version"].(map[string]any)["const"]
	if version != float64(SchemaVersion) {
		t.Errorf("schema const schema_version = %v, want %d", version, SchemaVersion)
	}
}
