package engine

import (
	"context"
	"fmt"
)

// MaxReplayCommands bounds the commands a verifier re-simulates: a real
// session, even a large sandbox built with many undos, stays well below it,
// while a hostile log of 60,000 undo/redo pairs is refused before it costs
// seconds of CPU.
const MaxReplayCommands = 20_000

// ReplayContext is Replay for untrusted logs: it refuses more than
// MaxReplayCommands commands and stops as soon as ctx is done (checked
// every 64 commands).
func (e *Engine) ReplayContext(ctx context.Context, cmds []Command) error {
	if len(cmds) > MaxReplayCommands {
		return fmt.Errorf("the replay has %d commands, more than the %d a replay may have", len(cmds), MaxReplayCommands)
	}
	for i, c := range cmds {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("stopped at command %d of %d: %w", i+1, len(cmds), err)
			}
		}
		if _, err := e.Apply(c); err != nil {
			return fmt.Errorf("command %d (tick %d): %w", i+1, c.Tick, err)
		}
	}
	return nil
}
