package catalog

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// Due is an entry of the catalog due for checking again: a resource, or a
// country's emergency numbers in CountriesFile.
type Due struct {
	ID       string // the resource's id, or "country:AR"
	Name     string // in English
	Verified Date
	Source   string // where to check it
	File     string // the file to edit
}

// Stale returns the entries last verified more than maxAge before now,
// oldest first: the maintainers' re-verification worklist. A wrong
// emergency number is as bad as a wrong hotline, so countries count too.
func (c *Catalog) Stale(now time.Time, maxAge time.Duration) []Due {
	var out []Due
	for _, r := range c.Resources {
		if now.Sub(r.Verified.Time) > maxAge {
			out = append(out, Due{r.ID, r.Name.In("en"), r.Verified, r.Source, r.File})
		}
	}
	for _, k := range c.Countries {
		if now.Sub(k.Verified.Time) > maxAge {
			var source string
			if len(k.Sources) > 0 {
				source = k.Sources[0]
			}
			out = append(out, Due{"country:" + k.Code, "Emergency numbers of " + k.Code, k.Verified, source, CountriesFile})
		}
	}
	slices.SortStableFunc(out, func(a, b Due) int {
		return cmp.Or(a.Verified.Compare(b.Verified.Time), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// AreaCoverage says, for one country or subdivision, which topics people
// there can find help for, and how close.
type AreaCoverage struct {
	Area     string   `json:"area"`
	Local    []string `json:"local"`    // topics with a service for this area itself
	National []string `json:"national"` // topics with only country-wide (or wider) resources
	None     []string `json:"none"`     // topics with nothing at all
}

// Coverage reports, for every country the catalog serves and for each of
// its subdivisions in subdivisions (e.g. every US state), which topics have
// local services and which only national resources. The emergency topic is
// left out: every country has its number.
func (c *Catalog) Coverage(subdivisions []string) []AreaCoverage {
	countries := map[string]bool{}
	for _, r := range c.Resources {
		for _, a := range r.Areas {
			if cc := areaCountry(a); cc != "" {
				countries[cc] = true
			}
		}
	}
	areas := slices.Sorted(func(yield func(string) bool) {
		for cc := range countries {
			if !yield(cc) {
				return
			}
		}
	})
	for _, s := range subdivisions {
		if cc, _, _ := strings.Cut(s, "-"); countries[cc] && !slices.Contains(areas, s) {
			areas = append(areas, s)
		}
	}
	slices.Sort(areas)

	var out []AreaCoverage
	for _, area := range areas {
		country, _, isSub := strings.Cut(area, "-")
		cov := AreaCoverage{Area: area, Local: []string{}, National: []string{}, None: []string{}}
		for _, t := range c.Topics {
			if t.ID == "emergency" {
				continue
			}
			local, wide := false, false
			for _, r := range c.Resources {
				if !slices.Contains(r.Topics, t.ID) || r.Kind == KindWarningSign || r.Kind == KindGuide {
					continue
				}
				for _, a := range r.Areas {
					switch {
					case r.Kind == KindService && (a == area || (!isSub && strings.HasPrefix(a, area+"-"))):
						local = true
					case a == country || a == "global" || (a == "EU" && slices.Contains(euMembers, country)):
						wide = true
					}
				}
			}
			switch {
			case local:
				cov.Local = append(cov.Local, t.ID)
			case wide:
				cov.National = append(cov.National, t.ID)
			default:
				cov.None = append(cov.None, t.ID)
			}
		}
		out = append(out, cov)
	}
	return out
}

// Subdivisions lists the ISO 3166-2 codes of country's subdivisions that the
// catalog accepts as areas (for US: the states, DC and the territories).
func Subdivisions(country string) []string {
	var out []string
	for line := range strings.Lines(subdivisionList) {
		code := strings.TrimSpace(line)
		if strings.HasPrefix(code, country+"-") {
			out = append(out, code)
		}
	}
	return out
}
