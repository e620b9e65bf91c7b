package catalog

import (
	"fmt"
	"strings"
)

// Severity says whether a diagnostic stops the catalog from loading.
type Severity int

const (
	SeverityError Severity = iota
	SeverityWarning
)

func (s Severity) String() string {
	if s == SeverityWarning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one problem found in a catalog file.
type Diagnostic struct {
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Col      int      `json:"col"`
	Severity Severity `json:"-"`
	Message  string   `json:"message"`
}

// String formats the diagnostic as file:line:col: message, the form editors
// and CI annotations understand. Warnings say so after the position.
func (d Diagnostic) String() string {
	msg := d.Message
	if d.Severity == SeverityWarning {
		msg = "warning: " + msg
	}
	return fmt.Sprintf("%s:%d:%d: %s", d.File, d.Line, d.Col, msg)
}

// Diagnostics is every problem found in a catalog, in file order.
type Diagnostics []Diagnostic

// Errors returns only the diagnostics that stop the catalog from loading.
func (ds Diagnostics) Errors() Diagnostics {
	var out Diagnostics
	for _, d := range ds {
		if d.Severity == SeverityError {
			out = append(out, d)
		}
	}
	return out
}

// Error is returned by Load when a catalog has errors.
type Error struct {
	Diagnostics Diagnostics
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "catalog has %d error(s)", len(e.Diagnostics))
	for i, d := range e.Diagnostics {
		if i == 10 {
			fmt.Fprintf(&b, "\n… and %d more (run hotline lint)", len(e.Diagnostics)-10)
			break
		}
		b.WriteString("\n")
		b.WriteString(d.String())
	}
	return b.String()
}
