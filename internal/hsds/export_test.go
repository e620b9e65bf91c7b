package hsds

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hotline-org/hotline/internal/catalog"
	"github.com/hotline-org/hotline/resources"
)

func embeddedCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Load(resources.FS())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestExportValidates exports the embedded catalog and checks the package
// against the specification's table schemas (testdata/spec).
func TestExportValidates(t *testing.T) {
	c := embeddedCatalog(t)
	out := filepath.Join(t.TempDir(), "hsds")
	if err := Export(c, out); err != nil {
		t.Fatal(err)
	}
	for _, p := range validatePackage(t, out) {
		t.Error(p)
	}
	var services, skipped int
	for _, r := range c.Resources {
		if r.Kind == catalog.KindHotline || r.Kind == catalog.KindService {
			services++
		} else {
			skipped++
		}
	}
	data, err := os.ReadFile(filepath.Join(out, "services.csv"))
	if err != nil {
		t.Fatal(err)
	}
	// One header line; descriptions span lines, so count the ids.
	if got := strings.Count(string(data), ",active,"); got != services {
		t.Errorf("services.csv has %d active services, want %d hotlines and services", got, services)
	}
	readme, err := os.ReadFile(filepath.Join(out, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "Warning signs") || !strings.Contains(string(readme), "guides") {
		t.Errorf("README.md does not say warning signs and guides are left out:\n%s", readme)
	}
	desc, _ := os.ReadFile(filepath.Join(out, DescriptorFile))
	if !strings.Contains(string(desc), "are not services and are not included") {
		t.Errorf("datapackage.json description does not say what is left out")
	}
	if skipped == 0 {
		t.Fatal("the embedded catalog has no warning signs or guides: the test checks nothing")
	}
}

// TestExportDeterministic: the same catalog exports to the same bytes, ids
// included, so consumers see updates rather than new records.
func TestExportDeterministic(t *testing.T) {
	c := embeddedCatalog(t)
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	if err := Export(c, a); err != nil {
		t.Fatal(err)
	}
	if err := Export(c, b); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(a, "*"))
	for _, f := range files {
		x, _ := os.ReadFile(f)
		y, err := os.ReadFile(filepath.Join(b, filepath.Base(f)))
		if err != nil || string(x) != string(y) {
			t.Errorf("%s differs between two exports", filepath.Base(f))
		}
	}
}
