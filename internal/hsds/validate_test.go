package hsds

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/mail"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// A small validator of HSDS CSV data packages against the table schemas
// in testdata/spec (excerpts of the specification): what a package must
// satisfy for the fields it has. It checks the descriptor's resources,
// file names, columns, required values, types, formats, enumerations,
// unique values and foreign keys.

type specField struct {
	Type            string   `json:"type"`
	Format          string   `json:"format"`
	Enum            []string `json:"enum"`
	DatapackageType string   `json:"datapackage_type"`
	Constraints     struct {
		Unique bool `json:"unique"`
	} `json:"constraints"`
}

type specTable struct {
	Name            string               `json:"name"`
	Path            string               `json:"path"`
	Properties      map[string]specField `json:"properties"`
	Required        []string             `json:"required"`
	TabularRequired []string             `json:"tabular_required"`
}

func loadSpec(t *testing.T) map[string]specTable {
	t.Helper()
	files, err := filepath.Glob("testdata/spec/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no spec excerpts: %v", err)
	}
	out := map[string]specTable{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var s specTable
		if err := json.Unmarshal(data, &s); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[s.Name] = s
	}
	return out
}

var (
	uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	timeRE = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?(Z|[+-][0-9]{2}:[0-9]{2})?$`)
)

// fkTables says which table each id column points at.
var fkTables = map[string]string{
	"organization_id": "organization", "service_id": "service", "location_id": "location", "phone_id": "phone",
	"service_at_location_id": "service_at_location", "taxonomy_term_id": "taxonomy_term", "taxonomy_id": "taxonomy",
	"parent_id": "taxonomy_term",
}

// validatePackage returns every way the package in dir breaks the spec.
func validatePackage(t *testing.T, dir string) []string {
	t.Helper()
	spec := loadSpec(t)
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	data, err := os.ReadFile(filepath.Join(dir, "datapackage.json"))
	if err != nil {
		t.Fatal(err)
	}
	var desc struct {
		Profile   string `json:"profile"`
		Resources []struct {
			Name    string `json:"name"`
			Path    string `json:"path"`
			Profile string `json:"profile"`
			Schema  struct {
				Fields []struct {
					Name string `json:"name"`
				} `json:"fields"`
				PrimaryKey string `json:"primaryKey"`
			} `json:"schema"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(data, &desc); err != nil {
		t.Fatalf("datapackage.json: %v", err)
	}
	if desc.Profile != "tabular-data-package" {
		bad("datapackage.json: profile %q, want tabular-data-package", desc.Profile)
	}

	type row struct {
		file string
		line int
		vals map[string]string
	}
	rows := map[string][]row{}
	ids := map[string]map[string]bool{}
	for _, res := range desc.Resources {
		s, ok := spec[res.Name]
		if !ok {
			bad("datapackage.json: resource %q is not an HSDS table", res.Name)
			continue
		}
		if res.Path != s.Path {
			bad("datapackage.json: resource %s: path %q, the spec says %q", res.Name, res.Path, s.Path)
		}
		if res.Profile != "tabular-data-resource" || res.Schema.PrimaryKey != "id" {
			bad("datapackage.json: resource %s: want profile tabular-data-resource and primaryKey id", res.Name)
		}
		f, err := os.Open(filepath.Join(dir, res.Path))
		if err != nil {
			bad("%s: %v", res.Path, err)
			continue
		}
		recs, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil || len(recs) == 0 {
			bad("%s: %v", res.Path, err)
			continue
		}
		header := recs[0]
		var described []string
		for _, fd := range res.Schema.Fields {
			described = append(described, fd.Name)
		}
		if !slices.Equal(header, described) {
			bad("%s: header %v, datapackage.json describes %v", res.Path, header, described)
		}
		for _, h := range header {
			if _, ok := s.Properties[h]; !ok {
				bad("%s: column %s is not a field of %s", res.Path, h, s.Name)
			}
		}
		required := append(slices.Clone(s.Required), s.TabularRequired...)
		for _, r := range required {
			if !slices.Contains(header, r) {
				bad("%s: missing required column %s", res.Path, r)
			}
		}
		ids[s.Name] = map[string]bool{}
		unique := map[string]map[string]bool{}
		for i, rec := range recs[1:] {
			line := i + 2
			vals := map[string]string{}
			for j, h := range header {
				vals[h] = rec[j]
			}
			for _, r := range required {
				if vals[r] == "" {
					bad("%s:%d: %s: required, empty", res.Path, line, r)
				}
			}
			for h, v := range vals {
				fd := s.Properties[h]
				if v == "" {
					continue
				}
				if msg := checkValue(fd, v); msg != "" {
					bad("%s:%d: %s: %q %s", res.Path, line, h, v, msg)
				}
				if fd.Constraints.Unique {
					if unique[h] == nil {
						unique[h] = map[string]bool{}
					}
					if unique[h][v] {
						bad("%s:%d: %s: %q is not unique", res.Path, line, h, v)
					}
					unique[h][v] = true
				}
			}
			ids[s.Name][vals["id"]] = true
			rows[s.Name] = append(rows[s.Name], row{res.Path, line, vals})
		}
	}
	// Foreign keys, once every table is read.
	for table, rs := range rows {
		for _, r := range rs {
			for col, v := range r.vals {
				target := fkTables[col]
				if col == "link_id" {
					target = r.vals["link_entity"]
				}
				if v == "" || target == "" || col == "id" {
					continue
				}
				if !ids[target][v] {
					bad("%s:%d: %s: %q is not the id of a %s row (table %s)", r.file, r.line, col, v, target, table)
				}
			}
		}
	}
	return problems
}

// checkValue checks one value against its field: "" when it fits.
func checkValue(f specField, v string) string {
	if f.Type == "number" {
		if _, err := strconv.ParseFloat(v, 64); err != nil {
			return "is not a number"
		}
	}
	switch f.DatapackageType {
	case "date":
		if _, err := time.Parse(time.DateOnly, v); err != nil {
			return "is not a date"
		}
	case "datetime":
		if _, err := time.Parse(time.RFC3339, v); err != nil {
			return "is not a date-time"
		}
	case "time":
		if !timeRE.MatchString(v) {
			return "is not a time"
		}
	}
	switch f.Format {
	case "uuid":
		if !uuidRE.MatchString(v) {
			return "is not a UUID"
		}
	case "uri":
		if u, err := url.Parse(v); err != nil || u.Scheme == "" || u.Host == "" {
			return "is not an absolute URI"
		}
	case "email":
		if a, err := mail.ParseAddress(v); err != nil || a.Address != v {
			return "is not an email address"
		}
	}
	if f.Enum != nil && !slices.Contains(f.Enum, v) {
		return fmt.Sprintf("is not one of %v", f.Enum)
	}
	return ""
}

// TestValidatorCatchesProblems keeps the validator honest: a package with
// one problem of each kind it checks gives one complaint for each.
func TestValidatorCatchesProblems(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"datapackage.json": `{"profile": "tabular-data-package", "resources": [
			{"name": "organization", "path": "organizations.csv", "profile": "tabular-data-resource",
			 "schema": {"primaryKey": "id", "fields": [{"name": "id"}, {"name": "name"}, {"name": "description"}, {"name": "website"}]}},
			{"name": "service", "path": "service.csv", "profile": "tabular-data-resource",
			 "schema": {"primaryKey": "id", "fields": [{"name": "id"}, {"name": "organization_id"}, {"name": "name"}, {"name": "status"}, {"name": "colour"}]}}]}`,
		"organizations.csv": "id,name,description,website\n" +
			"6b101ac9-efe7-54ad-a979-d2615a6b49df,Org,,example.org\n" +
			"6b101ac9-efe7-54ad-a979-d2615a6b49df,Org,Same id,https://example.org\n",
		"service.csv": "id,organization_id,name,status,colour\n" +
			"not-a-uuid,ac159c5f-3dce-55d6-831c-f053825cfb02,S,open,red\n",
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got := validatePackage(t, dir)
	want := []string{
		`resource service: path "service.csv", the spec says "services.csv"`,
		"column colour is not a field",
		"organizations.csv:2: description: required, empty",
		`organizations.csv:2: website: "example.org" is not an absolute URI`,
		`organizations.csv:3: id: "6b101ac9-efe7-54ad-a979-d2615a6b49df" is not unique`,
		`service.csv:2: id: "not-a-uuid" is not a UUID`,
		`service.csv:2: status: "open" is not one of`,
		`service.csv:2: organization_id: "ac159c5f-3dce-55d6-831c-f053825cfb02" is not the id of a organization row`,
	}
	for _, w := range want {
		if !slices.ContainsFunc(got, func(g string) bool { return strings.Contains(g, w) }) {
			t.Errorf("validator missed %q; it said:\n%s", w, strings.Join(got, "\n"))
		}
	}
}
