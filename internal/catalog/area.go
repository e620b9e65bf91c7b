package catalog

import (
	"slices"
	"strings"
)

// AreaElsewhere is the area of a resource for the countries the catalog
// has no lines of its own for: a directory that lists the lines there
// (LinesFile's elsewhere). Search never offers it; the lines do.
const AreaElsewhere = "elsewhere"

// euMembers are the countries an "EU" area covers.
var euMembers = []string{"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
	"IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"}

// AreasFor lists every area code that covers a place in country (and, when
// known, region, an ISO 3166-2 code such as US-TX).
func AreasFor(country, region string) []string {
	areas := []string{"global"}
	if country != "" {
		areas = append(areas, country)
		if slices.Contains(euMembers, country) {
			areas = append(areas, "EU")
		}
	}
	if region != "" {
		areas = append(areas, region)
	}
	return areas
}

// areaCountry is the country an area code names ("US" for "US" and
// "US-TX"), or "" for "EU", "global" and "elsewhere".
func areaCountry(area string) string {
	cc, _, _ := strings.Cut(area, "-")
	if len(cc) != 2 || cc == "EU" {
		return ""
	}
	return cc
}

// Country is the one country whose places r serves ("US" for areas US and
// US-TX), or "" for a resource of several countries, the EU or everywhere.
func (r *Resource) Country() string {
	country := ""
	for _, a := range r.Areas {
		cc := areaCountry(a)
		if cc == "" || country != "" && cc != country {
			return ""
		}
		country = cc
	}
	return country
}

// ServesCountry reports whether r serves anywhere in country: the whole
// country, a part of it, the EU for a member, everywhere, or, for an
// AreaElsewhere resource of a loaded catalog, a country it has no lines for.
func (r *Resource) ServesCountry(country string) bool {
	for _, a := range r.Areas {
		c, _, _ := strings.Cut(a, "-")
		if c == country || a == "global" || (a == "EU" && slices.Contains(euMembers, country)) ||
			(a == AreaElsewhere && r.covered != nil && country != "" && !r.covered[country]) {
			return true
		}
	}
	return false
}
