package search

import (
	"cmp"
	"math"
	"slices"

	"github.com/hotline-org/hotline/internal/catalog"
)

// nearIndex finds the resources with a location near a point. bleve's geo
// queries cost milliseconds even on a small index (they enumerate ranges of
// prefix-coded terms); a grid of one-degree cells answers in microseconds
// and feeds the nearest resources to the query by id.
type nearIndex struct {
	cells map[cell][]located
}

type cell struct{ lat, lon int }

type located struct {
	id       string
	lat, lon float64
}

func cellOf(lat, lon float64) cell {
	return cell{int(math.Floor(lat)), int(math.Floor(lon))}
}

func newNearIndex(rs []*catalog.Resource) *nearIndex {
	n := &nearIndex{cells: map[cell][]located{}}
	for _, r := range rs {
		for _, l := range r.Location {
			c := cellOf(l.Latitude, l.Longitude)
			n.cells[c] = append(n.cells[c], located{r.ID, l.Latitude, l.Longitude})
		}
	}
	return n
}

// nearest returns the ids of up to max resources with a location within
// radiusKM of (lat, lon), nearest first.
func (n *nearIndex) nearest(lat, lon, radiusKM float64, max int) []string {
	dLat := radiusKM / 111.0
	dLon := radiusKM / (111.0 * math.Max(0.1, math.Cos(lat*math.Pi/180)))
	type hit struct {
		id string
		km float64
	}
	var hits []hit
	lo, hi := cellOf(lat-dLat, lon-dLon), cellOf(lat+dLat, lon+dLon)
	for la := lo.lat; la <= hi.lat; la++ {
		for lo := lo.lon; lo <= hi.lon; lo++ {
			for _, p := range n.cells[cell{la, lo}] {
				if km := haversineKM(lat, lon, p.lat, p.lon); km <= radiusKM {
					hits = append(hits, hit{p.id, km})
				}
			}
		}
	}
	slices.SortFunc(hits, func(a, b hit) int { return cmp.Compare(a.km, b.km) })
	var ids []string
	seen := map[string]bool{}
	for _, h := range hits {
		if !seen[h.id] {
			seen[h.id] = true
			ids = append(ids, h.id)
			if len(ids) == max {
				break
			}
		}
	}
	return ids
}
