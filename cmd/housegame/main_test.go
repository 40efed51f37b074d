package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
		{"unknown view", []string{"--screenshot", "x.png", "--level", "shed", "--view", "3d"}, `--view "3d": want plan or iso`},
		{"bad turn", []string{"--screenshot", "x.png", "--level", "shed", "--view", "iso", "--rotate", "4"}, "--rotate 4: want 0, 1, 2 or 3"},
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

// childArgsEnv, when set in a test process's environment, makes TestMain
// run the game once with these (JSON) arguments and exit with its code:
// the game runs once per process, so each screenshot test runs its own.
const childArgsEnv = "HOUSEGAME_TEST_CHILD_ARGS"

func TestMain(m *testing.M) {
	if js := os.Getenv(childArgsEnv); js != "" {
		var args []string
		if err := json.Unmarshal([]byte(js), &args); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		os.Exit(run(args, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// runChild runs the game with args in a fresh test process; it returns
// the exit code and what the child printed.
func runChild(t *testing.T, args ...string) (int, string) {
	t.Helper()
	js, err := json.Marshal(args)
	require.NoError(t, err)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childArgsEnv+"="+string(js))
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode(), string(out)
	}
	require.NoError(t, err)
	return 0, string(out)
}

// --view iso screenshots the isometric view (its sky-blue background,
// not the plan's paper) turned and cut away (issue 20), in a process of
// its own.
func TestScreenshotIsoView(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("PRODOS_GAME_DIR", filepath.Join(dir, "game"))
	t.Setenv("PRODOS_PROFILES_DB", filepath.Join(dir, "profiles.db"))
	path := filepath.Join(dir, "iso.png")
	design := filepath.Join("..", "..", "game", "testdata", "cabin-in-progress.toml")
	code, out := runChild(t, "--unlock-all", "--screenshot", path, "--level", "cabin", "--design", design, "--view", "iso", "--cutaway", "--rotate", "1")
	require.Equal(t, 0, code, "output: %s", out)
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err)
	r, g, b, _ := img.At(270, 110).RGBA()
	assert.Equal(t, [3]uint32{0xdc, 0xe8, 0xf0}, [3]uint32{r >> 8, g >> 8, b >> 8}, "the 3D view's background at the plan's top left")
}
