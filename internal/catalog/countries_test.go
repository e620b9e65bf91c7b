package catalog

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/hotline-org/hotline/resources"
)

// harmTopics are the test catalog's topics with one harm topic.
const harmTopics = `topics:
  - {id: sex-trafficking, harm: true, name: {en: Sex trafficking, es: Trata}}
  - {id: emergency, name: {en: Emergency, es: Emergencia}}
  - {id: shelter, name: {en: Shelter, es: Refugio}}
groups:
  - {id: online-grooming, name: {en: Online grooming, es: Grooming}}
`

// TestCountryChecks: an edit that would leave a covered country without its
// emergency number or a harm topic without a line is refused, with a
// message that says why.
func TestCountryChecks(t *testing.T) {
	withDirectory := func(m fstest.MapFS, lines string) {
		m[TopicsFile] = &fstest.MapFile{Data: []byte(harmTopics)}
		m["hotlines/test-directory.yaml"] = &fstest.MapFile{Data: []byte(testDirectory)}
		m[LinesFile] = &fstest.MapFile{Data: []byte("lines:\n  US:\n    sex-trafficking: test-line\n" + lines)}
	}
	tests := []struct {
		name  string
		edit  func(fstest.MapFS)
		wants []string // substrings of the errors; none: valid
	}{
		{"valid as it is", func(fstest.MapFS) {}, nil},
		{"no emergency number for a covered country", func(m fstest.MapFS) { delete(m, CountriesFile) },
			[]string{"countries.yaml:1:1: the catalog has hotlines for US, but no emergency number for it"}},
		{"a harm topic without a line", func(m fstest.MapFS) { m[TopicsFile] = &fstest.MapFile{Data: []byte(harmTopics)} },
			[]string{"lines.yaml:1:1: US has no line for the harm topic sex-trafficking"}},
		{"a harm topic with its line", func(m fstest.MapFS) {
			m[TopicsFile] = &fstest.MapFile{Data: []byte(harmTopics)}
			m[LinesFile] = &fstest.MapFile{Data: []byte("lines:\n  US:\n    sex-trafficking: test-line\n")}
		}, nil},
		{"a line that is gone", func(m fstest.MapFS) {
			m[LinesFile] = &fstest.MapFile{Data: []byte("lines:\n  US:\n    sex-trafficking: gone-line\n")}
		}, []string{`lines.yaml:3:22: US's line for sex-trafficking is "gone-line", which is not in the catalog`}},
		{"a line for another country", func(m fstest.MapFS) {
			m[LinesFile] = &fstest.MapFile{Data: []byte("lines:\n  GB:\n    sex-trafficking: test-line\n")}
		}, []string{"GB's line for sex-trafficking must be a hotline serving GB; test-line is not"}},
		{"a directory elsewhere", func(m fstest.MapFS) {
			withDirectory(m, "elsewhere:\n  sex-trafficking: test-directory\n")
		}, nil},
		{"a harm topic without a directory elsewhere", func(m fstest.MapFS) {
			withDirectory(m, "elsewhere:\n  shelter: test-directory\n")
		}, []string{"elsewhere has no line for the harm topic sex-trafficking"}},
		{"a country's line as the directory elsewhere", func(m fstest.MapFS) {
			withDirectory(m, "elsewhere:\n  sex-trafficking: test-line\n")
		}, []string{"the line elsewhere for sex-trafficking must be a hotline of area elsewhere; test-line is not"}},
		{"an unknown country and a letter in a number", func(m fstest.MapFS) {
			m[CountriesFile] = &fstest.MapFile{Data: []byte("countries:\n  - {country: XX, emergency: \"911\", sources: [\"https://example.org\"], verified: 2026-11-01}\n  - {country: US, emergency: \"91l\", sources: [\"https://example.org\"], verified: 2026-11-01}\n")}
		}, []string{`unknown country "XX"`, `emergency "91l": write the number as dialled`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := loadDir(t, "testdata/valid")
			tt.edit(fsys)
			_, diags := Check(fsys, Options{Now: today})
			got := fmt.Sprint(diags.Errors())
			if len(tt.wants) == 0 && len(diags.Errors()) > 0 {
				t.Fatalf("want no errors, got:\n%s", got)
			}
			for _, w := range tt.wants {
				if !strings.Contains(got, w) {
					t.Errorf("errors do not say %q; got:\n%s", w, got)
				}
			}
		})
	}
}

// testDirectory is a directory of the lines of the countries the test
// catalog does not cover.
const testDirectory = `id: test-directory
kind: hotline
name: {en: Test Directory}
summary: {en: Lines everywhere else., es: Líneas en otros países.}
topics: [sex-trafficking]
areas: [elsewhere]
contacts:
  - {type: web, value: "https://example.org/directory"}
source: https://example.org/directory
verified: 2026-11-01
`

// TestFirstLine: a country with lines gets its own; a country without
// gets the directory, which serves no covered country.
func TestFirstLine(t *testing.T) {
	fsys := loadDir(t, "testdata/valid")
	fsys[TopicsFile] = &fstest.MapFile{Data: []byte(harmTopics)}
	fsys["hotlines/test-directory.yaml"] = &fstest.MapFile{Data: []byte(testDirectory)}
	fsys[LinesFile] = &fstest.MapFile{Data: []byte("lines:\n  US:\n    sex-trafficking: test-line\nelsewhere:\n  sex-trafficking: test-directory\n")}
	c, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ country, want string }{{"US", "test-line"}, {"us", "test-line"}, {"ID", "test-directory"}, {"AT", "test-directory"}} {
		if r, ok := c.FirstLine(tt.country, "sex-trafficking"); !ok || r.ID != tt.want {
			t.Errorf("FirstLine(%s) = %v, %v; want %s", tt.country, r, ok, tt.want)
		}
	}
	if _, ok := c.Line("ID", "sex-trafficking"); ok {
		t.Error("Line(ID) found a line: ID has none of its own")
	}
	dir, _ := c.Resource("test-directory")
	for country, want := range map[string]bool{"ID": true, "AT": true, "US": false, "": false} {
		if got := dir.ServesCountry(country); got != want {
			t.Errorf("the directory ServesCountry(%q) = %v, want %v", country, got, want)
		}
	}
}

func TestCountryLookups(t *testing.T) {
	c, err := Load(loadDir(t, "testdata/valid"))
	if err != nil {
		t.Fatal(err)
	}
	us, ok := c.Country("us")
	if !ok || us.Emergency != "911" {
		t.Fatalf("Country(us) = %+v, %v", us, ok)
	}
	if _, ok := c.Country("BR"); ok {
		t.Error("BR is not in the table")
	}
}

// TestShortCodes: a short code counts where libphonenumber knows it, or
// where it is one of the national lines its data lacks; each of those is a
// contact of a resource in the catalog, which names its source.
func TestShortCodes(t *testing.T) {
	for _, tt := range []struct {
		raw, region string
		want        bool
	}{
		{"988", "US", true},
		{"141", "CO", true},
		{"1343", "PH", true},
		{"141", "MX", false},
		{"105", "NZ", false}, // Police's non-emergency line: in text only until the data has it
	} {
		if got := IsShortCode(tt.raw, tt.region); got != tt.want {
			t.Errorf("IsShortCode(%q, %s) = %v, want %v", tt.raw, tt.region, got, tt.want)
		}
	}
	c, err := Load(resources.FS())
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range nationalShortCodes() {
		country, number, _ := strings.Cut(code, " ")
		used := slices.ContainsFunc(c.Resources, func(r *Resource) bool {
			return r.ServesCountry(country) && slices.ContainsFunc(r.Contacts, func(ct Contact) bool { return ct.Value == number })
		})
		if !used {
			t.Errorf("%s is a national short code of %s that no resource there uses: drop it from nationalShortCodes", number, country)
		}
	}
}
