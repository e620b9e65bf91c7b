package hsds

// The tables hotline reads and writes, with the fields it knows, as the
// HSDS 3.2 schemas define them (see the package comment for the files).
// Read uses them to find required columns, check types, enums and
// foreign keys; Export writes the fields marked out, in this order, and
// describes them in datapackage.json.

// Table names, as in the schemas' "name".
const (
	tOrganization      = "organization"
	tService           = "service"
	tLocation          = "location"
	tServiceAtLocation = "service_at_location"
	tAddress           = "address"
	tPhone             = "phone"
	tSchedule          = "schedule"
	tLanguage          = "language"
	tServiceArea       = "service_area"
	tTaxonomy          = "taxonomy"
	tTaxonomyTerm      = "taxonomy_term"
	tAttribute         = "attribute"
	tURL               = "url"
)

// Field types, as Table Schema names them.
const (
	typeString   = "string"
	typeNumber   = "number"
	typeDate     = "date"
	typeDateTime = "datetime"
)

// Field formats hotline checks.
const (
	formatUUID  = "uuid"
	formatURI   = "uri"
	formatEmail = "email"
)

type field struct {
	name   string
	typ    string   // typeString unless set
	format string   // formatUUID, formatURI, formatEmail or ""
	enum   []string // allowed values, if any
	ref    string   // the table a foreign key points at
	unique bool

	// required: the schema lists the field in "required" or
	// "tabular_required", so a file of this table must have the column.
	required bool
	// value: Read rejects a row whose value is empty. The spec requires
	// many fields that real directories leave blank (an organization's
	// description, an address's postal code); Read is strict only where a
	// blank makes the row meaningless.
	value bool
	// tabular: the requirement is the schema's "tabular_required": the JSON
	// form, which nests what the column would point at, may leave it out.
	tabular bool
	// out: Export writes the field.
	out bool
	// unused: Read checks the field but nothing maps it, so its values
	// are reported as not imported.
	unused bool
}

type table struct {
	name   string
	path   string // the file name the schema gives
	title  string
	fields []field
}

func (t *table) field(name string) *field {
	for i := range t.fields {
		if t.fields[i].name == name {
			return &t.fields[i]
		}
	}
	return nil
}

// maps reports whether hotline maps the column: a column it does not know
// or does not use is reported as not imported.
func (t *table) maps(name string) bool {
	f := t.field(name)
	return f != nil && !f.unused
}

func idField() field {
	return field{name: "id", format: formatUUID, unique: true, required: true, value: true, out: true}
}

var (
	statusEnum       = []string{"active", "inactive", "defunct", "temporarily closed"}
	locationTypeEnum = []string{"physical", "postal", "virtual"}
)

// tables are in the order the schemas give ("order" in datapackage_metadata).
var tables = []table{
	{name: tOrganization, path: "organizations.csv", title: "Organizations", fields: []field{
		idField(),
		{name: "name", required: true, value: true, out: true},
		{name: "alternate_name", unused: true},
		{name: "description", required: true, out: true},
		{name: "email", format: formatEmail, out: true},
		{name: "website", format: formatURI, out: true},
	}},
	{name: tService, path: "services.csv", title: "Services", fields: []field{
		idField(),
		{name: "organization_id", format: formatUUID, ref: tOrganization, required: true, value: true, tabular: true, out: true},
		{name: "name", required: true, value: true, out: true},
		{name: "alternate_name", out: true},
		{name: "description", out: true},
		{name: "url", format: formatURI, out: true},
		{name: "email", format: formatEmail, out: true},
		{name: "status", enum: statusEnum, required: true, out: true},
		{name: "interpretation_services"},
		{name: "application_process", out: true},
		{name: "fees_description"},
		{name: "eligibility_description", out: true},
		{name: "minimum_age", typ: typeNumber},
		{name: "maximum_age", typ: typeNumber},
		{name: "assured_date", typ: typeDate, out: true},
		{name: "alert"},
		{name: "last_modified", typ: typeDateTime},
	}},
	{name: tAttribute, path: "attributes.csv", title: "Attributes", fields: []field{
		idField(),
		{name: "link_id", format: formatUUID, required: true, value: true, out: true},
		{name: "taxonomy_term_id", format: formatUUID, ref: tTaxonomyTerm, required: true, value: true, out: true},
		{name: "link_type", out: true, unused: true},
		{name: "link_entity", required: true, out: true},
		{name: "value", out: true},
		{name: "label", unused: true},
	}},
	{name: tServiceAtLocation, path: "service_at_location.csv", title: "Services at locations", fields: []field{
		idField(),
		{name: "service_id", format: formatUUID, ref: tService, required: true, value: true, out: true},
		{name: "location_id", format: formatUUID, ref: tLocation, required: true, value: true, out: true},
	}},
	{name: tLocation, path: "locations.csv", title: "Locations", fields: []field{
		idField(),
		{name: "location_type", enum: locationTypeEnum, required: true, out: true},
		{name: "url", format: formatURI},
		{name: "organization_id", format: formatUUID, ref: tOrganization, out: true},
		{name: "name", out: true},
		{name: "description", out: true},
		{name: "latitude", typ: typeNumber, out: true},
		{name: "longitude", typ: typeNumber, out: true},
	}},
	{name: tPhone, path: "phones.csv", title: "Phones", fields: []field{
		idField(),
		{name: "location_id", format: formatUUID, ref: tLocation},
		{name: "service_id", format: formatUUID, ref: tService, out: true},
		{name: "organization_id", format: formatUUID, ref: tOrganization},
		{name: "contact_id", format: formatUUID, unused: true},
		{name: "service_at_location_id", format: formatUUID, ref: tServiceAtLocation},
		{name: "number", required: true, value: true, out: true},
		{name: "extension", typ: typeNumber},
		{name: "type", out: true},
		{name: "description", out: true},
	}},
	{name: tAddress, path: "addresses.csv", title: "Addresses", fields: []field{
		idField(),
		{name: "location_id", format: formatUUID, ref: tLocation, out: true},
		{name: "attention"},
		{name: "address_1", required: true, out: true},
		{name: "address_2", out: true},
		{name: "city", required: true, out: true},
		{name: "region"},
		{name: "state_province", required: true, out: true},
		{name: "postal_code", required: true, out: true},
		{name: "country", required: true, out: true},
		{name: "address_type", enum: locationTypeEnum, required: true, out: true},
	}},
	{name: tSchedule, path: "schedules.csv", title: "Schedules", fields: []field{
		idField(),
		{name: "service_id", format: formatUUID, ref: tService, out: true},
		{name: "location_id", format: formatUUID, ref: tLocation},
		{name: "service_at_location_id", format: formatUUID, ref: tServiceAtLocation},
		{name: "valid_from", typ: typeDate, unused: true},
		{name: "valid_to", typ: typeDate, unused: true},
		{name: "freq", enum: []string{"WEEKLY", "MONTHLY"}},
		{name: "byday"},
		{name: "description", out: true},
		{name: "opens_at"},
		{name: "closes_at"},
		{name: "notes", unused: true},
	}},
	{name: tServiceArea, path: "service_areas.csv", title: "Service areas", fields: []field{
		idField(),
		{name: "service_id", format: formatUUID, ref: tService, out: true},
		{name: "service_at_location_id", format: formatUUID, ref: tServiceAtLocation, unused: true},
		{name: "name", out: true},
		{name: "description", out: true, unused: true},
		{name: "extent", unused: true},
		{name: "extent_type", unused: true},
		{name: "uri", out: true},
	}},
	{name: tLanguage, path: "languages.csv", title: "Languages", fields: []field{
		idField(),
		{name: "service_id", format: formatUUID, ref: tService, out: true},
		{name: "location_id", format: formatUUID, ref: tLocation, unused: true},
		{name: "phone_id", format: formatUUID, ref: tPhone, out: true},
		{name: "name", out: true},
		{name: "code", out: true},
		{name: "note", unused: true},
	}},
	{name: tTaxonomyTerm, path: "taxonomy_terms.csv", title: "Taxonomy terms", fields: []field{
		idField(),
		{name: "code", out: true}, // the schema says unique, but only with taxonomy_id is it in practice
		{name: "name", required: true, value: true, out: true},
		{name: "description", required: true, out: true},
		{name: "parent_id", format: formatUUID, ref: tTaxonomyTerm},
		{name: "taxonomy"},
		{name: "language", out: true},
		{name: "taxonomy_id", format: formatUUID, ref: tTaxonomy, out: true},
		{name: "term_uri", format: formatURI, unused: true},
	}},
	{name: tTaxonomy, path: "taxonomies.csv", title: "Taxonomies", fields: []field{
		idField(),
		{name: "name", required: true, value: true, out: true},
		{name: "description", required: true, out: true},
		{name: "uri", format: formatURI, out: true},
		{name: "version", out: true},
	}},
	{name: tURL, path: "url.csv", title: "URLs", fields: []field{
		idField(),
		{name: "label", out: true},
		{name: "url", format: formatURI, required: true, value: true, out: true},
		{name: "organization_id", format: formatUUID, ref: tOrganization},
		{name: "service_id", format: formatUUID, ref: tService, out: true},
	}},
}

func tableNamed(name string) *table {
	for i := range tables {
		if tables[i].name == name {
			return &tables[i]
		}
	}
	return nil
}
