package places

import (
	"fmt"
	"os"
	"testing"
)

func TestZZHome(t *testing.T) {
	for _, f := range []string{"/tmp/places.old.tsv", "/tmp/placesout/places.tsv"} {
		b, _ := os.ReadFile(f)
		g := loadGazetteer(string(b))
		fmt.Println(f)
		for k, refs := range g.names {
			w := g.best(refs, nil)
			we := g.entries[w]
			if we.place.Kind != kindCity || we.pop >= majorCityPopulation || we.place.Region != "" {
				continue
			}
			for _, r := range refs {
				e := g.entries[r.entry]
				if e.place.Region != "" && e.place.Kind == kindCity {
					fmt.Printf("  %q: %s (%d) over %s (%d)\n", k, we.place.Name, we.pop, e.place.Name, e.pop)
				}
			}
		}
	}
}
