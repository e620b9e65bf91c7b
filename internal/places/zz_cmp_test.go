package places

import (
	"fmt"
	"os"
	"sort"
	"testing"
)

func TestZZCompare(t *testing.T) {
	ob, _ := os.ReadFile("/tmp/places.old.tsv")
	nb, _ := os.ReadFile("/tmp/placesout/places.tsv")
	og, ng := loadGazetteer(string(ob)), loadGazetteer(string(nb))
	var keys []string
	for k := range ng.names {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		n := ng.entries[ng.best(ng.names[k], nil)].place
		if refs, ok := og.names[k]; ok {
			o := og.entries[og.best(refs, nil)].place
			if o.Name != n.Name {
				fmt.Printf("CHANGED %q: %s -> %s\n", k, o.Name, n.Name)
			}
		} else if len(ng.names[k]) > 1 {
			var s []string
			for _, r := range ng.names[k] {
				s = append(s, ng.entries[r.entry].place.Name)
			}
			fmt.Printf("SHARED %q: %s  %v\n", k, n.Name, s)
		}
	}
}
