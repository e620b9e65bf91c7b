package hsds

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"go.yaml.in/yaml/v3"

	"github.com/hotline-org/hotline/internal/catalog"
	"github.com/hotline-org/hotline/resources"
)

// The YAML of a resource file, with the field names of catalog.Resource
// (resources/README.md) and only the fields that are set.
type yamlResource struct {
	ID        string           `yaml:"id"`
	Kind      string           `yaml:"kind"`
	Name      yamlText         `yaml:"name"`
	Summary   yamlText         `yaml:"summary"`
	Body      yamlText         `yaml:"body,omitempty"`
	Group     string           `yaml:"group,omitempty"`
	Topics    []string         `yaml:"topics,flow"`
	Audience  string           `yaml:"audience,omitempty"`
	Priority  *int             `yaml:"priority,omitempty"`
	Areas     []string         `yaml:"areas,flow"`
	Languages []string         `yaml:"languages,flow,omitempty"`
	URL       string           `yaml:"url,omitempty"`
	Contacts  []yamlContact    `yaml:"contacts,omitempty"`
	Locations []yamlLocation   `yaml:"locations,omitempty"`
	Staff     *yamlStaff       `yaml:"staff,omitempty"`
	Keywords  catalog.Keywords `yaml:"keywords,omitempty"`
	Source    string           `yaml:"source"`
	Verified  string           `yaml:"verified"`
}

type yamlContact struct {
	Type      string   `yaml:"type"`
	Value     string   `yaml:"value"`
	Keyword   string   `yaml:"keyword,omitempty"`
	Label     yamlText `yaml:"label,omitempty"`
	Hours     yamlText `yaml:"hours,omitempty"`
	Languages []string `yaml:"languages,flow,omitempty"`
	Country   string   `yaml:"country,omitempty"`
}

type yamlLocation struct {
	Name      string  `yaml:"name,omitempty"`
	Address   string  `yaml:"address,omitempty"`
	Latitude  float64 `yaml:"latitude"`
	Longitude float64 `yaml:"longitude"`
}

type yamlStaff struct {
	Eligibility yamlText `yaml:"eligibility,omitempty"`
	Intake      yamlText `yaml:"intake,omitempty"`
	Notes       yamlText `yaml:"notes,omitempty"`
}

// yamlText writes a catalog.Text as the catalog reads it: a plain string
// when it is the same in every language, else a map by language.
type yamlText catalog.Text

func (t yamlText) IsZero() bool { return len(t) == 0 }

func (t yamlText) MarshalYAML() (any, error) {
	if s, ok := t[""]; ok && len(t) == 1 {
		return s, nil
	}
	return map[string]string(t), nil
}

// encodeResource writes r as a catalog file.
func encodeResource(r *catalog.Resource) ([]byte, error) {
	y := yamlResource{
		ID: r.ID, Kind: r.Kind, Name: yamlText(r.Name), Summary: yamlText(r.Summary), Body: yamlText(r.Body),
		Group: r.Group, Topics: r.Topics, Areas: r.Areas, Languages: r.Langs, URL: r.URL,
		Keywords: r.Keywords, Source: r.Source, Verified: r.Verified.String(),
	}
	if r.Audience != catalog.AudienceAll {
		y.Audience = r.Audience
	}
	if r.Priority != 5 {
		p := r.Priority
		y.Priority = &p
	}
	for _, c := range r.Contacts {
		v := c.Value
		if c.Display != "" {
			v = c.Display // as published; Check normalises it again
		}
		y.Contacts = append(y.Contacts, yamlContact{Type: c.Type, Value: v, Keyword: c.Keyword, Label: yamlText(c.Label),
			Hours: yamlText(c.Hours), Languages: c.Langs, Country: c.Country})
	}
	for _, l := range r.Location {
		y.Locations = append(y.Locations, yamlLocation(l))
	}
	if s := r.Staff; s != nil && (len(s.Eligibility) > 0 || len(s.Intake) > 0 || len(s.Notes) > 0) {
		y.Staff = &yamlStaff{Eligibility: yamlText(s.Eligibility), Intake: yamlText(s.Intake), Notes: yamlText(s.Notes)}
	}
	data, err := yaml.Marshal(&y)
	if err != nil {
		return nil, fmt.Errorf("hsds: encode %s: %w", r.ID, err)
	}
	return append([]byte("# Imported from HSDS by hotline import hsds.\n"), data...), nil
}

// resourceFile is where a resource's file goes in a catalog folder.
func resourceFile(r *catalog.Resource) string {
	return path.Join(catalog.Folders[r.Kind], r.ID+".yaml")
}

// vocabularyFiles are the catalog's topics and vocabulary, embedded in the
// binary: an imported catalog uses the same topics as the built-in one.
func vocabularyFiles() (map[string][]byte, error) {
	out := map[string][]byte{}
	// The emergency numbers name nothing in the catalog, so a directory
	// served from HSDS keeps every country's own.
	for _, name := range []string{catalog.TopicsFile, catalog.VocabularyFile, catalog.CountriesFile} {
		data, err := fs.ReadFile(resources.FS(), name)
		if err != nil {
			return nil, fmt.Errorf("hsds: embedded catalog: %w", err)
		}
		out[name] = data
	}
	return out, nil
}

// WriteCatalog writes resources as a catalog folder at dir: one YAML file
// per resource in its kind's folder, and the embedded topics.yaml,
// vocabulary.yaml and countries.yaml. It writes everything into a new folder beside dir,
// checks it as hotline lint would, and only then moves it into place, so
// dir never holds a partial or invalid catalog. An existing dir is
// replaced only when it is a catalog folder (it has topics.yaml) or empty.
// A catalog that fails the checks gives a *catalog.Error.
func WriteCatalog(rs []*catalog.Resource, dir string) error {
	vocab, err := vocabularyFiles()
	if err != nil {
		return err
	}
	return writeAtomic(dir, catalog.TopicsFile, func(tmp string) error {
		for name, data := range vocab {
			if err := os.WriteFile(filepath.Join(tmp, name), data, 0o644); err != nil {
				return err
			}
		}
		for _, r := range rs {
			data, err := encodeResource(r)
			if err != nil {
				return err
			}
			file := filepath.Join(tmp, filepath.FromSlash(resourceFile(r)))
			if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(file, data, 0o644); err != nil {
				return err
			}
		}
		if _, err := catalog.Load(os.DirFS(tmp)); err != nil {
			return err
		}
		return nil
	})
}

// writeAtomic fills a new folder beside dir with fill, then puts it at dir.
// An existing dir is replaced only when it is empty or holds marker (a
// folder this package wrote before): the old one is moved aside, the new
// one moved in, the old one removed. Either way dir is never a half-written
// folder; at worst, if the machine stops between the two renames, dir is
// missing and the old folder is beside it as dir.old-*.
func writeAtomic(dir, marker string, fill func(tmp string) error) (err error) {
	dir = filepath.Clean(dir)
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return fmt.Errorf("hsds: %w", err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+".tmp-")
	if err != nil {
		return fmt.Errorf("hsds: %w", err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	if err := fill(tmp); err != nil {
		var ce *catalog.Error
		if errors.As(err, &ce) {
			return err
		}
		return fmt.Errorf("hsds: write %s: %w", dir, err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("hsds: %w", err)
	}

	entries, statErr := os.ReadDir(dir)
	switch {
	case errors.Is(statErr, fs.ErrNotExist):
		if err := os.Rename(tmp, dir); err != nil {
			return fmt.Errorf("hsds: %w", err)
		}
		return nil
	case statErr != nil:
		return fmt.Errorf("hsds: %w", statErr)
	case len(entries) == 0:
		if err := os.Remove(dir); err != nil {
			return fmt.Errorf("hsds: %w", err)
		}
		if err := os.Rename(tmp, dir); err != nil {
			return fmt.Errorf("hsds: %w", err)
		}
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, marker)); err != nil {
		return fmt.Errorf("hsds: %s exists and has no %s: not replacing a folder hotline did not write; remove it or choose another", dir, marker)
	}
	var suffix [4]byte
	rand.Read(suffix[:])
	old := dir + ".old-" + hex.EncodeToString(suffix[:])
	if err := os.Rename(dir, old); err != nil {
		return fmt.Errorf("hsds: %w", err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		if rerr := os.Rename(old, dir); rerr != nil {
			return fmt.Errorf("hsds: %w (and the previous folder is at %s: %v)", err, old, rerr)
		}
		return fmt.Errorf("hsds: %w", err)
	}
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("hsds: new folder in place, but removing the old one at %s: %w", old, err)
	}
	return nil
}
