// Package resources holds the catalog that ships inside the binary: the
// YAML files maintainers edit beside this file. See README.md here.
package resources

import (
	"embed"
	"io/fs"
)

//go:embed *.yaml */*.yaml examples/*.jsonl
var files embed.FS

// FS returns the embedded catalog, laid out as the resources folder is.
func FS() fs.FS { return files }
