package export

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func byName(files []File) map[string][]byte {
	out := map[string][]byte{}
	for _, f := range files {
		out[f.Name] = f.Data
	}
	return out
}

// The package is the whole build package: besides the purchase side it
// holds the machine jobs (jobs/) and the crew schedule (schedule/), composed
// here so the game and the CLI export the same files.
func TestPackageHoldsMachineJobsAndSchedule(t *testing.T) {
	cat, d := load(t, "cabin-12x16")
	files, err := Package(cat, d, Options{Today: today})
	require.NoError(t, err)
	names := byName(files)
	for _, want := range []string{"jobs/jobs.csv", "jobs/queues.json", "jobs/jobs-summary.txt", "jobs/cutlists/purchase.csv",
		"schedule/schedule.csv", "schedule/schedule.json", "schedule/gantt.svg", "schedule/schedule-summary.txt"} {
		assert.Contains(t, names, want)
	}
	gcode, dxf := 0, 0
	for n := range names {
		if strings.HasPrefix(n, "jobs/gcode/") {
			gcode++
		}
		if strings.HasPrefix(n, "jobs/nesting/") && strings.HasSuffix(n, ".dxf") {
			dxf++
		}
	}
	assert.Positive(t, gcode)
	assert.Positive(t, dxf)
}

// Purchase orders are dated: a package without an order date is refused
// rather than dated 0001-01-01.
func TestPackageNeedsOrderDate(t *testing.T) {
	cat, d := load(t, "cabin-12x16")
	_, err := Package(cat, d, Options{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "order date")
	files, err := Package(cat, d, Options{Today: today})
	require.NoError(t, err)
	po := string(byName(files)[PurchaseOrdersFile])
	assert.Contains(t, po, "2026-11-21")
	assert.NotContains(t, po, "0001-01-01")
}

// A draft package says DRAFT, NOT FOR CONSTRUCTION in every file, and each
// file stays readable in its own format.
func TestDraftMarksEveryFile(t *testing.T) {
	cat, d := load(t, "cabin-12x16")
	_, err := Package(cat, d, Options{Today: today, Violations: []string{"roof-span: R1 spans 20 ft"}})
	require.Error(t, err, "a design that breaks a hard rule is refused unless Draft is set")
	assert.Contains(t, err.Error(), "roof-span")
	files, err := Package(cat, d, Options{Today: today, Draft: true, Violations: []string{"roof-span: R1 spans 20 ft"}})
	require.NoError(t, err)
	for _, f := range files {
		assert.Contains(t, string(f.Data), DraftMark, f.Name)
		switch {
		case strings.HasSuffix(f.Name, ".json"):
			var v map[string]any
			require.NoError(t, json.Unmarshal(f.Data, &v), f.Name)
			assert.Equal(t, DraftMark, v["draft"], f.Name)
		case strings.HasSuffix(f.Name, ".csv"):
			r := csv.NewReader(bytes.NewReader(f.Data))
			r.Comment, r.FieldsPerRecord = '#', -1
			_, err := r.ReadAll()
			assert.NoError(t, err, f.Name)
		case f.Name == DesignFile:
			_, err := designs.ParseDesign(DesignFile, f.Data, cat)
			assert.NoError(t, err)
		}
	}
	assert.Contains(t, string(byName(files)[ReadmeFile]), "roof-span: R1 spans 20 ft")
	var m ManifestDoc
	require.NoError(t, json.Unmarshal(byName(files)[ManifestFile], &m))
	assert.Equal(t, DraftMark, m.Draft)
}

func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for n, s := range files {
		p := filepath.Join(dir, filepath.FromSlash(n))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(s), 0o644))
	}
}

func listTree(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	require.NoError(t, filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		r, _ := filepath.Rel(dir, p)
		out = append(out, filepath.ToSlash(r))
		return nil
	}))
	return out
}

// Exporting into a used folder never leaves a mix: an earlier export of the
// same design is replaced whole (no stale G-code), anything else is refused
// and left as it was.
func TestWriteDirNeverMixes(t *testing.T) {
	cat, big := load(t, "seed-home-32x40")
	_, small := load(t, "cabin-12x16")
	small.Name = big.Name // the same design, edited smaller
	bigPkg, err := Package(cat, big, Options{Today: today})
	require.NoError(t, err)
	smallPkg, err := Package(cat, small, Options{Today: today})
	require.NoError(t, err)

	root := t.TempDir()
	dir := filepath.Join(root, "pkg")
	require.NoError(t, WriteDir(dir, bigPkg))
	require.NoError(t, WriteDir(dir, smallPkg))
	var want []string
	for _, f := range smallPkg {
		want = append(want, f.Name)
	}
	assert.ElementsMatch(t, want, listTree(t, dir), "only the new package's files")
	entries, err := os.ReadDir(root)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary folder left behind")

	refused := []struct {
		name  string
		files map[string]string
	}{
		{"someone's folder", map[string]string{"notes.txt": "mine"}},
		{"another design's export", map[string]string{ManifestFile: `{"design":"Other house","author":"x","files":[]}`}},
		{"an export with files it does not list", map[string]string{ManifestFile: `{"design":"` + big.Name + `","author":"x","files":[]}`, "gcode/old.nc": "G0"}},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "pkg")
			writeTree(t, dir, tt.files)
			err := WriteDir(dir, smallPkg)
			require.Error(t, err)
			var te *TargetError
			assert.True(t, errors.As(err, &te), "%v", err)
			var have []string
			for n := range tt.files {
				have = append(have, n)
			}
			assert.ElementsMatch(t, have, listTree(t, dir), "left as it was")
		})
	}
	file := filepath.Join(t.TempDir(), "a-file")
	require.NoError(t, os.WriteFile(file, []byte("x"), 0o644))
	err = WriteDir(file, smallPkg)
	var te *TargetError
	assert.True(t, errors.As(err, &te), "%v", err)
}

// The browser cannot write a folder; it downloads the package as one zip
// holding the same files.
func TestZipHoldsThePackage(t *testing.T) {
	cat, d := load(t, "cabin-12x16")
	files, err := Package(cat, d, Options{Today: today})
	require.NoError(t, err)
	a, err := Zip(files)
	require.NoError(t, err)
	b, err := Zip(files)
	require.NoError(t, err)
	assert.Equal(t, a, b, "deterministic")
	zr, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	require.NoError(t, err)
	var back []File
	for _, zf := range zr.File {
		rc, err := zf.Open()
		require.NoError(t, err)
		data, err := io.ReadAll(rc)
		require.NoError(t, err)
		back = append(back, File{zf.Name, data})
	}
	assert.Equal(t, files, back)
}

// The SVG watermark sits in the middle of the drawing's own units (its
// viewBox when it has one), so it shows on every drawing.
func TestDraftSVGWatermarkInsideDrawing(t *testing.T) {
	tests := []struct{ svg, want string }{
		{`<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="560" viewBox="0 0 100 56"></svg>`, `x="50.00" y="28.00"`},
		{`<svg xmlns="http://www.w3.org/2000/svg" width="720" height="400"></svg>`, `x="360.00" y="200.00"`},
	}
	for _, tt := range tests {
		got, err := MarkDraft("a.svg", []byte(tt.svg))
		require.NoError(t, err)
		assert.Contains(t, string(got), tt.want)
		assert.True(t, strings.HasSuffix(string(got), "</svg>"))
	}
}

// The package holds a printable inspection sheet per module of the design,
// with the module's checkpoints and tolerances.
func TestPackageHoldsInspectionSheets(t *testing.T) {
	cat, d := load(t, "cabin-12x16")
	files, err := Package(cat, d, Options{Today: today})
	require.NoError(t, err)
	names := byName(files)
	mods := map[string]bool{}
	for _, p := range d.Placements {
		mods[p.Module] = true
	}
	sheets := 0
	for n := range names {
		if strings.HasPrefix(n, "inspection/") {
			sheets++
		}
	}
	assert.Equal(t, len(mods), sheets, "one sheet per module")
	sheet := string(names["inspection/wall-ext-4x8.html"])
	assert.Contains(t, sheet, "Inspection sheet: Exterior wall 4x8")
	assert.Contains(t, sheet, "<td>at most 1/8 in</td>")
	assert.Contains(t, sheet, "<td>24 in, within 1/8 in</td>")
	draft, err := Package(cat, d, Options{Today: today, Draft: true})
	require.NoError(t, err)
	assert.Contains(t, string(byName(draft)["inspection/wall-ext-4x8.html"]), "<body>\n<p style=")
}

// A package made with a site overlay says so on its cover sheet.
func TestReadmeNamesTheSiteOverlay(t *testing.T) {
	cat, d := load(t, "cabin-12x16")
	o, err := designs.ParseOverlay("/site/overlay.toml", []byte("source = \"as-built h1\"\n[[module]]\nid = \"wall-ext-4x8\"\nbuild_minutes = \"27\"\n"), cat)
	require.NoError(t, err)
	files, err := Package(cat.WithOverlay(o), d, Options{Today: today})
	require.NoError(t, err)
	assert.Contains(t, string(byName(files)[ReadmeFile]), "Site overlay in use: overlay.toml (as-built h1): 1 modules' labour or waste replaced by measured figures.")
	files, err = Package(cat, d, Options{Today: today})
	require.NoError(t, err)
	assert.NotContains(t, string(byName(files)[ReadmeFile]), "Site overlay")
}
