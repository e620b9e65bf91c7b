// Package hsds reads and writes Open Referral's Human Services Data
// Specification (HSDS) 3.x, the format resource directories such as 211s
// exchange, and maps it to and from hotline's catalog.
//
// Import is three steps: Read parses a directory (a CSV Tabular Data
// Package, or a JSON file of services) and rejects malformed input with
// file, row and column; ToCatalog maps what maps, checks the result with
// the catalog's own lint rules and reports, row by row, what did not map;
// WriteCatalog writes the resources as catalog files, all or nothing.
// Import does the first two in one call, with less memory. Export writes
// a catalog as an HSDS CSV data package, also all or nothing. Generate
// writes synthetic directories for tests and benchmarks.
//
// # The specification
//
// The table and field names come from the openreferral/specification
// repository, branch 3.2 (commit 149f77cdef6e8a2d617114a0ad31d3861a3bfe8a):
// schema/organization.json, service.json, location.json,
// service_at_location.json, address.json, phone.json, service_area.json,
// taxonomy.json, taxonomy_term.json, attribute.json and url.json; and for
// schedule and language, schema/compiled/tabular.json of HSDS 3.1 (commit
// 33493d428e8a821ba88fa496123a2a6521a73ad3), whose fields hotline uses are
// the same in 3.2. File names follow each schema's "path" ("services.csv",
// "service_at_location.csv", "url.csv"); ids are UUIDs ("format": "uuid").
// A field is required when the schema lists it in "required" or
// "tabular_required". testdata/spec holds the excerpts the tests validate
// exports against.
//
// Fields hotline reads (table.field → catalog):
//
//	service.id                       → id, unless a hotline-id attribute gives it
//	service.name                     → name (en)
//	service.alternate_name           → keywords (en)
//	service.description              → summary (first paragraph) and body (en)
//	service.url                      → url (https only)
//	service.email                    → an email contact
//	service.status                   → only "active" services are imported
//	service.eligibility_description,
//	  minimum_age, maximum_age       → staff.eligibility
//	service.application_process      → staff.intake
//	service.fees_description, alert,
//	  interpretation_services        → staff.notes
//	service.assured_date, last_modified → verified
//	organization.name                → staff.notes ("Provided by …")
//	organization.website             → source (https only), else service.url
//	organization.description, email, phones → fallbacks for the service's
//	location.name, latitude, longitude, description, location_type
//	                                 → locations (physical and postal; a
//	                                   virtual one's url is a web contact;
//	                                   no coordinates: a US ZIP code's centre)
//	address.address_1, address_2, city, state_province, postal_code, country
//	                                 → the location's address
//	service_at_location.service_id, location_id → which locations
//	phone.number, extension, type, description → phone, sms, tty, whatsapp contacts
//	schedule.description, byday, opens_at, closes_at → contact hours
//	language.code, name, service_id, phone_id → languages
//	service_area.name, uri           → areas
//	taxonomy_term.code, name, parent_id, taxonomy_id → topics (see topicRules);
//	                                   names of terms without a topic → keywords
//	taxonomy.name, uri               → which taxonomy a term is from
//	attribute.link_id, taxonomy_term_id, link_entity, value → topics, and
//	                                   id, audience, priority and contact type
//	                                   from hotline's own exports
//	url.url, label, service_id       → web and chat contacts
//
// Everything else is reported: columns and tables not imported (counted
// per file), and row by row the values left out (an http URL, a fax
// number, an invalid phone number, an unknown place or language) and the
// services skipped (not active, no topic, no https page to cite, or
// rejected by the catalog's checks).
package hsds
