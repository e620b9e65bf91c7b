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
type vocabulary struct {
	terms []vocabTerm
	// byFirst lists, for each word, the phrases that start with it, so a
	// message is read once rather than searched for every phrase.
	byFirst map[string][]phraseRef
}

type phraseRef struct {
	term  int      // index in terms
	words []string // the phrase, folded, split in words
}

type vocabTerm struct {
	lang   string
	words  []string // folded
	topics []string
	kinds  []string
	means  string
}

func newVocabulary(terms []catalog.Term) vocabulary {
	v := vocabulary{byFirst: map[string][]phraseRef{}}
	for i, t := range terms {
		vt := vocabTerm{lang: t.Lang, topics: t.Topics, kinds: t.Kinds, means: t.Means}
		for _, w := range t.Words {
			if f := textfold.Fold(w); f != "" {
				vt.words = append(vt.words, f)
				words := strings.Fields(f)
				v.byFirst[words[0]] = append(v.byFirst[words[0]], phraseRef{i, words})
			}
		}
		v.terms = append(v.terms, vt)
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
	// phrases are the phrases that named each topic, for explaining.
	phrases map[string][]string
}

func (v vocabulary) expand(folded string) expansion {
	e := expansion{langs: map[string]int{}, weight: map[string]float64{}}
	// longest[i] is the length in words of the longest phrase of term i
	// found in the message, and phrase[i] that phrase.
	longest := map[int]int{}
	phrase := map[int]string{}
	words := strings.Fields(folded)
	for i, w := range words {
		for _, p := range v.byFirst[w] {
			if len(p.words) <= len(words)-i && slices.Equal(p.words, words[i:i+len(p.words)]) && len(p.words) > longest[p.term] {
				longest[p.term], phrase[p.term] = len(p.words), strings.Join(p.words, " ")
			}
		}
	}
	// In catalog order, so that results do not depend on map order.
	for i, t := range v.terms {
		n := longest[i]
		if n == 0 {
			continue
		}
		e.langs[t.lang]++
		for _, topic := range t.topics {
			if !slices.Contains(e.topics, topic) {
				e.topics = append(e.topics, topic)
			}
			e.weight[topic] = max(e.weight[topic], float64(n))
			if e.phrases == nil {
				e.phrases = map[string][]string{}
			}
			e.phrases[topic] = append(e.phrases[topic], phrase[i])
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
