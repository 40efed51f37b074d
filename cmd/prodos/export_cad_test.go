package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cadValidatorDir holds the npm reference validators (package.json,
// package-lock.json); `make test` runs `npm ci` there (.ci/deps test).
var cadValidatorDir = filepath.Join("..", "..", ".ci", "npm")

// cadValidators returns node's path once the validators are installed. Out
// of CI a machine without them skips with what to run; in CI (CI=true) it
// fails, since make test installs them.
func cadValidators(t *testing.T) string {
	t.Helper()
	node, err := exec.LookPath("node")
	missing := ""
	switch {
	case err != nil:
		missing = "node is not installed (Debian package nodejs)"
	default:
		for _, p := range []string{"gltf-validator", "web-ifc"} {
			if _, err := os.Stat(filepath.Join(cadValidatorDir, "node_modules", p, "package.json")); err != nil {
				missing = "npm package " + p + " is not installed in .ci/npm"
			}
		}
	}
	if missing == "" {
		return node
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s: in CI the validator tests must run (make deps-test installs them)", missing)
	}
	t.Skipf("%s: run make deps-test (or npm ci in .ci/npm) to run the reference validators", missing)
	return ""
}

// cadExamples are every example design, the compact ones included.
func cadExamples(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, g := range []string{"*.toml", "compact/*.toml"} {
		m, err := filepath.Glob(filepath.Join("..", "..", "designs", "examples", g))
		require.NoError(t, err)
		out = append(out, m...)
	}
	require.NotEmpty(t, out)
	return out
}

// cadWant counts what the design has, from the catalog: walls (edge
// modules), slabs (foundation, floor and loft modules), roof panels, doors
// and windows (wall modules with such an opening).
func cadWant(t *testing.T, path string) map[string]int {
	t.Helper()
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	d, err := designs.LoadDesign(path, cat)
	require.NoError(t, err)
	want := map[string]int{"walls": 0, "slabs": 0, "roofs": 0, "doors": 0, "windows": 0}
	for _, p := range d.Placements {
		m := cat.Modules[p.Module]
		switch {
		case m.Placement == designs.OnEdge:
			want["walls"]++
			switch m.Opening {
			case "door":
				want["doors"]++
			case "window":
				want["windows"]++
			}
		case m.Layer == "foundation" || m.Layer == "floor" || m.Layer == "loft":
			want["slabs"]++
		case m.Layer == "roof":
			want["roofs"]++
		}
	}
	want["placements"] = len(d.Placements)
	return want
}

// The real `prodos export` writes house.glb and house.ifc for every example;
// Khronos's glTF-Validator finds no error and no warning in each house.glb,
// and web-ifc opens each house.ifc and finds as many walls, slabs, roofs,
// doors and windows as the design has, each with its ProdOS_Module
// property set and a mesh.
func TestExportHouseModelsPassReferenceValidators(t *testing.T) {
	node := cadValidators(t)
	var glbs, ifcs []string
	wants := map[string]map[string]int{}
	for _, ex := range cadExamples(t) {
		dir := filepath.Join(t.TempDir(), strings.TrimSuffix(filepath.Base(ex), ".toml"))
		code, _, errs := prodRun("export", ex, "--out", dir, "--today", "2026-11-21", "--draft")
		require.Equal(t, exitOK, code, errs)
		glbs = append(glbs, filepath.Join(dir, "house.glb"))
		ifcs = append(ifcs, filepath.Join(dir, "house.ifc"))
		wants[filepath.Join(dir, "house.ifc")] = cadWant(t, ex)
	}
	out, err := exec.Command(node, append([]string{filepath.Join(cadValidatorDir, "validate-gltf.mjs")}, glbs...)...).CombinedOutput()
	assert.NoError(t, err, "glTF-Validator:\n%s", out)
	assert.Equal(t, len(glbs), strings.Count(string(out), "errors 0 warnings 0"), "glTF-Validator:\n%s", out)

	out, err = exec.Command(node, append([]string{filepath.Join(cadValidatorDir, "count-ifc.mjs")}, ifcs...)...).Output()
	require.NoError(t, err, "web-ifc:\n%s", out)
	seen := 0
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		var got map[string]any
		require.NoError(t, json.Unmarshal(sc.Bytes(), &got), sc.Text())
		want := wants[got["file"].(string)]
		require.NotNil(t, want, sc.Text())
		seen++
		assert.Equal(t, "IFC4", got["schema"], sc.Text())
		for _, k := range []string{"walls", "slabs", "roofs", "doors", "windows"} {
			assert.Equal(t, float64(want[k]), got[k], "%s in %s", k, got["file"])
		}
		openings := float64(want["doors"] + want["windows"])
		for _, k := range []string{"openings", "voids", "fills"} {
			assert.Equal(t, openings, got[k], "%s in %s", k, got["file"])
		}
		elements := float64(want["placements"]) + openings
		assert.Equal(t, elements, got["psets"], "ProdOS_Module property sets in %s", got["file"])
		assert.Equal(t, elements, got["meshes"], "products web-ifc made a mesh for in %s", got["file"])
	}
	assert.Equal(t, len(ifcs), seen, "web-ifc:\n%s", out)
}
