package catalog

import (
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// CountriesFile holds each country's emergency numbers. It names nothing
// else in the catalog, so a catalog made from another directory (an HSDS
// import) can carry it as it is.
const CountriesFile = "countries.yaml"

// LinesFile names, for each country the catalog covers, the hotline to show
// first for each harm topic; and, under elsewhere, the directory to show
// first in a country it does not cover.
const LinesFile = "lines.yaml"

// Country is one country's entry in CountriesFile.
type Country struct {
	Code string `yaml:"country"` // ISO 3166-1 alpha-2
	// Emergency is the number to say first to someone in danger now: the
	// single number where there is one, else the police.
	Emergency string `yaml:"emergency"`
	Police    string `yaml:"police"`
	Ambulance string `yaml:"ambulance"`
	Fire      string `yaml:"fire"`
	// Also are other numbers that reach the same services (112 in the UK).
	Also     []string `yaml:"also"`
	Women    string   `yaml:"women"`    // a national line for women facing violence
	Children string   `yaml:"children"` // a national child helpline
	Sources  []string `yaml:"sources"`
	Verified Date     `yaml:"verified"`
	Note     string   `yaml:"note"`
}

// Numbers lists the country's distinct emergency numbers, the one to say
// first first.
func (c *Country) Numbers() []string {
	var out []string
	for _, n := range append([]string{c.Emergency, c.Police, c.Ambulance, c.Fire}, c.Also...) {
		if n != "" && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

type countriesFile struct {
	Countries []Country `yaml:"countries"`
}

type linesFile struct {
	// Lines maps a country code to its harm topics' hotline ids.
	Lines map[string]map[string]string `yaml:"lines"`
	// Elsewhere maps harm topics to the directories (AreaElsewhere) that
	// list the lines of the countries Lines leaves out.
	Elsewhere map[string]string `yaml:"elsewhere"`
}

// Country returns the entry of a country code, if the table has one.
func (c *Catalog) Country(code string) (*Country, bool) {
	e, ok := c.countries[strings.ToUpper(code)]
	return e, ok
}

// Line returns the hotline LinesFile names first for topic in country.
func (c *Catalog) Line(country, topic string) (*Resource, bool) {
	r, ok := c.byID[c.Lines[strings.ToUpper(country)][topic]]
	return r, ok
}

// FirstLine is Line where the catalog covers country, else the directory
// LinesFile names for topic elsewhere: someone in a country without lines
// here still gets somewhere to find theirs.
func (c *Catalog) FirstLine(country, topic string) (*Resource, bool) {
	if c.Covers(country) {
		return c.Line(country, topic)
	}
	r, ok := c.byID[c.Elsewhere[topic]]
	return r, ok
}

// Covers reports whether the catalog names lines for country.
func (c *Catalog) Covers(country string) bool {
	return len(c.Lines[strings.ToUpper(country)]) > 0
}

// loadCountries reads CountriesFile and LinesFile once the resources are
// loaded, so that the lines can be checked against them. A country the
// catalog serves with a hotline of its own must have its emergency number
// and a line for every harm topic: an edit that removes either is refused
// like broken YAML.
func (l *loader) loadCountries(c *Catalog) {
	c.countries, c.Lines = map[string]*Country{}, map[string]map[string]string{}
	var cf countriesFile
	if doc := l.parseOptional(CountriesFile, &cf); doc != nil {
		for i := range cf.Countries {
			l.checkCountry(c, at(doc, "countries", i), &cf.Countries[i])
		}
	}
	var lf linesFile
	doc := l.parseOptional(LinesFile, &lf)
	if doc != nil {
		for code, topics := range lf.Lines {
			n := at(doc, "lines", code)
			if !isCountry(code) {
				l.errorf(LinesFile, n, "unknown country %q: use an ISO 3166-1 alpha-2 code", code)
				continue
			}
			for topic, id := range topics {
				ln := at(n, topic)
				if r := l.lineEntry(c, ln, code+"'s line", topic, id); r != nil && (r.Kind != KindHotline || !r.ServesCountry(code)) {
					l.errorf(LinesFile, ln, "%s's line for %s must be a hotline serving %s; %s is not", code, topic, code, id)
				}
			}
			c.Lines[code] = topics
		}
		l.checkElsewhere(c, at(doc, "elsewhere"), lf.Elsewhere)
	}
	covered := map[string]bool{}
	for code := range c.Lines {
		covered[code] = true
	}
	for _, r := range c.Resources {
		if slices.Contains(r.Areas, AreaElsewhere) {
			r.covered = covered
		}
	}

	// Every country with a hotline of its own is covered: it needs its
	// emergency number and a line for every harm topic.
	for _, code := range servedCountries(c) {
		if _, ok := c.countries[code]; !ok {
			l.errorf(CountriesFile, nil, "the catalog has hotlines for %s, but no emergency number for it: add %s to %s", code, code, CountriesFile)
		}
		for _, t := range c.Topics {
			if !t.Harm || c.Lines[code][t.ID] != "" {
				continue
			}
			var n *yaml.Node
			if doc != nil {
				n = at(doc, "lines", code)
			}
			l.errorf(LinesFile, n, "%s has no line for the harm topic %s: name the hotline to show first", code, t.ID)
		}
	}
}

// lineEntry checks one "topic: id" entry of LinesFile at n: the topic is
// known and the id is in the catalog (whose names the line in errors:
// "US's line", "the line elsewhere"). It returns the resource, or nil
// after saying what is wrong.
func (l *loader) lineEntry(c *Catalog, n *yaml.Node, whose, topic, id string) *Resource {
	r, ok := c.byID[id]
	switch {
	case !l.topics[topic]:
		l.errorf(LinesFile, n, "unknown topic %q (see %s)", topic, TopicsFile)
		return nil
	case !ok:
		l.errorf(LinesFile, n, "%s for %s is %q, which is not in the catalog", whose, topic, id)
		return nil
	}
	return r
}

// checkElsewhere checks LinesFile's directories for the countries it does
// not cover: where there are any, one for every harm topic, each a hotline
// of AreaElsewhere.
func (l *loader) checkElsewhere(c *Catalog, n *yaml.Node, lines map[string]string) {
	if len(lines) == 0 {
		return
	}
	for topic, id := range lines {
		ln := at(n, topic)
		if r := l.lineEntry(c, ln, "the line elsewhere", topic, id); r != nil && (r.Kind != KindHotline || !slices.Contains(r.Areas, AreaElsewhere)) {
			l.errorf(LinesFile, ln, "the line elsewhere for %s must be a hotline of area %s; %s is not", topic, AreaElsewhere, id)
		}
	}
	for _, t := range c.Topics {
		if t.Harm && lines[t.ID] == "" {
			l.errorf(LinesFile, n, "elsewhere has no line for the harm topic %s: name the directory to show first", t.ID)
		}
	}
	c.Elsewhere = lines
}

func (l *loader) checkCountry(c *Catalog, n *yaml.Node, e *Country) {
	errorf := func(n *yaml.Node, format string, args ...any) { l.errorf(CountriesFile, n, format, args...) }
	switch {
	case !isCountry(e.Code):
		errorf(at(n, "country"), "unknown country %q: use an ISO 3166-1 alpha-2 code", e.Code)
		return
	case c.countries[e.Code] != nil:
		errorf(at(n, "country"), "country %s is listed twice", e.Code)
		return
	}
	if e.Emergency == "" {
		errorf(n, "%s needs its emergency number", e.Code)
	}
	for _, f := range []struct{ name, value string }{
		{"emergency", e.Emergency}, {"police", e.Police}, {"ambulance", e.Ambulance},
		{"fire", e.Fire}, {"women", e.Women}, {"children", e.Children},
	} {
		if f.value != "" && !dialled(f.value) {
			errorf(at(n, f.name), "%s %q: write the number as dialled: digits, spaces and hyphens", f.name, f.value)
		}
	}
	for j, v := range e.Also {
		if !dialled(v) {
			errorf(at(n, "also", j), "%q: write the number as dialled: digits, spaces and hyphens", v)
		}
	}
	if len(e.Sources) == 0 {
		errorf(n, "%s needs sources: the pages that show its numbers", e.Code)
	}
	for j, s := range e.Sources {
		if err := checkURL(s); err != nil {
			errorf(at(n, "sources", j), "source: %v", err)
		}
	}
	l.checkVerified(CountriesFile, at(n, "verified"), e.Verified)
	c.countries[e.Code] = e
	c.Countries = append(c.Countries, e)
}

// servedCountries lists the countries for which the catalog has a hotline
// serving that country alone.
func servedCountries(c *Catalog) []string {
	var out []string
	for _, r := range c.Resources {
		if r.Kind != KindHotline {
			continue
		}
		for _, a := range r.Areas {
			if isCountry(a) && !slices.Contains(out, a) {
				out = append(out, a)
			}
		}
	}
	slices.Sort(out)
	return out
}

// dialled reports whether v is a number as people dial it: digits, with
// spaces or hyphens between groups, and the * of short codes (*211).
func dialled(v string) bool {
	v = strings.TrimPrefix(v, "*")
	return v != "" && digitsOnly(strings.NewReplacer(" ", "", "-", "").Replace(v))
}
