package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The usage and input errors are found before the window opens.
func TestRunUsageErrors(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.toml")
	assert.NoError(t, os.WriteFile(bad, []byte("format = 1\nname = \"x\"\n[grid]\nwidth = \"wide\"\n"), 0o644))
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"unknown level", []string{"--screenshot", "x.png", "--level", "no-such-level"}, `no level "no-such-level"`},
		{"screenshot without level", []string{"--screenshot", "x.png"}, "--screenshot needs --level"},
		{"bench without design", []string{"--bench-frames", "10"}, "--bench-frames needs --design"},
		{"zero frames", []string{"--screenshot", "x.png", "--level", "shed", "--frames", "0"}, "--frames must be at least 1"},
		{"bad design", []string{"--screenshot", "x.png", "--level", "shed", "--design", bad}, bad + ":"},
		{"missing design", []string{"--level", "shed", "--design", "/no/such/file.toml"}, "no such file"},
		{"stray argument", []string{"play"}, `unexpected argument "play"`},
		{"unknown flag", []string{"--fast"}, "flag provided but not defined"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(tc.args, &out, &errb)
			assert.Equal(t, 2, code, "stderr: %s", errb.String())
			assert.Contains(t, errb.String(), tc.want)
		})
	}
}
