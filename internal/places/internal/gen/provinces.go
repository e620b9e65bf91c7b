package main

import (
	"encoding/json"
	"log"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/pariz/gountries"
)

// A province is a subdivision of a country whose regions are not places
// of their own (regionCountries) and that is not the UK: a Guatemalan
// department, an Irish county, an Indian state. It is filed under its
// country's code: the table knows where such a person is only to give
// them their country's emergency numbers ("una finca en Huehuetenango",
// "a farm in Kildare", "back in Kerala now").

// maxProvinces leaves out the countries that list their municipalities
// as subdivisions (Slovenia's 193): nobody outside names them, and each
// is one more name that may be a word somewhere.
const maxProvinces = 120

// provincePrefixes are the words people put before an Irish county's
// name: "County Mayo", "Co. Cork". They make names that are also words
// ("Mayo", "Cork", "Limerick") safe to read as places.
var provincePrefixes = map[string][]string{"IE": {"County", "Co"}}

// buildProvinces reads every country's subdivisions from gountries and
// keeps the names no table already holds, that have four letters or more
// and that are no word (all of their words, for names of several: "La
// Libertad", "Madre de Dios", "West Coast" are phrases before they are
// places): no English word, and no Spanish word but where English is
// spoken and Spanish is not ("a farm in Cavan": "cavan" is Spanish for
// "they dig", but nobody writes "en cavan").
func buildProvinces(taken [][]string, english, spanish map[string]bool) []county {
	seen := map[string]bool{}
	for _, names := range taken {
		for _, n := range names {
			seen[fold(n)] = true
		}
	}
	q := gountries.New()
	isCountry := make(map[string]bool, len(q.Countries))
	for cc := range q.Countries {
		isCountry[cc] = true
	}
	var out []county
	for cc, c := range q.Countries {
		if cc == "GB" || slices.Contains(regionCountries, cc) {
			continue
		}
		subs := c.SubDivisions()
		if len(subs) > maxProvinces {
			continue
		}
		_, eng := c.Languages["eng"]
		_, spa := c.Languages["spa"]
		isWord := func(key string) bool {
			return allWords(key, english) || !(eng && !spa) && allWords(key, spanish)
		}
		for _, s := range subs {
			if isTerritory(cc, s.Code, isCountry) {
				continue
			}
			var names []string
			own := provinceNames(s.Name)
			for _, p := range provincePrefixes[cc] {
				for _, n := range own {
					names = append(names, p+" "+n)
				}
			}
			for _, n := range own {
				if k := fold(n); !seen[k] && len(k) >= 4 && !isWord(k) && !strings.Contains(n, ",") {
					names = append(names, n)
				}
			}
			names = dedupeNames(latinOnly(names))
			if len(names) == 0 || s.Coordinates.Latitude == 0 || s.Coordinates.Longitude == 0 {
				continue
			}
			out = append(out, county{cc, region{code: cc + "-" + s.Code, lat: s.Coordinates.Latitude, lon: s.Coordinates.Longitude, names: names}})
		}
	}
	// A name two countries' provinces share (Limburg, Belgian and Dutch)
	// says neither.
	count := map[string]int{}
	for _, p := range out {
		for _, n := range p.names {
			count[fold(n)]++
		}
	}
	kept := out[:0]
	for _, p := range out {
		p.names = slices.DeleteFunc(p.names, func(n string) bool { return count[fold(n)] > 1 })
		if len(p.names) > 0 {
			kept = append(kept, p)
		}
	}
	out = kept
	sort.Slice(out, func(i, j int) bool { return out[i].code < out[j].code })
	return out
}

// bracketed is gountries' other name of a subdivision: "Cuzco [Cusco]".
var bracketed = regexp.MustCompile(`^(.*?)\s*\[(.*)\]$`)

// languageTag is gountries' mark of a name's language: "Nei Mongol (mn)".
var languageTag = regexp.MustCompile(`\s*\([a-z]{2}\)$`)

// provinceNames splits gountries' name of a subdivision into the names
// people write: "Cuzco [Cusco]" is both; "Atlántico Norte*" and "Taiwan
// *" lose their mark, "Nei Mongol (mn)" its language.
func provinceNames(name string) []string {
	name = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(name), "*"))
	name = languageTag.ReplaceAllString(name, "")
	if m := bracketed.FindStringSubmatch(name); m != nil {
		return []string{m[1], m[2]}
	}
	return []string{name}
}

// isTerritory reports whether a subdivision is a country of its own in
// ISO 3166-1, which the table holds as such: Taiwan, Hong Kong and Macao
// among China's subdivisions, the Dutch Caribbean, and France's overseas
// collectivities (FR-NC, New Caledonia: France's only two-letter codes).
// Filed as provinces, their names would read as the other country.
func isTerritory(country, code string, countries map[string]bool) bool {
	switch country + "-" + code {
	case "CN-71", "CN-91", "CN-92", "CN-TW", "CN-HK", "CN-MO", "NL-AW", "NL-CW", "NL-SX":
		return true
	}
	return country == "FR" && countries[code]
}

// allWords reports whether every word of the folded name is a word.
func allWords(key string, words map[string]bool) bool {
	for w := range strings.FieldsFuncSeq(key, func(r rune) bool { return r == ' ' || r == '-' || r == '\'' }) {
		if !words[w] {
			return false
		}
	}
	return true
}

// readWords folds the words of a JSON array of strings (the npm packages
// an-array-of-english-words and an-array-of-spanish-words).
func readWords(raw []byte) map[string]bool {
	var list []string
	if err := json.Unmarshal(raw, &list); err != nil {
		log.Fatalf("word list: %v", err)
	}
	words := make(map[string]bool, len(list))
	for _, w := range list {
		words[fold(w)] = true
	}
	if len(words) < 100_000 {
		log.Fatalf("word lists hold only %d words", len(words))
	}
	return words
}
