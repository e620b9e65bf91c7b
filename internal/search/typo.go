package search

import (
	"strings"

	"github.com/hotline-org/hotline/internal/catalog"
	"github.com/hotline-org/hotline/internal/textfold"
)

// spelling corrects typos against the words of the catalog. bleve's fuzzy
// queries build a Levenshtein automaton for every word of every query,
// which was most of a query's cost; correcting only the words the catalog
// does not have, against its own words, costs microseconds.
type spelling struct {
	known   map[string]bool
	buckets map[bucket][]string // known words by first letter and length
}

type bucket struct {
	first byte
	n     int
}

// newSpelling learns every word of the catalog's text, in every language,
// and of its vocabulary.
func newSpelling(c *catalog.Catalog) *spelling {
	s := &spelling{known: map[string]bool{}, buckets: map[bucket][]string{}}
	learn := func(text string) {
		for w := range strings.FieldsSeq(textfold.Fold(text)) {
			if !s.known[w] {
				s.known[w] = true
				if len(w) >= 4 {
					b := bucket{w[0], len(w)}
					s.buckets[b] = append(s.buckets[b], w)
				}
			}
		}
	}
	for _, r := range c.Resources {
		for _, t := range []catalog.Text{r.Name, r.Summary, r.Body} {
			for _, v := range t {
				learn(v)
			}
		}
		for _, ws := range r.Keywords {
			learn(strings.Join(ws, " "))
		}
	}
	for _, t := range c.Topics {
		for _, v := range t.Name {
			learn(v)
		}
	}
	for _, t := range c.Vocabulary {
		learn(strings.Join(t.Words, " "))
	}
	return s
}

// corrections returns the catalog's words one edit away from the words of
// text (of at least five letters: one letter off in a shorter word is
// another word) that the catalog does not have.
func (s *spelling) corrections(text string) []string {
	var out []string
	for w := range strings.FieldsSeq(textfold.Fold(text)) {
		if len(w) < 5 || s.known[w] {
			continue
		}
		// A typo seldom hits the first letter; looking only there keeps
		// this to a few hundred comparisons at any catalog size.
		for n := len(w) - 1; n <= len(w)+1; n++ {
			for _, cand := range s.buckets[bucket{w[0], n}] {
				if withinOneEdit(w, cand) {
					out = append(out, cand)
				}
			}
		}
	}
	return out
}

// withinOneEdit reports whether a and b differ by at most one insertion,
// deletion, substitution or swap of neighbours.
func withinOneEdit(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if i == len(a) {
		return true
	}
	if len(a) == len(b) {
		if a[i+1:] == b[i+1:] {
			return true // a substitution
		}
		// neighbours swapped: "trafifcking"
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	}
	return a[i:] == b[i+1:] // an insertion in b
}
