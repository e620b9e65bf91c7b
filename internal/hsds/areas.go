package hsds

import (
	"regexp"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/hotline-org/hotline/internal/catalog"
	"github.com/hotline-org/hotline/internal/places"
)

// usState is a state (or DC) with its capital, for reading service areas
// written as "TX" or "Texas" and for generating synthetic directories.
type usState struct {
	code, name, capital string
	lat, lon            float64 // the capital
	areaCode            string  // a real area code of the capital
}

var usStates = []usState{
	{"AL", "Alabama", "Montgomery", 32.3668, -86.3000, "334"},
	{"AK", "Alaska", "Juneau", 58.3019, -134.4197, "907"},
	{"AZ", "Arizona", "Phoenix", 33.4484, -112.0740, "602"},
	{"AR", "Arkansas", "Little Rock", 34.7465, -92.2896, "501"},
	{"CA", "California", "Sacramento", 38.5816, -121.4944, "916"},
	{"CO", "Colorado", "Denver", 39.7392, -104.9903, "303"},
	{"CT", "Connecticut", "Hartford", 41.7658, -72.6734, "860"},
	{"DE", "Delaware", "Dover", 39.1582, -75.5244, "302"},
	{"DC", "District of Columbia", "Washington", 38.9072, -77.0369, "202"},
	{"FL", "Florida", "Tallahassee", 30.4383, -84.2807, "850"},
	{"GA", "Georgia", "Atlanta", 33.7490, -84.3880, "404"},
	{"HI", "Hawaii", "Honolulu", 21.3069, -157.8583, "808"},
	{"ID", "Idaho", "Boise", 43.6150, -116.2023, "208"},
	{"IL", "Illinois", "Springfield", 39.7817, -89.6501, "217"},
	{"IN", "Indiana", "Indianapolis", 39.7684, -86.1581, "317"},
	{"IA", "Iowa", "Des Moines", 41.5868, -93.6250, "515"},
	{"KS", "Kansas", "Topeka", 39.0473, -95.6752, "785"},
	{"KY", "Kentucky", "Frankfort", 38.2009, -84.8733, "502"},
	{"LA", "Louisiana", "Baton Rouge", 30.4515, -91.1871, "225"},
	{"ME", "Maine", "Augusta", 44.3106, -69.7795, "207"},
	{"MD", "Maryland", "Annapolis", 38.9784, -76.4922, "410"},
	{"MA", "Massachusetts", "Boston", 42.3601, -71.0589, "617"},
	{"MI", "Michigan", "Lansing", 42.7325, -84.5555, "517"},
	{"MN", "Minnesota", "Saint Paul", 44.9537, -93.0900, "651"},
	{"MS", "Mississippi", "Jackson", 32.2988, -90.1848, "601"},
	{"MO", "Missouri", "Jefferson City", 38.5767, -92.1735, "573"},
	{"MT", "Montana", "Helena", 46.5891, -112.0391, "406"},
	{"NE", "Nebraska", "Lincoln", 40.8136, -96.7026, "402"},
	{"NV", "Nevada", "Carson City", 39.1638, -119.7674, "775"},
	{"NH", "New Hampshire", "Concord", 43.2081, -71.5376, "603"},
	{"NJ", "New Jersey", "Trenton", 40.2206, -74.7597, "609"},
	{"NM", "New Mexico", "Santa Fe", 35.6870, -105.9378, "505"},
	{"NY", "New York", "Albany", 42.6526, -73.7562, "518"},
	{"NC", "North Carolina", "Raleigh", 35.7796, -78.6382, "919"},
	{"ND", "North Dakota", "Bismarck", 46.8083, -100.7837, "701"},
	{"OH", "Ohio", "Columbus", 39.9612, -82.9988, "614"},
	{"OK", "Oklahoma", "Oklahoma City", 35.4676, -97.5164, "405"},
	{"OR", "Oregon", "Salem", 44.9429, -123.0351, "503"},
	{"PA", "Pennsylvania", "Harrisburg", 40.2732, -76.8867, "717"},
	{"RI", "Rhode Island", "Providence", 41.8240, -71.4128, "401"},
	{"SC", "South Carolina", "Columbia", 34.0007, -81.0348, "803"},
	{"SD", "South Dakota", "Pierre", 44.3683, -100.3510, "605"},
	{"TN", "Tennessee", "Nashville", 36.1627, -86.7816, "615"},
	{"TX", "Texas", "Austin", 30.2672, -97.7431, "512"},
	{"UT", "Utah", "Salt Lake City", 40.7608, -111.8910, "801"},
	{"VT", "Vermont", "Montpelier", 44.2601, -72.5754, "802"},
	{"VA", "Virginia", "Richmond", 37.5407, -77.4360, "804"},
	{"WA", "Washington", "Olympia", 47.0379, -122.9007, "360"},
	{"WV", "West Virginia", "Charleston", 38.3498, -81.6326, "304"},
	{"WI", "Wisconsin", "Madison", 43.0731, -89.4012, "608"},
	{"WY", "Wyoming", "Cheyenne", 41.1400, -104.8202, "307"},
}

// usStateArea returns US-XX for a state's code or name ("TX", "texas").
func usStateArea(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, st := range usStates {
		if strings.EqualFold(s, st.code) || strings.EqualFold(s, st.name) || strings.EqualFold(s, "US-"+st.code) {
			return "US-" + st.code, true
		}
	}
	return "", false
}

// isoAreaURI is how Export names an area unambiguously in
// service_area.uri: the ISO Online Browsing Platform's address of a code.
const isoAreaURIPrefix = "https://www.iso.org/obp/ui/#iso:code:3166:"

var areaCodeRE = regexp.MustCompile(`^[A-Z]{2}(-[A-Z0-9]{1,3})?$`)

// elsewhereName names catalog.AreaElsewhere in an export.
const elsewhereName = "Elsewhere: the countries this catalog has no lines of its own for"

// areaName is a person's name for a catalog area code, for service_area.name.
func areaName(code string) string {
	switch code {
	case "global":
		return "Worldwide"
	case "EU":
		return "European Union"
	case catalog.AreaElsewhere:
		return elsewhereName
	}
	if a, ok := strings.CutPrefix(code, "US-"); ok {
		for _, st := range usStates {
			if st.code == a {
				return st.name
			}
		}
	}
	if len(code) == 2 {
		if r, err := language.ParseRegion(code); err == nil {
			if n := display.English.Regions().Name(r); n != "" {
				return n
			}
		}
	}
	return code
}

// areaResolver turns the free text of service areas into catalog areas.
type areaResolver struct {
	places *places.Resolver
}

// resolve maps one service area to a catalog area. exact is false when the
// area was widened (a county or city to its state) so the report can say.
func (a areaResolver) resolve(name, uri string) (area string, exact, ok bool) {
	if code, found := strings.CutPrefix(uri, isoAreaURIPrefix); found && areaCodeRE.MatchString(code) {
		return code, true, true
	}
	n := strings.TrimSpace(name)
	switch strings.ToLower(n) {
	case "global", "worldwide", "everywhere", "international":
		return "global", true, true
	case "eu", "european union":
		return "EU", true, true
	case "elsewhere", strings.ToLower(elsewhereName):
		return catalog.AreaElsewhere, true, true
	case "us", "usa", "united states", "united states of america", "nationwide", "national":
		return "US", true, true
	}
	// Directories are mostly American, and in them "CA" means California,
	// not Canada.
	if s, ok := usStateArea(n); ok {
		return s, true, true
	}
	if n == "" {
		return "", false, false
	}
	p, err := a.places.Resolve(n)
	if err != nil {
		return "", false, false
	}
	// "Harris County, TX" resolves to Texas: exact only for a plain name.
	plain := !strings.Contains(n, ",")
	switch {
	case p.Region != "":
		return p.Region, plain && p.Kind == "region", true
	case p.Country != "":
		return p.Country, plain && p.Kind == "country", true
	}
	return "", false, false
}
