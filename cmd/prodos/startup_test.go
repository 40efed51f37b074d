package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// maxInitBytes bounds what one prodos package may allocate while it is
// initialised. Every command, `ledger post` in a shell loop too, pays for
// every package's init before main runs (issue 14); work such as parsing
// embedded TOML belongs in a sync.OnceValue that only the commands needing
// it call.
const maxInitBytes = 4096

// TestPackageInitsStayCheap runs this test binary again with
// GODEBUG=inittrace=1, which makes the runtime print each package's init
// with the bytes it allocated, and checks the prodos packages against
// maxInitBytes. Allocations are counted, not timed, so the test is not
// flaky on a loaded machine.
func TestPackageInitsStayCheap(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Run(), stderr.String())
	seen := 0
	sc := bufio.NewScanner(&stderr)
	for sc.Scan() {
		// init PKG @T ms, C ms clock, B bytes, A allocs
		f := strings.Fields(sc.Text())
		if len(f) < 10 || f[0] != "init" || !strings.HasPrefix(f[1], "github.com/opensourceecology/prodos/") {
			continue
		}
		if f[1] == "github.com/opensourceecology/prodos/cmd/prodos" {
			continue // with its test files' variables; TestInitsOnlyRegisterCommands checks its inits
		}
		seen++
		bytes, err := strconv.Atoi(f[7])
		require.NoError(t, err, sc.Text())
		assert.LessOrEqual(t, bytes, maxInitBytes, "%s allocates %d bytes at init, more than %d: make the work lazy (sync.OnceValue)", f[1], bytes, maxInitBytes)
	}
	assert.Greater(t, seen, 5, "inittrace printed the prodos packages' inits:\n%s", stderr.String())
}
