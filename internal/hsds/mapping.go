package hsds

import (
	"cmp"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/mail"
	"net/url"
	"path"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing/fstest"
	"time"

	"github.com/nyaruka/phonenumbers"
	"golang.org/x/text/language"

	"github.com/hotline-org/hotline/internal/catalog"
	"github.com/hotline-org/hotline/internal/places"
)

// Options tune ToCatalog. The zero value imports as of today, skips
// services that have no https page to cite or no taxonomy term that maps to
// a topic, and takes areas and phone numbers to be American when the data
// does not say.
type Options struct {
	// Now is the import date: what verified is when a service has neither
	// assured_date nor last_modified, and the date the catalog's checks
	// measure from. Zero means today.
	Now time.Time
	// Source is an https page to cite for services whose service and
	// organization have no https URL (the directory's publisher, say).
	// Empty skips such services: the catalog needs a source for every fact.
	Source string
	// Topics are given to services whose taxonomy terms map to no topic.
	// Empty skips such services.
	Topics []string
	// Country is the ISO 3166-1 code of the country a service is in when
	// it has no service area and no located address. Empty means "US".
	Country string
}

// ToCatalog maps the services of d to catalog resources of kind service
// and checks them with the catalog's own rules (the checks of hotline
// lint), so phone numbers are normalised and validated as in hand-written
// files. What does not map, and every service left out, is in the Report,
// row by row. The catalog holds the embedded topics and vocabulary and the
// resources that passed; it is ready to index or to write with
// WriteCatalog. Import does the same from a path with less memory.
func ToCatalog(d *Directory, opt Options) (*catalog.Catalog, *Report) {
	return mapDirectory(d, opt).check()
}

// Import reads the HSDS directory name in fsys (see Read) and maps it
// (see ToCatalog). It lets go of the directory's rows before the catalog
// is checked, which at 100,000 services saves a third of the peak memory.
func Import(fsys fs.FS, name string, opt Options) (*catalog.Catalog, *Report, error) {
	d, err := Read(fsys, name)
	if err != nil {
		return nil, nil, err
	}
	// mp holds nothing of d, so d's rows are garbage during the checks.
	c, rep := mapDirectory(d, opt).check()
	return c, rep, nil
}

// mapped is a directory mapped to catalog files, not yet checked.
type mapped struct {
	files  fstest.MapFS   // the catalog files, with the embedded topics and vocabulary
	origin map[string]Pos // catalog id → the service row it came from
	rep    *Report
	now    time.Time
}

func mapDirectory(d *Directory, opt Options) *mapped {
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	if opt.Country == "" {
		opt.Country = "US"
	}
	rep := &Report{Services: len(d.services)}
	rep.Issues = append(rep.Issues, d.ignored...)
	mp := &mapped{files: fstest.MapFS{}, rep: rep, now: opt.Now}
	vocab, err := vocabularyFiles()
	if err != nil {
		rep.add(Pos{File: catalog.TopicsFile}, "", "", false, "%v", err)
	}
	for name, data := range vocab {
		mp.files[name] = &fstest.MapFile{Data: data}
	}

	// Mapping is sequential (it reports, and gives out ids); encoding each
	// resource as YAML is not, and is half the work, so it runs beside it.
	// Each resource is garbage once encoded: only the files stay in memory
	// until the checks.
	type job struct {
		r   *catalog.Resource
		row *service
	}
	jobs := make(chan job, 256)
	var (
		mu     sync.Mutex
		failed []Issue
		wg     sync.WaitGroup
	)
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for j := range jobs {
				data, err := encodeResource(j.r)
				mu.Lock()
				if err != nil {
					failed = append(failed, Issue{Pos: j.row.pos, ID: j.row.id, Skipped: true, Message: "left out: " + err.Error()})
				} else {
					mp.files[resourceFile(j.r)] = &fstest.MapFile{Data: data}
				}
				mu.Unlock()
			}
		})
	}
	m := newMapper(d, opt, rep)
	for i := range d.services {
		if r := m.service(&d.services[i]); r != nil {
			jobs <- job{r, &d.services[i]}
		}
	}
	close(jobs)
	wg.Wait()
	rep.Issues = append(rep.Issues, failed...)
	m.reportTerms()
	if m.undated > 0 {
		rep.add(Pos{File: m.serviceFile()}, "", "assured_date", false,
			"%d services have no assured_date or last_modified: verified is the import date, %s",
			m.undated, opt.Now.Format(time.DateOnly))
	}
	mp.origin = m.origin
	return mp
}

// check runs the catalog's checks over the mapped files and reports the
// services they leave out.
func (mp *mapped) check() (*catalog.Catalog, *Report) {
	rep := mp.rep
	c, diags := catalog.Check(consumingFS{mp.files}, catalog.Options{Now: mp.now})
	mp.files = nil
	for _, dg := range diags {
		if dg.Severity != catalog.SeverityError {
			continue
		}
		id := strings.TrimSuffix(path.Base(dg.File), ".yaml")
		pos, ok := mp.origin[id]
		if !ok {
			// Not a service's file: the embedded topics or vocabulary,
			// which the tests keep valid.
			rep.add(Pos{File: dg.File}, "", "", false, "%s", dg.Message)
			continue
		}
		rep.add(pos, id, "", true, "left out: %s", dg.Message)
	}
	if c != nil {
		rep.Imported = len(c.Resources)
	}
	slices.SortStableFunc(rep.Issues, func(a, b Issue) int {
		return cmp.Or(cmp.Compare(a.Pos.File, b.Pos.File), cmp.Compare(a.Pos.Line, b.Pos.Line))
	})
	return c, rep
}

// consumingFS serves the mapped files to catalog.Check and lets go of each
// file's bytes once it is read. Check reads every file once, and at
// 100,000 services the YAML would otherwise sit in memory beside the
// catalog made of it. (Were Check to read a file twice, it would find it
// empty and say so: the round-trip test would fail.)
type consumingFS struct{ fstest.MapFS }

func (c consumingFS) ReadFile(name string) ([]byte, error) {
	f, ok := c.MapFS[name]
	if !ok {
		return c.MapFS.ReadFile(name)
	}
	data := f.Data
	f.Data = nil
	return data, nil
}

// mapper holds the directory's rows indexed by what refers to them.
type mapper struct {
	d     *Directory
	opt   Options
	rep   *Report
	areas areaResolver

	orgs         map[string]*organization
	locs         map[string]*location
	terms        map[string]*taxonomyTerm
	taxos        map[string]*taxonomy
	salsBySvc    map[string][]*serviceAtLocation
	addrByLoc    map[string][]*address
	phonesBySvc  map[string][]*phone
	phonesBySAL  map[string][]*phone
	phonesByLoc  map[string][]*phone
	phonesByOrg  map[string][]*phone
	schedBySvc   map[string][]*schedule
	schedBySAL   map[string][]*schedule
	langsBySvc   map[string][]*languageRow
	langsByPhone map[string][]*languageRow
	areasBySvc   map[string][]*serviceArea
	attrsBySvc   map[string][]*attribute
	attrsByURL   map[string][]*attribute
	urlsBySvc    map[string][]*urlRow

	termTopics map[string][]string // term id → topics, through parents
	termUses   map[string]int      // term id → services using it, for terms that map to no topic
	ids        map[string]bool     // catalog ids given out
	reported   map[string]bool     // issues already in the report
	origin     map[string]Pos      // catalog id → the service row
	undated    int                 // services verified on the import date
}

func group[T any](rows []T, key func(*T) string) map[string][]*T {
	m := map[string][]*T{}
	for i := range rows {
		if k := key(&rows[i]); k != "" {
			m[k] = append(m[k], &rows[i])
		}
	}
	return m
}

func index[T any](rows []T, key func(*T) string) map[string]*T {
	m := make(map[string]*T, len(rows))
	for i := range rows {
		m[key(&rows[i])] = &rows[i]
	}
	return m
}

func newMapper(d *Directory, opt Options, rep *Report) *mapper {
	return &mapper{
		d: d, opt: opt, rep: rep, areas: areaResolver{places: places.NewResolver()},
		orgs:         index(d.orgs, func(o *organization) string { return o.id }),
		locs:         index(d.locations, func(l *location) string { return l.id }),
		terms:        index(d.terms, func(t *taxonomyTerm) string { return t.id }),
		taxos:        index(d.taxos, func(t *taxonomy) string { return t.id }),
		salsBySvc:    group(d.sals, func(s *serviceAtLocation) string { return s.serviceID }),
		addrByLoc:    group(d.addresses, func(a *address) string { return a.locationID }),
		phonesBySvc:  group(d.phones, func(p *phone) string { return p.serviceID }),
		phonesBySAL:  group(d.phones, func(p *phone) string { return p.salID }),
		phonesByLoc:  group(d.phones, func(p *phone) string { return p.locationID }),
		phonesByOrg:  group(d.phones, func(p *phone) string { return p.orgID }),
		schedBySvc:   group(d.schedules, func(s *schedule) string { return s.serviceID }),
		schedBySAL:   group(d.schedules, func(s *schedule) string { return s.salID }),
		langsBySvc:   group(d.languages, func(l *languageRow) string { return l.serviceID }),
		langsByPhone: group(d.languages, func(l *languageRow) string { return l.phoneID }),
		areasBySvc:   group(d.areas, func(a *serviceArea) string { return a.serviceID }),
		attrsBySvc: group(d.attrs, func(a *attribute) string {
			if a.linkEntity == "" || a.linkEntity == tService {
				return a.linkID
			}
			return ""
		}),
		attrsByURL: group(d.attrs, func(a *attribute) string {
			if a.linkEntity == tURL {
				return a.linkID
			}
			return ""
		}),
		urlsBySvc:  group(d.urls, func(u *urlRow) string { return u.serviceID }),
		termTopics: map[string][]string{},
		termUses:   map[string]int{},
		ids:        map[string]bool{},
		reported:   map[string]bool{},
		origin:     map[string]Pos{},
	}
}

// add reports an issue once: a row that several services share (an
// organization, a location, a phone) would otherwise say the same for each.
func (m *mapper) add(pos Pos, id, field string, skipped bool, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	key := pos.String() + "\x00" + id + "\x00" + field + "\x00" + msg
	if m.reported[key] {
		return
	}
	m.reported[key] = true
	m.rep.Issues = append(m.rep.Issues, Issue{Pos: pos, ID: id, Field: field, Skipped: skipped, Message: msg})
}

func (m *mapper) serviceFile() string {
	if len(m.d.services) > 0 {
		return m.d.services[0].pos.File
	}
	return tableNamed(tService).path
}

// service maps one service row, or reports why it cannot and returns nil.
func (m *mapper) service(s *service) *catalog.Resource {
	skip := func(format string, args ...any) *catalog.Resource {
		m.add(s.pos, s.id, "", true, format, args...)
		return nil
	}
	note := func(field, format string, args ...any) {
		m.add(s.pos, s.id, field, false, format, args...)
	}
	switch s.status {
	case "active":
	case "":
		note("status", "empty: imported as active")
	default:
		return skip("status %q: only active services are imported", s.status)
	}
	org := m.orgs[s.orgID]

	r := &catalog.Resource{Kind: catalog.KindService, Name: catalog.Text{"en": s.name}, Audience: catalog.AudienceAll, Priority: 5}
	topics, fields := m.topics(s)
	if len(topics) == 0 {
		if len(m.opt.Topics) == 0 {
			return skip("no taxonomy term maps to a topic (see the taxonomy issues; or import with default topics)")
		}
		topics = m.opt.Topics
		note("", "no taxonomy term maps to a topic: given %s", strings.Join(topics, ", "))
	}
	r.Topics = topics
	m.catalogFields(s, r, fields)

	// Source: the page that backs the facts.
	if org != nil && org.website != "" {
		if err := checkHTTPS(org.website); err == nil {
			r.Source = org.website
		} else {
			m.add(org.pos, org.id, "website", false, "%v: not used as source", err)
		}
	}
	if s.url != "" {
		if err := checkHTTPS(s.url); err == nil {
			r.URL = s.url
			if r.Source == "" {
				r.Source = s.url
			}
		} else {
			note("url", "%v: left out", err)
		}
	}
	if r.Source == "" {
		if m.opt.Source == "" {
			return skip("no https page to cite as source (organization website or service url)")
		}
		r.Source = m.opt.Source
	}

	// Words.
	desc := s.description
	if desc == "" && org != nil {
		desc = org.description
	}
	summary, body := splitDescription(desc)
	if summary == "" {
		summary = s.name + "."
		note("description", "empty: the summary is the service's name")
	}
	r.Summary = catalog.Text{"en": summary}
	if body != "" {
		r.Body = catalog.Text{"en": body}
	}
	if s.altName != "" {
		r.Keywords = catalog.Keywords{"en": {s.altName}}
	}
	r.Staff = staffInfo(s, org)

	r.Areas = m.serviceAreas(s)
	r.Location = m.locations(s, r)
	if len(r.Areas) == 0 {
		r.Areas = m.areasFromLocations(s, r)
	}
	r.Langs = m.serviceLanguages(s)
	r.Contacts = append(r.Contacts, m.contacts(s, org, r)...)
	r.Verified = m.verified(s)

	r.ID = m.id(s, r, fields[fieldID])
	m.origin[r.ID] = s.pos
	for _, t := range m.termNames(s) {
		if !slices.Contains(r.Keywords["en"], t) {
			if r.Keywords == nil {
				r.Keywords = catalog.Keywords{}
			}
			r.Keywords["en"] = append(r.Keywords["en"], t)
		}
	}
	return r
}

// topics returns the service's topics and the values of hotline's own
// fields among its attributes.
func (m *mapper) topics(s *service) (topics []string, fields map[string]string) {
	fields = map[string]string{}
	for _, a := range m.attrsBySvc[s.id] {
		t := m.terms[a.termID]
		if t == nil {
			continue
		}
		if m.inTaxonomy(t, fieldsTaxonomyURI) {
			fields[t.code] = a.value
			continue
		}
		ts := m.termToTopics(t)
		if len(ts) == 0 {
			m.termUses[t.id]++
		}
		for _, x := range ts {
			if !slices.Contains(topics, x) {
				topics = append(topics, x)
			}
		}
	}
	return topics, fields
}

func (m *mapper) inTaxonomy(t *taxonomyTerm, uri string) bool {
	if t.taxonomy == uri {
		return true
	}
	x := m.taxos[t.taxonomyID]
	return x != nil && x.uri == uri
}

// termToTopics maps a term, or the nearest of its parents that maps.
func (m *mapper) termToTopics(t *taxonomyTerm) []string {
	if ts, ok := m.termTopics[t.id]; ok {
		return ts
	}
	var topics []string
	seen := map[string]bool{}
	for cur := t; cur != nil && !seen[cur.id]; cur = m.terms[cur.parentID] {
		seen[cur.id] = true
		if m.inTaxonomy(cur, topicsTaxonomyURI) {
			topics = []string{cur.code}
			break
		}
		ts, matched := topicsForName(cur.name)
		if matched {
			topics = ts
			break
		}
	}
	m.termTopics[t.id] = topics
	return topics
}

// termNames are the names of the service's terms that map to no topic,
// kept as search words: "Food Pantries" finds the service even where no
// topic says food. (Mapped terms are not: the index has the topics' names.)
func (m *mapper) termNames(s *service) []string {
	var names []string
	for _, a := range m.attrsBySvc[s.id] {
		t := m.terms[a.termID]
		if t == nil || m.inTaxonomy(t, fieldsTaxonomyURI) || len(m.termToTopics(t)) > 0 {
			continue
		}
		if !slices.Contains(names, t.name) {
			names = append(names, t.name)
		}
	}
	return names
}

func (m *mapper) reportTerms() {
	for i := range m.d.terms {
		t := &m.d.terms[i]
		if n := m.termUses[t.id]; n > 0 {
			m.add(t.pos, t.id, "", false, "taxonomy term %q maps to no topic (services using it: %d)", t.name, n)
		}
	}
}

// catalogFields applies the catalog fields Export carries in attributes.
func (m *mapper) catalogFields(s *service, r *catalog.Resource, fields map[string]string) {
	if a, ok := fields[fieldAudience]; ok {
		switch a {
		case catalog.AudienceAll, catalog.AudienceYouth, catalog.AudienceStaff:
			r.Audience = a
		default:
			m.add(s.pos, s.id, "", false, "attribute %s %q: not all, youth or staff: left out", fieldAudience, a)
		}
	}
	if p, ok := fields[fieldPriority]; ok {
		if n, err := strconv.Atoi(p); err == nil && n >= 0 && n <= 10 {
			r.Priority = n
		} else {
			m.add(s.pos, s.id, "", false, "attribute %s %q: not 0 to 10: left out", fieldPriority, p)
		}
	}
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// id gives the resource its catalog id: the one a hotline export carried,
// else a slug of its first area and name ("us-tx-hope-house"), made unique
// with a hash of the HSDS id.
func (m *mapper) id(s *service, r *catalog.Resource, carried string) string {
	if carried != "" {
		if slugRE.MatchString(carried) && !m.ids[carried] {
			m.ids[carried] = true
			return carried
		}
		m.add(s.pos, s.id, "", false, "attribute %s %q is not a free catalog id: a new one is made", fieldID, carried)
	}
	prefix := ""
	if len(r.Areas) > 0 && r.Areas[0] != "global" {
		prefix = strings.ToLower(r.Areas[0]) + " "
	}
	base := slugify(prefix + s.name)
	if base == "" {
		base = "service"
	}
	id := base
	if m.ids[id] {
		sum := sha1.Sum([]byte(s.id))
		id = base + "-" + hex.EncodeToString(sum[:3])
		for n := 2; m.ids[id]; n++ {
			id = fmt.Sprintf("%s-%s-%d", base, hex.EncodeToString(sum[:3]), n)
		}
	}
	m.ids[id] = true
	return id
}

func staffInfo(s *service, org *organization) *catalog.StaffInfo {
	var elig []string
	if s.eligibility != "" {
		elig = append(elig, plainText(s.eligibility))
	}
	switch {
	case s.hasMinAge && s.hasMaxAge:
		elig = append(elig, fmt.Sprintf("Ages %s to %s.", num(s.minAge), num(s.maxAge)))
	case s.hasMinAge:
		elig = append(elig, fmt.Sprintf("Ages %s and over.", num(s.minAge)))
	case s.hasMaxAge:
		elig = append(elig, fmt.Sprintf("Ages up to %s.", num(s.maxAge)))
	}
	var notes []string
	if org != nil && org.name != "" && !strings.EqualFold(org.name, s.name) {
		notes = append(notes, "Provided by "+org.name+".")
	}
	for _, f := range []struct{ label, text string }{
		{"Fees", s.fees}, {"Interpretation", s.interpretation}, {"Alert", s.alert},
	} {
		if f.text != "" {
			notes = append(notes, f.label+": "+plainText(f.text))
		}
	}
	st := &catalog.StaffInfo{}
	if len(elig) > 0 {
		st.Eligibility = catalog.Text{"en": strings.Join(elig, " ")}
	}
	if s.application != "" {
		st.Intake = catalog.Text{"en": plainText(s.application)}
	}
	if len(notes) > 0 {
		st.Notes = catalog.Text{"en": strings.Join(notes, "\n")}
	}
	if st.Eligibility == nil && st.Intake == nil && st.Notes == nil {
		return nil
	}
	return st
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func (m *mapper) serviceAreas(s *service) []string {
	var areas []string
	for _, a := range m.areasBySvc[s.id] {
		area, exact, ok := m.areas.resolve(a.name, a.uri)
		switch {
		case !ok:
			m.add(a.pos, a.id, "name", false, "service area %q is not a place hotline knows: left out", a.name)
			continue
		case !exact:
			m.add(a.pos, a.id, "name", false, "service area %q widened to %s", a.name, area)
		}
		if !slices.Contains(areas, area) {
			areas = append(areas, area)
		}
	}
	return areas
}

// areasFromLocations gives a service without service areas the state or
// country of its locations, else the default country.
func (m *mapper) areasFromLocations(s *service, r *catalog.Resource) []string {
	var areas []string
	for _, l := range r.Location {
		p, ok := m.areas.places.Locate(l.Latitude, l.Longitude)
		if !ok {
			continue
		}
		a := p.Region
		if a == "" {
			a = p.Country
		}
		if a != "" && !slices.Contains(areas, a) {
			areas = append(areas, a)
		}
	}
	if len(areas) == 0 {
		areas = []string{m.opt.Country}
	}
	m.add(s.pos, s.id, "", false, "no service area: serves %s, from its locations or the default country", strings.Join(areas, ", "))
	return areas
}

// locations maps the service's physical and postal locations; virtual
// ones with an https URL become web contacts in contacts.
func (m *mapper) locations(s *service, r *catalog.Resource) []catalog.Location {
	var out []catalog.Location
	seen := map[string]bool{}
	for _, sal := range m.salsBySvc[s.id] {
		l := m.locs[sal.locationID]
		if l == nil || seen[l.id] {
			continue
		}
		seen[l.id] = true
		if l.typ == "virtual" {
			continue // contacts() takes its URL
		}
		addr := m.address(l)
		lat, lon, ok := l.lat, l.lon, l.hasCoords
		if ok && lat == 0 && lon == 0 {
			ok = false // 0,0 is a placeholder, not a place in the sea off Africa
		}
		if !ok {
			if a := m.bestAddress(l); a != nil && a.postal != "" && (a.country == "" || strings.EqualFold(a.country, "US")) {
				if p, err := m.areas.places.Resolve(a.postal); err == nil && p.Kind == "zip" {
					lat, lon, ok = p.Lat, p.Lon, true
					m.add(l.pos, l.id, "latitude", false, "empty: the centre of ZIP code %s is used", a.postal)
				}
			}
		}
		if !ok {
			m.add(l.pos, l.id, "latitude", true, "no latitude and longitude: location left out")
			continue
		}
		out = append(out, catalog.Location{Name: l.name, Address: addr, Latitude: lat, Longitude: lon})
	}
	return out
}

// bestAddress picks a location's physical address, else its first.
func (m *mapper) bestAddress(l *location) *address {
	as := m.addrByLoc[l.id]
	for _, a := range as {
		if a.typ == "physical" {
			return a
		}
	}
	if len(as) > 0 {
		return as[0]
	}
	return nil
}

// address writes a location's address on one line, as the catalog does:
// "611 North Rampart Street, New Orleans, LA 70112". Without an address
// row a short description stands in: hotline's own exports put an address
// there when it is too coarse for the address table ("Los Angeles, CA").
func (m *mapper) address(l *location) string {
	if a := m.bestAddress(l); a != nil {
		return formatAddress(a.address1, a.address2, a.city, a.state, a.postal)
	}
	if d := strings.TrimSpace(l.description); d != "" && len(d) <= 120 && !strings.Contains(d, "\n") {
		return d
	}
	return ""
}

func formatAddress(line1, line2, city, state, postal string) string {
	var parts []string
	for _, p := range []string{line1, line2, city, strings.TrimSpace(state + " " + postal)} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

// languageNames maps the names directories write to codes, for rows with
// a name and no code.
var languageNames = map[string]string{
	"english": "en", "spanish": "es", "español": "es", "espanol": "es", "french": "fr", "chinese": "zh",
	"mandarin": "zh", "cantonese": "yue", "vietnamese": "vi", "korean": "ko", "russian": "ru", "arabic": "ar",
	"tagalog": "tl", "portuguese": "pt", "haitian creole": "ht", "creole": "ht", "somali": "so", "hmong": "hmn",
	"japanese": "ja", "german": "de", "italian": "it", "polish": "pl", "hindi": "hi", "urdu": "ur",
	"farsi": "fa", "persian": "fa", "amharic": "am", "swahili": "sw", "ukrainian": "uk", "american sign language": "ase",
	"asl": "ase", "navajo": "nv",
}

// languageCode returns the catalog's code for a language row: ISO 639-1
// where the language has one (the spec allows 639-3: "spa" → "es").
func languageCode(l *languageRow) (string, bool) {
	code := strings.ToLower(strings.TrimSpace(l.code))
	if code == "" {
		code = languageNames[strings.ToLower(strings.TrimSpace(l.name))]
	}
	if code == "" {
		return "", false
	}
	base, err := language.ParseBase(code)
	if err != nil {
		return "", false
	}
	return base.String(), true
}

func (m *mapper) serviceLanguages(s *service) []string {
	var langs []string
	for _, l := range m.langsBySvc[s.id] {
		code, ok := languageCode(l)
		if !ok {
			m.add(l.pos, l.id, "code", false, "language %q is not a language code or name hotline knows: left out", cmp.Or(l.code, l.name))
			continue
		}
		if !slices.Contains(langs, code) {
			langs = append(langs, code)
		}
	}
	if len(langs) == 0 {
		langs = []string{"en"}
	}
	return langs
}

// verified is when the service was last checked: assured_date, else
// last_modified, else the import date.
func (m *mapper) verified(s *service) catalog.Date {
	today := catalog.Date{Time: m.opt.Now.UTC().Truncate(24 * time.Hour)}
	var t time.Time
	if s.assured != "" {
		t, _ = time.Parse(time.DateOnly, s.assured)
	} else if s.lastModified != "" {
		lm, _ := parseDateTime(s.lastModified)
		t = time.Date(lm.Year(), lm.Month(), lm.Day(), 0, 0, 0, 0, time.UTC)
	}
	switch {
	case t.IsZero():
		m.undated++
		return today
	case t.After(m.opt.Now.Add(24 * time.Hour)):
		m.add(s.pos, s.id, "assured_date", false, "%s is in the future: verified is the import date", t.Format(time.DateOnly))
		return today
	}
	return catalog.Date{Time: t}
}

// contacts maps the phones, email and URLs of a service.
func (m *mapper) contacts(s *service, org *organization, r *catalog.Resource) []catalog.Contact {
	var out []catalog.Contact
	hours := m.hours(s)

	// Phones: the service's own, those of its locations, else its
	// organization's main line.
	var phones []*phone
	phones = append(phones, m.phonesBySvc[s.id]...)
	for _, sal := range m.salsBySvc[s.id] {
		phones = append(phones, m.phonesBySAL[sal.id]...)
		phones = append(phones, m.phonesByLoc[sal.locationID]...)
	}
	if len(phones) == 0 && org != nil {
		phones = m.phonesByOrg[org.id]
	}
	seen := map[string]bool{}
	for _, p := range phones {
		if seen[p.id] {
			continue
		}
		seen[p.id] = true
		if c, ok := m.phoneContact(p, r, hours); ok && !seen["#"+c.Type+c.Value+"#"+c.Keyword] {
			seen["#"+c.Type+c.Value+"#"+c.Keyword] = true
			out = append(out, c)
		}
	}

	email := s.email
	if email == "" && org != nil {
		email = org.email
	}
	if email != "" {
		if a, err := mail.ParseAddress(email); err == nil && a.Address == email {
			out = append(out, catalog.Contact{Type: catalog.ContactEmail, Value: email})
		} else {
			m.add(s.pos, s.id, "email", false, "%q is not a plain email address: left out", email)
		}
	}

	for _, u := range m.urlsBySvc[s.id] {
		if err := checkHTTPS(u.url); err != nil {
			m.add(u.pos, u.id, "url", false, "%v: left out", err)
			continue
		}
		typ := catalog.ContactWeb
		if strings.Contains(strings.ToLower(u.label), "chat") {
			typ = catalog.ContactChat
		}
		for _, a := range m.attrsByURL[u.id] {
			if t := m.terms[a.termID]; t != nil && m.inTaxonomy(t, fieldsTaxonomyURI) && t.code == fieldContactType &&
				(a.value == catalog.ContactWeb || a.value == catalog.ContactChat) {
				typ = a.value
			}
		}
		out = append(out, catalog.Contact{Type: typ, Value: u.url, Label: text(u.label)})
	}
	for _, sal := range m.salsBySvc[s.id] {
		l := m.locs[sal.locationID]
		if l == nil || l.typ != "virtual" || l.url == "" {
			continue
		}
		if err := checkHTTPS(l.url); err != nil {
			m.add(l.pos, l.id, "url", false, "virtual location: %v: left out", err)
			continue
		}
		out = append(out, catalog.Contact{Type: catalog.ContactWeb, Value: l.url, Label: text(l.name)})
	}
	return out
}

func text(s string) catalog.Text {
	if s == "" {
		return nil
	}
	return catalog.Text{"en": s}
}

// keywordRE finds the SMS keyword Export writes into a phone's description.
var keywordRE = regexp.MustCompile(`\s*\(?Keyword: ([A-Za-z0-9]+)\)?`)

func (m *mapper) phoneContact(p *phone, r *catalog.Resource, hours catalog.Text) (catalog.Contact, bool) {
	c := catalog.Contact{Value: p.number, Hours: hours}
	desc := p.description
	if k := keywordRE.FindStringSubmatch(desc); k != nil {
		c.Keyword = k[1]
		desc = strings.TrimSpace(keywordRE.ReplaceAllString(desc, ""))
	}
	switch p.typ {
	case "", "voice", "cell", "mobile", "work", "main":
		c.Type = catalog.ContactPhone
	case "text", "sms":
		c.Type = catalog.ContactSMS
	case "textphone", "tty", "tdd":
		c.Type = catalog.ContactTTY
	case "fax", "pager", "video":
		m.add(p.pos, p.id, "type", true, "a %s number is no way for a person to reach help: left out", p.typ)
		return c, false
	default:
		c.Type = catalog.ContactPhone
		m.add(p.pos, p.id, "type", false, "%q is not an RFC 6350 phone type: read as voice", p.typ)
	}
	if strings.Contains(strings.ToLower(desc), "whatsapp") && c.Type != catalog.ContactTTY {
		c.Type = catalog.ContactWhatsApp
	}
	if c.Keyword != "" && c.Type != catalog.ContactSMS && c.Type != catalog.ContactWhatsApp {
		c.Keyword = ""
	}
	label := desc
	if p.extension != "" {
		label = strings.TrimSpace(label + " (ext. " + p.extension + ")")
	}
	c.Label = text(label)
	for _, l := range m.langsByPhone[p.id] {
		if code, ok := languageCode(l); ok && !slices.Contains(c.Langs, code) {
			c.Langs = append(c.Langs, code)
		}
	}
	if err := phoneValid(c, r.Areas); err != nil {
		m.add(p.pos, p.id, "number", true, "%v: left out", err)
		return c, false
	}
	return c, true
}

// hours describes when the service is open, from its schedules, as the
// text the catalog shows beside a number.
func (m *mapper) hours(s *service) catalog.Text {
	var rows []*schedule
	rows = append(rows, m.schedBySvc[s.id]...)
	for _, sal := range m.salsBySvc[s.id] {
		rows = append(rows, m.schedBySAL[sal.id]...)
	}
	var parts []string
	for _, x := range rows {
		t := scheduleText(x)
		if t != "" && !slices.Contains(parts, t) {
			parts = append(parts, t)
		}
	}
	if len(parts) == 0 {
		return nil
	}
	return catalog.Text{"en": strings.Join(parts, "; ")}
}

var weekDays = []struct{ code, name string }{
	{"MO", "Mon"}, {"TU", "Tue"}, {"WE", "Wed"}, {"TH", "Thu"}, {"FR", "Fri"}, {"SA", "Sat"}, {"SU", "Sun"},
}

// scheduleText is a schedule row's description, else its weekly rule in
// words: "Mon–Fri 09:00–17:00"; every day round the clock is "24/7".
func scheduleText(x *schedule) string {
	if d := plainText(x.description); d != "" {
		return d
	}
	if x.freq != "" && x.freq != "WEEKLY" || x.byday == "" && x.opens == "" {
		return ""
	}
	var on [7]bool
	n := 0
	for d := range strings.SplitSeq(strings.ToUpper(x.byday), ",") {
		for i, w := range weekDays {
			if strings.TrimSpace(d) == w.code && !on[i] {
				on[i] = true
				n++
			}
		}
	}
	open, closes := hhmm(x.opens), hhmm(x.closes)
	if n == 7 && open == "00:00" && (closes == "23:59" || closes == "24:00" || closes == "00:00") {
		return "24/7"
	}
	// Runs of three days or more read as a range: Mon–Fri, Sat, Sun.
	var days []string
	for i := 0; i < 7; {
		if !on[i] {
			i++
			continue
		}
		j := i
		for j+1 < 7 && on[j+1] {
			j++
		}
		switch {
		case j-i >= 2:
			days = append(days, weekDays[i].name+"–"+weekDays[j].name)
		case j > i:
			days = append(days, weekDays[i].name, weekDays[j].name)
		default:
			days = append(days, weekDays[i].name)
		}
		i = j + 1
	}
	out := strings.Join(days, ", ")
	if open != "" && closes != "" {
		out = strings.TrimSpace(out + " " + open + "–" + closes)
	}
	return out
}

// hhmm drops the seconds and zone of an HSDS time: "09:00:00-05:00" → "09:00".
func hhmm(s string) string {
	if len(s) >= 5 && s[2] == ':' {
		return s[:5]
	}
	return s
}

// checkHTTPS applies the catalog's rule for URLs: https, with a host.
func checkHTTPS(s string) error {
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return fmt.Errorf("%q is not a URL", s)
	case u.Scheme != "https":
		return fmt.Errorf("%q is not https", s)
	case u.Host == "" || !strings.Contains(u.Hostname(), "."):
		return fmt.Errorf("%q has no host", s)
	}
	return nil
}

var (
	euShortCodes = regexp.MustCompile(`^(112|116 ?\d{3})$`)
	digitsRE     = regexp.MustCompile(`^[0-9]{3,8}$`)
)

// phoneValid applies the catalog's rule for numbers (catalog/load.go,
// normalisePhone) before Check does, so that one bad number leaves out that
// number and not the whole service.
func phoneValid(c catalog.Contact, areas []string) error {
	region := ""
	if len(areas) > 0 {
		region, _, _ = strings.Cut(areas[0], "-")
	}
	raw := strings.TrimSpace(c.Value)
	if c.Type == catalog.ContactSMS && digitsRE.MatchString(raw) {
		return nil // an SMS short code
	}
	shortOK := c.Type == catalog.ContactPhone || c.Type == catalog.ContactTTY
	if region == "EU" || region == "global" {
		if shortOK && euShortCodes.MatchString(raw) && slices.Contains(areas, "EU") {
			return nil
		}
		if !strings.HasPrefix(raw, "+") {
			return fmt.Errorf("phone %q has no country code and the service is not in one country", raw)
		}
		region = ""
	}
	num, err := phonenumbers.Parse(raw, region)
	if err != nil {
		return fmt.Errorf("phone %q: %v", raw, err)
	}
	if phonenumbers.IsValidNumber(num) {
		return nil
	}
	if shortOK && region != "" && !strings.HasPrefix(raw, "+") && catalog.IsShortCode(raw, region) {
		return nil
	}
	return fmt.Errorf("phone %q is not a valid number in %s", raw, cmp.Or(region, "any country"))
}
