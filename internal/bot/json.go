package bot

// ReplyJSON is the reply in the JSON contract shared by `hotline ask
// --json` and POST /api/v1/messages (see README).
type ReplyJSON struct {
	Query     string         `json:"query"`
	Language  string         `json:"language"`
	Urgent    bool           `json:"urgent"`
	Intent    string         `json:"intent"`
	Text      string         `json:"text"`
	Lead      []string       `json:"lead"`   // urgent lines, to show first
	Dial      []ContactJSON  `json:"dial"`   // numbers to call or text now, as tap targets
	Blocks    []string       `json:"blocks"` // the bot's own words
	Footer    []string       `json:"footer"` // a person to talk to, after the resources
	Place     string         `json:"place,omitempty"`
	Resources []ResourceJSON `json:"resources"`
	Actions   []ActionJSON   `json:"actions"`
}

// ResourceJSON is one resource of a reply.
type ResourceJSON struct {
	ID         string        `json:"id"`
	Kind       string        `json:"kind"`
	Name       string        `json:"name"`
	Summary    string        `json:"summary"`
	Body       string        `json:"body,omitempty"`
	URL        string        `json:"url,omitempty"`
	Contacts   []ContactJSON `json:"contacts"`
	DistanceKM *float64      `json:"distance_km"`
	Score      float64       `json:"score"`
}

// ContactJSON is one way to reach a resource.
type ContactJSON struct {
	Type    string `json:"type"`
	Value   string `json:"value"`
	Display string `json:"display,omitempty"`
	Keyword string `json:"keyword,omitempty"`
	Label   string `json:"label,omitempty"`
	Hours   string `json:"hours,omitempty"`
	Href    string `json:"href,omitempty"`
}

// ActionJSON is a follow-up the person can send back as "action".
type ActionJSON struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// JSON returns the reply in the JSON contract; query is the text it answers.
func (r Reply) JSON(query string) ReplyJSON {
	out := ReplyJSON{
		Query: query, Language: r.Language, Urgent: r.Urgent, Intent: r.Intent, Text: r.Text(),
		Lead: nonNil(r.Lead), Blocks: nonNil(r.Blocks), Footer: nonNil(r.Footer), Place: r.Place,
		Resources: make([]ResourceJSON, len(r.Resources)), Actions: make([]ActionJSON, len(r.Actions)),
		Dial: make([]ContactJSON, len(r.Dial)),
	}
	for i, ct := range r.Dial {
		out.Dial[i] = contactJSON(ct)
	}
	for i, c := range r.Resources {
		rj := ResourceJSON{ID: c.ID, Kind: c.Kind, Name: c.Name, Summary: c.Summary, Body: c.Body, URL: c.URL,
			Contacts: make([]ContactJSON, len(c.Contacts)), DistanceKM: c.DistanceKM, Score: c.Score}
		for j, ct := range c.Contacts {
			rj.Contacts[j] = contactJSON(ct)
		}
		out.Resources[i] = rj
	}
	for i, a := range r.Actions {
		out.Actions[i] = ActionJSON(a)
	}
	return out
}

func contactJSON(ct ContactLine) ContactJSON {
	return ContactJSON{Type: ct.Type, Value: ct.Value, Display: ct.Display, Keyword: ct.Keyword,
		Label: ct.Label, Hours: ct.Hours, Href: ct.Href}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
