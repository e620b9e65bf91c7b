package catalog

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// today is the date the fixtures are checked against, so they never go stale.
var today = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)

// loadDir reads a folder into a MapFS so tests can add files to it.
func loadDir(t testing.TB, dir string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		m[filepath.ToSlash(rel)] = &fstest.MapFile{Data: data}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestValidCatalog(t *testing.T) {
	c, diags := Check(loadDir(t, "testdata/valid"), Options{Now: today})
	if len(diags) > 0 {
		t.Fatalf("valid catalog has diagnostics:\n%v", diags)
	}
	if len(c.Resources) != 3 {
		t.Fatalf("loaded %d resources, want 3", len(c.Resources))
	}
	line, ok := c.Resource("test-line")
	if !ok {
		t.Fatal("test-line not loaded")
	}
	// Numbers are normalised to E.164, short codes kept as dialled.
	wantValues := []string{"+18883737888", "233733", "988"}
	for i, want := range wantValues {
		if got := line.Contacts[i].Value; got != want {
			t.Errorf("contact %d value = %q, want %q", i, got, want)
		}
	}
	if got := line.Contacts[0].Display; got != "1-888-373-7888" {
		t.Errorf("display = %q, want it as written, 1-888-373-7888", got)
	}
	if line.Priority != 5 || line.Audience != AudienceAll {
		t.Errorf("defaults: priority %d audience %q, want 5 and all", line.Priority, line.Audience)
	}
	shelter, _ := c.Resource("test-shelter")
	if got := shelter.Keywords["es"]; len(got) != 1 || got[0] != "refugio juvenil" {
		t.Errorf("keywords as one string = %q", got)
	}
	if len(c.Vocabulary) != 2 || len(c.Topics) != 3 || len(c.Groups) != 1 {
		t.Errorf("vocabulary %d, topics %d, groups %d", len(c.Vocabulary), len(c.Topics), len(c.Groups))
	}
}

// TestBrokenFixtures adds one broken file per class of error to a valid
// catalog; each must be caught at the right line and column.
func TestBrokenFixtures(t *testing.T) {
	files, err := filepath.Glob("testdata/broken/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			path, want := fixtureHeader(t, file)
			data, _ := os.ReadFile(file)
			fsys := loadDir(t, "testdata/valid")
			fsys[path] = &fstest.MapFile{Data: data}

			_, diags := Check(fsys, Options{Now: today})
			want = path + ":" + want
			for _, d := range diags.Errors() {
				if strings.HasPrefix(d.String(), want) {
					return
				}
			}
			t.Errorf("want an error starting %q, got:\n%v", want, diags)
			if _, err := Load(fsys); err == nil {
				t.Error("Load accepted the broken catalog")
			}
		})
	}
}

// fixtureHeader reads the "# path:" and "# want:" lines of a fixture.
func fixtureHeader(t *testing.T, file string) (path, want string) {
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "# path: "); ok {
			path = v
		}
		if v, ok := strings.CutPrefix(sc.Text(), "# want: "); ok {
			want = v
		}
	}
	if path == "" || want == "" {
		t.Fatalf("%s: needs # path: and # want: lines", file)
	}
	return path, want
}

func TestStaleness(t *testing.T) {
	fsys := loadDir(t, "testdata/valid")
	later := today.AddDate(1, 1, 0)

	_, diags := Check(fsys, Options{Now: later})
	// The three resources and the country table's entry.
	if len(diags.Errors()) != 0 || len(diags) != 4 {
		t.Fatalf("want 4 stale warnings and no errors, got %v", diags)
	}
	if got := diags[0].String(); !strings.Contains(got, ": warning: last verified 2026-11-01") {
		t.Errorf("warning = %q", got)
	}
	_, diags = Check(fsys, Options{Now: later, Strict: true})
	if len(diags.Errors()) != 4 {
		t.Fatalf("strict: want 3 errors, got %v", diags)
	}
	_, diags = Check(fsys, Options{Now: later, MaxAge: 500 * 24 * time.Hour})
	if len(diags) != 0 {
		t.Fatalf("a longer window: want no diagnostics, got %v", diags)
	}
}

func TestTextIn(t *testing.T) {
	tests := []struct {
		text Text
		lang string
		want string
	}{
		{Text{"en": "hi", "es": "hola"}, "es", "hola"},
		{Text{"en": "hi"}, "es", "hi"},
		{Text{"": "24/7"}, "es", "24/7"},
		{Text{"es": "hola"}, "en", "hola"},
		{nil, "en", ""},
	}
	for _, tt := range tests {
		if got := tt.text.In(tt.lang); got != tt.want {
			t.Errorf("%v.In(%q) = %q, want %q", tt.text, tt.lang, got, tt.want)
		}
	}
}

// FuzzCheck feeds any bytes as a resource file: the loader reports
// problems and never panics.
func FuzzCheck(f *testing.F) {
	files, _ := filepath.Glob("testdata/broken/*.yaml")
	files = append(files, "testdata/valid/hotlines/test-line.yaml", "testdata/valid/services/test-shelter.yaml")
	for _, file := range files {
		data, _ := os.ReadFile(file)
		f.Add(data)
	}
	f.Add([]byte("id: [\n"))
	f.Add([]byte("\xff\xfe"))
	f.Add([]byte("contacts: {type: phone, value: 988}"))
	base := loadDir(f, "testdata/valid")
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v
		}
		fsys["hotlines/fuzzed.yaml"] = &fstest.MapFile{Data: data}
		c, _ := Check(fsys, Options{Now: today})
		if c == nil {
			t.Fatal("Check returned no catalog")
		}
		if _, ok := c.Resource("test-line"); !ok {
			t.Fatal("a bad file lost the good ones")
		}
	})
}

// TestResourceCountry: a resource names its country only when all its
// areas are in one.
func TestResourceCountry(t *testing.T) {
	for _, tt := range []struct {
		areas []string
		want  string
	}{
		{[]string{"US"}, "US"},
		{[]string{"US", "US-TX"}, "US"},
		{[]string{"US-CA", "US-NV"}, "US"},
		{[]string{"US", "MX"}, ""},
		{[]string{"EU"}, ""},
		{[]string{"global"}, ""},
		{nil, ""},
	} {
		r := &Resource{Areas: tt.areas}
		if got := r.Country(); got != tt.want {
			t.Errorf("Country() of %q = %q, want %q", tt.areas, got, tt.want)
		}
	}
}
