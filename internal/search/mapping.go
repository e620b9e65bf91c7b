package search

import (
	"cmp"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/es"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/hotline-org/hotline/internal/catalog"
)

// Languages the index has analyzers for. A third language is a line here
// and its analyzer import, plus its text in the catalog files.
var analyzers = map[string]string{
	"en": en.AnalyzerName,
	"es": es.AnalyzerName,
}

// Field names in the index. Text fields are per language: name_en, body_es…
const (
	fieldKind     = "kind"
	fieldTopics   = "topics"
	fieldAreas    = "areas"
	fieldAudience = "audience"
	fieldScope    = "scope" // scopeWide or scopeLocal
)

type fieldBoost struct {
	name  string
	boost float64
}

// textParts are a resource's text in one language, in the order the
// combined field holds them.
var textParts = []string{"name", "keywords", "labels", "summary", "body"}

func textField(name, lang string) string { return name + "_" + lang }

// queryFields are what a question is matched against in its own language:
// the short, telling fields on their own, with how much a match in each
// counts (a word in the name says more than a word deep in the body), and
// the summary and body through the combined field, which holds them too.
// Fewer fields, fewer postings to walk: this is what keeps a query fast at
// 100,000 resources. Only these fields are indexed: a field no query reads
// would only slow indexing (the body, analysed twice, was a third of it).
var queryFields = []fieldBoost{{"name", 3}, {"keywords", 2.5}, {"labels", 1.5}, {"all", 1}}

// allField holds all of a language's text in one field: corrected typos
// and the other language's words are matched against it alone.
func allField(lang string) string { return textField("all", lang) }

// newMapping describes how a resource document is indexed. Querying is in
// query.go; the two meet only at the field names above.
func newMapping() mapping.IndexMapping {
	doc := bleve.NewDocumentMapping()

	kw := bleve.NewTextFieldMapping()
	kw.Analyzer = keyword.Name
	kw.Store = false
	kw.IncludeTermVectors = false
	for _, f := range []string{fieldKind, fieldTopics, fieldAreas, fieldAudience, fieldScope} {
		doc.AddFieldMappingsAt(f, kw)
	}

	for lang, analyzer := range analyzers {
		for _, f := range queryFields {
			name := textField(f.name, lang)
			m := bleve.NewTextFieldMapping()
			m.Analyzer = analyzer
			m.Store = false
			m.IncludeTermVectors = false
			m.IncludeInAll = false
			doc.AddFieldMappingsAt(name, m)
		}
	}

	m := bleve.NewIndexMapping()
	m.DefaultMapping = doc
	m.DefaultAnalyzer = keyword.Name
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	return m
}

// labels are the names of topics and warning-sign groups, which are
// indexed with each resource: a sign in the group "Signs of labor
// trafficking" matches those words even when its own text does not use them.
type labels struct {
	topics, groups map[string]catalog.Text
}

func newLabels(c *catalog.Catalog) labels {
	l := labels{topics: map[string]catalog.Text{}, groups: map[string]catalog.Text{}}
	for _, t := range c.Topics {
		l.topics[t.ID] = t.Name
	}
	for _, g := range c.Groups {
		l.groups[g.ID] = g.Name
	}
	return l
}

func (l labels) names(r *catalog.Resource, lang string) string {
	var names []string
	if r.Group != "" {
		names = append(names, l.groups[r.Group].In(lang))
	}
	for _, t := range r.Topics {
		names = append(names, l.topics[t].In(lang))
	}
	return strings.Join(names, ", ")
}

// document is what the index holds for one resource: only what search
// needs; the resource itself stays in the catalog.
func (l labels) document(r *catalog.Resource) map[string]any {
	d := map[string]any{
		fieldKind:     r.Kind,
		fieldTopics:   r.Topics,
		fieldAreas:    r.Areas,
		fieldAudience: r.Audience,
		fieldScope:    scopeWide,
	}
	if isLocal(r) {
		d[fieldScope] = scopeLocal
	}
	for lang := range analyzers {
		var all []string
		for _, part := range textParts {
			var t catalog.Text
			switch part {
			case "name":
				t = r.Name
			case "keywords":
				t = catalog.Text{lang: strings.Join(r.Keywords[lang], ", ")}
			case "summary":
				t = r.Summary
			case "body":
				t = r.Body
			case "labels":
				t = catalog.Text{lang: l.names(r, lang)}
			}
			s := cmp.Or(t[lang], t[""])
			if s == "" {
				continue
			}
			all = append(all, s)
			if slices.ContainsFunc(queryFields, func(f fieldBoost) bool { return f.name == part }) {
				d[textField(part, lang)] = s
			}
		}
		d[allField(lang)] = strings.Join(all, "\n")
	}
	return d
}

// Scopes: whether a resource serves whole countries, or only parts of them.
const (
	scopeWide  = "wide"
	scopeLocal = "local"
)
