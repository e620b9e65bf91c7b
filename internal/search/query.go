package search

import (
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/hotline-org/hotline/internal/catalog"
)

// bleveQuery turns q into the bleve query whose hits Search re-ranks.
func (ix *Index) bleveQuery(q Query, exp expansion, wanted, typos []string) query.Query {
	var should []query.Query
	text := strings.TrimSpace(firstWords(q.Text, maxQueryWords) + " " + strings.Join(exp.means, " "))
	if len(typos) > 0 {
		// The corrected words are matched a little weaker than what was
		// written: "traficking" asks for "trafficking".
		fix := strings.Join(typos, " ")
		for _, lang := range ix.words.langs {
			should = append(should, ix.words.match(allField(lang), ix.words.analyze(lang, fix), 0.8))
		}
	}
	if text != "" {
		// People mix languages ("mi jefe took my passport"), so the other
		// language's combined field is asked too, a little weaker, for the
		// words the message's language does not know. Short words there
		// are mostly that language's own small words ("the" in "The Trevor
		// Project" in a Spanish text), so only longer words are asked.
		other := ""
		if q.Language != "" {
			other = ix.words.unknownIn(q.Language, longWords(text, 4))
		}
		for _, lang := range ix.words.langs {
			// In the language written in, each field counts by its weight.
			langText, langBoost, fields := text, 1.0, queryFields
			if q.Language != "" && lang != q.Language {
				langText, langBoost, fields = other, 0.6, []fieldBoost{{"all", 1}}
			}
			if langText == "" {
				continue
			}
			tokens := ix.words.analyze(lang, langText)
			for _, f := range fields {
				should = append(should, ix.words.match(textField(f.name, lang), tokens, f.boost*langBoost))
			}
		}
	}
	for _, t := range wanted {
		tq := bleve.NewTermQuery(t)
		tq.SetField(fieldTopics)
		tq.SetBoost(2)
		should = append(should, tq)
	}
	if len(should) == 0 {
		// Nothing to match on (a place alone, "near" with no topic): every
		// resource the filters below allow is a candidate. Without this,
		// the nearby resources would be the only ones, and where none of
		// them serves the place, nothing would be.
		should = append(should, bleve.NewMatchAllQuery())
	}
	if q.Place != nil {
		if ids := ix.near.nearest(q.Place.Lat, q.Place.Lon, nearRadiusKM, nearCandidates); len(ids) > 0 {
			nq := bleve.NewDocIDQuery(ids)
			nq.SetBoost(1)
			should = append(should, nq)
		}
	}
	var match query.Query = bleve.NewDisjunctionQuery(should...)
	if len(should) == 1 {
		match = should[0]
	}

	must := []query.Query{match}
	switch {
	case q.Place != nil && q.Place.Country != "":
		must = append(must, termsQuery(fieldAreas, catalog.AreasFor(q.Place.Country, q.Place.Region), 1))
	case q.Place == nil:
		// The wide shard also holds small regions' local services, which
		// are of no use to someone whose place is unknown; nor are another
		// country's lines to someone likely in Country.
		must = append(must, termsQuery(fieldScope, []string{scopeWide}, 1))
		if q.Country != "" {
			must = append(must, termsQuery(fieldAreas, catalog.AreasFor(q.Country, ""), 1))
		}
	}
	if len(q.Kinds) > 0 {
		must = append(must, termsQuery(fieldKind, q.Kinds, 1))
	}
	if len(must) == 1 {
		return match
	}
	return bleve.NewConjunctionQuery(must...)
}

// words knows each language's analyzer and which words each text field
// holds in some resource. A word no resource has matches nothing, yet
// asking bleve for it costs a dictionary lookup and a searcher per field:
// in a typical message that is half of them.
//
// The zero value analyzes nothing and knows no words.
type words struct {
	langs     []string                     // the languages, in order
	analyzers map[string]analysis.Analyzer // by language
	terms     map[string]map[string]bool   // by field: the words it holds
	askAll    bool                         // ask for every word: for the test that leaving some out changes no score
}

// analyze returns text's terms as lang's analyzer makes them for the index.
func (w words) analyze(lang, text string) []string {
	a := w.analyzers[lang]
	if a == nil {
		return nil
	}
	tokens := a.Analyze([]byte(text))
	out := make([]string, len(tokens))
	for i, t := range tokens {
		out[i] = string(t.Term)
	}
	return out
}

// unknownIn keeps the words of text that lang's combined field does not
// hold: "passport" in a Spanish message, where "pasaporte" would be held.
func (w words) unknownIn(lang, text string) string {
	held := w.terms[allField(lang)]
	var keep []string
	for word := range strings.FieldsSeq(text) {
		toks := w.analyze(lang, word)
		if len(toks) == 1 && held[toks[0]] {
			continue
		}
		keep = append(keep, word)
	}
	return strings.Join(keep, " ")
}

// match is the query bleve's MatchQuery makes of tokens in field (any
// of them, each with boost), leaving out the words the field does not
// hold. It scores exactly as the whole query would: a disjunction's score
// is scaled by matched/all words, so each kept word's boost is scaled by
// kept/all; and a field left with no word stays as a clause that matches
// nothing, since the enclosing disjunction counts its clauses the same way.
// The query's overall norm changes, but Search compares scores only to the
// best one.
func (w words) match(field string, tokens []string, boost float64) query.Query {
	kept := tokens
	if !w.askAll {
		kept = slices.DeleteFunc(slices.Clone(tokens), func(t string) bool { return !w.terms[field][t] })
	}
	if len(kept) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	d := termsQuery(field, kept, boost*float64(len(kept))/float64(len(tokens)))
	d.SetMin(1)
	return d
}

// termsQuery matches any of terms in field, each with boost.
func termsQuery(field string, terms []string, boost float64) *query.DisjunctionQuery {
	qs := make([]query.Query, len(terms))
	for i, t := range terms {
		tq := bleve.NewTermQuery(t)
		tq.SetField(field)
		tq.SetBoost(boost)
		qs[i] = tq
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// maxQueryWords is how many words of a message are matched against the
// index: a long story's first lines say what it is about, and every word
// more is another postings list to walk. The vocabulary still reads it all.
const maxQueryWords = 40

// firstWords returns the first n words of s.
func firstWords(s string, n int) string {
	words := strings.Fields(s)
	return strings.Join(words[:min(n, len(words))], " ")
}

// longWords keeps the words of at least n letters.
func longWords(s string, n int) string {
	var keep []string
	for w := range strings.FieldsSeq(s) {
		if len([]rune(w)) >= n {
			keep = append(keep, w)
		}
	}
	return strings.Join(keep, " ")
}
