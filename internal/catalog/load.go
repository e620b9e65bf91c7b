package catalog

import (
	"cmp"
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"maps"
	"net/mail"
	"net/url"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nyaruka/phonenumbers"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
)

// Catalog is a loaded, checked set of resources and the vocabularies that
// go with them. It is read-only once loaded and safe for concurrent use.
type Catalog struct {
	Resources  []*Resource // by kind folder, then by id
	Topics     []Topic
	Groups     []Topic
	Vocabulary []Term

	// Countries are the emergency numbers of CountriesFile, in its order.
	Countries []*Country
	// Lines maps a country to its harm topics' first hotlines (LinesFile).
	Lines map[string]map[string]string
	// Elsewhere maps a harm topic to the directory shown first in the
	// countries Lines leaves out (LinesFile).
	Elsewhere map[string]string

	byID      map[string]*Resource
	countries map[string]*Country // Countries by code
}

// IsHarm reports whether any of topics means harm to the person writing.
func (c *Catalog) IsHarm(topics []string) bool {
	for _, t := range c.Topics {
		if t.Harm && slices.Contains(topics, t.ID) {
			return true
		}
	}
	return false
}

// Resource returns the resource with the given id.
func (c *Catalog) Resource(id string) (*Resource, bool) {
	r, ok := c.byID[id]
	return r, ok
}

// Topic is one entry of a controlled vocabulary (topics or groups).
type Topic struct {
	ID   string `yaml:"id"`
	Name Text   `yaml:"name"`
	Harm bool   `yaml:"harm"` // the topic means harm to the person writing
}

// Term maps words people use to catalog topics and plain search words.
type Term struct {
	Lang   string   `yaml:"lang"`
	Words  []string `yaml:"words"`
	Topics []string `yaml:"topics"`
	Kinds  []string `yaml:"kinds"` // kinds of resource the words ask for: "red flags" asks for warning signs
	Means  string   `yaml:"means"`
}

type topicsFile struct {
	Topics []Topic `yaml:"topics"`
	Groups []Topic `yaml:"groups"`
}

type vocabularyFile struct {
	Terms []Term `yaml:"terms"`
}

// The files and folders of a catalog, relative to its root.
const (
	TopicsFile     = "topics.yaml"
	VocabularyFile = "vocabulary.yaml"
)

// Folders maps each kind to the folder its files live in.
var Folders = map[string]string{
	KindHotline:     "hotlines",
	KindService:     "services",
	KindWarningSign: "warning-signs",
	KindGuide:       "guides",
}

// Options tune Check. The zero value checks against today with a
// 365-day verification window.
type Options struct {
	Now    time.Time     // the date staleness is measured from; zero means today
	MaxAge time.Duration // entries verified longer ago than this are stale; zero means 365 days
	Strict bool          // stale entries are errors, not warnings
}

// DefaultMaxAge is how long a verification stays fresh.
const DefaultMaxAge = 365 * 24 * time.Hour

// Load reads and checks the catalog in fsys. It fails with an *Error
// listing every problem when any file is invalid; warnings do not stop it.
func Load(fsys fs.FS) (*Catalog, error) {
	c, ds := Check(fsys, Options{})
	if errs := ds.Errors(); len(errs) > 0 {
		return nil, &Error{Diagnostics: errs}
	}
	return c, nil
}

// Check reads the catalog in fsys and returns it with every problem found.
// The catalog is nil only when nothing could be read; it may hold fewer
// resources than the files when some were invalid.
func Check(fsys fs.FS, opt Options) (*Catalog, Diagnostics) {
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	if opt.MaxAge == 0 {
		opt.MaxAge = DefaultMaxAge
	}
	l := &loader{fsys: fsys, opt: opt, ids: map[string]string{}}
	c := l.load()
	slices.SortStableFunc(l.diags, func(a, b Diagnostic) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
	return c, l.diags
}

type loader struct {
	fsys   fs.FS
	opt    Options
	diags  Diagnostics
	topics map[string]bool
	groups map[string]bool
	ids    map[string]string // id -> file:line of its first definition

	subdivisions map[string]bool // ISO 3166-2 codes, read on first need
}

func (l *loader) add(file string, n *yaml.Node, sev Severity, format string, args ...any) {
	d := Diagnostic{File: file, Line: 1, Col: 1, Severity: sev, Message: fmt.Sprintf(format, args...)}
	if n != nil {
		d.Line, d.Col = n.Line, n.Column
	}
	l.diags = append(l.diags, d)
}

func (l *loader) errorf(file string, n *yaml.Node, format string, args ...any) {
	l.add(file, n, SeverityError, format, args...)
}

// parse reads one YAML file into v, reporting problems with positions. It
// returns the document node for later checks, or nil when v was not filled.
// parseOptional parses file like parse when it exists; a catalog without
// it gives nil and no error.
func (l *loader) parseOptional(file string, v any) *yaml.Node {
	if _, err := fs.Stat(l.fsys, file); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return l.parse(file, v)
}

func (l *loader) parse(file string, v any) *yaml.Node {
	data, err := fs.ReadFile(l.fsys, file)
	if err != nil {
		l.errorf(file, nil, "cannot read: %v", err)
		return nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		l.syntaxError(file, err)
		return nil
	}
	if len(doc.Content) == 0 {
		l.errorf(file, nil, "file is empty")
		return nil
	}
	before := len(l.diags)
	shapeCheck(doc.Content[0], typeOf(v), func(n *yaml.Node, format string, args ...any) {
		l.errorf(file, n, format, args...)
	})
	if len(l.diags) > before {
		return nil
	}
	if err := doc.Decode(v); err != nil {
		l.errorf(file, nil, "%v", err)
		return nil
	}
	return &doc
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parserProblems are the yaml.v3 parser's (not scanner's) messages. For
// these yaml.v3 reports the 0-based line of where the broken structure
// starts (decode.go, parser.fail), so the 1-based line is one more.
var parserProblems = []string{
	"did not find expected ',' or ']'", "did not find expected ',' or '}'", "did not find expected '-' indicator",
	"did not find expected <document start>", "did not find expected key", "did not find expected node content",
	"found incompatible YAML document", "found undefined tag handle",
}

// syntaxError turns yaml.v3's "yaml: line N: msg" into a positioned diagnostic.
func (l *loader) syntaxError(file string, err error) {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		if slices.Contains(parserProblems, m[2]) {
			line++
		}
		l.diags = append(l.diags, Diagnostic{File: file, Line: line, Col: 1, Message: "malformed YAML: " + m[2]})
		return
	}
	l.errorf(file, nil, "malformed YAML: %s", strings.TrimPrefix(msg, "yaml: "))
}

func (l *loader) load() *Catalog {
	c := &Catalog{byID: map[string]*Resource{}}

	var tf topicsFile
	l.topics, l.groups = map[string]bool{}, map[string]bool{}
	if doc := l.parse(TopicsFile, &tf); doc != nil {
		c.Topics, c.Groups = tf.Topics, tf.Groups
		l.vocabIDs(TopicsFile, doc, "topics", tf.Topics, l.topics)
		l.vocabIDs(TopicsFile, doc, "groups", tf.Groups, l.groups)
	}

	var vf vocabularyFile
	if doc := l.parse(VocabularyFile, &vf); doc != nil {
		for i, t := range vf.Terms {
			l.checkTerm(doc, i, t)
		}
		c.Vocabulary = vf.Terms
	}

	for _, kind := range []string{KindHotline, KindService, KindWarningSign, KindGuide} {
		dir := Folders[kind]
		entries, err := fs.ReadDir(l.fsys, dir)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			l.errorf(dir, nil, "cannot read folder: %v", err)
			continue
		}
		for _, e := range entries {
			if e.IsDir() || path.Ext(e.Name()) != ".yaml" {
				continue
			}
			if r := l.loadResource(path.Join(dir, e.Name()), kind); r != nil {
				c.Resources = append(c.Resources, r)
				c.byID[r.ID] = r
			}
		}
	}
	l.loadCountries(c)
	return c
}

func (l *loader) vocabIDs(file string, doc *yaml.Node, field string, list []Topic, set map[string]bool) {
	for i, t := range list {
		n := at(doc, field, i, "id")
		switch {
		case !slugRE.MatchString(t.ID):
			l.errorf(file, n, "%s id %q: use lower case letters, digits and -", field, t.ID)
		case set[t.ID]:
			l.errorf(file, n, "%s id %q is listed twice", field, t.ID)
		}
		if t.Name.In("en") == "" {
			l.errorf(file, at(doc, field, i), "%s %q needs an English name", field, t.ID)
		}
		set[t.ID] = true
	}
}

func (l *loader) checkTerm(doc *yaml.Node, i int, t Term) {
	if !isLanguage(t.Lang) {
		l.errorf(VocabularyFile, at(doc, "terms", i, "lang"), "unknown language %q", t.Lang)
	}
	if len(t.Words) == 0 {
		l.errorf(VocabularyFile, at(doc, "terms", i), "term needs at least one entry in words")
	}
	if len(t.Topics) == 0 && len(t.Kinds) == 0 && strings.TrimSpace(t.Means) == "" {
		l.errorf(VocabularyFile, at(doc, "terms", i), "term needs topics, kinds or means")
	}
	for j, k := range t.Kinds {
		if _, ok := Folders[k]; !ok {
			l.errorf(VocabularyFile, at(doc, "terms", i, "kinds", j), "unknown kind %q: use hotline, service, warning-sign or guide", k)
		}
	}
	for j, topic := range t.Topics {
		if !l.topics[topic] {
			l.errorf(VocabularyFile, at(doc, "terms", i, "topics", j), "unknown topic %q (see %s)", topic, TopicsFile)
		}
	}
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func (l *loader) loadResource(file, kind string) *Resource {
	var r Resource
	doc := l.parse(file, &r)
	if doc == nil {
		return nil
	}
	r.File = file
	before := len(l.diags.Errors())
	l.checkResource(file, doc, &r, kind)
	if len(l.diags.Errors()) > before {
		return nil
	}
	return &r
}

func (l *loader) checkResource(file string, doc *yaml.Node, r *Resource, kind string) {
	errorf := func(n *yaml.Node, format string, args ...any) { l.errorf(file, n, format, args...) }
	need := func(field string, ok bool) {
		if !ok {
			errorf(at(doc), "missing required field %q", field)
		}
	}

	// Identity.
	need("id", r.ID != "")
	if r.ID != "" {
		switch {
		case !slugRE.MatchString(r.ID):
			errorf(at(doc, "id"), "id %q: use lower case letters, digits and -", r.ID)
		case r.ID+".yaml" != path.Base(file):
			errorf(at(doc, "id"), "id %q does not match the file name %q", r.ID, path.Base(file))
		}
		// Only a file named after its id claims the id: a broken file
		// must not shadow the good one it copies.
		if first, dup := l.ids[r.ID]; dup {
			errorf(at(doc, "id"), "duplicate id %q, first defined at %s", r.ID, first)
		} else if r.ID+".yaml" == path.Base(file) {
			n := at(doc, "id")
			l.ids[r.ID] = fmt.Sprintf("%s:%d:%d", file, n.Line, n.Column)
		}
	}
	need("kind", r.Kind != "")
	if r.Kind != "" && r.Kind != kind {
		if _, known := Folders[r.Kind]; !known {
			errorf(at(doc, "kind"), "unknown kind %q: use hotline, service, warning-sign or guide", r.Kind)
		} else {
			errorf(at(doc, "kind"), "kind %q does not match the folder %s/", r.Kind, Folders[kind])
		}
	}

	// Words.
	need("name", r.Name.In("en") != "")
	need("summary", len(r.Summary) > 0)
	needsES := kind != KindService
	for _, f := range []struct {
		name     string
		text     Text
		required bool
	}{{"summary", r.Summary, true}, {"body", r.Body, false}} {
		if len(f.text) == 0 {
			continue
		}
		if _, ok := f.text[""]; ok {
			errorf(at(doc, f.name), "%s must be written per language (en:, es:)", f.name)
			continue
		}
		if strings.TrimSpace(f.text["en"]) == "" {
			errorf(at(doc, f.name), "%s needs English text (en)", f.name)
		}
		if needsES && strings.TrimSpace(f.text["es"]) == "" {
			errorf(at(doc, f.name), "%s needs Spanish text (es) for a %s", f.name, kind)
		}
	}

	// Classification.
	if kind == KindWarningSign {
		need("group", r.Group != "")
	}
	if r.Group != "" {
		if kind != KindWarningSign {
			errorf(at(doc, "group"), "only warning signs have a group")
		} else if !l.groups[r.Group] {
			errorf(at(doc, "group"), "unknown group %q (see %s)", r.Group, TopicsFile)
		}
	}
	need("topics", len(r.Topics) > 0)
	for i, t := range r.Topics {
		if !l.topics[t] {
			errorf(at(doc, "topics", i), "unknown topic %q (see %s)%s", t, TopicsFile, closest(t, maps.Keys(l.topics)))
		}
	}
	if r.Population != "" && !l.topics[r.Population] {
		errorf(at(doc, "population"), "unknown topic %q (see %s)", r.Population, TopicsFile)
	}
	switch r.Audience {
	case "":
		r.Audience = AudienceAll
	case AudienceAll, AudienceYouth, AudienceStaff:
	default:
		errorf(at(doc, "audience"), "unknown audience %q: use all, youth or staff", r.Audience)
	}
	if !hasKey(doc, "priority") {
		r.Priority = 5
	} else if r.Priority < 0 || r.Priority > 10 {
		errorf(at(doc, "priority"), "priority %d is out of range 0 to 10", r.Priority)
	}
	for i, lang := range r.Langs {
		if !isLanguage(lang) {
			errorf(at(doc, "languages", i), "unknown language %q", lang)
		}
	}

	// Where it serves.
	need("areas", len(r.Areas) > 0)
	for i, a := range r.Areas {
		if err := l.checkArea(a); err != nil {
			errorf(at(doc, "areas", i), "%v", err)
		}
	}
	for i, loc := range r.Location {
		n := at(doc, "locations", i)
		if loc.Latitude < -90 || loc.Latitude > 90 {
			errorf(at(n, "latitude"), "latitude %v is out of range -90 to 90", loc.Latitude)
		}
		if loc.Longitude < -180 || loc.Longitude > 180 {
			errorf(at(n, "longitude"), "longitude %v is out of range -180 to 180", loc.Longitude)
		}
		if !hasKey(n, "latitude") || !hasKey(n, "longitude") {
			errorf(n, "a location needs latitude and longitude")
		}
	}

	// How to reach it.
	if r.URL != "" {
		if err := checkURL(r.URL); err != nil {
			errorf(at(doc, "url"), "url: %v", err)
		}
	}
	if kind == KindHotline && len(r.Contacts) == 0 {
		errorf(at(doc), "a hotline needs at least one way to reach it (contacts)")
	}
	for i := range r.Contacts {
		l.checkContact(file, at(doc, "contacts", i), r, &r.Contacts[i])
	}

	// Where the facts come from.
	need("source", r.Source != "")
	if r.Source != "" {
		if err := checkURL(r.Source); err != nil {
			errorf(at(doc, "source"), "source: %v", err)
		}
	}
	need("verified", !r.Verified.IsZero())
	if !r.Verified.IsZero() {
		l.checkVerified(file, at(doc, "verified"), r.Verified)
	}
}

// checkVerified checks a verification date: required, not in the future,
// and a warning (an error when strict) once it is older than MaxAge.
func (l *loader) checkVerified(file string, n *yaml.Node, d Date) {
	switch age := l.opt.Now.Sub(d.Time); {
	case d.IsZero():
		l.errorf(file, n, "missing required field %q", "verified")
	case age < -24*time.Hour:
		l.errorf(file, n, "verified date %s is in the future", d)
	case age > l.opt.MaxAge:
		sev := SeverityWarning
		if l.opt.Strict {
			sev = SeverityError
		}
		l.add(file, n, sev, "last verified %s, more than %d days ago: check it again", d, int(l.opt.MaxAge.Hours()/24))
	}
}

func (l *loader) checkContact(file string, n *yaml.Node, r *Resource, c *Contact) {
	errorf := func(n *yaml.Node, format string, args ...any) { l.errorf(file, n, format, args...) }
	if strings.TrimSpace(c.Value) == "" {
		errorf(n, "contact needs a value")
		return
	}
	for i, lang := range c.Langs {
		if !isLanguage(lang) {
			errorf(at(n, "languages", i), "unknown language %q", lang)
		}
	}
	if c.Keyword != "" && c.Type != ContactSMS && c.Type != ContactWhatsApp {
		errorf(at(n, "keyword"), "only sms and whatsapp contacts have a keyword")
	}
	region := r.DialledIn(c)
	switch c.Type {
	case ContactPhone, ContactWhatsApp, ContactTTY:
		if err := normalisePhone(c, region, r.Areas, c.Type != ContactWhatsApp); err != nil {
			errorf(at(n, "value"), "%v", err)
		}
	case ContactSMS:
		if digitsOnly(c.Value) && len(c.Value) >= 3 && len(c.Value) <= 8 {
			c.Display = c.Value // an SMS short code
		} else if err := normalisePhone(c, region, r.Areas, false); err != nil {
			errorf(at(n, "value"), "sms: want a short code or a phone number: %v", err)
		}
	case ContactWeb, ContactChat:
		if err := checkURL(c.Value); err != nil {
			errorf(at(n, "value"), "%s contact: %v", c.Type, err)
		}
	case ContactEmail:
		if a, err := mail.ParseAddress(c.Value); err != nil || a.Address != c.Value {
			errorf(at(n, "value"), "email %q is not a plain address", c.Value)
		}
	case "":
		errorf(n, "contact needs a type")
	default:
		errorf(at(n, "type"), "unknown contact type %q: use phone, sms, whatsapp, chat, web, email or tty", c.Type)
	}
}

// IsShortCode reports whether raw is a short code dialled in region: one
// libphonenumber knows, or one of nationalShortCodes.
func IsShortCode(raw, region string) bool {
	if slices.Contains(nationalShortCodes(), region+" "+raw) {
		return true
	}
	num, err := phonenumbers.Parse(raw, region)
	return err == nil && phonenumbers.IsValidShortNumberForRegion(num, region)
}

// nationalShortCodes are national lines on short codes (and a free number)
// that libphonenumber's data lacks, as "country number": the Emirates'
// 116111 (child protection); Argentina's 145 (trafficking); Bangladesh's
// 1098 (children); Bolivia's free 800 14 0348 (the police's unit for
// violence against women and children); Brazil's 188 (CVV); Cambodia's
// 1280 (Child Helpline); Chile's 1455 (women facing violence), *4141
// (suicide) and *4242 (anonymous reports); Colombia's 141 (children) and
// 155 (women facing violence); Costa Rica's 1147 (PANI, children);
// Germany's 116 016 (women facing violence); the Dominican Republic's *211
// (violence against children, families and sexual crimes), *212 (women)
// and 811 (mental health); Ecuador's 171 (health); El Salvador's 119
// (children); Ghana's 112 (emergencies) and 292 (Cyber Security
// Authority); Hong Kong's 18111 (mental health); Honduras's 911, 114
// (women facing violence), 145 (trafficking) and 150 (a listening line);
// India's 1930 (cybercrime), 14416 (Tele-MANAS) and 14490 (National
// Commission for Women); Jamaica's 211 (child protection); Japan's #8891
// (one-stop centres for victims of sexual violence); Kenya's 911; Korea's
// 109 (suicide prevention); Lebanon's 125 (civil defence), 1564 (Embrace,
// emotional support) and 1745 (police, violence in the family); Nepal's
// 104 (missing children), 1141 (workers at home and abroad), 1145 (women)
// and 1166 (suicide prevention); Nicaragua's 133 (children, women and
// trafficking); Nigeria's 112 and 627 (trafficking); Oman's 1100 (child
// protection); Pakistan's 1099 (human rights, women), 1121 (child
// protection) and 111-247-786 (FIA, trafficking); Panama's 147 (mental
// health) and 182 (women); Peru's 100 (violence against women and
// children), 113 (health), 1810 (children at risk) and 1818 (reports,
// trafficking included); the Philippines' 1343 (trafficking), 1383
// (children) and 1553 (mental health crisis); Portugal's 1411 (suicide
// prevention); Qatar's 16000 (mental health) and 16008 (labour
// complaints); Saudi Arabia's 19911 (labour complaints); South Africa's
// 116 (Childline); Taiwan's 1925 (mental health); Thailand's 1300 (social
// assistance, trafficking included) and 1387 (Childline); Uruguay's *0767
// (suicide prevention) and *4141 (women facing violence), dialled from
// mobiles. Each is a contact of a resource whose file names its source;
// docs/research/lines quotes two sources for each.
func nationalShortCodes() []string {
	return []string{
		"AE 116111", "AR 145", "BD 1098", "BO 800 14 0348", "BR 188", "CL 1455", "CL *4141", "CL *4242",
		"CO 141", "CO 155", "CR 1147", "DE 116 016", "DO *211", "DO *212", "DO 811", "EC 171", "GH 112",
		"GH 292", "HK 18111", "HN 911", "HN 114", "HN 145", "HN 150", "IN 1930", "IN 14416", "IN 14490",
		"JM 211", "JP #8891", "KE 911", "KH 1280", "KR 109", "LB 125", "LB 1564", "LB 1745", "NG 112",
		"NG 627", "NI 133", "NP 104", "NP 1141", "NP 1145", "NP 1166", "OM 1100", "PA 147", "PA 182",
		"PE 100", "PE 113", "PE 1810", "PE 1818", "PH 1343", "PH 1383", "PH 1553", "PK 1099", "PK 1121",
		"PK 111-247-786", "PT 1411", "QA 16000", "QA 16008", "SA 19911", "SV 119", "TH 1300", "TH 1387",
		"TW 1925", "UY *0767", "UY *4141", "ZA 116",
	}
}

// euShortCodes are numbers harmonised across the EU: 112 and the 116 range.
var euShortCodes = regexp.MustCompile(`^(112|116 ?\d{3})$`)

// normalisePhone checks a number dialled in region, rewrites c.Value to
// E.164 (or the short code as dialled) and keeps the number as written in
// c.Display.
func normalisePhone(c *Contact, region string, areas []string, shortOK bool) error {
	raw := strings.TrimSpace(c.Value)
	if region == "EU" || region == "global" {
		if shortOK && euShortCodes.MatchString(raw) && slices.Contains(areas, "EU") {
			c.Value, c.Display = raw, raw
			return nil
		}
		if !strings.HasPrefix(raw, "+") {
			return fmt.Errorf("phone %q: set country: on the contact, or write it with +country code", raw)
		}
		region = ""
	}
	num, err := phonenumbers.Parse(raw, region)
	if err != nil {
		return fmt.Errorf("phone %q: %v", raw, err)
	}
	if phonenumbers.IsValidNumber(num) {
		c.Value = phonenumbers.Format(num, phonenumbers.E164)
		// People know a line by how it is published: "08000 121 700",
		// "1-800-RUNAWAY". Show it as written; dial the E.164 value.
		c.Display = raw
		return nil
	}
	if shortOK && region != "" && !strings.HasPrefix(raw, "+") && IsShortCode(raw, region) {
		c.Value, c.Display = raw, raw
		return nil
	}
	if region == "" {
		return fmt.Errorf("phone %q is not a valid number", raw)
	}
	return fmt.Errorf("phone %q is not a valid number in %s", raw, region)
}

func checkURL(s string) error {
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return fmt.Errorf("%q is not a URL", s)
	case u.Scheme != "https":
		return fmt.Errorf("%q must use https://", s)
	case u.Host == "" || !strings.Contains(u.Hostname(), "."):
		return fmt.Errorf("%q has no host", s)
	}
	return nil
}

//go:generate go run ./internal/gensubdivisions
//go:embed subdivisions.txt
var subdivisionList string

// checkArea accepts "global", "EU", "elsewhere", an ISO 3166-1 alpha-2
// country, or an ISO 3166-2 subdivision such as US-TX.
func (l *loader) checkArea(a string) error {
	if a == "global" || a == "EU" || a == AreaElsewhere {
		return nil
	}
	country, _, hasSub := strings.Cut(a, "-")
	if !isCountry(country) {
		return fmt.Errorf("unknown area %q: use an ISO 3166 code such as US, US-TX or GB, or EU, global or elsewhere", a)
	}
	if hasSub {
		if l.subdivisions == nil {
			l.subdivisions = map[string]bool{}
			for line := range strings.Lines(subdivisionList) {
				l.subdivisions[strings.TrimSpace(line)] = true
			}
		}
		if !l.subdivisions[a] {
			return fmt.Errorf("unknown area %q: not an ISO 3166-2 subdivision (written like US-TX or CA-ON)", a)
		}
	}
	return nil
}

func isCountry(code string) bool {
	if len(code) != 2 || strings.ToUpper(code) != code {
		return false
	}
	r, err := language.ParseRegion(code)
	return err == nil && r.IsCountry()
}

func isLanguage(code string) bool {
	if len(code) < 2 || len(code) > 3 || strings.ToLower(code) != code {
		return false
	}
	_, err := language.ParseBase(code)
	return err == nil
}

func digitsOnly(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

func hasKey(n *yaml.Node, key string) bool {
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return true
		}
	}
	return false
}

// closest suggests the candidate nearest to a typo, if one is near.
func closest(s string, candidates iter.Seq[string]) string {
	best, bestD := "", 3
	for k := range candidates {
		if d := editDistance(s, k); d < bestD || (d == bestD && k < best) {
			best, bestD = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

func typeOf(v any) reflect.Type { return reflect.TypeOf(v).Elem() }

// Reindex rebuilds c's lookup by id after its resources were set in code
// (a catalog read back from a cache, or made by a benchmark), and returns c.
func (c *Catalog) Reindex() *Catalog {
	c.byID = make(map[string]*Resource, len(c.Resources))
	for _, r := range c.Resources {
		c.byID[r.ID] = r
	}
	c.countries = make(map[string]*Country, len(c.Countries))
	for _, e := range c.Countries {
		c.countries[e.Code] = e
	}
	return c
}
