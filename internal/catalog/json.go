package catalog

// EntryJSON is a resource as `hotline list --json` prints it: the reply's
// resource shape plus the catalog fields.
type EntryJSON struct {
	ID        string         `json:"id"`
	Kind      string         `json:"kind"`
	Name      string         `json:"name"`
	Summary   string         `json:"summary"`
	URL       string         `json:"url,omitempty"`
	Contacts  []ContactJSON  `json:"contacts"`
	Group     string         `json:"group,omitempty"`
	Topics    []string       `json:"topics"`
	Audience  string         `json:"audience"`
	Priority  int            `json:"priority"`
	Areas     []string       `json:"areas"`
	Languages []string       `json:"languages"`
	Locations []LocationJSON `json:"locations,omitempty"`
	Source    string         `json:"source"`
	Verified  string         `json:"verified"`
	File      string         `json:"file"`
}

// ContactJSON is a contact in the catalog listing.
type ContactJSON struct {
	Type    string   `json:"type"`
	Value   string   `json:"value"`
	Display string   `json:"display,omitempty"`
	Keyword string   `json:"keyword,omitempty"`
	Label   string   `json:"label,omitempty"`
	Hours   string   `json:"hours,omitempty"`
	Langs   []string `json:"languages,omitempty"`
}

// LocationJSON is a location in the catalog listing.
type LocationJSON struct {
	Name      string  `json:"name,omitempty"`
	Address   string  `json:"address,omitempty"`
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
}

// JSON returns the resource for listing, with its text in lang.
func (r *Resource) JSON(lang string) EntryJSON {
	e := EntryJSON{
		ID: r.ID, Kind: r.Kind, Name: r.Name.In(lang), Summary: r.Summary.In(lang), URL: r.URL,
		Contacts: make([]ContactJSON, len(r.Contacts)), Group: r.Group, Topics: r.Topics, Audience: r.Audience,
		Priority: r.Priority, Areas: r.Areas, Languages: r.Langs, Source: r.Source, Verified: r.Verified.String(),
		File: r.File,
	}
	if e.Languages == nil {
		e.Languages = []string{}
	}
	for i, c := range r.Contacts {
		e.Contacts[i] = ContactJSON{Type: c.Type, Value: c.Value, Display: c.Display, Keyword: c.Keyword,
			Label: c.Label.In(lang), Hours: c.Hours.In(lang), Langs: c.Langs}
	}
	for _, l := range r.Location {
		e.Locations = append(e.Locations, LocationJSON(l))
	}
	return e
}
