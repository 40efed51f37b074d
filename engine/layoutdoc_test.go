package engine

import (
	"go/ast"
	"go/doc/comment"
	"go/parser"
	"go/token"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLayoutDocExampleIsCode guards the plan drawn in Layout's doc comment:
// gofmt reads an indented block whose first line starts with "+ " as a
// bullet list, which mangles the drawing; it must stay a code block.
func TestLayoutDocExampleIsCode(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "layout.go", nil, parser.ParseComments)
	require.NoError(t, err)
	var text string
	for _, d := range f.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok && fn.Name.Name == "Layout" {
			text = fn.Doc.Text()
		}
	}
	require.NotEmpty(t, text, "Layout has a doc comment")
	var p comment.Parser
	var code []string
	for _, b := range p.Parse(text).Content {
		switch b := b.(type) {
		case *comment.List:
			t.Errorf("Layout's doc comment has a list (a plan mangled by gofmt?): %v", b.Items)
		case *comment.Code:
			code = append(code, b.Text)
		}
	}
	require.Len(t, code, 1, "one code block: the example plan")
	for _, row := range []string{`"+ +-+w+-+ +"`, `"  |F F F|  "`, `"+ +-+d+-+ +"`} {
		assert.True(t, strings.Contains(code[0], row), "the example shows row %s:\n%s", row, code[0])
	}
}
