package understand

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// Example is one labelled message, as the corpus files hold it: one JSON
// object a line (JSON Lines).
type Example struct {
	Text string `json:"text"`
	Lang string `json:"lang"`
	// Topics are the topics the message is about, the main one first. Nil
	// (the key left out) means the example was not labelled for topics; an
	// empty list means it is about none of them.
	Topics []string `json:"topics"`
	// Danger is "none" or the kind of danger now ("captivity", …); "" (left
	// out) means it was not labelled for danger.
	Danger  string `json:"danger"`
	Place   string `json:"place,omitempty"`
	Country string `json:"country,omitempty"`
	Region  string `json:"region,omitempty"`
	Who     string `json:"who,omitempty"` // self, other, staff or info
}

// DangerNone is the danger label of a message with no danger now.
const DangerNone = "none"

// Labels are the labels an example may carry; ReadExamples refuses others.
type Labels struct {
	Topics  []string // topic ids
	Dangers []string // danger categories, besides DangerNone
}

// ReadExamples reads JSON Lines of examples from r. name is the file name
// errors give, with the line: "train.jsonl:12: unknown topic "trafic"".
func ReadExamples(r io.Reader, name string, known Labels) ([]Example, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var out []Example
	var errs []error
	line := 0
	for len(data) > 0 {
		line++
		raw, rest, _ := bytes.Cut(data, []byte("\n"))
		data = rest
		raw = bytes.TrimSpace(raw)
		if len(raw) == 0 {
			continue
		}
		var e Example
		if err := unmarshalStrict(raw, &e); err != nil {
			errs = append(errs, fmt.Errorf("%s:%d: %w", name, line, err))
			continue
		}
		if err := known.check(e); err != nil {
			errs = append(errs, fmt.Errorf("%s:%d: %w", name, line, err))
			continue
		}
		out = append(out, e)
	}
	return out, errors.Join(errs...)
}

// unmarshalStrict decodes one JSON value into v, refusing fields v does
// not have and anything after the value.
func unmarshalStrict(raw []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("more than one JSON value on the line")
	}
	return nil
}

func (k Labels) check(e Example) error {
	if strings.TrimSpace(e.Text) == "" {
		return errors.New("no text")
	}
	for _, t := range e.Topics {
		if !slices.Contains(k.Topics, t) {
			return fmt.Errorf("unknown topic %q", t)
		}
	}
	if e.Danger != "" && e.Danger != DangerNone && !slices.Contains(k.Dangers, e.Danger) {
		return fmt.Errorf("unknown danger %q: one of none, %s", e.Danger, strings.Join(k.Dangers, ", "))
	}
	if e.Topics == nil && e.Danger == "" {
		return errors.New("no labels: give topics, danger or both")
	}
	return nil
}

// LoadExamples reads every *.jsonl file in dir of fsys, in name order. A
// missing dir has no examples. The files are read side by side: decoding
// them is a good part of start-up.
func LoadExamples(fsys fs.FS, dir string, known Labels) ([]Example, error) {
	entries, err := exampleEntries(fsys, dir)
	if err != nil {
		return nil, err
	}
	sets := make([][]Example, len(entries))
	errs := make([]error, len(entries))
	inParallel(len(entries), func() func(int) {
		return func(i int) { sets[i], errs[i] = readFile(fsys, path.Join(dir, entries[i].Name()), known) }
	})
	return slices.Concat(sets...), errors.Join(errs...)
}

// exampleEntries are the *.jsonl files in dir of fsys, in name order; none
// for a missing dir.
func exampleEntries(fsys fs.FS, dir string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("understand: %w", err)
	}
	return slices.DeleteFunc(entries, func(e fs.DirEntry) bool { return e.IsDir() || path.Ext(e.Name()) != ".jsonl" }), nil
}

func readFile(fsys fs.FS, file string, known Labels) ([]Example, error) {
	f, err := fsys.Open(file)
	if err != nil {
		return nil, fmt.Errorf("understand: %w", err)
	}
	defer f.Close()
	return ReadExamples(f, file, known)
}
