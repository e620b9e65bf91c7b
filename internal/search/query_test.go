package search

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/hotline-org/hotline/internal/catalog"
	"github.com/hotline-org/hotline/internal/places"
)

// TestLeftOutWordsChangeNoScore: leaving out the words a field holds in no
// resource is only a saving. Every message of the relevance set gets the
// same results, in the same order, with the same scores, as when every
// word is asked for.
func TestLeftOutWordsChangeNoScore(t *testing.T) {
	pruned := embeddedIndex(t)
	full := embeddedIndex(t)
	full.words.askAll = true
	ctx := context.Background()
	left := 0
	for _, q := range relevanceQueries(t) {
		q.Limit = 10
		u := pruned.Understand(q.Text)
		left += countTerms(full.bleveQuery(q, u.exp, u.exp.topics, u.typos)) - countTerms(pruned.bleveQuery(q, u.exp, u.exp.topics, u.typos))
		want, err := full.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		got, err := pruned.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("%q: %d results, want %d", q.Text, len(got), len(want))
		}
		for i := range want {
			if got[i].Resource.ID != want[i].Resource.ID || math.Abs(got[i].Score-want[i].Score) > 1e-9 {
				t.Errorf("%q #%d: %s %.12f, want %s %.12f", q.Text, i+1, got[i].Resource.ID, got[i].Score, want[i].Resource.ID, want[i].Score)
			}
		}
	}
	if left == 0 {
		t.Error("no word was left out: the test compares a query with itself")
	}
}

// countTerms counts the term queries in q.
func countTerms(q query.Query) int {
	switch q := q.(type) {
	case *query.TermQuery:
		return 1
	case *query.DisjunctionQuery:
		n := 0
		for _, c := range q.Disjuncts {
			n += countTerms(c)
		}
		return n
	case *query.ConjunctionQuery:
		n := 0
		for _, c := range q.Conjuncts {
			n += countTerms(c)
		}
		return n
	}
	return 0
}

// TestMixedLanguages: a message in one language with words of the other
// still finds what those words ask for.
func TestMixedLanguages(t *testing.T) {
	ix := embeddedIndex(t)
	for _, tc := range []struct {
		text, lang string
		want       []string // one of these in the top 3
	}{
		{"ayuda, my boss took my passport", "es", []string{"labor-trafficking-passport-taken"}},
		{"tengo miedo, he has my nudes and wants money", "es", []string{"us-take-it-down", "guide-get-images-taken-down", "sextortion-threat-to-share-unless-you-pay"}},
		{"my boss tiene mi pasaporte", "en", []string{"labor-trafficking-passport-taken"}},
	} {
		rs, err := ix.Search(context.Background(), Query{Text: tc.text, Language: tc.lang, Country: "US", Limit: 3})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range rs {
			got = append(got, r.Resource.ID)
		}
		if !slices.ContainsFunc(got, func(id string) bool { return slices.Contains(tc.want, id) }) {
			t.Errorf("%q (%s): top 3 %v, want %s", tc.text, tc.lang, got, tc.want)
		}
	}
}

// TestPlaceAlone: a question with a place and nothing else (the engine's
// "near" before any topic) brings what serves the place, even where the
// nearest located services are all across a border that does not serve it.
func TestPlaceAlone(t *testing.T) {
	ix := embeddedIndex(t)
	p, err := places.NewResolver().Resolve("Madison, WI")
	if err != nil {
		t.Fatal(err)
	}
	rs, err := ix.Search(context.Background(), Query{Place: &p, Kinds: []string{"service", "hotline"}, Language: "en", Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rs {
		got = append(got, r.Resource.ID)
		if !slices.ContainsFunc(r.Resource.Areas, func(a string) bool { return slices.Contains(catalog.AreasFor("US", "US-WI"), a) }) {
			t.Errorf("%s (areas %v) does not serve Madison", r.Resource.ID, r.Resource.Areas)
		}
	}
	if !slices.Contains(got, "us-national-human-trafficking-hotline") {
		t.Errorf("Madison, WI alone: %v; want the national hotline among them", got)
	}
}
