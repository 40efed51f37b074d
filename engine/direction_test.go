package engine

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The rules never import their content: dependencies run from levels (the
// content and its loaders) to the engine, never back (issue 15 section 4).
func TestRulesDoNotImportContent(t *testing.T) {
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if p == "github.com/opensourceecology/prodos/levels" {
				t.Errorf("%s imports %s: the engine's rules must not import their content", path, p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
