package understand

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/hotline-org/hotline/internal/textfold"
)

// toyCatalog is toy() as a catalog's example file.
func toyCatalog(t testing.TB) fstest.MapFS {
	t.Helper()
	var b bytes.Buffer
	for _, e := range toy() {
		e.Lang = "en"
		line, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(append(line, '\n'))
	}
	return fstest.MapFS{ExamplesDir + "/toy.jsonl": {Data: b.Bytes()}}
}

// save learns from fsys's examples and saves the Reader in fsys.
func save(t testing.TB, fsys fstest.MapFS, labels Labels) *Reader {
	t.Helper()
	r, err := LoadAndLearn(fsys, labels, DefaultThresholds())
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.Save(&b, fsys, labels); err != nil {
		t.Fatal(err)
	}
	fsys[SavedFile] = &fstest.MapFile{Data: b.Bytes()}
	return r
}

// TestSavedReaderReadsAsLearned: a saved Reader reads every message as
// the one it was saved from, and explains it the same.
func TestSavedReaderReadsAsLearned(t *testing.T) {
	fsys := toyCatalog(t)
	learned := save(t, fsys, known)
	saved, err := LoadSaved(fsys, known, DefaultThresholds())
	if err != nil || saved == nil {
		t.Fatalf("LoadSaved = %v, %v", saved, err)
	}
	for _, text := range append([]string{"my boss kept my passport", "they locked me in", "pay or i post them", ""}, strings.Fields("hello passport locked die")...) {
		folded := textfold.Fold(text)
		if got, want := saved.Read(folded), learned.Read(folded); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: saved reads %+v, learned %+v", text, got, want)
		}
		for _, label := range append([]string{Urgent}, known.Topics...) {
			if got, want := saved.Explain(folded, label, 3), learned.Explain(folded, label, 3); !reflect.DeepEqual(got, want) {
				t.Errorf("%q, %s: saved explains %+v, learned %+v", text, label, got, want)
			}
		}
	}
}

// TestSavedReaderOutOfDate: a Reader saved from other examples or labels
// is not read; there is nothing to read without a saved file.
func TestSavedReaderOutOfDate(t *testing.T) {
	fsys := toyCatalog(t)
	if r, err := LoadSaved(fsys, known, DefaultThresholds()); r != nil || err != nil {
		t.Errorf("no saved file: %v, %v; want nothing", r, err)
	}
	save(t, fsys, known)
	more := Labels{Topics: append(known.Topics, "grooming"), Dangers: known.Dangers}
	if r, err := LoadSaved(fsys, more, DefaultThresholds()); r != nil || err != nil {
		t.Errorf("other labels: %v, %v; want nothing", r, err)
	}
	edited := fstest.MapFS{}
	for name, f := range fsys {
		edited[name] = f
	}
	toy := edited[ExamplesDir+"/toy.jsonl"]
	edited[ExamplesDir+"/toy.jsonl"] = &fstest.MapFile{Data: append(bytes.Clone(toy.Data), `{"text": "one more", "lang": "en", "topics": [], "danger": "none"}`+"\n"...)}
	if r, err := LoadSaved(edited, known, DefaultThresholds()); r != nil || err != nil {
		t.Errorf("edited examples: %v, %v; want nothing", r, err)
	}
}

// TestSavedReaderBroken: a saved file cut short, not gzip'd, or with the
// danger model but not the examples' index is an error naming it, never a
// Reader with half its weights.
func TestSavedReaderBroken(t *testing.T) {
	fsys := toyCatalog(t)
	learned := save(t, fsys, known)
	whole := fsys[SavedFile].Data
	var lame bytes.Buffer
	if err := (&Reader{topics: learned.topics, danger: learned.danger}).Save(&lame, fsys, known); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"cut short":  whole[:len(whole)/2],
		"not gzip'd": []byte("hotline-reader-1\n"),
		"empty":      nil,
		"no index":   lame.Bytes(),
	} {
		fsys[SavedFile] = &fstest.MapFile{Data: data}
		r, err := LoadSaved(fsys, known, DefaultThresholds())
		if r != nil || err == nil || !strings.Contains(err.Error(), SavedFile) {
			t.Errorf("%s: %v, %v; want an error naming %s", name, r, err, SavedFile)
		}
	}
}

// FuzzReadSaved: a saved file whose header is whole but whose models are
// corrupt is an error or a Reader that reads without panicking, never a
// crash or an allocation of gigabytes.
func FuzzReadSaved(f *testing.F) {
	fsys := toyCatalog(f)
	save(f, fsys, known)
	zr, err := gzip.NewReader(bytes.NewReader(fsys[SavedFile].Data))
	if err != nil {
		f.Fatal(err)
	}
	whole, err := io.ReadAll(zr)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(whole)
	f.Add(whole[:len(whole)/2])
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := readSaved(bytes.NewReader(data), fsys, known, DefaultThresholds())
		if err != nil || r == nil {
			return
		}
		for _, text := range []string{"they locked me in the basement", "my boss took my passport", "hola"} {
			folded := textfold.Fold(text)
			r.Read(folded)
			r.Explain(folded, Urgent, 3)
		}
	})
}
