package hsds

import "fmt"

// Directory is an HSDS directory read into memory: the rows of the tables
// hotline maps, checked for well-formedness. Make one with Read or
// ReadPath; its zero value is an empty directory.
type Directory struct {
	orgs      []organization
	services  []service
	locations []location
	sals      []serviceAtLocation
	addresses []address
	phones    []phone
	schedules []schedule
	languages []languageRow
	areas     []serviceArea
	taxos     []taxonomy
	terms     []taxonomyTerm
	attrs     []attribute
	urls      []urlRow

	// ignored are the columns and tables of the input that hotline does
	// not read, for the report.
	ignored []Issue
}

// Services returns how many services the directory holds.
func (d *Directory) Services() int { return len(d.services) }

// Pos is where a row was read: a CSV file and the line the row starts on,
// or a JSON file and the path to the object in it.
type Pos struct {
	File string // relative to what was read
	Line int    // CSV: 1-based line; 0 for JSON and for a whole file
	Path string // JSON: "[3].phones[0]"
}

func (p Pos) String() string {
	switch {
	case p.Line > 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	case p.Path != "":
		return p.File + ": " + p.Path
	}
	return p.File
}

// The rows, with the fields hotline reads (see the package comment).

type organization struct {
	pos                                   Pos
	id, name, description, email, website string
}

type service struct {
	pos                                                    Pos
	id, orgID, name, altName, description, url, email      string
	status, interpretation, application, fees, eligibility string
	alert, assured, lastModified                           string
	minAge, maxAge                                         float64
	hasMinAge, hasMaxAge                                   bool
}

type location struct {
	pos                                    Pos
	id, typ, url, orgID, name, description string
	lat, lon                               float64
	hasCoords                              bool
}

type serviceAtLocation struct {
	pos                       Pos
	id, serviceID, locationID string
}

type address struct {
	pos                                             Pos
	id, locationID, address1, address2, city, state string
	postal, country, typ                            string
}

type phone struct {
	pos                                     Pos
	id, locationID, serviceID, orgID, salID string
	number, extension, typ, description     string
}

type schedule struct {
	pos                                     Pos
	id, serviceID, locationID, salID        string
	description, freq, byday, opens, closes string
}

type languageRow struct {
	pos                                            Pos
	id, serviceID, locationID, phoneID, name, code string
}

type serviceArea struct {
	pos                                   Pos
	id, serviceID, name, description, uri string
}

type taxonomy struct {
	pos           Pos
	id, name, uri string
}

type taxonomyTerm struct {
	pos                                            Pos
	id, code, name, parentID, taxonomy, taxonomyID string
}

type attribute struct {
	pos                                   Pos
	id, linkID, termID, linkEntity, value string
}

type urlRow struct {
	pos                              Pos
	id, label, url, orgID, serviceID string
}
