package main

import (
	"log"
	"sort"
	"strings"
	"unicode"

	"github.com/pariz/gountries"
	"golang.org/x/text/unicode/norm"
)

type country struct {
	code     string
	lat, lon float64
	names    []string
}

type region struct {
	code     string // ISO 3166-2
	lat, lon float64
	names    []string
}

// nativeLanguages are the languages whose native country names are kept:
// those of the hotline's users. Others would add names nobody types here.
var nativeLanguages = []string{"eng", "spa", "por", "fra"}

func buildCountries() []country {
	q := gountries.New()
	var out []country
	for code, c := range q.Countries {
		names := []string{c.Name.Common, c.Name.Official}
		if t, ok := c.Translations["SPA"]; ok {
			names = append(names, t.Common, t.Official)
		} else if s, ok := spanishCountryNames[code]; ok {
			names = append(names, s...)
		} else if c.Geo.Region == "Americas" || c.Geo.Region == "Europe" {
			log.Fatalf("country %s (%s) has no Spanish name", code, c.Name.Common)
		}
		for _, lang := range nativeLanguages {
			if n, ok := c.Name.Native[lang]; ok {
				names = append(names, n.Common, n.Official)
			}
		}
		names = append(names, countryAliases[code]...)
		if c.Coordinates.Latitude == 0 && c.Coordinates.Longitude == 0 {
			log.Fatalf("country %s has no coordinates", code)
		}
		lat, lon := c.Coordinates.Latitude, c.Coordinates.Longitude
		if fix, ok := countryCentres[code]; ok {
			lat, lon = fix[0], fix[1]
		}
		out = append(out, country{code: code, lat: lat, lon: lon, names: dedupeNames(latinOnly(names))})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].code < out[j].code })
	// gountries has given neighbours one centre before (KR and KP, CG and
	// CD); catch it again.
	at := make(map[[2]float64]string)
	for _, c := range out {
		k := [2]float64{c.lat, c.lon}
		if other, ok := at[k]; ok && !(other == "MF" && c.code == "SX") {
			log.Fatalf("countries %s and %s share a centre; fix one in countryCentres", other, c.code)
		}
		at[k] = c.code
	}
	return out
}

// regionCountries are the countries whose first-level subdivisions are
// places of their own. Elsewhere subdivisions are left out: the UK alone
// has 230, among them "Down" and "Bury".
var regionCountries = []string{"US", "CA", "MX", "AU"}

// skippedRegions are postal pseudo-regions (US armed forces) and
// uninhabited ones.
var skippedRegions = map[string]bool{"US-AA": true, "US-AE": true, "US-AP": true, "US-UM": true}

// abbreviation returns the part of a region's ISO code that people write
// as its abbreviation: for US states, Canadian provinces, and the
// Australian states whose codes do not clash with those (WA, SA and NT do).
func abbreviation(code string) (string, bool) {
	cc, sub, _ := strings.Cut(code, "-")
	switch cc {
	case "US", "CA":
		return sub, true
	case "AU":
		switch sub {
		case "NSW", "QLD", "VIC", "TAS", "ACT":
			return sub, true
		}
	}
	return "", false
}

func buildRegions() []region {
	q := gountries.New()
	var out []region
	for _, cc := range regionCountries {
		c := q.Countries[cc]
		for _, s := range c.SubDivisions() {
			code := cc + "-" + s.Code
			if skippedRegions[code] {
				continue
			}
			r := region{code: code, lat: s.Coordinates.Latitude, lon: s.Coordinates.Longitude}
			names := append([]string{s.Name}, s.Names...)
			if fix, ok := regionFixes[code]; ok {
				r.code, names = fix.code, fix.names
			}
			if c, ok := regionCentres[r.code]; ok {
				r.lat, r.lon = c[0], c[1]
			}
			if a, ok := abbreviation(r.code); ok {
				names = append(names, a)
			}
			names = append(names, regionAliases[r.code]...)
			r.names = dedupeNames(names)
			if r.lat == 0 || r.lon == 0 {
				log.Fatalf("region %s has no coordinates", r.code)
			}
			for _, n := range r.names {
				if fold(n) == fold(c.Name.Common) {
					log.Fatalf("region %s is named like its country; rename it in regionFixes", r.code)
				}
			}
			out = append(out, r)
		}
	}
	out = append(out, ukNations...)
	for i := range out {
		out[i].names = dedupeNames(append(out[i].names, areaNames[out[i].code]...))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].code < out[j].code })
	return out
}

// county is a part of a region that people name as where they are: one
// of ukCounties, filed under its nation so that a place in it finds the
// nation's services.
type county struct {
	nation string // the nation's ISO 3166-2 code
	region
}

// buildCounties reads ukCounties' names and centres from gountries.
func buildCounties() []county {
	subs := map[string]gountries.SubDivision{}
	gb := gountries.New().Countries["GB"]
	for _, s := range gb.SubDivisions() {
		subs[s.Code] = s
	}
	var out []county
	for nation, codes := range ukCounties {
		for code, aliases := range codes {
			s, ok := subs[code]
			if !ok {
				log.Fatalf("ukCounties: gountries has no GB-%s", code)
			}
			// gountries names some "Herefordshire, County of" or "Scottish
			// Borders, The" (the aliases hold the plain names), and gives
			// some a Welsh name and code in brackets.
			name, _, _ := strings.Cut(s.Name, " [")
			names := append([]string{name}, aliases...)
			if strings.Contains(name, ",") {
				names = names[1:]
			}
			c := county{nation, region{code: "GB-" + code, lat: s.Coordinates.Latitude, lon: s.Coordinates.Longitude, names: dedupeNames(names)}}
			if centre, ok := regionCentres[c.code]; ok {
				c.lat, c.lon = centre[0], centre[1]
			}
			if c.lat == 0 || c.lon == 0 {
				log.Fatalf("county %s has no coordinates; add them to regionCentres", c.code)
			}
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].code < out[j].code })
	return out
}

// fold lower-cases s and strips diacritics, to compare names.
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// dedupeNames drops empty names and names that differ from an earlier one
// only in case and accents, keeping the order (the first is the display
// name).
func dedupeNames(names []string) []string {
	seen := make(map[string]bool)
	var out []string
	for _, n := range names {
		n = strings.TrimSpace(n)
		if strings.ContainsAny(n, "|\t\n") {
			log.Fatalf("name %q holds a separator", n)
		}
		if k := fold(n); n != "" && !seen[k] {
			seen[k] = true
			out = append(out, n)
		}
	}
	return out
}

// latinOnly drops names in other scripts, which the hotline's users do not
// type and which would only enlarge the table.
func latinOnly(names []string) []string {
	var out []string
	for _, n := range names {
		ok := true
		for _, r := range n {
			if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, n)
		}
	}
	return out
}
