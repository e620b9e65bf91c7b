package hsds

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/hotline-org/hotline/internal/catalog"
)

// Export writes the catalog's hotlines and services as an HSDS 3.2 CSV
// Tabular Data Package at outDir: datapackage.json, one CSV file per table
// with rows, and a README.md saying what the package leaves out. Warning
// signs and guides are not services and are not exported.
//
// Each resource is a service with an organization of the same name whose
// website is the resource's source; ids are UUIDs derived from catalog ids,
// so exporting the same catalog again gives the same ids. Topics are terms
// of a "hotline topics" taxonomy; the catalog id, audience and priority
// ride in attributes of a "hotline catalog fields" taxonomy, so that an
// import gives them back.
//
// Like WriteCatalog, Export writes into a new folder beside outDir and
// moves it into place when it is complete; an existing outDir is replaced
// only when it is empty or holds a datapackage.json.
func Export(c *catalog.Catalog, outDir string) error {
	return writeAtomic(outDir, DescriptorFile, func(tmp string) error {
		e := &exporter{w: newPackageWriter(tmp, false), topics: c.Topics, skipped: map[string]int{}}
		for _, r := range c.Resources {
			switch r.Kind {
			case catalog.KindHotline, catalog.KindService:
				e.resource(r)
			default:
				e.skipped[r.Kind]++
			}
		}
		e.taxonomies()
		if err := e.w.close(packageInfo{Name: "hotline-catalog", Title: "hotline catalog (Open Referral HSDS " + hsdsVersion + ")",
			Description: e.description()}); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(tmp, "README.md"), []byte(e.readme()), 0o644)
	})
}

type exporter struct {
	w       *packageWriter
	topics  []catalog.Topic
	used    []string       // topics used, in order of first use
	fields  []string       // hotline fields used
	skipped map[string]int // kind → resources not exported

	services, extraEmails int
}

func (e *exporter) resource(r *catalog.Resource) {
	e.services++
	sid, oid := newID("service/"+r.ID), newID("organization/"+r.ID)
	name := r.Name.In("en")
	summary := r.Summary.In("en")

	e.w.row(tOrganization, "id", oid, "name", name, "description", summary, "website", r.Source)

	desc := summary
	if body := strings.TrimSpace(r.Body.In("en")); body != "" {
		desc += "\n\n" + body
	}
	alt := ""
	if es := r.Name["es"]; es != "" && es != name {
		alt = es
	}
	var email string
	for _, c := range r.Contacts {
		if c.Type == catalog.ContactEmail {
			if email == "" {
				email = c.Value
			} else {
				e.extraEmails++
			}
		}
	}
	var intake, elig string
	if r.Staff != nil {
		intake, elig = r.Staff.Intake.In("en"), r.Staff.Eligibility.In("en")
	}
	e.w.row(tService, "id", sid, "organization_id", oid, "name", name, "alternate_name", alt, "description", desc,
		"url", r.URL, "email", email, "status", "active", "application_process", intake,
		"eligibility_description", elig, "assured_date", r.Verified.String())

	// Fields HSDS has no column for.
	e.attribute(sid, fieldID, r.ID)
	if r.Audience != "" && r.Audience != catalog.AudienceAll {
		e.attribute(sid, fieldAudience, r.Audience)
	}
	if r.Priority != 5 {
		e.attribute(sid, fieldPriority, strconv.Itoa(r.Priority))
	}
	for _, t := range r.Topics {
		if !slices.Contains(e.used, t) {
			e.used = append(e.used, t)
		}
		e.w.row(tAttribute, "id", newID("attribute/"+r.ID+"/topic/"+t), "link_id", sid,
			"taxonomy_term_id", newID("taxonomy_term/topic/"+t), "link_entity", tService)
	}

	country := ""
	if len(r.Areas) > 0 {
		country, _, _ = strings.Cut(r.Areas[0], "-")
	}
	for _, a := range r.Areas {
		uri := ""
		if areaCodeRE.MatchString(a) {
			uri = isoAreaURIPrefix + a
		}
		e.w.row(tServiceArea, "id", newID("service_area/"+r.ID+"/"+a), "service_id", sid, "name", areaName(a), "uri", uri)
	}
	for _, l := range r.Langs {
		e.w.row(tLanguage, "id", newID("language/"+r.ID+"/"+l), "service_id", sid, "code", l, "name", languageName(l))
	}
	for i, l := range r.Location {
		lid := newID(fmt.Sprintf("location/%s/%d", r.ID, i))
		e.w.row(tLocation, "id", lid, "location_type", "physical", "organization_id", oid, "name", l.Name,
			"description", l.Address, "latitude", num(l.Latitude), "longitude", num(l.Longitude))
		e.w.row(tServiceAtLocation, "id", newID(fmt.Sprintf("service_at_location/%s/%d", r.ID, i)),
			"service_id", sid, "location_id", lid)
		if a, ok := parseAddress(l.Address); ok && country != "" && country != "EU" && country != "global" {
			e.w.row(tAddress, "id", newID(fmt.Sprintf("address/%s/%d", r.ID, i)), "location_id", lid,
				"address_1", a.address1, "address_2", a.address2, "city", a.city, "state_province", a.state,
				"postal_code", a.postal, "country", country, "address_type", "physical")
		}
	}
	var hours []string
	for i, c := range r.Contacts {
		if h := c.Hours.In("en"); h != "" && !slices.Contains(hours, h) {
			hours = append(hours, h)
		}
		label := c.Label.In("en")
		switch c.Type {
		case catalog.ContactPhone, catalog.ContactSMS, catalog.ContactTTY, catalog.ContactWhatsApp:
			pid := newID(fmt.Sprintf("phone/%s/%d", r.ID, i))
			typ := map[string]string{catalog.ContactPhone: "voice", catalog.ContactSMS: "text",
				catalog.ContactTTY: "textphone", catalog.ContactWhatsApp: "text"}[c.Type]
			if c.Type == catalog.ContactWhatsApp && !strings.Contains(strings.ToLower(label), "whatsapp") {
				label = strings.TrimSpace("WhatsApp " + label)
			}
			if c.Keyword != "" {
				label = strings.TrimSpace(label + " (Keyword: " + c.Keyword + ")")
			}
			e.w.row(tPhone, "id", pid, "service_id", sid, "number", c.Value, "type", typ, "description", label)
			for _, l := range c.Langs {
				e.w.row(tLanguage, "id", newID(fmt.Sprintf("language/%s/phone/%d/%s", r.ID, i, l)), "phone_id", pid,
					"code", l, "name", languageName(l))
			}
		case catalog.ContactWeb, catalog.ContactChat:
			uid := newID(fmt.Sprintf("url/%s/%d", r.ID, i))
			e.w.row(tURL, "id", uid, "service_id", sid, "url", c.Value, "label", label)
			e.attributeOf(tURL, uid, fieldContactType, c.Type)
		}
	}
	for i, h := range hours {
		e.w.row(tSchedule, "id", newID(fmt.Sprintf("schedule/%s/%d", r.ID, i)), "service_id", sid, "description", h)
	}
}

func (e *exporter) attribute(sid, field, value string) { e.attributeOf(tService, sid, field, value) }

// attributeOf gives the row id of table one of hotline's own fields.
func (e *exporter) attributeOf(table, id, field, value string) {
	if !slices.Contains(e.fields, field) {
		e.fields = append(e.fields, field)
	}
	e.w.row(tAttribute, "id", newID("attribute/"+id+"/"+field), "link_id", id,
		"taxonomy_term_id", newID("taxonomy_term/field/"+field), "link_entity", table, "value", value)
}

// fieldDescriptions say what each of hotline's own fields holds.
var fieldDescriptions = map[string]string{
	fieldID:          "The hotline catalog id of the service; the attribute's value is the id.",
	fieldAudience:    "Who the resource is written for: all, youth or staff; the attribute's value is one of them.",
	fieldPriority:    "How prominently hotline shows the resource, 0 to 10 (default 5); the attribute's value is the number.",
	fieldContactType: "What a link of url.csv is: web (a page) or chat (a live chat); the attribute's value is one of them.",
}

// taxonomies writes the two taxonomies and the terms the attributes use.
func (e *exporter) taxonomies() {
	if len(e.used) > 0 {
		tid := newID("taxonomy/topics")
		e.w.row(tTaxonomy, "id", tid, "name", "hotline topics",
			"description", "The topics of the hotline catalog (resources/topics.yaml): what a resource helps with.",
			"uri", topicsTaxonomyURI, "version", "1")
		for _, t := range e.topics {
			if !slices.Contains(e.used, t.ID) {
				continue
			}
			desc := "Resources about " + strings.ToLower(t.Name.In("en")) + "."
			if es := t.Name["es"]; es != "" {
				desc += " Spanish: " + es + "."
			}
			e.w.row(tTaxonomyTerm, "id", newID("taxonomy_term/topic/"+t.ID), "code", t.ID, "name", t.Name.In("en"),
				"description", desc, "language", "en", "taxonomy_id", tid)
		}
	}
	if len(e.fields) > 0 {
		tid := newID("taxonomy/fields")
		e.w.row(tTaxonomy, "id", tid, "name", "hotline catalog fields",
			"description", "Fields of the hotline catalog that HSDS has no column for; attribute values hold them.",
			"uri", fieldsTaxonomyURI, "version", "1")
		for _, f := range e.fields {
			e.w.row(tTaxonomyTerm, "id", newID("taxonomy_term/field/"+f), "code", f, "name", f,
				"description", fieldDescriptions[f], "language", "en", "taxonomy_id", tid)
		}
	}
}

func (e *exporter) description() string {
	d := fmt.Sprintf("The hotlines and services of the hotline catalog, %d in all, as HSDS %s services.", e.services, hsdsVersion)
	if n := e.skipped[catalog.KindWarningSign] + e.skipped[catalog.KindGuide]; n > 0 {
		d += fmt.Sprintf(" Warning signs (%d) and guides (%d) are not services and are not included.",
			e.skipped[catalog.KindWarningSign], e.skipped[catalog.KindGuide])
	}
	return d + " See README.md."
}

func (e *exporter) readme() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# hotline catalog as Open Referral HSDS %s\n\n", hsdsVersion)
	fmt.Fprintf(&b, "Written by `hotline export hsds`: a CSV Tabular Data Package (datapackage.json plus one CSV\n"+
		"file per table) of the catalog's %d hotlines and services.\n\n", e.services)
	b.WriteString("## Not included\n\n")
	fmt.Fprintf(&b, "- Warning signs (%d) and guides (%d): they are not services, and HSDS has no table for them.\n",
		e.skipped[catalog.KindWarningSign], e.skipped[catalog.KindGuide])
	b.WriteString("- Text in languages other than English: HSDS holds one language per field. A Spanish name,\n" +
		"  where different, is the service's alternate_name; topic terms name the Spanish topic.\n" +
		"- Search keywords, and staff notes: HSDS has no field for them.\n" +
		"- Whether a resource is a hotline or a service: both are services here.\n" +
		"- Contact labels and hours in other languages; hours are schedule descriptions of the service,\n" +
		"  not per phone number. The country a short code is dialled in.\n")
	if e.extraEmails > 0 {
		fmt.Fprintf(&b, "- %d email addresses beyond each service's first: HSDS has one email per service.\n", e.extraEmails)
	}
	b.WriteString("\n## How the catalog maps\n\n" +
		"- Each resource is a service with an organization of the same name; the organization's website\n" +
		"  is the page the facts were checked on (the catalog's source), the service's assured_date the\n" +
		"  date they were (verified).\n" +
		"- Phone numbers are E.164 where they have one, else short codes as dialled (988, 116 111).\n" +
		"  Phone types: voice, text (SMS; WhatsApp numbers say so in their description), textphone (TTY).\n" +
		"  An SMS keyword is in the description as \"(Keyword: WORD)\".\n" +
		"- Web and chat links are rows of url.csv (HSDS 3.2); an attribute says which.\n" +
		"- Locations carry the catalog's address in their description; an address precise enough for\n" +
		"  addresses.csv (street, city, state and postal code) is there as well.\n" +
		"- Service areas are named, with the ISO 3166 code in uri (" + isoAreaURIPrefix + "US-TX).\n" +
		"- Topics are terms of the taxonomy \"hotline topics\" (" + topicsTaxonomyURI + "),\n" +
		"  whose codes are the catalog's topic ids. The catalog id, audience and priority are attribute\n" +
		"  values of terms of \"hotline catalog fields\" (" + fieldsTaxonomyURI + ").\n" +
		"- Ids are version 5 UUIDs of the catalog ids: the same catalog exports with the same ids.\n")
	return b.String()
}

// languageName is the English name of a language code, for languages.csv.
func languageName(code string) string {
	if b, err := language.ParseBase(code); err == nil {
		if n := display.English.Languages().Name(b); n != "" {
			return n
		}
	}
	return code
}

// parseAddress splits an address the catalog writes on one line into the
// parts addresses.csv requires: "111 W. Jackson Blvd, Suite 800, Chicago,
// IL 60604". ok is false unless all are there and formatting the parts
// gives the address back, so an import reads the same line.
func parseAddress(s string) (a address, ok bool) {
	parts := strings.Split(s, ", ")
	if len(parts) < 3 {
		return a, false
	}
	last := parts[len(parts)-1]
	state, postal, found := strings.Cut(last, " ")
	if !found || len(state) < 2 || len(state) > 3 || strings.Trim(state, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" || strings.TrimSpace(postal) == "" {
		return a, false
	}
	a = address{address1: parts[0], address2: strings.Join(parts[1:len(parts)-2], ", "), city: parts[len(parts)-2],
		state: state, postal: postal}
	if a.address1 == "" || a.city == "" || formatAddress(a.address1, a.address2, a.city, a.state, a.postal) != s {
		return address{}, false
	}
	return a, true
}
