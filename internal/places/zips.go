package places

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// zipTable holds the centroids of US ZIP Code Tabulation Areas, sorted by
// code for binary search: 34,000 codes in 12 bytes each, rather than a map
// several times that size.
type zipTable struct {
	zips    []zipEntry
	regions []string // "US-TX"..., indexed by zipEntry.region
}

type zipEntry struct {
	code     uint32
	lat, lon float32 // ample for three decimals
	region   uint16  // index into zipTable.regions
}

// loadZIPs parses zips.tsv.gz (see internal/gen). The table is generated
// and tested, so a malformed line is a bug: it panics.
func loadZIPs(gz string) *zipTable {
	zr, err := gzip.NewReader(strings.NewReader(gz))
	if err != nil {
		panic("places: bad ZIP table: " + err.Error())
	}
	t := &zipTable{zips: make([]zipEntry, 0, 34000)}
	index := make(map[string]uint16)
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		// Fields are cut from the scanner's bytes rather than split into
		// strings: this runs 34,000 times and allocates nothing a line.
		line := sc.Bytes()
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		code, rest, ok1 := cutTab(line)
		lat, rest, ok2 := cutTab(rest)
		lon, state, ok3 := cutTab(rest)
		c, err1 := strconv.ParseUint(string(code), 10, 32)
		la, err2 := strconv.ParseFloat(string(lat), 32)
		lo, err3 := strconv.ParseFloat(string(lon), 32)
		if !ok1 || !ok2 || !ok3 || err1 != nil || err2 != nil || err3 != nil {
			panic(fmt.Sprintf("places: bad ZIP line %q", line))
		}
		region, ok := index[string(state)]
		if !ok {
			region = uint16(len(t.regions))
			index[string(state)] = region
			t.regions = append(t.regions, "US-"+string(state))
		}
		t.zips = append(t.zips, zipEntry{code: uint32(c), lat: float32(la), lon: float32(lo), region: region})
	}
	if err := sc.Err(); err != nil {
		panic("places: bad ZIP table: " + err.Error())
	}
	return t
}

func cutTab(b []byte) (before, after []byte, found bool) {
	if i := bytes.IndexByte(b, '\t'); i >= 0 {
		return b[:i], b[i+1:], true
	}
	return b, nil, false
}

// lookup returns the place of a five-digit ZIP code.
func (t *zipTable) lookup(zip string) (Place, bool) {
	code, err := strconv.ParseUint(zip, 10, 32)
	if err != nil {
		return Place{}, false
	}
	i, found := slices.BinarySearchFunc(t.zips, uint32(code), func(z zipEntry, c uint32) int {
		return int(int64(z.code) - int64(c))
	})
	if !found {
		return Place{}, false
	}
	z := t.zips[i]
	return Place{
		Name:    zip,
		Lat:     round3(z.lat),
		Lon:     round3(z.lon),
		Country: "US",
		Region:  t.regions[z.region],
		Kind:    kindZIP,
	}, true
}

// round3 undoes float32's noise: 32.788 rather than 32.78799819946289.
func round3(f float32) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(float64(f), 'f', 3, 32), 64)
	return v
}
