package hsds

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGenerateDeterministic(t *testing.T) {
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	for dir, seed := range map[string]int64{a: 7, b: 7, c: 8} {
		if err := Generate(dir, 200, seed); err != nil {
			t.Fatal(err)
		}
	}
	same := func(x, y string) bool {
		files, _ := filepath.Glob(filepath.Join(x, "*"))
		for _, f := range files {
			p, _ := os.ReadFile(f)
			q, _ := os.ReadFile(filepath.Join(y, filepath.Base(f)))
			if string(p) != string(q) {
				return false
			}
		}
		return len(files) > 0
	}
	if !same(a, b) {
		t.Error("the same seed gave different directories")
	}
	if same(a, c) {
		t.Error("different seeds gave the same directory")
	}
}

// TestGenerateImports: a generated directory is valid HSDS and imports
// with only the problems it was made to have.
func TestGenerateImports(t *testing.T) {
	dir := t.TempDir()
	const n = 500
	if err := Generate(dir, n, 1); err != nil {
		t.Fatal(err)
	}
	for _, p := range validatePackage(t, dir) {
		t.Error(p)
	}
	c, rep, err := Import(os.DirFS(dir), ".", Options{Now: today})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Imported < n*95/100 || len(c.Resources) != rep.Imported {
		t.Errorf("imported %d of %d", rep.Imported, n)
	}
	states := map[string]bool{}
	for _, r := range c.Resources {
		if len(r.Location) == 0 || len(r.Contacts) == 0 {
			t.Errorf("%s: no location or no contact", r.ID)
		}
		states[r.Areas[0]] = true
	}
	if len(states) < 40 {
		t.Errorf("services in %d areas, want them across the US", len(states))
	}
	for _, is := range rep.Issues {
		switch {
		case strings.Contains(is.Message, "status"),
			strings.Contains(is.Message, "fax"),
			strings.Contains(is.Message, "widened"),
			strings.Contains(is.Message, "maps to no topic"),
			is.Pos.Line == 0 && strings.Contains(is.Message, "not imported"):
		default:
			t.Errorf("unexpected issue: %s", is)
		}
	}
}
