package search

import (
	"maps"
	"slices"
	"strings"
	"unicode"

	"github.com/hotline-org/hotline/internal/catalog"
	"github.com/hotline-org/hotline/internal/textfold"
)

// names finds the hotlines and services a message names: "what's the
// Trevor Project?", "is RAINN free?", "que es la Línea de la Vida". A
// person who asks about a line by its name wants that line, whatever
// else the words read as.
type names struct {
	// byFirst lists, for each word, the names that start with it, so a
	// message is read once rather than searched for every name.
	byFirst map[string][]nameRef
}

type nameRef struct {
	id    string
	words []string // the name, folded, split in words
}

// minAcronym is the fewest letters of an acronym in brackets that counts
// as a name of its own ("RAINN", "NCMEC"): shorter ones are often words
// too ("CAST", "REST", "MOM").
const minAcronym = 5

func newNames(resources []*catalog.Resource) names {
	n := names{byFirst: map[string][]nameRef{}}
	for _, r := range resources {
		if r.Kind != catalog.KindHotline && r.Kind != catalog.KindService {
			continue
		}
		for _, lang := range slices.Sorted(maps.Keys(r.Name)) {
			for _, name := range nameForms(r.Name[lang]) {
				words := strings.Fields(textfold.Fold(name))
				if len(words) == 0 || slices.ContainsFunc(n.byFirst[words[0]], func(p nameRef) bool {
					return p.id == r.ID && slices.Equal(p.words, words)
				}) {
					continue
				}
				n.byFirst[words[0]] = append(n.byFirst[words[0]], nameRef{r.ID, words})
			}
		}
	}
	return n
}

// nameForms are the ways a person may write a resource's name: whole,
// without what its brackets add ("National Sexual Assault Hotline
// (RAINN)"), the acronym in its brackets, and without a leading "The".
// A name of one word counts only when it is no number ("211", "000" are
// in prices and times) and is as long as an acronym ("Childline",
// "Polaris"; not "REST" or "GEMS", which people write as words).
func nameForms(name string) []string {
	var out []string
	add := func(s string) {
		s = strings.TrimSpace(s)
		words := strings.Fields(s)
		if len(words) == 0 || len(words) == 1 && (strings.IndexFunc(s, unicode.IsLetter) < 0 || len(s) < minAcronym) {
			return
		}
		out = append(out, s)
		if rest, ok := strings.CutPrefix(s, "The "); ok && len(strings.Fields(rest)) > 1 {
			out = append(out, rest)
		}
	}
	base, bracket, hasBracket := strings.Cut(name, " (")
	add(name)
	if hasBracket {
		add(base)
		inside, _, _ := strings.Cut(bracket, ")")
		if isAcronym(inside) {
			out = append(out, inside)
		}
	}
	return out
}

// isAcronym reports whether s is one word of capitals, at least
// minAcronym of them.
func isAcronym(s string) bool {
	if len(s) < minAcronym {
		return false
	}
	return strings.IndexFunc(s, func(r rune) bool { return !unicode.IsUpper(r) }) < 0
}

// find returns the IDs of the resources whose names a folded message
// holds, in the order it names them.
func (n names) find(folded string) []string {
	var out []string
	words := strings.Fields(folded)
	for i, w := range words {
		for _, p := range n.byFirst[w] {
			if len(p.words) <= len(words)-i && slices.Equal(p.words, words[i:i+len(p.words)]) && !slices.Contains(out, p.id) {
				out = append(out, p.id)
			}
		}
	}
	return out
}
