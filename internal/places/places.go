// Package places turns place names into coarse coordinates: for
// "hotline ask --near PLACE", and for noticing a place named inside a chat
// message.
//
// It knows countries (with English and Spanish names), the states,
// provinces and territories of the US, Canada, Mexico and Australia, the
// nations of the UK and 86 of its counties and London boroughs, towns of
// 50,000 people or more in those five countries (20,000 in the UK and
// 10,000 in Australia),
// cities of 150,000 or more in the EU, of 100,000 or more in Spain and
// Central America and of 300,000 or more in the rest of Latin America,
// every national capital, and US ZIP codes. The tables are embedded and
// parsed on first use, so a Resolver costs nothing until it is asked
// something. See README.md for the data sources.
package places

import (
	_ "embed"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

//go:generate go run ./internal/gen

// Place is a coarse place.
type Place struct {
	Name    string  // display name: "Dallas, TX", "Texas", "Ontario", "Mexico", "75201"
	Lat     float64 // degrees north
	Lon     float64 // degrees east
	Country string  // ISO 3166-1 alpha-2, e.g. "US"; "" for bare coordinates
	Region  string  // ISO 3166-2 subdivision, e.g. "US-TX", "CA-ON"; "" when only the country is known
	Kind    string  // "coordinates", "zip", "city", "region" or "country"
	// Offered: Find read the place only as where a job or a trip is
	// offered ("me ofrecen trabajo en Dubái"), the message naming no
	// other. Its lines may help; its emergency number would not ring
	// where the person is.
	Offered bool
}

// The values of Place.Kind.
const (
	kindCoordinates = "coordinates"
	kindZIP         = "zip"
	kindCity        = "city"
	kindRegion      = "region"
	kindCountry     = "country"
)

// ErrUnknownPlace is wrapped by the errors of Resolve.
var ErrUnknownPlace = errors.New("unknown place")

var (
	//go:embed places.tsv
	placesTSV string
	//go:embed zips.tsv.gz
	zipsGz string
)

// Resolver finds places. It is safe for concurrent use. Its tables load on
// first need, about a millisecond for names and a few for ZIP codes; keep
// one Resolver for the life of the program.
type Resolver struct {
	gazOnce sync.Once
	gaz     *gazetteer
	zipOnce sync.Once
	zips    *zipTable
}

// NewResolver returns a Resolver. It is cheap: no table is loaded yet.
func NewResolver() *Resolver { return &Resolver{} }

func (r *Resolver) gazetteer() *gazetteer {
	r.gazOnce.Do(func() { r.gaz = loadGazetteer(placesTSV) })
	return r.gaz
}

func (r *Resolver) zipTable() *zipTable {
	r.zipOnce.Do(func() { r.zips = loadZIPs(zipsGz) })
	return r.zips
}

// Resolve returns the place that s names as a whole. It accepts
// coordinates ("32.78,-96.80", latitude first), US ZIP codes ("75201",
// "75201-1234"), names of cities, regions and countries in English or
// Spanish, with or without accents and in any case ("Dallas", "texas",
// "Québec", "Reino Unido"), region abbreviations and ISO codes ("TX",
// "ON", "US-TX", "MX"), and a city qualified by its region or country
// ("Dallas, TX", "Portland, ME", "London, ON", "Houston, Texas").
//
// A name shared by several places means the likeliest one: the biggest
// city, but a region or country over a city of under a million people
// ("Quebec" is the province, "New York" the city), and under a million a
// town of the US, Canada, the UK, Mexico or Australia, or a capital, over
// a city elsewhere ("San Juan" is Puerto Rico's, not Argentina's). An
// unknown town with a known region after a comma ("Smallville, KS")
// resolves to the region, a known place with an unknown qualifier
// ("Guadalajara, Jal.") to the place.
//
// The error wraps ErrUnknownPlace when s names no known place.
func (r *Resolver) Resolve(s string) (Place, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Place{}, fmt.Errorf("places: %w: empty name", ErrUnknownPlace)
	}
	if p, ok := parseCoordinates(s); ok {
		return p, nil
	}
	if zip, ok := parseZIP(s); ok {
		if p, ok := r.zipTable().lookup(zip); ok {
			return p, nil
		}
		return Place{}, fmt.Errorf("places: %w: no US ZIP code %s", ErrUnknownPlace, zip)
	}
	g := r.gazetteer()
	toks := tokenize(s)
	if len(toks) > 0 {
		if i := g.best(g.names[joinKeys(toks)], nil); i >= 0 {
			return g.entries[i].place, nil
		}
		if p, ok := g.resolveQualified(toks); ok {
			return p, nil
		}
	}
	if i, ok := g.codes[strings.ToUpper(s)]; ok {
		return g.entries[i].place, nil
	}
	return Place{}, fmt.Errorf("places: %w: %q", ErrUnknownPlace, s)
}

// Country returns the ISO 3166-1 alpha-2 code of a country given by its
// code or one of its names, in English or Spanish: "GB", "UK", "usa",
// "México". Anything else is an error: a wrong country would mean another
// country's emergency number.
func (r *Resolver) Country(s string) (string, error) {
	g := r.gazetteer()
	s = strings.TrimSpace(s)
	if i, ok := g.codes[strings.ToUpper(s)]; ok && g.entries[i].place.Kind == kindCountry {
		return g.entries[i].place.Country, nil
	}
	for _, ref := range g.names[joinKeys(tokenize(s))] {
		if e := &g.entries[ref.entry]; e.place.Kind == kindCountry {
			return e.place.Country, nil
		}
	}
	return "", fmt.Errorf("places: %w: %q is not a country: use an ISO 3166 code such as US, GB or MX, or a country's name", ErrUnknownPlace, s)
}

// resolveQualified reads toks as a city followed by its region or country,
// trying the longest qualifier first.
func (g *gazetteer) resolveQualified(toks []token) (Place, bool) {
	for split := 1; split < len(toks); split++ {
		quals := g.names[joinKeys(toks[split:])]
		if g.best(quals, isArea) < 0 {
			continue
		}
		cities := g.names[joinKeys(toks[:split])]
		city := g.best(cities, func(e *entry) bool {
			if !isCity(e) {
				return false
			}
			for _, q := range quals {
				if isArea(&g.entries[q.entry]) && within(e, &g.entries[q.entry]) {
					return true
				}
			}
			return false
		})
		if city >= 0 {
			return g.entries[city].place, true
		}
		if toks[split].comma {
			// A town too small for the table, in a known region.
			return g.entries[g.best(quals, isArea)].place, true
		}
	}
	// A known place with an unknown qualifier: "Guadalajara, Jal.".
	for split := 1; split < len(toks); split++ {
		if toks[split].comma {
			if i := g.best(g.names[joinKeys(toks[:split])], nil); i >= 0 {
				return g.entries[i].place, true
			}
		}
	}
	return Place{}, false
}

// parseCoordinates parses "lat,lon" in decimal degrees.
func parseCoordinates(s string) (Place, bool) {
	a, b, ok := strings.Cut(s, ",")
	if !ok {
		return Place{}, false
	}
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	if !isDecimal(a) || !isDecimal(b) {
		return Place{}, false
	}
	lat, err1 := strconv.ParseFloat(a, 64)
	lon, err2 := strconv.ParseFloat(b, 64)
	if err1 != nil || err2 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return Place{}, false
	}
	return Place{
		Name: strconv.FormatFloat(lat, 'f', -1, 64) + "," + strconv.FormatFloat(lon, 'f', -1, 64),
		Lat:  lat,
		Lon:  lon,
		Kind: kindCoordinates,
	}, true
}

// isDecimal reports whether s is a plain decimal number, which
// strconv.ParseFloat alone does not ensure: it also takes "Inf" and "0x1p4".
func isDecimal(s string) bool {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	digits, dots := 0, 0
	for i := 0; i < len(s); i++ {
		switch {
		case '0' <= s[i] && s[i] <= '9':
			digits++
		case s[i] == '.':
			dots++
		default:
			return false
		}
	}
	return digits > 0 && dots <= 1
}

// parseZIP parses a ZIP code, "75201" or ZIP+4 "75201-1234", and returns
// its five digits.
func parseZIP(s string) (string, bool) {
	if len(s) == 10 && s[5] == '-' && allDigits(s[6:]) {
		s = s[:5]
	}
	if len(s) != 5 || !allDigits(s) {
		return "", false
	}
	return s, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
