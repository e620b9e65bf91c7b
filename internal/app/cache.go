package app

import (
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/hotline-org/hotline/internal/catalog"
	"github.com/hotline-org/hotline/internal/search"
)

// The index cache keeps a checked catalog and its index on disk, in a
// folder named after a hash of the files the catalog came from. At 211
// scale most of a start is checking 100,000 resources and indexing them; a
// restart with the same files opens what the last start built instead.
//
//	DIR/<hash>/catalog.gob   the checked catalog
//	DIR/<hash>/index/<shard> bleve's on-disk index, one folder per shard
//	DIR/<hash>/complete      written last: the entry is whole

// hashFS is a hash of every file in fsys: its path and its bytes.
func hashFS(fsys fs.FS) (string, error) {
	h := sha256.New()
	err := fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f, err := fsys.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		fmt.Fprintf(h, "%s\x00", path)
		_, err = io.Copy(h, f)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("app: hash the catalog's files: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)[:16]), nil
}

// cachedCatalog is what catalog.gob holds.
type cachedCatalog struct {
	Resources  []*catalog.Resource
	Topics     []catalog.Topic
	Groups     []catalog.Topic
	Vocabulary []catalog.Term
	Countries  []*catalog.Country
	Lines      map[string]map[string]string
}

// openCached serves the entry for key, if a whole one is there.
func openCached(dir, key string) (*search.Index, bool) {
	entry := filepath.Join(dir, key)
	if _, err := os.Stat(filepath.Join(entry, "complete")); err != nil {
		return nil, false
	}
	f, err := os.Open(filepath.Join(entry, "catalog.gob"))
	if err != nil {
		return nil, false
	}
	defer f.Close()
	var cc cachedCatalog
	if err := gob.NewDecoder(f).Decode(&cc); err != nil {
		return nil, false
	}
	c := (&catalog.Catalog{Resources: cc.Resources, Topics: cc.Topics, Groups: cc.Groups, Vocabulary: cc.Vocabulary, Countries: cc.Countries, Lines: cc.Lines}).Reindex()
	ix, err := search.Open(c, filepath.Join(entry, "index"))
	if err != nil {
		return nil, false
	}
	return ix, true
}

// storeCached indexes c on disk as the entry for key, and removes the
// entries of older files: only the newest start is worth keeping. On
// failure it removes what it wrote of the entry.
func storeCached(dir, key string, c *catalog.Catalog) (*search.Index, error) {
	ix, err := writeCached(dir, key, c)
	if err != nil {
		os.RemoveAll(filepath.Join(dir, key))
		return nil, err
	}
	if old, err := os.ReadDir(dir); err == nil {
		for _, e := range old {
			if e.Name() != key {
				os.RemoveAll(filepath.Join(dir, e.Name()))
			}
		}
	}
	return ix, nil
}

func writeCached(dir, key string, c *catalog.Catalog) (*search.Index, error) {
	entry := filepath.Join(dir, key)
	if err := os.RemoveAll(entry); err != nil {
		return nil, fmt.Errorf("app: index cache: %w", err)
	}
	if err := os.MkdirAll(entry, 0o755); err != nil {
		return nil, fmt.Errorf("app: index cache: %w", err)
	}
	f, err := os.Create(filepath.Join(entry, "catalog.gob"))
	if err != nil {
		return nil, fmt.Errorf("app: index cache: %w", err)
	}
	err = gob.NewEncoder(f).Encode(cachedCatalog{c.Resources, c.Topics, c.Groups, c.Vocabulary, c.Countries, c.Lines})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("app: index cache: %w", err)
	}
	ix, err := search.NewOnDisk(c, filepath.Join(entry, "index"))
	if err != nil {
		return nil, fmt.Errorf("app: index cache: %w", err)
	}
	if err := os.WriteFile(filepath.Join(entry, "complete"), nil, 0o644); err != nil {
		ix.Close()
		return nil, fmt.Errorf("app: index cache: %w", err)
	}
	return ix, nil
}
