package places

import (
	"cmp"
	"math"
	"slices"
)

// locateRadiusKM is how far from a known city Locate still places a
// location in it. The table holds towns of 50,000 people or more in the
// US, Canada, the UK, Mexico and Australia, so in those countries most
// people live well within this of one; in the EU and Latin America it
// holds the big cities, elsewhere only capitals.
const locateRadiusKM = 150

// kmPerDegree is the length of a degree of latitude (or of longitude at
// the equator) on a sphere of the Earth's mean radius, 6,371 km.
const kmPerDegree = 6371.0088 * math.Pi / 180

// cityPoint is a city's position, kept apart from its entry so that Locate
// scans 24-byte records rather than whole entries.
type cityPoint struct {
	lat, lon float64
	entry    int32
}

// indexCities fills g.cities, sorted by latitude so that Locate looks only
// at the band of cities within its radius north or south.
func (g *gazetteer) indexCities() {
	for i := range g.entries {
		if p := &g.entries[i].place; p.Kind == kindCity {
			g.cities = append(g.cities, cityPoint{lat: p.Lat, lon: p.Lon, entry: int32(i)})
		}
	}
	slices.SortStableFunc(g.cities, func(a, b cityPoint) int { return cmp.Compare(a.lat, b.lat) })
}

// Locate returns the coarse place around a shared location: the nearest
// known city within maxKM, with its country and region, so the bot knows
// which country's emergency number and hotlines apply. ok is false when no
// known city is that close (the sea, a remote area).
//
// maxKM is locateRadiusKM, about 150 km. The Place has Kind
// "coordinates" and Lat and Lon as given; its Name, Country and Region
// are the city's ("Dallas, TX", "US", "US-TX"). Latitude must lie in
// [-90, 90] and longitude in [-180, 180], else ok is false.
//
// The nearest city is not always the one the location is in: near a
// border, or near a town too small for the table, it may be across the
// border. The nearest to Chelsea, Manhattan, is Hoboken, NJ; to Nogales,
// Arizona, Nogales, Sonora. Distances are equirectangular, good to well
// under 1% at these ranges, and wrap around the antimeridian.
func (r *Resolver) Locate(lat, lon float64) (p Place, ok bool) {
	// The comparisons are false for NaN, so NaN is rejected too.
	if !(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180) {
		return Place{}, false
	}
	g := r.gazetteer()
	i := g.nearestCity(lat, lon, locateRadiusKM)
	if i < 0 {
		return Place{}, false
	}
	c := &g.entries[i].place
	return Place{
		Name:    c.Name,
		Lat:     lat,
		Lon:     lon,
		Country: c.Country,
		Region:  c.Region,
		Kind:    kindCoordinates,
	}, true
}

// nearestCity returns the entry of the city nearest to lat, lon within
// maxKM, or -1. Of cities at the same distance it returns the first in
// the table.
func (g *gazetteer) nearestCity(lat, lon, maxKM float64) int32 {
	maxDeg := maxKM / kmPerDegree
	// Degrees of longitude shrink by cos(latitude); taking the query's
	// latitude for every city is exact enough within maxKM.
	kx := math.Cos(lat * math.Pi / 180)
	best, bestD2 := int32(-1), maxDeg*maxDeg
	start, _ := slices.BinarySearchFunc(g.cities, lat-maxDeg, func(c cityPoint, t float64) int {
		return cmp.Compare(c.lat, t)
	})
	for _, c := range g.cities[start:] {
		dy := c.lat - lat
		if dy > maxDeg {
			break
		}
		dx := math.Abs(c.lon - lon)
		if dx > 180 {
			dx = 360 - dx
		}
		dx *= kx
		if d2 := dx*dx + dy*dy; d2 <= bestD2 && (best < 0 || d2 < bestD2 || c.entry < best) {
			best, bestD2 = c.entry, d2
		}
	}
	return best
}
