package search

import (
	"slices"
	"strings"

	"github.com/hotline-org/hotline/internal/catalog"
	"github.com/hotline-org/hotline/internal/textfold"
)

// vocabulary recognises the words people really use (slang, euphemisms,
// misspellings) and says what they are about. Maintainers keep it in
// resources/vocabulary.yaml.
type vocabulary []vocabTerm

type vocabTerm struct {
	lang   string
	words  []string // folded
	topics []string
	kinds  []string
	means  string
}

func newVocabulary(terms []catalog.Term) vocabulary {
	v := make(vocabulary, 0, len(terms))
	for _, t := range terms {
		vt := vocabTerm{lang: t.Lang, topics: t.Topics, kinds: t.Kinds, means: t.Means}
		for _, w := range t.Words {
			if f := textfold.Fold(w); f != "" {
				vt.words = append(vt.words, f)
			}
		}
		v = append(v, vt)
	}
	return v
}

// expansion is what the vocabulary read in a message.
type expansion struct {
	topics []string
	// weight of each topic: the words of the longest phrase that named it.
	// "sex with his friends" says more than "boyfriend".
	weight map[string]float64
	kinds  []string
	means  []string
	langs  map[string]int // how many terms of each language matched
}

func (v vocabulary) expand(folded string) expansion {
	e := expansion{langs: map[string]int{}, weight: map[string]float64{}}
	for _, t := range v {
		longest := 0
		for _, w := range t.words {
			if textfold.HasPhrase(folded, w) {
				longest = max(longest, strings.Count(w, " ")+1)
			}
		}
		if longest == 0 {
			continue
		}
		e.langs[t.lang]++
		for _, topic := range t.topics {
			if !slices.Contains(e.topics, topic) {
				e.topics = append(e.topics, topic)
			}
			e.weight[topic] = max(e.weight[topic], float64(longest))
		}
		for _, k := range t.kinds {
			if !slices.Contains(e.kinds, k) {
				e.kinds = append(e.kinds, k)
			}
		}
		if t.means != "" {
			e.means = append(e.means, t.means)
		}
	}
	return e
}
