package places

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// gazetteer is the parsed places.tsv: countries, regions and cities, with
// an index from every name to the places that bear it. It is read-only
// once built.
type gazetteer struct {
	entries  []entry
	names    map[string][]ref // name key (folded words joined by spaces) -> places
	codes    map[string]int32 // ISO code ("MX", "US-TX") -> country or region
	maxWords int              // the most words in a name
	cities   []cityPoint      // every city, sorted by latitude, for Locate
}

type entry struct {
	place   Place
	pop     int32
	capital bool // a national capital
	county  bool // a UK county or a province abroad: see Find's home
	// minor: a suburb or district of a bigger city ("Footscray"), or a
	// province of a country whose regions are not places of their own
	// ("Huehuetenango", "Kildare"): named as a place only after "in",
	// "at"… or alone (see scan).
	minor bool
}

// ref is one place a name stands for, with how Find may take the name.
type ref struct {
	entry  int32
	abbrev bool // an abbreviation ("TX", "NYC"): only in upper case
	common bool // also an ordinary word: only after a context word
	given  bool // also a person's name: abroad, only after a context word
}

// A city this big is what its name means even when a region or country
// shares it: "New York" is the city, "Puebla" too; but "Quebec" and
// "Washington" are the province and the state.
const majorCityPopulation = 1_000_000

// isHomeCity reports whether e is a city that the table holds from 50,000
// people: one in the US, Canada, the UK, Mexico or Australia, the only
// cities with a region.
func isHomeCity(e *entry) bool { return e.place.Kind == kindCity && e.place.Region != "" }

// loadGazetteer parses places.tsv (see internal/gen for its format). The
// table is generated and tested, so a malformed line is a bug: it panics.
func loadGazetteer(tsv string) *gazetteer {
	g := &gazetteer{
		names: make(map[string][]ref, 8192),
		codes: make(map[string]int32, 400),
	}
	var allNames []string // parallel to entries
	for line := range strings.Lines(tsv) {
		line = strings.TrimSuffix(line, "\n")
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 6 {
			panic(fmt.Sprintf("places: bad gazetteer line %q", line))
		}
		lat, err1 := strconv.ParseFloat(f[2], 64)
		lon, err2 := strconv.ParseFloat(f[3], 64)
		pop, err3 := strconv.ParseInt(f[4], 10, 32)
		if err1 != nil || err2 != nil || err3 != nil {
			panic(fmt.Sprintf("places: bad gazetteer line %q", line))
		}
		kind, code := f[0], f[1]
		capital := kind == "capital"
		// A county is a region filed under its nation's code, so that a
		// place in it finds the nation's services; a province, under its
		// country's. Neither has a code of its own to resolve.
		province := kind == "province"
		county := kind == "county" || province
		minor := kind == "district" || province
		switch {
		case capital, kind == "district":
			kind = kindCity
		case county:
			kind = kindRegion
		}
		p := Place{Lat: lat, Lon: lon, Country: code[:2], Kind: kind}
		if len(code) > 2 {
			p.Region = code
		}
		if kind != kindCity && !county {
			g.codes[code] = int32(len(g.entries))
		}
		g.entries = append(g.entries, entry{place: p, pop: int32(pop), capital: capital, county: county, minor: minor})
		allNames = append(allNames, f[5])
	}
	// Name every place before qualifying cities with their regions' names.
	nameLists := make([][]string, len(g.entries))
	for i := range g.entries {
		nameLists[i] = strings.Split(allNames[i], "|")
		g.entries[i].place.Name = nameLists[i][0]
	}
	for i := range g.entries {
		e := &g.entries[i]
		e.place.Name = g.displayName(e, e.place.Name)
		for _, n := range nameLists[i] {
			g.addName(n, int32(i))
		}
	}
	g.indexCities()
	return g
}

// displayName qualifies a city's name with its region or country:
// "Dallas, TX", "Monterrey, Nuevo León", "Paris, France".
func (g *gazetteer) displayName(e *entry, name string) string {
	p := &e.place
	if p.Kind != kindCity {
		return name
	}
	if p.Region != "" {
		if abbr, ok := strings.CutPrefix(p.Region, p.Country+"-"); ok && (p.Country == "US" || p.Country == "CA" || p.Country == "AU") {
			return name + ", " + abbr
		}
		if i, ok := g.codes[p.Region]; ok {
			return name + ", " + g.entries[i].place.Name
		}
	}
	if i, ok := g.codes[p.Country]; ok {
		return name + ", " + g.entries[i].place.Name
	}
	return name
}

func (g *gazetteer) addName(name string, i int32) {
	toks := tokenize(name)
	if len(toks) == 0 {
		return
	}
	key := joinKeys(toks)
	r := ref{entry: i, abbrev: isAbbrev(name), common: isCommonWord(key), given: isGivenName(key)}
	g.maxWords = max(g.maxWords, len(toks))
	g.add(key, r)
	if plain, ok := enye(key); ok {
		g.add(plain, r)
	}
	// "St Kilda" and "Saint Kilda", "St. John's" and "Saint John's" are
	// written both ways.
	if rest, ok := strings.CutPrefix(key, "saint "); ok {
		g.add("st "+rest, r)
	} else if rest, ok := strings.CutPrefix(key, "st "); ok {
		g.add("saint "+rest, r)
	}
	// So are "Ciudad Juárez" and "Cd. Juárez".
	if rest, ok := strings.CutPrefix(key, "ciudad "); ok {
		g.add("cd "+rest, r)
	}
}

func (g *gazetteer) add(key string, r ref) {
	refs := g.names[key]
	for _, old := range refs {
		if old.entry == r.entry {
			return // an alias that folds to an earlier name
		}
	}
	g.names[key] = append(refs, r)
}

func joinKeys(toks []token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.key)
	}
	return b.String()
}

// isAbbrev reports whether a name is an abbreviation that Find takes only
// in capitals, or "in" would be Indiana: one of two capital letters ("TX",
// "U.S."), or of three that are also a word in lower case ("USA" and
// "usa", Spanish for "uses"). "NYC" and "nyc" are both New York.
func isAbbrev(name string) bool {
	n := 0
	var lower []byte
	for i := 0; i < len(name); i++ {
		switch c := name[i]; {
		case c == '.':
		case 'A' <= c && c <= 'Z':
			n++
			lower = append(lower, c+'a'-'A')
		default:
			return false
		}
	}
	return n > 0 && n <= 2 || n == 3 && isLowerCaseWord(string(lower))
}

// tier orders the readings of one name; see majorCityPopulation. Regions
// come before countries so that "Georgia" is the US state. Below a
// million people, a town of the five countries covered town by town, or
// a capital, comes before a city elsewhere that the table holds only for
// its size: "San Juan" is Puerto Rico's, not Argentina's, and "Santa Fe"
// New Mexico's; but "Athens" is still Greece's.
func (g *gazetteer) tier(i int32) int {
	e := &g.entries[i]
	switch e.place.Kind {
	case kindCity:
		switch {
		case e.pop >= majorCityPopulation:
			return 4
		case e.capital || isHomeCity(e):
			return 1
		}
		return 0
	case kindRegion:
		return 3
	default:
		return 2
	}
}

// better reports whether place a is a likelier reading of a name than b.
func (g *gazetteer) better(a, b int32) bool {
	if ta, tb := g.tier(a), g.tier(b); ta != tb {
		return ta > tb
	}
	if pa, pb := g.entries[a].pop, g.entries[b].pop; pa != pb {
		return pa > pb
	}
	return a < b
}

// best returns the likeliest of refs that keep(entry) accepts, or -1.
func (g *gazetteer) best(refs []ref, keep func(e *entry) bool) int32 {
	best := int32(-1)
	for _, r := range refs {
		if keep != nil && !keep(&g.entries[r.entry]) {
			continue
		}
		if best < 0 || g.better(r.entry, best) {
			best = r.entry
		}
	}
	return best
}

// dwarfedBy is how many times bigger than a town at home a namesake abroad
// must be for the name to mean it (see Find): Hamilton, Ontario is eight
// times Hamilton, Ohio; Logan, Queensland five and a half times Logan,
// Utah. A region or country abroad dwarfs any town.
const dwarfedBy = 5

// countyRivalPopulation is the size from which a town at home, rather than
// an English county of its name, is what the name means (see Find). The
// counties have half a million people or more; Norfolk, Virginia and
// Durham, North Carolina have a quarter of a million, Kent, Washington 130,000.
const countyRivalPopulation = 200_000

// dwarfed reports whether town i, at home, is much smaller than a place of
// refs in another country (dwarfedBy).
func (g *gazetteer) dwarfed(i int32, refs []ref) bool {
	e := &g.entries[i]
	if !isCity(e) {
		return false
	}
	return slices.ContainsFunc(refs, func(r ref) bool {
		o := &g.entries[r.entry]
		return o.place.Country != e.place.Country && (isArea(o) || int64(o.pop) >= dwarfedBy*int64(e.pop))
	})
}

// within reports whether city e lies in the region or country q.
func within(e *entry, q *entry) bool {
	if q.place.Kind == kindRegion {
		return e.place.Region == q.place.Region
	}
	return e.place.Country == q.place.Country
}

func isCity(e *entry) bool { return e.place.Kind == kindCity }

func isArea(e *entry) bool { return e.place.Kind != kindCity }
