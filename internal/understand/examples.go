package understand

import (
	"bufio"
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
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	var out []Example
	var errs []error
	for line := 1; sc.Scan(); line++ {
		raw := bytes.TrimSpace(sc.Bytes())
		if len(raw) == 0 {
			continue
		}
		var e Example
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&e); err != nil {
			errs = append(errs, fmt.Errorf("%s:%d: %w", name, line, err))
			continue
		}
		if dec.More() {
			errs = append(errs, fmt.Errorf("%s:%d: more than one JSON value on the line", name, line))
			continue
		}
		if err := known.check(e); err != nil {
			errs = append(errs, fmt.Errorf("%s:%d: %w", name, line, err))
			continue
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("%s: %w", name, err))
	}
	return out, errors.Join(errs...)
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
// missing dir has no examples.
func LoadExamples(fsys fs.FS, dir string, known Labels) ([]Example, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("understand: %w", err)
	}
	var out []Example
	var errs []error
	for _, e := range entries {
		if e.IsDir() || path.Ext(e.Name()) != ".jsonl" {
			continue
		}
		file := path.Join(dir, e.Name())
		f, err := fsys.Open(file)
		if err != nil {
			errs = append(errs, fmt.Errorf("understand: %w", err))
			continue
		}
		set, err := ReadExamples(f, file, known)
		f.Close()
		errs = append(errs, err)
		out = append(out, set...)
	}
	return out, errors.Join(errs...)
}
