package hsds

import (
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hotline-org/hotline/internal/catalog"
	"github.com/hotline-org/hotline/internal/places"
)

// today is the import date of the tests, so verified dates do not drift.
var today = time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC) // not before the built-in countries.yaml was verified

func importSample(t *testing.T, opt Options) (*catalog.Catalog, *Report) {
	t.Helper()
	if opt.Now.IsZero() {
		opt.Now = today
	}
	c, rep, err := Import(os.DirFS("testdata/sample"), ".", opt)
	if err != nil {
		t.Fatal(err)
	}
	return c, rep
}

// TestImportSample maps the hand-written directory in testdata/sample.
func TestImportSample(t *testing.T) {
	c, rep := importSample(t, Options{})
	var ids []string
	for _, r := range c.Resources {
		ids = append(ids, r.ID)
	}
	wantIDs := []string{"us-tx-freedom-house-shelter", "us-tx-riverside-youth-shelter", "us-tx-texas-trafficking-text-line"}
	if !slices.Equal(ids, wantIDs) {
		t.Fatalf("imported %v, want %v", ids, wantIDs)
	}
	if rep.Services != 6 || rep.Imported != 3 {
		t.Errorf("report: %d of %d, want 3 of 6", rep.Imported, rep.Services)
	}

	r, _ := c.Resource("us-tx-freedom-house-shelter")
	want := &catalog.Resource{
		ID: "us-tx-freedom-house-shelter", Kind: catalog.KindService,
		Name:     catalog.Text{"en": "Freedom House Shelter"},
		Summary:  catalog.Text{"en": "Safe shelter for survivors of trafficking."},
		Body:     catalog.Text{"en": "Case management & legal referrals."},
		Topics:   []string{"sex-trafficking", "labor-trafficking", "shelter"},
		Audience: catalog.AudienceAll, Priority: 5,
		URL: "https://gcfn.example.org/shelter",
		Contacts: []catalog.Contact{
			{Type: "phone", Value: "+17135550100", Display: "(713) 555-0100", Label: catalog.Text{"en": "Intake line (ext. 12)"},
				Hours: catalog.Text{"en": "Mon–Fri 09:00–17:00"}, Langs: []string{"es"}},
			{Type: "email", Value: "help@gcfn.example.org"},
		},
		Areas: []string{"US-TX"}, Langs: []string{"en", "es"},
		Location: []catalog.Location{{Name: "Freedom House", Address: "1200 Main St, Houston, TX 77002", Latitude: 29.7604, Longitude: -95.3698}},
		Staff: &catalog.StaffInfo{
			Eligibility: catalog.Text{"en": "Adults who survived trafficking. Ages 18 and over."},
			Intake:      catalog.Text{"en": "Call the intake line."},
			Notes:       catalog.Text{"en": "Provided by Gulf Coast Freedom Network.\nFees: Free"},
		},
		Keywords: catalog.Keywords{"en": {"GCFN Shelter"}},
		Source:   "https://gcfn.example.org/",
		Verified: catalog.Date{Time: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)},
		File:     "services/us-tx-freedom-house-shelter.yaml",
	}
	if !reflect.DeepEqual(r, want) {
		t.Errorf("freedom house:\n got %+v\nwant %+v", r, want)
	}

	youth, _ := c.Resource("us-tx-riverside-youth-shelter")
	if got := youth.Location; len(got) != 1 || got[0].Latitude == 0 || got[0].Address != "45 River Rd, Houston, TX 77002" {
		t.Errorf("youth shelter location from its ZIP code: %+v", got)
	}
	if !slices.Equal(youth.Topics, []string{"runaway", "shelter"}) || len(youth.Contacts) != 0 || youth.Verified.String() != today.Format(time.DateOnly) {
		t.Errorf("youth shelter: topics %v, contacts %v, verified %s", youth.Topics, youth.Contacts, youth.Verified)
	}
	text, _ := c.Resource("us-tx-texas-trafficking-text-line")
	var contacts []string
	for _, c := range text.Contacts {
		contacts = append(contacts, c.Type+" "+c.Value+" "+c.Keyword+" "+c.Hours.In("en"))
	}
	wantContacts := []string{"sms 233733 HELP 24/7", "email info@gcfn.example.org  ", "chat https://gcfn.example.org/chat  ", "web https://gcfn.example.org/online  "}
	if !slices.Equal(contacts, wantContacts) {
		t.Errorf("text line contacts:\n got %q\nwant %q", contacts, wantContacts)
	}

	// The report, row by row.
	wantReport := []string{
		"attributes.csv: column link_type: not imported (8 rows have a value)",
		"contacts.csv: table contact is not imported",
		"languages.csv:5: id lang-4: column code: language \"Elvish\" is not a language code or name hotline knows: left out",
		"locations.csv: column transportation: not imported (1 rows have a value)",
		"locations.csv:3: id loc-2: column latitude: empty: the centre of ZIP code 77002 is used",
		"organizations.csv: column tax_status: not imported (1 rows have a value)",
		"organizations.csv:3: id org-2: column website: \"http://oldweb.example.org/\" is not https: not used as source",
		"phones.csv:3: id ph-2: column number: phone \"555-1234\" is not a valid number in US: left out",
		"phones.csv:4: id ph-3: column type: a fax number is no way for a person to reach help: left out",
		"service_areas.csv:3: id area-4: column name: service area \"Atlantis\" is not a place hotline knows: left out",
		"service_areas.csv:4: id area-2: column name: service area \"Harris County, TX\" widened to US-TX",
		"services.csv: column wait_time: not imported (1 rows have a value)",
		"services.csv: column assured_date: 1 services have no assured_date or last_modified: verified is the import date, 2026-12-05",
		"services.csv:3: id svc-2: column url: \"http://oldweb.example.org/legal\" is not https: left out",
		"services.csv:3: id svc-2: no https page to cite as source (organization website or service url)",
		"services.csv:4: id svc-3: status \"inactive\": only active services are imported",
		"services.csv:5: id svc-4: no taxonomy term maps to a topic (see the taxonomy issues; or import with default topics)",
		"taxonomy_terms.csv:5: id t-3: taxonomy term \"Food Pantries\" maps to no topic (services using it: 1)",
		"url.csv:3: id url-2: column url: \"http://gcfn.example.org/old\" is not https: left out",
	}
	var got []string
	for _, is := range rep.Issues {
		got = append(got, is.String())
	}
	if !slices.Equal(got, wantReport) {
		t.Errorf("report:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantReport, "\n"))
	}
	var skipped int
	for _, is := range rep.Issues {
		if is.Skipped && strings.HasPrefix(is.Pos.File, "services.csv") {
			skipped++
		}
	}
	if skipped != rep.Skipped() {
		t.Errorf("%d service rows marked skipped, report says %d", skipped, rep.Skipped())
	}
}

// TestImportOptions: a source to cite and default topics bring in the
// services that lacked them.
func TestImportOptions(t *testing.T) {
	c, rep := importSample(t, Options{Source: "https://211.example.org/", Topics: []string{"survivor-support"}})
	for _, id := range []string{"us-old-web-legal-clinic", "us-riverside-food-pantry"} {
		if _, ok := c.Resource(id); !ok {
			t.Errorf("%s not imported", id)
		}
	}
	legal, _ := c.Resource("us-old-web-legal-clinic")
	if legal != nil && (legal.Source != "https://211.example.org/" || !slices.Equal(legal.Topics, []string{"legal-rights"})) {
		t.Errorf("legal clinic: source %s, topics %v", legal.Source, legal.Topics)
	}
	food, _ := c.Resource("us-riverside-food-pantry")
	if food != nil && (!slices.Equal(food.Topics, []string{"survivor-support"}) || !slices.Equal(food.Keywords["en"], []string{"Food Pantries"})) {
		t.Errorf("food pantry: topics %v, keywords %v", food.Topics, food.Keywords)
	}
	if rep.Imported != 5 {
		t.Errorf("imported %d, want 5 (all active services)", rep.Imported)
	}
}

// TestJSONMatchesCSV: the JSON form of a service maps as its CSV form does.
func TestJSONMatchesCSV(t *testing.T) {
	csvCat, _ := importSample(t, Options{})
	jsonCat, rep, err := Import(os.DirFS("testdata"), "sample.json", Options{Now: today})
	if err != nil {
		t.Fatal(err)
	}
	fromCSV, _ := csvCat.Resource("us-tx-freedom-house-shelter")
	fromJSON, ok := jsonCat.Resource("us-tx-freedom-house-shelter")
	if !ok {
		t.Fatalf("not imported from JSON; report:\n%s", rep)
	}
	if !reflect.DeepEqual(fromCSV, fromJSON) {
		t.Errorf("JSON and CSV differ:\nJSON %+v\n CSV %+v", fromJSON, fromCSV)
	}
	for _, w := range []string{
		"sample.json: column service.contacts: not imported (1 rows have a value)",
		"sample.json: [0].service_areas[1]: id area-4: column name: service area \"Atlantis\" is not a place hotline knows: left out",
	} {
		if !strings.Contains(rep.String(), w) {
			t.Errorf("report lacks %q:\n%s", w, rep)
		}
	}
}

func TestTopicsForName(t *testing.T) {
	for _, tt := range []struct {
		name    string
		want    []string
		matched bool
	}{
		{"Human Trafficking Hotlines", []string{"sex-trafficking", "labor-trafficking"}, true},
		{"Sex Trafficking", []string{"sex-trafficking"}, true},
		{"Domestic Violence Shelters", []string{"domestic-violence", "shelter"}, true},
		{"Runaway/Homeless Youth Shelters", []string{"runaway", "shelter"}, true},
		{"Animal Shelters", nil, true},
		{"Immigration Legal Services", []string{"legal-rights", "immigration"}, true},
		{"Suicide Prevention Hotlines", []string{"suicide"}, true},
		{"LGBTQ Youth Support", []string{"lgbtq"}, true},
		{"Crime Victim Support", []string{"survivor-support"}, true},
		{"Food Pantries", nil, false},
		{"Paralegal Training", nil, false},
	} {
		got, matched := topicsForName(tt.name)
		if !slices.Equal(got, tt.want) || matched != tt.matched {
			t.Errorf("topicsForName(%q) = %v, %v; want %v, %v", tt.name, got, matched, tt.want, tt.matched)
		}
	}
}

func TestResolveArea(t *testing.T) {
	a := areaResolver{places: places.NewResolver()}
	for _, tt := range []struct {
		name, uri, want string
		exact, ok       bool
	}{
		{"Texas", "", "US-TX", true, true},
		{"CA", "", "US-CA", true, true}, // in a US directory, California
		{"Canada", "", "CA", true, true},
		{"Ontario", "", "CA-ON", true, true},
		{"Harris County, TX", "", "US-TX", false, true},
		{"Houston", "", "US-TX", false, true},
		{"United States", "", "US", true, true},
		{"Worldwide", "", "global", true, true},
		{"European Union", "", "EU", true, true},
		{"Anything", isoAreaURIPrefix + "GB-ENG", "GB-ENG", true, true},
		{"Atlantis", "", "", false, false},
	} {
		got, exact, ok := a.resolve(tt.name, tt.uri)
		if got != tt.want || exact != tt.exact || ok != tt.ok {
			t.Errorf("resolve(%q, %q) = %q, %v, %v; want %q, %v, %v", tt.name, tt.uri, got, exact, ok, tt.want, tt.exact, tt.ok)
		}
	}
}

func TestSplitDescription(t *testing.T) {
	long := strings.Repeat("word ", 90) + "end. Second sentence."
	for _, tt := range []struct {
		in, summary, body string
	}{
		{"", "", ""},
		{"One line.", "One line.", ""},
		{"First.\n\nSecond.\nThird.", "First.", "Second.\nThird."},
		{"<p>First &amp; best.</p><p>Then <b>more</b>.</p>", "First & best.", "Then more."},
		{"A &amp; B, not HTML", "A &amp; B, not HTML", ""},
		{"Short one. " + long, "Short one.", "Short one. " + long},
	} {
		s, b := splitDescription(tt.in)
		if s != tt.summary || b != tt.body {
			t.Errorf("splitDescription(%q) = %q, %q; want %q, %q", tt.in, s, b, tt.summary, tt.body)
		}
	}
}

func TestScheduleText(t *testing.T) {
	for _, tt := range []struct {
		s    schedule
		want string
	}{
		{schedule{description: "Weekdays, <b>9 to 5</b>"}, "Weekdays, 9 to 5"},
		{schedule{freq: "WEEKLY", byday: "MO,TU,WE,TH,FR", opens: "09:00:00", closes: "17:00-05:00"}, "Mon–Fri 09:00–17:00"},
		{schedule{byday: "SA,SU", opens: "10:00", closes: "14:00"}, "Sat, Sun 10:00–14:00"},
		{schedule{byday: "MO,WE,FR"}, "Mon, Wed, Fri"},
		{schedule{byday: "MO,TU,WE,TH,FR,SA,SU", opens: "00:00", closes: "23:59"}, "24/7"},
		{schedule{freq: "MONTHLY", byday: "1MO"}, ""},
	} {
		if got := scheduleText(&tt.s); got != tt.want {
			t.Errorf("scheduleText(%+v) = %q, want %q", tt.s, got, tt.want)
		}
	}
}

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{
		"us-tx Hope House (Austin)":     "us-tx-hope-house-austin",
		"Fundación Camino a Casa":       "fundacion-camino-a-casa",
		"  --  ":                        "",
		strings.Repeat("long name ", 9): "long-name-long-name-long-name-long-name-long-name-long-name",
	} {
		if got := slugify(in); got != want {
			t.Errorf("slugify(%q) = %q, want %q", in, got, want)
		}
	}
}
