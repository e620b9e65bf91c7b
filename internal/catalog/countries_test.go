package catalog

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/hotline-org/hotline/resources"
)

// TestCountryChecks: an edit that would leave a covered country without its
// emergency number or a harm topic without a line is refused, with a
// message that says why.
func TestCountryChecks(t *testing.T) {
	harmTopics := `topics:
  - {id: sex-trafficking, harm: true, name: {en: Sex trafficking, es: Trata}}
  - {id: emergency, name: {en: Emergency, es: Emergencia}}
  - {id: shelter, name: {en: Shelter, es: Refugio}}
groups:
  - {id: online-grooming, name: {en: Online grooming, es: Grooming}}
`
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
