package hsds

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/hotline-org/hotline/internal/catalog"
)

// TestWriteCatalog writes an import as a catalog folder, which loads back
// as the same resources.
func TestWriteCatalog(t *testing.T) {
	c, _ := importSample(t, Options{})
	dir := filepath.Join(t.TempDir(), "catalog")
	if err := WriteCatalog(c.Resources, dir); err != nil {
		t.Fatal(err)
	}
	back, err := catalog.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Resources, c.Resources) {
		t.Errorf("written and loaded again, the resources differ")
	}
	for _, f := range []string{catalog.TopicsFile, catalog.VocabularyFile, "services/us-tx-freedom-house-shelter.yaml"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
}

// TestWriteCatalogAtomic: a folder is replaced whole or not at all, and
// only when it is a catalog folder.
func TestWriteCatalogAtomic(t *testing.T) {
	c, _ := importSample(t, Options{})
	parent := t.TempDir()
	dir := filepath.Join(parent, "catalog")
	if err := WriteCatalog(c.Resources, dir); err != nil {
		t.Fatal(err)
	}
	// Replacing a catalog folder: the old files go.
	if err := WriteCatalog(c.Resources[:1], dir); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "services"))
	if len(entries) != 1 {
		t.Errorf("after replacing, %d services, want 1", len(entries))
	}

	// An invalid catalog is not written, and the old one stays.
	bad := *c.Resources[0]
	bad.ID, bad.Topics = "bad-topic", []string{"no-such-topic"}
	err := WriteCatalog([]*catalog.Resource{&bad}, dir)
	var ce *catalog.Error
	if !errors.As(err, &ce) {
		t.Fatalf("writing an invalid catalog: %v, want a *catalog.Error", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "services", c.Resources[0].ID+".yaml")); err != nil {
		t.Errorf("the previous catalog is gone: %v", err)
	}

	// A folder that is not a catalog is left alone.
	other := filepath.Join(parent, "notes")
	os.Mkdir(other, 0o755)
	os.WriteFile(filepath.Join(other, "todo.txt"), []byte("keep me"), 0o644)
	if err := WriteCatalog(c.Resources, other); err == nil {
		t.Error("wrote over a folder that is not a catalog")
	}
	if data, _ := os.ReadFile(filepath.Join(other, "todo.txt")); string(data) != "keep me" {
		t.Error("the folder's file changed")
	}
	if err := Export(c, other); err == nil {
		t.Error("exported over a folder that is not a data package")
	}

	// Nothing half-written is left beside them.
	entries, _ = os.ReadDir(parent)
	if len(entries) != 2 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("the parent folder holds %v, want only catalog and notes", names)
	}
}
