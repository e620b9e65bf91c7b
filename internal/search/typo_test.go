package search

import (
	"context"
	"slices"
	"testing"
)

func TestWithinOneEdit(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"traffick", "traffick", true},
		{"trafick", "traffick", true},   // a letter missing
		{"traffiick", "traffick", true}, // a letter too many
		{"traffjck", "traffick", true},  // a letter wrong
		{"trafifck", "traffick", true},  // two letters swapped
		{"trfck", "traffick", false},
		{"abc", "xyz", false},
	}
	for _, tt := range tests {
		if got := withinOneEdit(tt.a, tt.b); got != tt.want {
			t.Errorf("withinOneEdit(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
}

// TestTypos: misspelled questions find what the spelled ones find.
func TestTypos(t *testing.T) {
	ix := embeddedIndex(t)
	tests := []struct {
		text, lang, want string
	}{
		{"traficking hotlne", "en", "us-national-human-trafficking-hotline"},
		{"sextortoin help", "en", "us-ncmec-cybertipline"},
		{"runaway shleter", "en", "us-national-runaway-safeline"},
		{"linea contra la trataa", "es", "us-national-human-trafficking-hotline"},
	}
	for _, tt := range tests {
		rs, err := ix.Search(context.Background(), Query{Text: tt.text, Language: tt.lang, Country: "US", Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(rs, func(r Result) bool { return r.Resource.ID == tt.want }) {
			var got []string
			for _, r := range rs {
				got = append(got, r.Resource.ID)
			}
			t.Errorf("%q: want %s in the top 5, got %v", tt.text, tt.want, got)
		}
	}
}
