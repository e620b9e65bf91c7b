package places

import (
	"math"
	"math/rand/v2"
	"sync"
	"testing"
)

func TestLocate(t *testing.T) {
	tests := []struct {
		name                  string
		lat, lon              float64
		want, country, region string // want is Place.Name; "" for none
	}{
		// The nearest city to Midtown is the Manhattan entry (centred on
		// Central Park), not New York City's (at City Hall).
		{"Midtown Manhattan", 40.7549, -73.9840, "Manhattan, NY", "US", "US-NY"},
		{"downtown Dallas", 32.7767, -96.7970, "Dallas, TX", "US", "US-TX"},
		{"central London", 51.5074, -0.1278, "London, England", "GB", "GB-ENG"},
		{"Toronto", 43.6532, -79.3832, "Toronto, ON", "CA", "CA-ON"},
		{"Mexico City", 19.4326, -99.1332, "Mexico City, Ciudad de México", "MX", "MX-CMX"},
		{"Sydney", -33.8688, 151.2093, "Sydney, NSW", "AU", "AU-NSW"},
		{"Honolulu", 21.3069, -157.8583, "Honolulu, HI", "US", "US-HI"},
		{"a capital without regions", 48.8566, 2.3522, "Paris, France", "FR", ""},
		{"a big city without regions", 43.7102, 7.2620, "Nice, France", "FR", ""},
		{"Chamartín, Madrid", 40.4722, -3.6786, "Madrid, Spain", "ES", ""},
		{"Medellín", 6.2442, -75.5812, "Medellín, Colombia", "CO", ""},
		// 100 km out of Dallas, still within the radius.
		{"rural Texas", 32.7767, -95.73, "Tyler, TX", "US", "US-TX"},
		// Across the antimeridian from Funafuti, Tuvalu (179.19° E).
		{"antimeridian", -8.52, -179.5, "Funafuti, Tuvalu", "TV", ""},

		// Too far from any known city.
		{"mid-Atlantic", 35, -40, "", "", ""},
		{"South Pacific", -40, -120, "", "", ""},
		{"North Pole", 90, 0, "", "", ""},
		{"South Pole", -90, 180, "", "", ""},

		// Not coordinates.
		{"lat 91", 91, 0, "", "", ""},
		{"lat -91", -91, 0, "", "", ""},
		{"lon 181", 40.7549, 181, "", "", ""},
		{"lon -180.5", 40.7549, -180.5, "", "", ""},
		{"NaN lat", math.NaN(), -73.9840, "", "", ""},
		{"NaN lon", 40.7549, math.NaN(), "", "", ""},
		{"+Inf", math.Inf(1), 0, "", "", ""},
		{"-Inf", 0, math.Inf(-1), "", "", ""},
	}
	for _, tt := range tests {
		got, ok := resolver.Locate(tt.lat, tt.lon)
		if tt.want == "" {
			if ok || got != (Place{}) {
				t.Errorf("%s: Locate(%v, %v) = %+v, %v; want none", tt.name, tt.lat, tt.lon, got, ok)
			}
			continue
		}
		want := Place{Name: tt.want, Lat: tt.lat, Lon: tt.lon, Country: tt.country, Region: tt.region, Kind: "coordinates"}
		if !ok || got != want {
			t.Errorf("%s: Locate(%v, %v) = %+v, %v; want %+v", tt.name, tt.lat, tt.lon, got, ok, want)
		}
	}
}

// TestLocateRadius checks the edge of the radius due north of a city,
// where a degree is kmPerDegree long whatever the latitude.
func TestLocateRadius(t *testing.T) {
	g := resolver.gazetteer()
	// Apia, Samoa: no other known city within 700 km.
	c := g.entries[g.best(g.names["apia"], isCity)].place
	if c.Country != "WS" {
		t.Fatalf("apia = %+v", c)
	}
	for _, tt := range []struct {
		km float64
		ok bool
	}{{0, true}, {100, true}, {locateRadiusKM - 0.5, true}, {locateRadiusKM + 0.5, false}, {300, false}} {
		p, ok := resolver.Locate(c.Lat+tt.km/kmPerDegree, c.Lon)
		if ok != tt.ok || ok && p.Name != c.Name {
			t.Errorf("%v km north of Apia: %+v, %v; want ok=%v", tt.km, p, ok, tt.ok)
		}
	}
}

// TestLocateMatchesScan checks the latitude band search against a plain
// scan of every city, at random points near cities and anywhere.
func TestLocateMatchesScan(t *testing.T) {
	g := resolver.gazetteer()
	if len(g.cities) < 1500 {
		t.Fatalf("%d cities indexed", len(g.cities))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	found := 0
	for range 5000 {
		var lat, lon float64
		if rng.IntN(4) > 0 { // within 2° of a city
			c := g.cities[rng.IntN(len(g.cities))]
			lat = max(-90, min(90, c.lat-2+rng.Float64()*4))
			lon = c.lon - 2 + rng.Float64()*4
			lon -= 360 * math.Round(lon/360) // wrap into [-180, 180]
		} else { // anywhere
			lat, lon = -90+rng.Float64()*180, -180+rng.Float64()*360
		}
		got := g.nearestCity(lat, lon, locateRadiusKM)
		want := scanNearest(g, lat, lon, locateRadiusKM)
		if got >= 0 {
			found++
		}
		if got == want {
			continue
		}
		// The equirectangular distance may differ from the haversine by
		// up to a percent (Locate's promise): between two cities at
		// nearly the same distance, or at the edge of the radius, either
		// answer is right.
		gotKM, wantKM := distanceTo(g, got, lat, lon), distanceTo(g, want, lat, lon)
		if math.Abs(gotKM-wantKM) > max(1, wantKM/100) {
			t.Errorf("nearestCity(%v, %v) = %d at %.1f km, scan finds %d at %.1f km", lat, lon, got, gotKM, want, wantKM)
		}
	}
	if found < 2500 {
		t.Errorf("only %d of 5000 points found a city", found)
	}
}

// distanceTo returns the haversine distance from lat, lon to city i, or
// locateRadiusKM for none.
func distanceTo(g *gazetteer, i int32, lat, lon float64) float64 {
	if i < 0 {
		return locateRadiusKM
	}
	return haversineKM(lat, lon, g.entries[i].place.Lat, g.entries[i].place.Lon)
}

// scanNearest is nearestCity written as plainly as possible, with the
// haversine distance.
func scanNearest(g *gazetteer, lat, lon, maxKM float64) int32 {
	best, bestKM := int32(-1), math.Inf(1)
	for i, e := range g.entries {
		if e.place.Kind != kindCity {
			continue
		}
		km := haversineKM(lat, lon, e.place.Lat, e.place.Lon)
		if km <= maxKM && km < bestKM {
			best, bestKM = int32(i), km
		}
	}
	return best
}

func haversineKM(lat1, lon1, lat2, lon2 float64) float64 {
	const rad = math.Pi / 180
	dlat, dlon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) +
		math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * kmPerDegree / rad * math.Asin(math.Sqrt(a))
}

func TestLocateConcurrentFirstUse(t *testing.T) {
	r := NewResolver()
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if p, ok := r.Locate(32.7767, -96.7970); !ok || p.Region != "US-TX" {
				t.Errorf("Locate = %+v, %v", p, ok)
			}
		})
	}
	wg.Wait()
}

func BenchmarkLocate(b *testing.B) {
	for _, bm := range []struct {
		name     string
		lat, lon float64
	}{
		{"NewYork", 40.7549, -73.9840}, // the densest band of the table
		{"MexicoCity", 19.4326, -99.1332},
		{"Atlantic", 35, -40},
	} {
		b.Run(bm.name, func(b *testing.B) {
			resolver.Locate(bm.lat, bm.lon)
			b.ReportAllocs()
			for b.Loop() {
				resolver.Locate(bm.lat, bm.lon)
			}
		})
	}
}
