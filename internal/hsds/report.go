package hsds

import (
	"fmt"
	"strings"
)

// Report says what ToCatalog did with a directory: how many services
// became catalog resources and, row by row, what did not map.
type Report struct {
	Services int     // services in the directory
	Imported int     // resources in the catalog
	Issues   []Issue // in input order: first the files, then row by row
}

// Issue is one thing that did not map: a column or table not imported, a
// value left out, or a row skipped.
type Issue struct {
	Pos     Pos    // where: a file, or a row of one
	ID      string // the row's id, when the issue is about a row
	Field   string // the column, when the issue is about one
	Skipped bool   // the whole row was left out of the catalog
	Message string

	count int // values seen, for a column not imported
}

func (is Issue) String() string {
	var b strings.Builder
	b.WriteString(is.Pos.String())
	b.WriteString(": ")
	if is.ID != "" {
		fmt.Fprintf(&b, "id %s: ", is.ID)
	}
	if is.Field != "" {
		fmt.Fprintf(&b, "column %s: ", is.Field)
	}
	b.WriteString(is.Message)
	return b.String()
}

// Skipped returns how many services were left out.
func (r *Report) Skipped() int { return r.Services - r.Imported }

// String formats the report: a summary line, then one line per issue.
func (r *Report) String() string { return r.Summary(len(r.Issues)) }

// Summary is the report with at most n issues: a 211 directory can have
// tens of thousands, and a terminal wants the first few and a count.
func (r *Report) Summary(n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d of %d services imported, %d skipped, %d issues\n", r.Imported, r.Services, r.Skipped(), len(r.Issues))
	for i, is := range r.Issues {
		if i == n {
			fmt.Fprintf(&b, "… and %d more issues\n", len(r.Issues)-n)
			break
		}
		b.WriteString(is.String())
		b.WriteByte('\n')
	}
	return b.String()
}

func (r *Report) add(pos Pos, id, field string, skipped bool, format string, args ...any) {
	r.Issues = append(r.Issues, Issue{Pos: pos, ID: id, Field: field, Skipped: skipped, Message: fmt.Sprintf(format, args...)})
}
