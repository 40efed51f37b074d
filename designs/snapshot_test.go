package designs

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The snapshot's generated files, each kept under the project's limits
// (800 lines a file, 100 a function): the catalog with its materials and
// assemblies, the modules one function each, the suppliers and shops.
const (
	snapshotCatalogFile   = "snapshot_catalog_gen.go"
	snapshotModulesFile   = "snapshot_modules_gen.go"
	snapshotModules2File  = "snapshot_modules2_gen.go"
	snapshotHouseFile     = "snapshot_house_gen.go"
	snapshotSuppliersFile = "snapshot_suppliers_gen.go"
)

// snapshotFiles lists the generated files in the order they are written.
var snapshotFiles = []string{snapshotCatalogFile, snapshotModulesFile, snapshotModules2File, snapshotHouseFile, snapshotSuppliersFile}

// parsedData parses the embedded data the way the snapshot stands for.
func parsedData(t *testing.T) (*Catalog, []*Supplier, map[string]*Shop) {
	t.Helper()
	cat, err := LoadCatalog(DataFS())
	require.NoError(t, err)
	data, err := fs.ReadFile(DataFS(), "suppliers.toml")
	require.NoError(t, err)
	sups, err := ParseSuppliers("suppliers.toml", data, cat)
	require.NoError(t, err)
	shops, err := LoadShops(DataFS())
	require.NoError(t, err)
	return cat, sups, shops
}

// renderSnapshot is the source of each generated snapshot file (by name)
// for these values.
func renderSnapshot(t *testing.T, sum string, cat *Catalog, sups []*Supplier, shops map[string]*Shop) map[string][]byte {
	t.Helper()
	g := &snapshotGen{t: t, files: map[string]*bytes.Buffer{}}
	cf := g.file(snapshotCatalogFile)
	cf.WriteString("// snapshotSum is the SHA-256 of the data files the snapshot was made from.\n")
	fmt.Fprintf(cf, "const snapshotSum = %q\n\n", sum)
	g.structFunc(cf, "snapshotCatalog", reflect.ValueOf(cat), map[string]string{
		"Materials": "snapshotMaterials()", "Assemblies": "snapshotAssemblies()", "Modules": "snapshotModules()",
		"Phases": "snapshotPhases()", "HouseItems": "snapshotHouseItems()", "materialOrder": "snapshotMaterialOrder()",
	})
	g.valueFunc(cf, "snapshotMaterialOrder", reflect.ValueOf(cat.materialOrder))
	g.valueFunc(cf, "snapshotMaterials", reflect.ValueOf(cat.Materials))
	g.mapFuncs(cf, "snapshotAssemblies", "snapshotAssembly", reflect.ValueOf(cat.Assemblies))
	g.mapFuncs(g.file(snapshotModulesFile), "snapshotModules", "snapshotModule", reflect.ValueOf(cat.Modules), g.file(snapshotModules2File))
	hf := g.file(snapshotHouseFile)
	g.valueFunc(hf, "snapshotPhases", reflect.ValueOf(cat.Phases))
	itemIDs := make([]string, len(cat.HouseItems))
	for i, it := range cat.HouseItems {
		itemIDs[i] = it.ID
	}
	g.sliceFuncs(hf, "snapshotHouseItems", "snapshotHouseItem", reflect.ValueOf(cat.HouseItems), itemIDs)
	sf := g.file(snapshotSuppliersFile)
	ids := make([]string, len(sups))
	for i, s := range sups {
		ids[i] = s.ID
	}
	g.sliceFuncs(sf, "snapshotSuppliers", "snapshotSupplier", reflect.ValueOf(sups), ids)
	g.valueFunc(sf, "snapshotShops", reflect.ValueOf(shops))
	return g.sources()
}

// snapshotGen collects the generated files' bodies and the names of the
// functions written, each of which must be new.
type snapshotGen struct {
	t     *testing.T
	files map[string]*bytes.Buffer
	names map[string]bool
}

// file is the body of the named generated file, started if new.
func (g *snapshotGen) file(name string) *bytes.Buffer {
	b, ok := g.files[name]
	if !ok {
		b = &bytes.Buffer{}
		g.files[name] = b
	}
	return b
}

// open starts function name returning typ in b.
func (g *snapshotGen) open(b *bytes.Buffer, name string, typ reflect.Type) {
	if g.names == nil {
		g.names = map[string]bool{}
	}
	require.False(g.t, g.names[name], "snapshot: two functions named %s", name)
	g.names[name] = true
	fmt.Fprintf(b, "func %s() %s {\n\treturn ", name, goType(typ))
}

// valueFunc writes function name returning v.
func (g *snapshotGen) valueFunc(b *bytes.Buffer, name string, v reflect.Value) {
	g.open(b, name, v.Type())
	writeGoValue(g.t, b, v, false)
	b.WriteString("\n}\n\n")
}

// structFunc writes function name returning v, a pointer to a struct, whose
// fields named in calls are set by calling the function given.
func (g *snapshotGen) structFunc(b *bytes.Buffer, name string, v reflect.Value, calls map[string]string) {
	g.open(b, name, v.Type())
	b.WriteString("&")
	writeStruct(g.t, b, v.Elem(), false, calls)
	b.WriteString("\n}\n\n")
}

// mapFuncs writes function name returning map v (string keys), each value
// built by a function of its own: prefix and the key in camel case. With a
// second buffer, the second half of the values' functions go there (so no
// generated file grows past the file size limit).
func (g *snapshotGen) mapFuncs(b *bytes.Buffer, name, prefix string, v reflect.Value, more ...*bytes.Buffer) {
	require.Equal(g.t, reflect.String, v.Type().Key().Kind(), "map keys must be strings")
	keys := sortedKeys(v)
	g.open(b, name, v.Type())
	b.WriteString(goType(v.Type()) + "{\n")
	for _, k := range keys {
		fmt.Fprintf(b, "%q: %s(),\n", k.String(), prefix+camel(k.String()))
	}
	b.WriteString("}\n}\n\n")
	for i, k := range keys {
		to := b
		if len(more) > 0 && i >= len(keys)/2 {
			to = more[0]
		}
		g.valueFunc(to, prefix+camel(k.String()), v.MapIndex(k))
	}
}

// sliceFuncs writes function name returning slice v, each element built by
// a function of its own: prefix and the element's id (ids[i]) in camel case.
func (g *snapshotGen) sliceFuncs(b *bytes.Buffer, name, prefix string, v reflect.Value, ids []string) {
	require.Len(g.t, ids, v.Len())
	g.open(b, name, v.Type())
	b.WriteString(goType(v.Type()) + "{\n")
	for _, id := range ids {
		fmt.Fprintf(b, "%s(),\n", prefix+camel(id))
	}
	b.WriteString("}\n}\n\n")
	for i, id := range ids {
		g.valueFunc(b, prefix+camel(id), v.Index(i))
	}
}

// sources is each file's gofmt-ed source with its header, importing
// decimal only where it is used.
func (g *snapshotGen) sources() map[string][]byte {
	out := map[string][]byte{}
	for name, body := range g.files {
		var b bytes.Buffer
		b.WriteString("// Code generated by go test ./designs -run TestSnapshot -update; DO NOT EDIT.\n\n")
		b.WriteString("package designs\n\n")
		if bytes.Contains(body.Bytes(), []byte("decimal.")) {
			b.WriteString("import \"github.com/shopspring/decimal\"\n\n")
		}
		b.Write(body.Bytes())
		src, err := format.Source(b.Bytes())
		require.NoError(g.t, err, name)
		out[name] = src
	}
	return out
}

// camel is id as part of a Go name: letters and digits kept, the first of
// each run upper-cased ("wall-ext-4x8" gives "WallExt4x8").
func camel(id string) string {
	var b strings.Builder
	up := true
	for _, r := range id {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if up {
				r = unicode.ToUpper(r)
			}
			b.WriteRune(r)
			up = false
		default:
			up = true
		}
	}
	return b.String()
}

// sortedKeys is map v's keys (strings) in order.
func sortedKeys(v reflect.Value) []reflect.Value {
	keys := v.MapKeys()
	sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
	return keys
}

var decimalType = reflect.TypeOf(decimal.Decimal{})

// goType is t as written inside package designs.
func goType(t reflect.Type) string { return strings.ReplaceAll(t.String(), "designs.", "") }

// writeGoValue writes v as a Go expression that builds an equal value:
// every field, exported or not, zero ones left out; map keys sorted. Inside
// a slice or map literal (elide) the element's type is left out; a struct of
// scalars takes one line.
func writeGoValue(t *testing.T, b *bytes.Buffer, v reflect.Value, elide bool) {
	if v.Type() == decimalType {
		if v.Field(0).IsNil() {
			b.WriteString("decimal.Decimal{}")
			return
		}
		d := v.Interface().(decimal.Decimal)
		require.True(t, d.Coefficient().IsInt64(), "decimal %s", d)
		fmt.Fprintf(b, "decimal.New(%d, %d)", d.Coefficient().Int64(), d.Exponent())
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		if !elide {
			b.WriteString("&")
		}
		writeGoValue(t, b, v.Elem(), elide)
	case reflect.Struct:
		writeStruct(t, b, v, elide, nil)
	case reflect.Slice:
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		b.WriteString(goType(v.Type()) + "{\n")
		for i := 0; i < v.Len(); i++ {
			writeGoValue(t, b, v.Index(i), true)
			b.WriteString(",\n")
		}
		b.WriteString("}")
	case reflect.Map:
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		require.Equal(t, reflect.String, v.Type().Key().Kind(), "map keys must be strings")
		keys := sortedKeys(v)
		b.WriteString(goType(v.Type()) + "{\n")
		for _, k := range keys {
			fmt.Fprintf(b, "%q: ", k.String())
			writeGoValue(t, b, v.MapIndex(k), true)
			b.WriteString(",\n")
		}
		b.WriteString("}")
	case reflect.String:
		fmt.Fprintf(b, "%q", v.String())
	case reflect.Bool:
		fmt.Fprint(b, v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		fmt.Fprint(b, v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		fmt.Fprint(b, v.Uint())
	default:
		t.Fatalf("snapshot: cannot write a %s", v.Type())
	}
}

// writeStruct writes struct v as writeGoValue does; a field named in calls
// is set by the call given instead of its value.
func writeStruct(t *testing.T, b *bytes.Buffer, v reflect.Value, elide bool, calls map[string]string) {
	if !elide {
		b.WriteString(goType(v.Type()))
	}
	sep, end := "\n", ",\n"
	if calls == nil && scalars(v) {
		sep, end = "", ", "
	}
	b.WriteString("{" + sep)
	n := 0
	for i := 0; i < v.NumField(); i++ {
		if v.Field(i).IsZero() {
			continue
		}
		if n > 0 && sep == "" {
			b.WriteString(end)
		}
		n++
		name := v.Type().Field(i).Name
		b.WriteString(name + ": ")
		if call, ok := calls[name]; ok {
			b.WriteString(call)
		} else {
			writeGoValue(t, b, v.Field(i), false)
		}
		if sep != "" {
			b.WriteString(end)
		}
	}
	b.WriteString("}")
}

// scalars reports whether every set field of struct v is a string, number,
// bool or decimal.
func scalars(v reflect.Value) bool {
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		if f.IsZero() || f.Type() == decimalType {
			continue
		}
		switch f.Kind() {
		case reflect.Pointer, reflect.Struct, reflect.Slice, reflect.Map:
			return false
		}
	}
	return true
}

// TestSnapshotIsCurrent: issue 14: the compiled snapshot of the catalog,
// suppliers and shops is what parsing the embedded data gives, and the
// program uses it. After editing the data, run
// go test ./designs -run TestSnapshot -update.
func TestSnapshotIsCurrent(t *testing.T) {
	sum, err := dataSum()
	require.NoError(t, err)
	cat, sups, shops := parsedData(t)
	want := renderSnapshot(t, sum, cat, sups, shops)
	require.Len(t, want, len(snapshotFiles))
	if *update {
		for _, name := range snapshotFiles {
			require.NoError(t, os.WriteFile(name, want[name], 0o644))
		}
		return
	}
	for _, name := range snapshotFiles {
		got, err := os.ReadFile(name)
		require.NoError(t, err)
		require.Equal(t, string(want[name]), string(got), "%s is stale: run go test ./designs -run TestSnapshot -update", name)
	}
	assert.True(t, snapshotCurrent(), "the program uses the snapshot")

	// The compiled values are the parsed ones, field by field.
	compiled := renderSnapshot(t, sum, snapshotCatalog(), snapshotSuppliers(), snapshotShops())
	assert.Equal(t, want, compiled)
	def, err := DefaultCatalog()
	require.NoError(t, err)
	ds, err := DefaultSuppliers(def)
	require.NoError(t, err)
	dsh, err := DefaultShops()
	require.NoError(t, err)
	assert.Equal(t, want, renderSnapshot(t, sum, def, ds, dsh))
}

// TestSnapshotFilesWithinLimits: issue 15: each generated snapshot file
// keeps the project's limits, no file over 800 lines and no function over
// 100.
func TestSnapshotFilesWithinLimits(t *testing.T) {
	sum, err := dataSum()
	require.NoError(t, err)
	cat, sups, shops := parsedData(t)
	for name, src := range renderSnapshot(t, sum, cat, sups, shops) {
		assert.LessOrEqual(t, bytes.Count(src, []byte("\n")), 800, "%s: lines", name)
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, name, src, 0)
		require.NoError(t, err)
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok {
				lines := fset.Position(fn.End()).Line - fset.Position(fn.Pos()).Line + 1
				assert.LessOrEqual(t, lines, 100, "%s: func %s: lines", name, fn.Name.Name)
			}
		}
	}
}

// Each call builds fresh values: a caller changing its copy changes no other.
func TestSnapshotValuesAreFresh(t *testing.T) {
	a, b := snapshotSuppliers(), snapshotSuppliers()
	require.NotEmpty(t, a)
	a[0].Name = "changed"
	assert.NotEqual(t, "changed", b[0].Name)
}

// BenchmarkSnapshotCatalog is what a command's start now pays for the
// catalog, suppliers and shops: the data's checksum and the compiled values
// (compare BenchmarkLoadCatalog, parsing the catalog alone).
func BenchmarkSnapshotCatalog(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if sum, err := dataSum(); err != nil || sum != snapshotSum {
			b.Fatal("snapshot is stale", err)
		}
		if snapshotCatalog() == nil || snapshotSuppliers() == nil || snapshotShops() == nil {
			b.Fatal("empty snapshot")
		}
	}
}
