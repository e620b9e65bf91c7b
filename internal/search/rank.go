package search

import (
	"math"
	"slices"
	"strings"

	"github.com/hotline-org/hotline/internal/catalog"
)

// Weights of the ranking signals. Text relevance leads; the rest lift what
// fits the person: the topic they mean, the kind of help they ask for, the
// front-door lines, their audience, and what is near them.
const (
	weightText     = 0.40
	weightTopic    = 0.30
	weightKind     = 0.30
	weightPriority = 0.10
	weightNear     = 0.30
	weightRegion   = 0.05

	// Resources written for staff are kept from young people unless
	// nothing else fits; youth resources are a small plus for them.
	penaltyStaffForYouth = 0.30
	bonusAudience        = 0.03

	// A line for one group (Native people, LGBTQ+ youth) is for messages
	// that show that group; to others it would be filler, or a wrong door.
	penaltyOtherPopulation = 0.5

	// Emergency numbers are for triage, which asks for them by topic; they
	// should not crowd out the answer to an ordinary question.
	penaltyEmergency = 0.25

	// Without a place, resources that do not serve the person's likely
	// country (a UK line for someone in Texas) rank lower.
	penaltyOtherCountry = 0.30

	// Without a place, a local program (one city or state) is less likely
	// to reach the person than a national one.
	penaltyLocalUnplaced = 0.15

	// Hotlines are the front door: a person is one call away from help,
	// and first of all when the message is about harm to the person.
	bonusHotline     = 0.06
	bonusHotlineHarm = 0.10

	// Each result of a kind already shown counts this much less, so that
	// a reply mixes kinds unless the person asked for one.
	penaltySameKind = 0.12

	// Distance at which the nearness signal has halved.
	halfNearKM = 40.0
)

func rank(r *catalog.Resource, text float64, q Query, wanted map[string]float64, kinds []string, harm bool) Result {
	res := Result{Resource: r}
	s := weightText * text

	if len(wanted) > 0 {
		// The share of the evidence the resource's topics cover, against
		// the two strongest topics: a resource need not cover every topic
		// a long message touches.
		var got float64
		for t, w := range wanted {
			if slices.Contains(r.Topics, t) {
				got += w
			}
		}
		s += weightTopic * min(1, got/topTwo(wanted))
	}
	if slices.Contains(kinds, r.Kind) {
		s += weightKind
	}
	if r.Kind == catalog.KindHotline {
		s += bonusHotline
		if harm {
			s += bonusHotlineHarm
		}
	}
	if q.Place == nil && q.Country != "" && !r.ServesCountry(q.Country) {
		s -= penaltyOtherCountry
	}
	if q.Place == nil && isLocal(r) {
		s -= penaltyLocalUnplaced
	}
	s += weightPriority * float64(r.Priority) / 10

	switch {
	case q.Audience == catalog.AudienceYouth && r.Audience == catalog.AudienceStaff:
		s -= penaltyStaffForYouth
	case q.Audience != "" && q.Audience != catalog.AudienceAll && q.Audience == r.Audience:
		s += bonusAudience
	}
	if _, shown := wanted[r.Population]; r.Population != "" && !shown {
		s -= penaltyOtherPopulation
	}
	if _, asked := wanted["emergency"]; slices.Contains(r.Topics, "emergency") && !asked {
		s -= penaltyEmergency
	}

	if p := q.Place; p != nil {
		if p.Region != "" && slices.Contains(r.Areas, p.Region) {
			s += weightRegion
		}
		if !pointLike(p.Kind) {
			// A state or a country has no meaningful distance from a
			// service: its centre is nowhere in particular.
			res.Score = math.Round(s*1000) / 1000
			return res
		}
		for i := range r.Location {
			l := &r.Location[i]
			d := haversineKM(p.Lat, p.Lon, l.Latitude, l.Longitude)
			if res.DistanceKM == nil || d < *res.DistanceKM {
				res.DistanceKM, res.Location = &d, l
			}
		}
		if res.DistanceKM != nil {
			s += weightNear * halfNearKM / (halfNearKM + *res.DistanceKM)
		}
	}
	res.Score = math.Round(s*1000) / 1000
	return res
}

// topTwo is the sum of the two largest weights.
func topTwo(w map[string]float64) float64 {
	var a, b float64
	for _, v := range w {
		switch {
		case v > a:
			a, b = v, a
		case v > b:
			b = v
		}
	}
	return a + b
}

// pointLike reports whether a place kind is precise enough to measure
// distances from: coordinates, a ZIP code, a city.
func pointLike(kind string) bool {
	return kind != "region" && kind != "country"
}

// isLocal reports whether r serves only parts of countries.
func isLocal(r *catalog.Resource) bool {
	for _, a := range r.Areas {
		if !strings.Contains(a, "-") {
			return false
		}
	}
	return len(r.Areas) > 0
}

// diversify reorders ranked results so that one kind does not crowd out
// the others, unless the person asked for that kind: three warning signs are
// a worse answer to "he has my nudes" than a sign, a guide and a hotline.
//
// Only the first n places are settled: nobody is shown more.
func diversify(rs []Result, kinds []string, n int) {
	// How many of each kind are placed, for the kinds not asked for; the
	// inner loop runs for every pair of results, so it reads a slice.
	taken := map[string]*int{}
	counts := make([]*int, len(rs))
	for j, r := range rs {
		if slices.Contains(kinds, r.Resource.Kind) {
			continue
		}
		if taken[r.Resource.Kind] == nil {
			taken[r.Resource.Kind] = new(int)
		}
		counts[j] = taken[r.Resource.Kind]
	}
	for i := range min(n, len(rs)) {
		best, bestScore := i, math.Inf(-1)
		for j := i; j < len(rs); j++ {
			s := rs[j].Score
			if c := counts[j]; c != nil {
				s -= penaltySameKind * float64(*c)
			}
			if s > bestScore {
				best, bestScore = j, s
			}
		}
		moved, count := rs[best], counts[best]
		copy(rs[i+1:best+1], rs[i:best])
		copy(counts[i+1:best+1], counts[i:best])
		rs[i], counts[i] = moved, count
		rs[i].Score = math.Round(bestScore*1000) / 1000
		if count != nil {
			*count++
		}
	}
}

func haversineKM(lat1, lon1, lat2, lon2 float64) float64 {
	const earthKM = 6371.0
	rad := math.Pi / 180
	dLat, dLon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthKM * math.Asin(math.Sqrt(a))
}
