package catalog

import (
	"slices"
	"testing"
	"time"
)

func TestStale(t *testing.T) {
	c, diags := Check(loadDir(t, "testdata/valid"), Options{Now: today})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	c.Resources[0].Verified = Date{time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	c.Resources[2].Verified = Date{time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC)}
	c.Countries[0].Verified = Date{time.Date(2023, 9, 1, 0, 0, 0, 0, time.UTC)}
	stale := c.Stale(today, DefaultMaxAge)
	var ids []string
	for _, d := range stale {
		ids = append(ids, d.ID)
	}
	want := []string{c.Resources[2].ID, "country:" + c.Countries[0].Code, c.Resources[0].ID}
	if !slices.Equal(ids, want) {
		t.Errorf("stale = %v, want the three old ones, oldest first: %v", ids, want)
	}
	if d := stale[1]; d.File != CountriesFile || d.Source != c.Countries[0].Sources[0] {
		t.Errorf("a country's entry: %+v", d)
	}
	if got := c.Stale(today, 10*365*24*time.Hour); len(got) != 0 {
		t.Errorf("a ten-year window: %v", got)
	}
}

func TestCoverage(t *testing.T) {
	c, _ := Check(loadDir(t, "testdata/valid"), Options{Now: today})
	cov := c.Coverage([]string{"US-TX", "US-OK", "GB-ENG"})
	byArea := map[string]AreaCoverage{}
	for _, a := range cov {
		byArea[a.Area] = a
	}
	if _, ok := byArea["GB-ENG"]; ok {
		t.Error("a subdivision of a country the catalog does not serve is listed")
	}
	tx, ok := byArea["US-TX"]
	if !ok || !slices.Contains(tx.Local, "shelter") || !slices.Contains(tx.National, "sex-trafficking") {
		t.Errorf("US-TX: %+v", tx)
	}
	ok2 := byArea["US-OK"]
	if slices.Contains(ok2.Local, "shelter") || !slices.Contains(ok2.None, "shelter") || !slices.Contains(ok2.National, "sex-trafficking") {
		t.Errorf("US-OK: %+v", ok2)
	}
	us := byArea["US"]
	if !slices.Contains(us.Local, "shelter") {
		t.Errorf("US: a state's service counts as local to the country: %+v", us)
	}
	if len(Subdivisions("US")) < 50 {
		t.Errorf("US subdivisions: %d", len(Subdivisions("US")))
	}
}
