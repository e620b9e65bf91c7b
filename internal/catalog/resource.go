// Package catalog defines the resource catalog: the files maintainers edit,
// how they are loaded, and the checks `hotline lint` runs on them.
package catalog

import (
	"strings"
	"time"
)

// Kinds of resource. Each lives in its own folder under resources/.
const (
	KindHotline     = "hotline"
	KindService     = "service"
	KindWarningSign = "warning-sign"
	KindGuide       = "guide"
)

// Audiences a resource is written for.
const (
	AudienceAll   = "all"
	AudienceYouth = "youth"
	AudienceStaff = "staff"
)

// Contact types, as in the JSON contract.
const (
	ContactPhone    = "phone"
	ContactSMS      = "sms"
	ContactWhatsApp = "whatsapp"
	ContactChat     = "chat"
	ContactWeb      = "web"
	ContactEmail    = "email"
	ContactTTY      = "tty"
)

// Text is a piece of text in several languages, keyed by language code
// ("en", "es"). In YAML it is either a map of language to text, or a plain
// string that reads the same in every language (a name, "24/7").
type Text map[string]string

// In returns the text in lang, falling back to English, then to any language.
func (t Text) In(lang string) string {
	if s, ok := t[lang]; ok && s != "" {
		return s
	}
	if s, ok := t[""]; ok && s != "" {
		return s
	}
	if s, ok := t["en"]; ok && s != "" {
		return s
	}
	for _, s := range t {
		if s != "" {
			return s
		}
	}
	return ""
}

// Keywords are extra words per language that people use for a resource.
// In YAML each language has a list, or one string.
type Keywords map[string][]string

// Resource is one catalog entry: a hotline, a service, a warning sign or a guide.
type Resource struct {
	ID       string   `yaml:"id"`
	Kind     string   `yaml:"kind"`
	Name     Text     `yaml:"name"`
	Summary  Text     `yaml:"summary"`
	Body     Text     `yaml:"body"`
	Group    string   `yaml:"group"` // warning signs only: which group of signs
	Topics   []string `yaml:"topics"`
	Audience string   `yaml:"audience"`
	// Population is the topic of the one group a line is for (lgbtq,
	// indigenous): it is offered only to messages that show that topic.
	Population string     `yaml:"population"`
	Priority   int        `yaml:"priority"`
	URL        string     `yaml:"url"`
	Contacts   []Contact  `yaml:"contacts"`
	Areas      []string   `yaml:"areas"`
	Langs      []string   `yaml:"languages"` // languages the resource can serve people in
	Location   []Location `yaml:"locations"`
	Staff      *StaffInfo `yaml:"staff"`
	Keywords   Keywords   `yaml:"keywords"` // extra search words per language, never shown
	Source     string     `yaml:"source"`
	Verified   Date       `yaml:"verified"`

	// File is the path of the file the resource was read from, relative to
	// the catalog root. It is not part of the YAML.
	File string `yaml:"-"`

	// covered are the countries with lines of their own, which an
	// AreaElsewhere resource does not serve; set by Load.
	covered map[string]bool
}

// Contact is one way to reach a resource.
type Contact struct {
	Type    string   `yaml:"type"`
	Value   string   `yaml:"value"`
	Keyword string   `yaml:"keyword"` // SMS keyword to text, e.g. BEFREE
	Label   Text     `yaml:"label"`
	Hours   Text     `yaml:"hours"`
	Langs   []string `yaml:"languages"`
	Country string   `yaml:"country"` // ISO country the number is dialled in; defaults to the resource's first area
	// Charged: the source says a call or text costs the caller (a normal
	// or mobile rate), so the bot does not promise it is free.
	Charged bool `yaml:"charged"`

	// Display is the number as people in its country write it, set by
	// Load for phone, sms, whatsapp and tty contacts; Value is then E.164
	// where the number has one.
	Display string `yaml:"-"`
}

// DialledIn is the country c, one of r's contacts, is dialled in: its
// own Country, else the country of r's first area.
func (r *Resource) DialledIn(c *Contact) string {
	if c.Country != "" || len(r.Areas) == 0 {
		return c.Country
	}
	country, _, _ := strings.Cut(r.Areas[0], "-")
	return country
}

// Charged reports whether reaching r by phone or text costs the caller,
// by its first such contact: the one a card shows first.
func (r *Resource) Charged() bool {
	for _, c := range r.Contacts {
		switch c.Type {
		case ContactPhone, ContactSMS, ContactWhatsApp:
			return c.Charged
		}
	}
	return false
}

// Location is a place where a service can be found.
type Location struct {
	Name      string  `yaml:"name"`
	Address   string  `yaml:"address"`
	Latitude  float64 `yaml:"latitude"`
	Longitude float64 `yaml:"longitude"`
}

// StaffInfo holds the details case workers need and young people do not.
type StaffInfo struct {
	Eligibility Text `yaml:"eligibility"`
	Intake      Text `yaml:"intake"`
	Notes       Text `yaml:"notes"`
}

// Date is a calendar date written as YYYY-MM-DD.
type Date struct{ time.Time }

// String formats the date as YYYY-MM-DD, or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(time.DateOnly)
}

// LocalName returns the resource's name in lang.
func (r *Resource) LocalName(lang string) string { return r.Name.In(lang) }
