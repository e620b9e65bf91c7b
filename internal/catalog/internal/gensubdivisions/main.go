// Command gensubdivisions writes the ISO 3166-2 subdivision codes that the
// catalog accepts as areas, one per line, from github.com/pariz/gountries.
// Loading gountries itself takes about 90 ms and 4 MB, too much for every
// catalog load, so the catalog embeds this derived list instead.
package main

import (
	"fmt"
	"os"
	"slices"

	"github.com/pariz/gountries"
)

func main() {
	q := gountries.New()
	var codes []string
	// US-AA, US-AE and US-AP are the armed forces' postal regions, not
	// places a service can be in.
	skip := map[string]bool{"US-AA": true, "US-AE": true, "US-AP": true}
	for _, c := range q.FindAllCountries() {
		for _, s := range c.SubDivisions() {
			if s.Code != "" && !skip[c.Alpha2+"-"+s.Code] {
				codes = append(codes, c.Alpha2+"-"+s.Code)
			}
		}
	}
	// Codes current in ISO 3166-2 that gountries lacks: the nations of the
	// United Kingdom and Mexico City (MX-CMX since 2016).
	codes = append(codes, "GB-ENG", "GB-NIR", "GB-SCT", "GB-WLS", "MX-CMX")
	slices.Sort(codes)
	codes = slices.Compact(codes)
	out, err := os.Create("subdivisions.txt")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer out.Close()
	fmt.Fprintln(out, "# ISO 3166-2 subdivision codes, generated from github.com/pariz/gountries (MIT) by internal/gensubdivisions.")
	for _, c := range codes {
		fmt.Fprintln(out, c)
	}
}
