package main

import (
	"bytes"
	"image/gif"
	"os"
	"path/filepath"
	"testing"

	"github.com/opensourceecology/prodos/production/manufacturing/export"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// `prodos timelapse` on the cabin writes an animated GIF with one frame per
// --frames, the same bytes on every run.
func TestTimelapseWritesGIF(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "build.gif")
	cabin := repoPath("designs/examples/cabin-12x16.toml")
	code, stdout, stderr := prodos(t, "timelapse", cabin, "--crew", "4", "--out", out, "--frames", "12", "--size", "320x240")
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "written to "+out)
	assert.Contains(t, stdout, "12 frames")
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	g, err := gif.DecodeAll(bytes.NewReader(data))
	require.NoError(t, err)
	assert.Len(t, g.Image, 12)
	assert.Equal(t, 320, g.Config.Width)
	assert.Equal(t, 240, g.Config.Height)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary file left")

	again := filepath.Join(dir, "again.gif")
	code, _, stderr = prodos(t, "timelapse", cabin, "--out", again, "--frames", "12", "--size", "320x240")
	require.Equal(t, exitOK, code, stderr)
	data2, err := os.ReadFile(again)
	require.NoError(t, err)
	assert.Equal(t, data, data2, "two runs differ")
}

func TestTimelapseErrors(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "build.gif")
	cabin := repoPath("designs/examples/cabin-12x16.toml")
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"missing design", []string{"timelapse", filepath.Join(dir, "nope.toml"), "--out", out}, exitUsage, "nope.toml"},
		{"no --out", []string{"timelapse", cabin}, exitUsage, "--out"},
		{"bad --size", []string{"timelapse", cabin, "--out", out, "--size", "big"}, exitUsage, "--size"},
		{"tiny --size", []string{"timelapse", cabin, "--out", out, "--size", "10x10"}, exitUsage, "--size"},
		{"one frame", []string{"timelapse", cabin, "--out", out, "--frames", "1"}, exitUsage, "--frames"},
		{"--out a folder", []string{"timelapse", cabin, "--out", dir}, exitUsage, "folder"},
		{"hard rules", []string{"timelapse", roofSpan, "--out", out}, exitProblems, "--draft"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := prodos(t, tt.args...)
			assert.Equal(t, tt.code, code, "%s%s", stdout, stderr)
			assert.Contains(t, stdout+stderr, tt.want)
			_, err := os.Stat(out)
			assert.True(t, os.IsNotExist(err), "nothing written")
		})
	}
	code, stdout, stderr := prodos(t, "timelapse", roofSpan, "--out", out, "--frames", "4", "--draft")
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, export.DraftMark)
	g, err := os.ReadFile(out)
	require.NoError(t, err)
	_, err = gif.DecodeAll(bytes.NewReader(g))
	assert.NoError(t, err, "a draft is still a GIF")
}

// docs/timelapse.gif is what the documented command writes today, and small.
func TestTimelapseDocsGIFCurrent(t *testing.T) {
	out := filepath.Join(t.TempDir(), "timelapse.gif")
	code, _, stderr := prodos(t, "timelapse", repoPath("designs/examples/cabin-12x16.toml"), "--crew", "4", "--out", out)
	require.Equal(t, exitOK, code, stderr)
	want, err := os.ReadFile(out)
	require.NoError(t, err)
	got, err := os.ReadFile(repoPath("docs/timelapse.gif"))
	require.NoError(t, err)
	assert.Less(t, len(got), 1<<20, "docs/timelapse.gif over 1 MB")
	assert.True(t, bytes.Equal(want, got), "docs/timelapse.gif is stale: prodos timelapse designs/examples/cabin-12x16.toml --crew 4 --out docs/timelapse.gif")
}
