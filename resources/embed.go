// Package resources holds the catalog that ships inside the binary: the
// YAML files maintainers edit beside this file. See README.md here.
package resources

import (
	"embed"
	"io/fs"
)

// The models learned from the examples are saved beside them, so that a
// start reads them instead of learning (see tools/learn).
//
//go:generate go run ../tools/learn -resources .
//go:embed *.yaml */*.yaml examples
var files embed.FS

// FS returns the embedded catalog, laid out as the resources folder is.
func FS() fs.FS { return files }
