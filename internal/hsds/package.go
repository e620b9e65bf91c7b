package hsds

import (
	"bufio"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// packageWriter writes a CSV Tabular Data Package into a folder: one CSV
// file per table that gets rows, and the datapackage.json describing them.
// Rows stream to disk, so a generated directory of 100,000 services does
// not sit in memory. The first error sticks and is returned by close.
type packageWriter struct {
	dir       string
	allFields bool // write every field hotline knows, not only those Export writes
	tables    map[string]*csvTable
	err       error
}

type csvTable struct {
	t    *table
	cols map[string]int
	f    *os.File
	bw   *bufio.Writer
	w    *csv.Writer
	rec  []string
	rows int
}

func newPackageWriter(dir string, allFields bool) *packageWriter {
	return &packageWriter{dir: dir, allFields: allFields, tables: map[string]*csvTable{}}
}

func (p *packageWriter) fields(t *table) []field {
	var out []field
	for _, f := range t.fields {
		if f.out || p.allFields {
			out = append(out, f)
		}
	}
	return out
}

// row writes one row of the named table; kv are column, value pairs.
// Columns the table does not write are a programming error.
func (p *packageWriter) row(name string, kv ...string) {
	if p.err != nil {
		return
	}
	ct := p.tables[name]
	if ct == nil {
		t := tableNamed(name)
		f, err := os.Create(filepath.Join(p.dir, t.path))
		if err != nil {
			p.err = err
			return
		}
		ct = &csvTable{t: t, cols: map[string]int{}, f: f}
		ct.bw = bufio.NewWriterSize(f, 1<<16)
		ct.w = csv.NewWriter(ct.bw)
		ct.w.UseCRLF = true // RFC 4180, the Data Package default dialect
		var header []string
		for _, fd := range p.fields(t) {
			ct.cols[fd.name] = len(header)
			header = append(header, fd.name)
		}
		ct.rec = make([]string, len(header))
		if err := ct.w.Write(header); err != nil {
			p.err = err
		}
		p.tables[name] = ct
	}
	clear(ct.rec)
	for i := 0; i+1 < len(kv); i += 2 {
		j, ok := ct.cols[kv[i]]
		if !ok {
			panic(fmt.Sprintf("hsds: table %s has no column %s", name, kv[i]))
		}
		ct.rec[j] = kv[i+1]
	}
	if err := ct.w.Write(ct.rec); err != nil {
		p.err = err
	}
	ct.rows++
}

// packageInfo is what datapackage.json says about the package as a whole.
type packageInfo struct {
	Name, Title, Description string
}

// close flushes the tables and writes datapackage.json.
func (p *packageWriter) close(info packageInfo) error {
	for _, ct := range p.tables {
		ct.w.Flush()
		if err := ct.w.Error(); err != nil && p.err == nil {
			p.err = err
		}
		if err := ct.bw.Flush(); err != nil && p.err == nil {
			p.err = err
		}
		if err := ct.f.Close(); err != nil && p.err == nil {
			p.err = err
		}
	}
	if p.err != nil {
		return p.err
	}
	desc := map[string]any{
		"profile":      "tabular-data-package",
		"name":         info.Name,
		"title":        info.Title,
		"description":  info.Description,
		"hsds_version": hsdsVersion,
		"resources":    p.resources(),
	}
	data, err := json.MarshalIndent(desc, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(p.dir, DescriptorFile), append(data, '\n'), 0o644)
}

// hsdsVersion is the version of the specification the packages follow.
const hsdsVersion = "3.2"

// resources describes the written tables as Table Schema resources, in the
// specification's order, with only the foreign keys whose table is there.
func (p *packageWriter) resources() []any {
	var out []any
	for i := range tables {
		t := &tables[i]
		if p.tables[t.name] == nil {
			continue
		}
		var fields, fks []any
		for _, f := range p.fields(t) {
			fd := map[string]any{"name": f.name, "type": cmp.Or(f.typ, typeString)}
			if f.format != "" {
				fd["format"] = f.format
			}
			cons := map[string]any{}
			if f.required {
				cons["required"] = true
			}
			if f.unique {
				cons["unique"] = true
			}
			if f.enum != nil {
				cons["enum"] = f.enum
			}
			if len(cons) > 0 {
				fd["constraints"] = cons
			}
			fields = append(fields, fd)
			if f.ref != "" && p.tables[f.ref] != nil {
				fks = append(fks, map[string]any{"fields": f.name, "reference": map[string]any{"resource": f.ref, "fields": "id"}})
			}
		}
		schema := map[string]any{"fields": fields, "primaryKey": "id"}
		if fks != nil {
			schema["foreignKeys"] = fks
		}
		out = append(out, map[string]any{
			"name": t.name, "path": t.path, "title": t.title, "profile": "tabular-data-resource",
			"format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "schema": schema,
		})
	}
	return out
}
