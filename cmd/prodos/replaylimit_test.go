package main

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/engine"
	"github.com/opensourceecology/prodos/production/training/attempts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReplayWorkIsBounded: issue 13 item 2: a replay of more than
// engine.MaxReplayCommands commands is refused, and verification stops when
// its context ends.
func TestReplayWorkIsBounded(t *testing.T) {
	base := shedReplay(t)
	var b strings.Builder
	b.WriteString(base)
	tick := 100000
	for i := 0; i < engine.MaxReplayCommands/2+1; i++ {
		fmt.Fprintf(&b, "%d undo\n%d redo\n", tick, tick)
		tick++
	}
	_, err := attempts.VerifyDesignLevel(context.Background(), "shed", []byte(b.String()))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "more than the 20000 a replay may have")

	_, err = attempts.VerifyDesignLevel(context.Background(), "shed", []byte(base))
	require.NoError(t, err, "a real replay still verifies")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = attempts.VerifyDesignLevel(ctx, "shed", []byte(base))
	require.Error(t, err)
	assert.ErrorIs(t, err, context.Canceled)
	_, err = attempts.VerifyChallenge(ctx, "c01-groundwork", []byte(demoReplay(t, "c01-groundwork")))
	assert.ErrorIs(t, err, context.Canceled)
}
