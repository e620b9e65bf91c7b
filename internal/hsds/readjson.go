package hsds

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// The JSON form nests a service's rows inside it, as the specification's
// compiled service schema (schema/compiled/service.json) does. readJSON
// flattens it into the same tables as the CSV form, filling in the foreign
// keys the nesting implies, so both forms are checked and mapped alike.

// children are the nested arrays and objects of each table that readJSON
// follows: key → the child table and the column of the child that points
// back at the parent.
var children = map[string]map[string]struct{ table, fk string }{
	tService: {
		"organization":         {tOrganization, ""},
		"phones":               {tPhone, "service_id"},
		"schedules":            {tSchedule, "service_id"},
		"service_areas":        {tServiceArea, "service_id"},
		"languages":            {tLanguage, "service_id"},
		"service_at_locations": {tServiceAtLocation, "service_id"},
		"attributes":           {tAttribute, "link_id"},
		"additional_urls":      {tURL, "service_id"},
	},
	tOrganization:      {"phones": {tPhone, "organization_id"}, "additional_websites": {tURL, "organization_id"}},
	tServiceAtLocation: {"location": {tLocation, ""}, "phones": {tPhone, "service_at_location_id"}, "schedules": {tSchedule, "service_at_location_id"}},
	tLocation: {
		"addresses": {tAddress, "location_id"},
		"phones":    {tPhone, "location_id"},
		"languages": {tLanguage, "location_id"},
		"schedules": {tSchedule, "location_id"},
	},
	tPhone:        {"languages": {tLanguage, "phone_id"}},
	tAttribute:    {"taxonomy_term": {tTaxonomyTerm, ""}},
	tTaxonomyTerm: {"taxonomy_detail": {tTaxonomy, ""}},
}

// parentKey is the column of a parent that a single nested object (an
// organization, a location, a taxonomy term) fills with its id.
var parentKey = map[string]string{
	"organization":    "organization_id",
	"location":        "location_id",
	"taxonomy_term":   "taxonomy_term_id",
	"taxonomy_detail": "taxonomy_id",
}

func (r *reader) readJSON(name string) error {
	data, err := fs.ReadFile(r.fsys, name)
	if err != nil {
		return fmt.Errorf("hsds: %w", err)
	}
	r.json = true
	r.dir = "."
	file := name
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		r.errs.add(jsonErrorPos(file, data, err), "", "bad JSON: %v", jsonErrorText(err))
		return nil
	}
	if dec.More() {
		r.errs.add(Pos{File: file}, "", "bad JSON: more than one value in the file")
		return nil
	}
	if obj, ok := v.(map[string]any); ok {
		if _, ok := obj["resources"].([]any); ok && obj["id"] == nil && obj["contents"] == nil {
			// A data package descriptor under another name.
			r.json = false
			r.dir = path.Dir(name)
			return r.readDescriptor(name, data)
		}
	}
	var list []any
	switch v := v.(type) {
	case []any:
		list = v
	case map[string]any:
		if c, ok := v["contents"].([]any); ok {
			list = c // a page of the HSDS API's /services
		} else if _, ok := v["id"]; ok {
			list = []any{v}
		}
	}
	if list == nil {
		r.errs.add(Pos{File: file}, "", "want an array of services, an object with \"contents\", or one service")
		return nil
	}
	for i, s := range list {
		obj, ok := s.(map[string]any)
		if !ok {
			r.errs.add(Pos{File: file, Path: fmt.Sprintf("[%d]", i)}, "", "want a service object")
			continue
		}
		r.jsonObject(tService, file, fmt.Sprintf("[%d]", i), obj, nil)
		if r.errs.full() {
			break
		}
	}
	return nil
}

// jsonObject adds obj as a row of table, with the columns in set filled in
// (the keys its parent implies), and its children after it. It returns the
// row's id.
func (r *reader) jsonObject(table, file, at string, obj map[string]any, set map[string]string) string {
	pos := Pos{File: file, Path: at}
	t := tableNamed(table)
	rec := make(map[string]string, len(obj)+len(set))
	kids := children[table]
	for k, v := range obj {
		if _, ok := kids[k]; ok {
			continue
		}
		switch v := v.(type) {
		case nil:
			continue
		case string:
			rec[k] = v
		case json.Number:
			rec[k] = v.String()
		case bool:
			rec[k] = fmt.Sprint(v)
		default:
			if t.field(k) != nil {
				r.errs.add(pos, k, "want a single value, not %s", jsonKind(v))
				continue
			}
		}
		if !t.maps(k) {
			r.ignore(file, table+"."+k)
		}
	}
	for k, v := range set {
		if rec[k] == "" {
			rec[k] = v
		}
	}
	if rec["id"] == "" && table != tService {
		// Nested rows are often published without ids; the path names them.
		rec["id"] = file + "#" + at
	}
	if table == tAttribute && rec["link_entity"] == "" {
		rec["link_entity"] = tService
	}
	// Single nested objects first: the row points at them.
	for _, k := range sortedKeys(kids) {
		c := kids[k]
		child, ok := obj[k].(map[string]any)
		if !ok || c.fk != "" {
			continue
		}
		id := r.jsonObject(c.table, file, at+"."+k, child, nil)
		if rec[parentKey[k]] == "" {
			rec[parentKey[k]] = id
		}
	}
	for _, f := range t.fields {
		if f.required {
			if _, ok := rec[f.name]; !ok {
				rec[f.name] = ""
			}
		}
	}
	r.row(t, pos, record{m: rec})
	id := strings.TrimSpace(rec["id"])
	for _, k := range sortedKeys(kids) {
		c := kids[k]
		v, ok := obj[k]
		if !ok || v == nil || c.fk == "" {
			continue
		}
		list, ok := v.([]any)
		if !ok {
			r.errs.add(pos, k, "want an array, not %s", jsonKind(v))
			continue
		}
		for i, item := range list {
			child, ok := item.(map[string]any)
			if !ok {
				r.errs.add(pos, k, "item %d: want an object, not %s", i, jsonKind(item))
				continue
			}
			r.jsonObject(c.table, file, fmt.Sprintf("%s.%s[%d]", at, k, i), child, map[string]string{c.fk: id})
		}
	}
	return id
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func jsonKind(v any) string {
	switch v.(type) {
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	}
	return "a value"
}
