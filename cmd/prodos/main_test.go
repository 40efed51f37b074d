package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// prodos runs the CLI in-process and returns exit code, stdout and stderr.
func prodos(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(&env{stdout: &out, stderr: &errb, stdin: strings.NewReader("")}, args)
	return code, out.String(), errb.String()
}

func repoPath(p string) string { return filepath.Join("..", "..", p) }

func TestUsage(t *testing.T) {
	code, _, stderr := prodos(t)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "usage: prodos")
	code, _, stderr = prodos(t, "no-such-command")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, `unknown command "no-such-command"`)
}

func TestCatalogJSON(t *testing.T) {
	code, out, stderr := prodos(t, "catalog", "--format", "json")
	require.Equal(t, exitOK, code, stderr)
	var rows []struct {
		ID       string            `json:"id"`
		Category string            `json:"category"`
		Size     string            `json:"size"`
		Cost     map[string]string `json:"unit_cost"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &rows))
	assert.GreaterOrEqual(t, len(rows), 16)
	for _, r := range rows {
		assert.NotEmpty(t, r.Category, r.ID)
		for _, k := range []string{"materials", "labor", "machine", "total"} {
			assert.Regexp(t, `^\d+\.\d\d$`, r.Cost[k], "%s %s", r.ID, k)
		}
	}
	assert.Equal(t, "wall-ext-4x8", rows[3].ID)
	assert.Equal(t, "99.93", rows[3].Cost["total"])
}

func TestCatalogLabourRate(t *testing.T) {
	code, out, _ := prodos(t, "catalog", "--format", "json", "--labour-rate", "70")
	require.Equal(t, exitOK, code)
	assert.Contains(t, out, `"labor": "42.00"`, "wall 4x8 is 36 minutes of labour")
	code, _, stderr := prodos(t, "catalog", "--labour-rate", "-1")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "--labour-rate must be a positive number")
	code, _, stderr = prodos(t, "catalog", "--format", "xml")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "--format must be one of table, json")
}

func TestCatalogTable(t *testing.T) {
	code, out, _ := prodos(t, "catalog")
	require.Equal(t, exitOK, code)
	assert.Contains(t, out, "Exterior wall 4x8")
	assert.Contains(t, out, "labour at $35.00/h")
}

func TestValidateExamples(t *testing.T) {
	files, err := filepath.Glob(repoPath("designs/examples/*.toml"))
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 3)
	code, out, stderr := prodos(t, append([]string{"validate"}, files...)...)
	assert.Equal(t, exitOK, code, out+stderr)
}

func TestValidateMalformed(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.toml")
	require.NoError(t, os.WriteFile(bad, []byte("format = 1\nname = \"x\"\nauthor = \"\"\nlicense = \"CC0-1.0\"\n\n[grid]\nwidth = 3\nheight = 3\n\n[[placement]]\nmodule = \"wall-ext-4x7\"\nx = 0\ny = 0\nedge = \"n\"\n"), 0o644))
	code, out, _ := prodos(t, "validate", bad)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, out, bad+`:11:10: unknown module "wall-ext-4x7"`)

	code, out, _ = prodos(t, "validate", filepath.Join(dir, "missing.toml"))
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, out, "missing.toml")

	code, _, _ = prodos(t, "validate")
	assert.Equal(t, exitUsage, code)
}
