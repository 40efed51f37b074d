package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// withLicence copies the cabin example with another licence line.
func withLicence(t *testing.T, licence string) string {
	t.Helper()
	data, err := os.ReadFile(repoPath("designs/examples/cabin-12x16.toml"))
	require.NoError(t, err)
	s := strings.Replace(string(data), `license = "CC-BY-SA-4.0"`, `license = "`+licence+`"`, 1)
	require.NotEqual(t, string(data), s)
	p := filepath.Join(t.TempDir(), "cabin.toml")
	require.NoError(t, os.WriteFile(p, []byte(s), 0o644))
	return p
}

// A licence outside the open allow-list is a problem for validate (exit 1,
// the list printed) and stops export like any hard rule.
func TestValidateRefusesClosedLicence(t *testing.T) {
	closed := withLicence(t, "All rights reserved")
	code, out, _ := prodos(t, "validate", closed)
	assert.Equal(t, exitProblems, code, out)
	assert.Contains(t, out, closed+`: license: licence refused: "All rights reserved" is not an open licence`)
	assert.Contains(t, out, "CC0-1.0, CC-BY-4.0, CC-BY-SA-4.0, CERN-OHL-P-2.0, CERN-OHL-W-2.0, CERN-OHL-S-2.0")

	code, _, stderr := prodos(t, "export", closed, "--out", filepath.Join(t.TempDir(), "pkg"))
	assert.Equal(t, exitProblems, code, stderr)
	assert.Contains(t, stderr, "license: licence refused")

	open := withLicence(t, "CERN-OHL-S-2.0")
	code, out, _ = prodos(t, "validate", open)
	assert.Equal(t, exitOK, code, out)
}
