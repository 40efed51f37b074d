package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// startServe runs `prodos serve` in-process on a free loopback port and
// returns its address and a function that stops it and returns its output.
func startServe(t *testing.T, args ...string) (string, func() (int, string)) {
	t.Helper()
	ready := make(chan string, 1)
	ctx, cancel := context.WithCancel(context.Background())
	serveReady = func(a string) { ready <- a }
	serveContext = func() (context.Context, context.CancelFunc) { return ctx, cancel }
	t.Cleanup(func() { serveReady = nil })
	type result struct {
		code int
		out  string
	}
	done := make(chan result, 1)
	go func() {
		var out, errb strings.Builder
		code := run(&env{stdout: &out, stderr: &errb, stdin: strings.NewReader("")}, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...))
		done <- result{code, out.String() + errb.String()}
	}()
	select {
	case addr := <-ready:
		return addr, func() (int, string) { cancel(); r := <-done; return r.code, r.out }
	case r := <-done:
		t.Fatalf("serve exited early with %d: %s", r.code, r.out)
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not start")
	}
	return "", nil
}

func TestServeStartsAndStops(t *testing.T) {
	db := filepath.Join(t.TempDir(), "class.db")
	addr, stop := startServe(t, "--db", db, "--token", "facilitator-token-1")
	assert.True(t, strings.HasPrefix(addr, "127.0.0.1:"))
	resp, err := http.Get("http://" + addr + "/dashboard")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
	resp, err = http.Get("http://" + addr + "/dashboard?token=facilitator-token-1")
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, string(body), "Your classes")
	code, out := stop()
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, "/dashboard?token=facilitator-token-1")
	_, err = os.Stat(db)
	assert.NoError(t, err)
}

func TestServeRefusesBadInput(t *testing.T) {
	dir := t.TempDir()
	notDB := filepath.Join(dir, "notes.txt")
	require.NoError(t, os.WriteFile(notDB, []byte("plain text, not a database"), 0o644))
	code, _, stderr := prodos(t, "serve", "--db", notDB, "--addr", "127.0.0.1:0")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, notDB+" is not a SQLite database")
	code, _, stderr = prodos(t, "serve", "--token", "short")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "--token must be at least 12 characters")
	code, _, stderr = prodos(t, "serve", "--addr", "not-an-address", "--db", filepath.Join(dir, "x.db"))
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "not-an-address")
}
