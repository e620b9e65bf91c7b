package hsds

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hotline-org/hotline/internal/catalog"
)

// TestRoundTrip exports the embedded catalog's hotlines and services and
// imports the package again: every one comes back, with the same id, name,
// contacts, locations, areas and topics (and the rest that HSDS carries).
// Hotlines come back as services: HSDS has no such distinction.
func TestRoundTrip(t *testing.T) {
	c := embeddedCatalog(t)
	out := filepath.Join(t.TempDir(), "hsds")
	if err := Export(c, out); err != nil {
		t.Fatal(err)
	}
	back, rep, err := Import(os.DirFS(out), ".", Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, is := range rep.Issues {
		t.Errorf("import of an export reports: %s", is)
	}
	n := 0
	for _, want := range c.Resources {
		if want.Kind != catalog.KindHotline && want.Kind != catalog.KindService {
			continue
		}
		n++
		got, ok := back.Resource(want.ID)
		if !ok {
			t.Errorf("%s: not imported", want.ID)
			continue
		}
		for _, d := range diffResources(want, got) {
			t.Errorf("%s: %s", want.ID, d)
		}
	}
	if len(back.Resources) != n || rep.Imported != n || rep.Services != n {
		t.Errorf("imported %d of %d (report: %d of %d), want all %d", len(back.Resources), rep.Services, rep.Imported, rep.Services, n)
	}
}

// diffResources lists what differs between a resource and its round trip.
func diffResources(want, got *catalog.Resource) []string {
	var d []string
	check := func(what string, w, g any) {
		if fmt.Sprint(w) != fmt.Sprint(g) {
			d = append(d, fmt.Sprintf("%s: got %v, want %v", what, g, w))
		}
	}
	check("kind", catalog.KindService, got.Kind)
	check("name", want.Name.In("en"), got.Name.In("en"))
	check("summary", want.Summary.In("en"), got.Summary.In("en"))
	check("body", strings.TrimSpace(want.Body.In("en")), got.Body.In("en"))
	check("url", want.URL, got.URL)
	check("source", want.Source, got.Source)
	check("verified", want.Verified, got.Verified)
	check("audience", want.Audience, got.Audience)
	check("priority", want.Priority, got.Priority)
	check("topics", want.Topics, got.Topics)
	check("areas", want.Areas, got.Areas)
	if len(want.Langs) > 0 {
		check("languages", want.Langs, got.Langs)
	}
	check("locations", want.Location, got.Location)
	contacts := func(r *catalog.Resource) []string {
		var out []string
		for _, c := range r.Contacts {
			out = append(out, c.Type+" "+c.Value+" "+c.Keyword)
		}
		slices.Sort(out)
		return out
	}
	check("contacts", contacts(want), contacts(got))
	return d
}
