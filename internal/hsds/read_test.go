package hsds

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// TestMalformed reads one fixture per class of bad input: each gives an
// error that names the file, the row and the column, and no directory.
func TestMalformed(t *testing.T) {
	tests := []struct {
		fixture string
		want    []string // in the error, in this order
	}{
		{"bad-quoting", []string{`services.csv:3: bad CSV: bare " in non-quoted-field (character 17)`}},
		{"missing-column", []string{`services.csv:1: column status: missing: the specification requires it in services.csv`}},
		{"foreign-key", []string{`phones.csv:3: column service_id: no service with id "svc-9"`}},
		{"unknown-table", []string{`datapackage.json: resource "phone": phones.csv does not exist`}},
		{"bad-latlong", []string{
			`locations.csv:2: column latitude: "north" is not a number`,
			`locations.csv:3: column longitude: -195.37 is out of range -180 to 180`,
		}},
		{"bad-json/services.json", []string{`services.json:7: bad JSON: invalid character '}' after array element`}},
		{"duplicate-id", []string{`services.csv:3: column id: "svc-1" is used twice in service (first at services.csv:2)`}},
		{"bad-values", []string{
			`services.csv:2: column status: "open" is not one of active, inactive, defunct, temporarily closed`,
			`services.csv:3: column id: empty: the specification requires a value`,
			`services.csv:4: column minimum_age: "ten" is not a number`,
			`services.csv:4: column assured_date: "yesterday" is not a date (YYYY-MM-DD)`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			d, err := ReadPath(filepath.Join("testdata", "malformed", tt.fixture))
			if err == nil {
				t.Fatalf("read without error: %d services", d.Services())
			}
			var me *MalformedError
			if !errors.As(err, &me) {
				t.Fatalf("error %v is not a *MalformedError", err)
			}
			if d != nil {
				t.Error("a directory came back with the error")
			}
			msg := err.Error()
			at := 0
			for _, w := range tt.want {
				i := strings.Index(msg[at:], w)
				if i < 0 {
					t.Fatalf("error lacks (or misorders) %q:\n%s", w, msg)
				}
				at += i + len(w)
			}
		})
	}
}

// TestNonHTTPS: an http URL is valid HSDS (the specification's examples use
// one) but not a source the catalog can cite, so the service is left out
// with the reason, and nothing else is wrong.
func TestNonHTTPS(t *testing.T) {
	d, err := ReadPath(filepath.Join("testdata", "malformed", "non-https"))
	if err != nil {
		t.Fatal(err)
	}
	c, rep := ToCatalog(d, Options{})
	if len(c.Resources) != 0 || rep.Imported != 0 || rep.Skipped() != 1 {
		t.Fatalf("imported %d, report %d of %d", len(c.Resources), rep.Imported, rep.Services)
	}
	want := []string{
		`services.csv:2: id svc-1: column url: "http://gcfn.example.org/" is not https: left out`,
		`services.csv:2: id svc-1: no https page to cite as source (organization website or service url)`,
	}
	got := rep.String()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("report lacks %q:\n%s", w, got)
		}
	}
	// With a source to cite, the service comes in, without the http URL.
	c, _ = ToCatalog(d, Options{Source: "https://211.example.org/"})
	if len(c.Resources) != 1 || c.Resources[0].URL != "" || c.Resources[0].Source != "https://211.example.org/" {
		t.Errorf("with Options.Source: %+v", c.Resources)
	}
}

// TestReadForms reads the ways a directory can be named.
func TestReadForms(t *testing.T) {
	pkg := os.DirFS("testdata/sample")
	for _, tt := range []struct {
		name string
		read func() (*Directory, error)
		want int
	}{
		{"folder", func() (*Directory, error) { return Read(pkg, ".") }, 6},
		{"descriptor", func() (*Directory, error) { return Read(pkg, "datapackage.json") }, 6},
		{"path to folder", func() (*Directory, error) { return ReadPath("testdata/sample") }, 6},
		{"path to descriptor", func() (*Directory, error) { return ReadPath("testdata/sample/datapackage.json") }, 6},
		{"JSON array", func() (*Directory, error) { return ReadPath("testdata/sample.json") }, 1},
		{"API page", func() (*Directory, error) {
			return Read(fstest.MapFS{"page.json": {Data: []byte(`{"total_items": 1, "contents": [{"id": "s", "name": "S", "status": "active"}]}`)}}, "page.json")
		}, 1},
		{"one service", func() (*Directory, error) {
			return Read(fstest.MapFS{"one.json": {Data: []byte(`{"id": "s", "name": "S", "status": "active"}`)}}, "one.json")
		}, 1},
		{"no descriptor, spec file names", func() (*Directory, error) { return ReadPath("testdata/malformed/non-https") }, 1},
		{"descriptor under another name", func() (*Directory, error) {
			m := fstest.MapFS{}
			files, _ := os.ReadDir("testdata/sample")
			for _, f := range files {
				data, _ := os.ReadFile("testdata/sample/" + f.Name())
				name := "p/" + f.Name()
				if f.Name() == DescriptorFile {
					name = "p/hsds.json"
				}
				m[name] = &fstest.MapFile{Data: data}
			}
			return Read(m, "p/hsds.json")
		}, 6},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d, err := tt.read()
			if err != nil {
				t.Fatal(err)
			}
			if d.Services() != tt.want {
				t.Errorf("%d services, want %d", d.Services(), tt.want)
			}
		})
	}
}

func TestReadNotHSDS(t *testing.T) {
	for name, fsys := range map[string]fstest.MapFS{
		"empty folder":    {"x/readme.txt": {Data: []byte("hi")}},
		"no services":     {"x/datapackage.json": {Data: []byte(`{"resources": [{"name": "organization", "path": "o.csv"}]}`)}},
		"path outside":    {"x/datapackage.json": {Data: []byte(`{"resources": [{"name": "service", "path": "../s.csv"}]}`)}},
		"remote resource": {"x/datapackage.json": {Data: []byte(`{"resources": [{"name": "service", "path": "https://example.org/s.csv"}]}`)}},
		"empty file":      {"x/services.csv": {Data: nil}},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := Read(fsys, "x"); err == nil {
				t.Error("read without error")
			}
		})
	}
}
