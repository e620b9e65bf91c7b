package hsds

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// DescriptorFile is the name of a data package's descriptor.
const DescriptorFile = "datapackage.json"

// maxProblems is how many problems Read lists before it stops: a file
// broken on every row needs its first few errors, not all of them.
const maxProblems = 20

// ReadPath reads the HSDS directory at path on disk: a data package folder,
// its datapackage.json, or a JSON file of services. See Read.
func ReadPath(p string) (*Directory, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, fmt.Errorf("hsds: %w", err)
	}
	if st.IsDir() {
		return Read(os.DirFS(p), ".")
	}
	return Read(os.DirFS(filepath.Dir(p)), filepath.Base(p))
}

// Read reads an HSDS 3.x directory from fsys. name is one of
//   - a folder holding a CSV Tabular Data Package: datapackage.json and one
//     CSV file per table (a folder with services.csv and no descriptor is
//     read with the file names the specification gives);
//   - a data package descriptor: datapackage.json, or a JSON file of
//     another name with "resources";
//   - a JSON file of services as the specification's compiled service
//     schema nests them: an array of services, an API page with the array
//     in "contents", or one service.
//
// Read checks what it reads: CSV syntax, the columns the specification
// requires, unique ids, foreign keys, numbers, dates and enumerations,
// latitude and longitude ranges. Malformed input gives an error listing
// the first problems as "file:line: column name: message", and no
// Directory. Tables and columns hotline does not map are no error; they
// are listed in the Report of ToCatalog.
func Read(fsys fs.FS, name string) (*Directory, error) {
	st, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("hsds: %w", err)
	}
	r := &reader{fsys: fsys, d: &Directory{}, ids: map[string]map[string]Pos{}, ignored: map[string]*Issue{}}
	var ioErr error
	switch {
	case st.IsDir():
		ioErr = r.readFolder(name)
	case path.Base(name) == DescriptorFile:
		r.dir = path.Dir(name)
		ioErr = r.readPackage(name)
	default:
		ioErr = r.readJSON(name)
	}
	if ioErr != nil {
		return nil, ioErr
	}
	if !r.errs.full() {
		r.checkRefs()
	}
	if err := r.errs.err(); err != nil {
		return nil, err
	}
	r.d.ignored = r.ignoredIssues()
	return r.d, nil
}

type reader struct {
	fsys fs.FS
	dir  string // the package's folder within fsys
	d    *Directory
	errs problems
	json bool // reading the JSON form: shared objects repeat under each service

	ids     map[string]map[string]Pos // table → id → first row
	ignored map[string]*Issue         // file and column → count of values
	order   []string                  // keys of ignored, in the order first seen
}

// rel names a file for messages: relative to the package's folder.
func (r *reader) rel(name string) string {
	if r.dir == "." || r.dir == "" {
		return name
	}
	return strings.TrimPrefix(name, r.dir+"/")
}

// problems collects what is wrong with the input, up to maxProblems.
type problems struct {
	list []string
	more int
}

func (p *problems) add(pos Pos, column, format string, args ...any) {
	if len(p.list) >= maxProblems {
		p.more++
		return
	}
	msg := fmt.Sprintf(format, args...)
	if column != "" {
		msg = "column " + column + ": " + msg
	}
	p.list = append(p.list, pos.String()+": "+msg)
}

func (p *problems) full() bool { return len(p.list) >= maxProblems }

func (p *problems) err() error {
	if len(p.list) == 0 {
		return nil
	}
	return &MalformedError{Problems: p.list, More: p.more}
}

// MalformedError is returned by Read for input that is not well-formed
// HSDS. Nothing of the input is mapped.
type MalformedError struct {
	Problems []string // "file:line: column name: message", in input order
	More     int      // problems found beyond those listed
}

func (e *MalformedError) Error() string {
	var b strings.Builder
	b.WriteString("hsds: malformed input:")
	for _, p := range e.Problems {
		b.WriteString("\n")
		b.WriteString(p)
	}
	if e.More > 0 {
		fmt.Fprintf(&b, "\n… and more: only the first %d are listed", len(e.Problems))
	}
	return b.String()
}

// descriptor is the part of datapackage.json that Read uses.
type descriptor struct {
	Resources []struct {
		Name string          `json:"name"`
		Path json.RawMessage `json:"path"`
	} `json:"resources"`
}

func (r *reader) readFolder(dir string) error {
	desc := path.Join(dir, DescriptorFile)
	if _, err := fs.Stat(r.fsys, desc); err == nil {
		r.dir = dir
		return r.readPackage(desc)
	}
	services := path.Join(dir, tableNamed(tService).path)
	if _, err := fs.Stat(r.fsys, services); err != nil {
		r.errs.add(Pos{File: dir}, "", "no %s (and no %s): not an HSDS data package", DescriptorFile, path.Base(services))
		return nil
	}
	// No descriptor, but the specification's file names.
	r.dir = dir
	for i := range tables {
		t := &tables[i]
		name := path.Join(dir, t.path)
		if _, err := fs.Stat(r.fsys, name); err != nil {
			continue
		}
		if err := r.readCSV(t, name); err != nil {
			return err
		}
	}
	return nil
}

func (r *reader) readPackage(name string) error {
	data, err := fs.ReadFile(r.fsys, name)
	if err != nil {
		return fmt.Errorf("hsds: %w", err)
	}
	return r.readDescriptor(name, data)
}

func (r *reader) readDescriptor(name string, data []byte) error {
	file := r.rel(name)
	var d descriptor
	if err := json.Unmarshal(data, &d); err != nil {
		r.errs.add(jsonErrorPos(file, data, err), "", "bad JSON: %v", jsonErrorText(err))
		return nil
	}
	found := map[string]string{}
	for i, res := range d.Resources {
		where := Pos{File: file, Path: fmt.Sprintf("resources[%d]", i)}
		var p string
		if err := json.Unmarshal(res.Path, &p); err != nil || p == "" {
			r.errs.add(where, "", "resource %q: want \"path\" to be one file name", res.Name)
			continue
		}
		if strings.Contains(p, "://") || !fs.ValidPath(p) {
			r.errs.add(where, "", "resource %q: path %q is not a file inside the package", res.Name, p)
			continue
		}
		if tableNamed(res.Name) == nil {
			r.ignoreTable(p, res.Name)
			continue
		}
		if prev, dup := found[res.Name]; dup {
			r.errs.add(where, "", "resource %q is listed twice (%s and %s)", res.Name, prev, p)
			continue
		}
		found[res.Name] = p
	}
	if _, ok := found[tService]; !ok && len(r.errs.list) == 0 {
		r.errs.add(Pos{File: file}, "", "no %q resource: a directory needs services", tService)
	}
	if len(r.errs.list) > 0 {
		return nil
	}
	for i := range tables {
		t := &tables[i]
		p, ok := found[t.name]
		if !ok {
			continue
		}
		full := path.Join(r.dir, p)
		if _, err := fs.Stat(r.fsys, full); err != nil {
			r.errs.add(Pos{File: file}, "", "resource %q: %s does not exist", t.name, p)
			continue
		}
		if err := r.readCSV(t, full); err != nil {
			return err
		}
		if r.errs.full() {
			break
		}
	}
	return nil
}

// record is one row: a CSV record with its header, or a JSON object's
// scalar values.
type record struct {
	cols map[string]int
	vals []string
	m    map[string]string
}

func (rec record) get(name string) string {
	if rec.m != nil {
		return strings.TrimSpace(rec.m[name])
	}
	if i, ok := rec.cols[name]; ok && i < len(rec.vals) {
		return strings.TrimSpace(rec.vals[i])
	}
	return ""
}

func (r *reader) readCSV(t *table, name string) error {
	f, err := r.fsys.Open(name)
	if err != nil {
		return fmt.Errorf("hsds: %w", err)
	}
	defer f.Close()
	file := r.rel(name)
	cr := csv.NewReader(bufio.NewReaderSize(f, 1<<16))
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		r.errs.add(Pos{File: file, Line: 1}, "", "empty file: want a header row")
		return nil
	}
	if err != nil {
		r.csvError(file, err)
		return nil
	}
	cols := make(map[string]int, len(header))
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		if _, dup := cols[h]; dup {
			r.errs.add(Pos{File: file, Line: 1}, h, "appears twice in the header")
		}
		cols[h] = i
	}
	for _, f := range t.fields {
		if _, ok := cols[f.name]; f.required && !ok {
			r.errs.add(Pos{File: file, Line: 1}, f.name, "missing: the specification requires it in %s", t.path)
		}
	}
	if len(r.errs.list) > 0 {
		return nil
	}
	var extra []string // columns hotline does not map
	for h := range cols {
		if !t.maps(h) {
			extra = append(extra, h)
		}
	}
	slices.SortFunc(extra, func(a, b string) int { return cols[a] - cols[b] })
	for {
		vals, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			r.csvError(file, err)
			return nil
		}
		line, _ := cr.FieldPos(0)
		pos := Pos{File: file, Line: line}
		rec := record{cols: cols, vals: vals}
		for _, h := range extra {
			if rec.get(h) != "" {
				r.ignore(file, h)
			}
		}
		r.row(t, pos, rec)
		if r.errs.full() {
			return nil
		}
	}
	return nil
}

func (r *reader) csvError(file string, err error) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			msg = "wrong number of fields: every row needs one per header column"
		} else {
			msg = "bad CSV: " + msg
			if pe.Column > 0 {
				msg += fmt.Sprintf(" (character %d)", pe.Column)
			}
		}
		r.errs.add(Pos{File: file, Line: pe.Line}, "", "%s", msg)
		return
	}
	r.errs.add(Pos{File: file}, "", "%v", err)
}

// row checks one row against its table and adds it to the directory.
func (r *reader) row(t *table, pos Pos, rec record) {
	before := len(r.errs.list) + r.errs.more
	for i := range t.fields {
		f := &t.fields[i]
		v := rec.get(f.name)
		if v == "" {
			if f.value && !(r.json && f.tabular) {
				r.errs.add(pos, f.name, "empty: the specification requires a value")
			}
			continue
		}
		switch f.typ {
		case typeNumber:
			if _, ok := parseNumber(v); !ok {
				r.errs.add(pos, f.name, "%q is not a number", v)
			}
		case typeDate:
			if _, err := time.Parse(time.DateOnly, v); err != nil {
				r.errs.add(pos, f.name, "%q is not a date (YYYY-MM-DD)", v)
			}
		case typeDateTime:
			if _, ok := parseDateTime(v); !ok {
				r.errs.add(pos, f.name, "%q is not a date and time (RFC 3339, e.g. 2024-03-15T10:30:45Z)", v)
			}
		}
		if f.enum != nil && !slices.ContainsFunc(f.enum, func(e string) bool { return strings.EqualFold(e, v) }) {
			r.errs.add(pos, f.name, "%q is not one of %s", v, strings.Join(f.enum, ", "))
		}
	}
	if t.name == tLocation {
		checkRange(r, pos, rec, "latitude", 90)
		checkRange(r, pos, rec, "longitude", 180)
	}
	if len(r.errs.list)+r.errs.more > before {
		return
	}
	id := rec.get("id")
	seen := r.ids[t.name]
	if seen == nil {
		seen = map[string]Pos{}
		r.ids[t.name] = seen
	}
	if first, dup := seen[id]; dup {
		if r.json && shared(t.name) {
			return // the same organization or location under another service
		}
		r.errs.add(pos, "id", "%q is used twice in %s (first at %s)", id, t.name, first)
		return
	}
	seen[id] = pos
	r.add(t.name, pos, rec)
}

// shared reports whether objects of the table may repeat in the JSON form,
// nested under every service that uses them.
func shared(table string) bool {
	switch table {
	case tOrganization, tLocation, tTaxonomyTerm, tTaxonomy, tAddress:
		return true
	}
	return false
}

func checkRange(r *reader, pos Pos, rec record, col string, limit float64) {
	v := rec.get(col)
	if v == "" {
		return
	}
	if f, ok := parseNumber(v); ok && (f < -limit || f > limit) {
		r.errs.add(pos, col, "%s is out of range -%v to %v", v, limit, limit)
	}
}

func parseNumber(s string) (float64, bool) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

func parseDateTime(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// add appends a checked row to its table.
func (r *reader) add(table string, pos Pos, rec record) {
	g := rec.get
	d := r.d
	switch table {
	case tOrganization:
		d.orgs = append(d.orgs, organization{pos: pos, id: g("id"), name: g("name"), description: g("description"),
			email: g("email"), website: g("website")})
	case tService:
		s := service{pos: pos, id: g("id"), orgID: g("organization_id"), name: g("name"), altName: g("alternate_name"),
			description: g("description"), url: g("url"), email: g("email"), status: strings.ToLower(g("status")),
			interpretation: g("interpretation_services"), application: g("application_process"),
			fees: g("fees_description"), eligibility: g("eligibility_description"), alert: g("alert"),
			assured: g("assured_date"), lastModified: g("last_modified")}
		s.minAge, s.hasMinAge = parseNumber(g("minimum_age"))
		s.maxAge, s.hasMaxAge = parseNumber(g("maximum_age"))
		d.services = append(d.services, s)
	case tLocation:
		l := location{pos: pos, id: g("id"), typ: strings.ToLower(g("location_type")), url: g("url"),
			orgID: g("organization_id"), name: g("name"), description: g("description")}
		lat, okLat := parseNumber(g("latitude"))
		lon, okLon := parseNumber(g("longitude"))
		if okLat && okLon {
			l.lat, l.lon, l.hasCoords = lat, lon, true
		}
		d.locations = append(d.locations, l)
	case tServiceAtLocation:
		d.sals = append(d.sals, serviceAtLocation{pos: pos, id: g("id"), serviceID: g("service_id"), locationID: g("location_id")})
	case tAddress:
		d.addresses = append(d.addresses, address{pos: pos, id: g("id"), locationID: g("location_id"),
			address1: g("address_1"), address2: g("address_2"), city: g("city"), state: g("state_province"),
			postal: g("postal_code"), country: g("country"), typ: strings.ToLower(g("address_type"))})
	case tPhone:
		d.phones = append(d.phones, phone{pos: pos, id: g("id"), locationID: g("location_id"), serviceID: g("service_id"),
			orgID: g("organization_id"), salID: g("service_at_location_id"), number: g("number"),
			extension: g("extension"), typ: strings.ToLower(g("type")), description: g("description")})
	case tSchedule:
		d.schedules = append(d.schedules, schedule{pos: pos, id: g("id"), serviceID: g("service_id"),
			locationID: g("location_id"), salID: g("service_at_location_id"), description: g("description"),
			freq: strings.ToUpper(g("freq")), byday: g("byday"), opens: g("opens_at"), closes: g("closes_at")})
	case tLanguage:
		d.languages = append(d.languages, languageRow{pos: pos, id: g("id"), serviceID: g("service_id"),
			locationID: g("location_id"), phoneID: g("phone_id"), name: g("name"), code: g("code")})
	case tServiceArea:
		d.areas = append(d.areas, serviceArea{pos: pos, id: g("id"), serviceID: g("service_id"), name: g("name"),
			description: g("description"), uri: g("uri")})
	case tTaxonomy:
		d.taxos = append(d.taxos, taxonomy{pos: pos, id: g("id"), name: g("name"), uri: g("uri")})
	case tTaxonomyTerm:
		d.terms = append(d.terms, taxonomyTerm{pos: pos, id: g("id"), code: g("code"), name: g("name"),
			parentID: g("parent_id"), taxonomy: g("taxonomy"), taxonomyID: g("taxonomy_id")})
	case tAttribute:
		d.attrs = append(d.attrs, attribute{pos: pos, id: g("id"), linkID: g("link_id"), termID: g("taxonomy_term_id"),
			linkEntity: strings.ToLower(g("link_entity")), value: g("value")})
	case tURL:
		d.urls = append(d.urls, urlRow{pos: pos, id: g("id"), label: g("label"), url: g("url"), orgID: g("organization_id"),
			serviceID: g("service_id")})
	}
}

// checkRefs checks every foreign key once all tables are read.
func (r *reader) checkRefs() {
	d := r.d
	ref := func(pos Pos, col, table, id string) {
		if id == "" {
			return
		}
		if _, ok := r.ids[table][id]; !ok {
			if r.ids[table] == nil {
				r.errs.add(pos, col, "refers to %s %q, but the directory has no %s table", table, id, table)
				return
			}
			r.errs.add(pos, col, "no %s with id %q", table, id)
		}
	}
	for _, s := range d.services {
		ref(s.pos, "organization_id", tOrganization, s.orgID)
	}
	for _, l := range d.locations {
		ref(l.pos, "organization_id", tOrganization, l.orgID)
	}
	for _, x := range d.sals {
		ref(x.pos, "service_id", tService, x.serviceID)
		ref(x.pos, "location_id", tLocation, x.locationID)
	}
	for _, a := range d.addresses {
		ref(a.pos, "location_id", tLocation, a.locationID)
	}
	for _, p := range d.phones {
		ref(p.pos, "service_id", tService, p.serviceID)
		ref(p.pos, "location_id", tLocation, p.locationID)
		ref(p.pos, "organization_id", tOrganization, p.orgID)
		ref(p.pos, "service_at_location_id", tServiceAtLocation, p.salID)
	}
	for _, s := range d.schedules {
		ref(s.pos, "service_id", tService, s.serviceID)
		ref(s.pos, "location_id", tLocation, s.locationID)
		ref(s.pos, "service_at_location_id", tServiceAtLocation, s.salID)
	}
	for _, l := range d.languages {
		ref(l.pos, "service_id", tService, l.serviceID)
		ref(l.pos, "location_id", tLocation, l.locationID)
		ref(l.pos, "phone_id", tPhone, l.phoneID)
	}
	for _, a := range d.areas {
		ref(a.pos, "service_id", tService, a.serviceID)
	}
	for _, t := range d.terms {
		if !r.json {
			// The JSON form nests the terms services use, not their parents.
			ref(t.pos, "parent_id", tTaxonomyTerm, t.parentID)
		}
		ref(t.pos, "taxonomy_id", tTaxonomy, t.taxonomyID)
	}
	for _, a := range d.attrs {
		ref(a.pos, "taxonomy_term_id", tTaxonomyTerm, a.termID)
		switch a.linkEntity {
		case tService, tOrganization, tLocation:
			ref(a.pos, "link_id", a.linkEntity, a.linkID)
		}
	}
	for _, u := range d.urls {
		ref(u.pos, "service_id", tService, u.serviceID)
		ref(u.pos, "organization_id", tOrganization, u.orgID)
	}
}

// ignore counts a value in a column hotline does not read.
func (r *reader) ignore(file, column string) {
	key := file + "\x00" + column
	is, ok := r.ignored[key]
	if !ok {
		is = &Issue{Pos: Pos{File: file}, Field: column}
		r.ignored[key] = is
		r.order = append(r.order, key)
	}
	is.count++
}

// ignoreTable notes a table of the package that hotline does not read.
func (r *reader) ignoreTable(file, name string) {
	key := file + "\x00"
	if _, ok := r.ignored[key]; ok {
		return
	}
	r.ignored[key] = &Issue{Pos: Pos{File: file}, Message: fmt.Sprintf("table %s is not imported", name)}
	r.order = append(r.order, key)
}

func (r *reader) ignoredIssues() []Issue {
	out := make([]Issue, 0, len(r.order))
	for _, key := range r.order {
		is := *r.ignored[key]
		if is.Message == "" {
			is.Message = fmt.Sprintf("not imported (%d rows have a value)", is.count)
		}
		out = append(out, is)
	}
	return out
}

// jsonErrorPos places a JSON syntax error on its line.
func jsonErrorPos(file string, data []byte, err error) Pos {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	off := int64(-1)
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	if off < 0 || off > int64(len(data)) {
		return Pos{File: file}
	}
	return Pos{File: file, Line: 1 + bytes.Count(data[:off], []byte("\n"))}
}

func jsonErrorText(err error) string {
	return strings.TrimPrefix(err.Error(), "json: ")
}
