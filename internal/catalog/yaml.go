package catalog

import (
	"fmt"
	"maps"
	"reflect"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// UnmarshalYAML reads a Text from a plain string (the same in every
// language) or from a map of language code to string.
func (t *Text) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		*t = Text{"": n.Value}
		return nil
	case yaml.MappingNode:
		m := map[string]string{}
		if err := n.Decode(&m); err != nil {
			return err
		}
		*t = m
		return nil
	}
	return fmt.Errorf("line %d: want text or a map of language to text", n.Line)
}

// UnmarshalYAML reads keywords: per language, a list of words or one string.
func (k *Keywords) UnmarshalYAML(n *yaml.Node) error {
	m := Keywords{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		lang, v := n.Content[i].Value, n.Content[i+1]
		if v.Kind == yaml.ScalarNode {
			m[lang] = []string{v.Value}
			continue
		}
		var list []string
		if err := v.Decode(&list); err != nil {
			return err
		}
		m[lang] = list
	}
	*k = m
	return nil
}

// UnmarshalYAML reads a date written as YYYY-MM-DD.
func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	t, err := time.Parse(time.DateOnly, n.Value)
	if err != nil {
		return fmt.Errorf("line %d: want a date as YYYY-MM-DD, got %q", n.Line, n.Value)
	}
	d.Time = t
	return nil
}

var (
	textType     = reflect.TypeFor[Text]()
	keywordsType = reflect.TypeFor[Keywords]()
	dateType     = reflect.TypeFor[Date]()
)

// shapeCheck walks a YAML node against the Go type it will be decoded into
// and reports, with positions, what yaml.v3 would either ignore (unknown
// fields: typos) or reject without a column (wrong kinds of value).
// Decoding proper is left to yaml.v3 once the shape is known to be right.
func shapeCheck(n *yaml.Node, t reflect.Type, report func(n *yaml.Node, format string, args ...any)) {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return // an empty field: required fields are checked by name later
	}
	switch {
	case t == textType:
		switch n.Kind {
		case yaml.ScalarNode:
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if !isLanguage(k.Value) {
					report(k, "unknown language %q: use a code such as en or es", k.Value)
				}
				if v.Kind != yaml.ScalarNode {
					report(v, "want text for language %q", k.Value)
				}
			}
		default:
			report(n, "want text, or a map of language to text")
		}
		return
	case t == keywordsType:
		if n.Kind != yaml.MappingNode {
			report(n, "want a map of language to a list of words")
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if !isLanguage(k.Value) {
				report(k, "unknown language %q: use a code such as en or es", k.Value)
			}
			if v.Kind == yaml.SequenceNode {
				for _, item := range v.Content {
					if item.Kind != yaml.ScalarNode {
						report(item, "want a word or phrase")
					}
				}
			} else if v.Kind != yaml.ScalarNode {
				report(v, "want a list of words for language %q", k.Value)
			}
		}
		return
	case t == dateType:
		if n.Kind != yaml.ScalarNode {
			report(n, "want a date as YYYY-MM-DD")
		} else if _, err := time.Parse(time.DateOnly, n.Value); err != nil {
			report(n, "want a date as YYYY-MM-DD, got %q", n.Value)
		}
		return
	}
	switch t.Kind() {
	case reflect.Pointer:
		shapeCheck(n, t.Elem(), report)
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			report(n, "want a map of fields")
			return
		}
		fields := yamlFields(t)
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			f, ok := fields[k.Value]
			if !ok {
				report(k, "unknown field %q%s", k.Value, closest(k.Value, maps.Keys(fields)))
				continue
			}
			if seen[k.Value] {
				report(k, "field %q appears twice", k.Value)
			}
			seen[k.Value] = true
			shapeCheck(v, f.Type, report)
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			report(n, "want a list")
			return
		}
		for _, item := range n.Content {
			shapeCheck(item, t.Elem(), report)
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			report(n, "want a map")
			return
		}
		for i := 1; i < len(n.Content); i += 2 {
			shapeCheck(n.Content[i], t.Elem(), report)
		}
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			report(n, "want text")
		}
	case reflect.Int:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
			report(n, "want a whole number")
		}
	case reflect.Float64:
		if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") {
			report(n, "want a number")
		}
	}
}

// yamlFields maps YAML field names of a struct type to the fields.
func yamlFields(t reflect.Type) map[string]reflect.StructField {
	m := map[string]reflect.StructField{}
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "" || name == "-" {
			continue
		}
		m[name] = f
	}
	return m
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// at returns the node at path (map keys as strings, list positions as
// ints), or the deepest node on the way there, so a report about a missing
// or wrong value still points at the right place.
func at(n *yaml.Node, path ...any) *yaml.Node {
	for _, p := range path {
		if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
			n = n.Content[0]
		}
		switch p := p.(type) {
		case string:
			if n.Kind != yaml.MappingNode {
				return n
			}
			found := false
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == p {
					n, found = n.Content[i+1], true
					break
				}
			}
			if !found {
				return n
			}
		case int:
			if n.Kind != yaml.SequenceNode || p >= len(n.Content) {
				return n
			}
			n = n.Content[p]
		}
	}
	return n
}
