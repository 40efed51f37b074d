package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestInitsOnlyRegisterCommands keeps the command files free of hidden
// wiring: an init may register its command and nothing else (no function
// variables set across files); dependencies are passed explicitly.
func TestInitsOnlyRegisterCommands(t *testing.T) {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		require.NoError(t, err, name)
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Name.Name != "init" || fn.Recv != nil {
				continue
			}
			for _, st := range fn.Body.List {
				call, ok := st.(*ast.ExprStmt)
				var callee string
				if ok {
					if c, ok := call.X.(*ast.CallExpr); ok {
						if id, ok := c.Fun.(*ast.Ident); ok {
							callee = id.Name
						}
					}
				}
				assert.Equal(t, "register", callee, "%s: init does more than register a command", fset.Position(st.Pos()))
			}
		}
	}
}
