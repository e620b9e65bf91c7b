package search

import (
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

// textFields are the per-language text fields and how much a match in each
// counts: a word in the name says more than a word deep in the body.
var textFields = []fieldBoost{
	{"name", 3},
	{"keywords", 2.5},
	{"labels", 1.5}, // the names of the resource's topics and group: "Signs of labor trafficking"
	{"summary", 1.5},
	{"body", 1},
}

func textField(name, lang string) string { return name + "_" + lang }

// queryFields are what a question is matched against in its own language:
// the short, telling fields on their own, and the summary and body through
// the combined field, which holds them too. Fewer fields, fewer postings
// to walk: this is what keeps a query fast at 100,000 resources.
var queryFields = []fieldBoost{{"name", 3}, {"keywords", 2.5}, {"labels", 1.5}, {"all", 1}}

// allField holds all of a language's text in one field: corrected typos
// and the other language's words are matched against it alone.
func allField(lang string) string { return textField("all", lang) }

func fieldNames(lang string) []string {
	names := make([]string, len(textFields))
	for i, f := range textFields {
		names[i] = textField(f.name, lang)
	}
	return names
}

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
		for _, name := range append(fieldNames(lang), allField(lang)) {
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
		for _, f := range textFields {
			var t catalog.Text
			switch f.name {
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
			if s := t[lang]; s != "" {
				d[textField(f.name, lang)] = s
			} else if s := t[""]; s != "" {
				d[textField(f.name, lang)] = s
			}
		}
		var all []string
		for _, f := range textFields {
			if s, ok := d[textField(f.name, lang)].(string); ok {
				all = append(all, s)
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
