package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The usage and input errors are found before the window opens.
func TestRunUsageErrors(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	ghDesign := filepath.Join("..", "..", "designs", "examples", "packs", "greenhouse-16x8.toml")
	tampered := t.TempDir()
	pack, err := os.ReadFile(filepath.Join("..", "..", "designs", "examples", "packs", "greenhouse.toml"))
	assert.NoError(t, err)
	sum := sha256.Sum256(pack)
	assert.NoError(t, os.WriteFile(filepath.Join(tampered, hex.EncodeToString(sum[:])+".toml"), append(pack, '#'), 0o644))
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
		{"design without its pack", []string{"--screenshot", "x.png", "--level", "sandbox", "--packs", t.TempDir(), "--design", ghDesign}, ghDesign + ":6:9: module pack "},
		{"tampered pack", []string{"--screenshot", "x.png", "--level", "sandbox", "--packs", tampered, "--design", ghDesign}, "the pack was changed or damaged"},
		{"unknown flag", []string{"--fast"}, "flag provided but not defined"},
		{"commons not a URL", []string{"--commons", "ftp://example.org", "--scene", "commons"}, "give the http(s) address of a prodos serve"},
		{"commons unreachable", []string{"--commons", "http://127.0.0.1:1", "--scene", "commons", "--screenshot", "x.png"}, "commons: commons http://127.0.0.1:1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(tc.args, &out, &errb)
			assert.Equal(t, 2, code, "stderr: %s", errb.String())
			assert.Contains(t, errb.String(), tc.want)
		})
	}
}

// Locks hold on the command line: a learner (or a guest) cannot open a
// challenge or a design level they have not unlocked with --level; a
// facilitator's --unlock-all opens them (issue 11.10). The refusals come
// before the window opens.
func TestLevelFlagHonoursLocks(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("PRODOS_GAME_DIR", filepath.Join(dir, "game"))
	t.Setenv("PRODOS_PROFILES_DB", filepath.Join(dir, "profiles.db"))
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"locked challenge, guest", []string{"--level", "c09-crew-cabin"}, "choose a learner first"},
		{"locked challenge, new learner", []string{"--level", "c09-crew-cabin", "--profile", "ana"}, "pass challenge 8"},
		{"locked design level", []string{"--level", "cabin"}, `earn a star in "`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(tc.args, &out, &errb)
			assert.Equal(t, 2, code, "stderr: %s", errb.String())
			assert.Contains(t, errb.String(), "is locked")
			assert.Contains(t, errb.String(), tc.want)
			assert.Contains(t, errb.String(), "--unlock-all")
		})
	}
	// a facilitator's screenshot of the same challenge opens it
	shot := filepath.Join(dir, "c09.png")
	var out, errb bytes.Buffer
	code := run([]string{"--unlock-all", "--level", "c09-crew-cabin", "--screenshot", shot, "--profile", "ana"}, &out, &errb)
	assert.Equal(t, 0, code, "stderr: %s", errb.String())
	assert.FileExists(t, shot)
}
