package main

import "github.com/opensourceecology/prodos/game"

// publishedLevel is a level the page downloaded from the commons for a
// class assignment, with the hash it was assigned under.
type publishedLevel struct {
	data []byte
	hash string
}

// levelInbox hands published levels from the page to the game: the page
// calls in on its own goroutine, and the game opens the level in its own
// update, where scenes change.
type levelInbox struct{ ch chan publishedLevel }

func newLevelInbox() *levelInbox { return &levelInbox{ch: make(chan publishedLevel, 1)} }

// offer queues a level to play; false when one is already waiting.
func (in *levelInbox) offer(data []byte, hash string) bool {
	select {
	case in.ch <- publishedLevel{data: append([]byte(nil), data...), hash: hash}:
		return true
	default:
		return false
	}
}

// install makes g open a queued level after each update (as
// game.PlayPublished: checked against its hash, then played and submitted
// under it), telling the player when the level is refused.
func (in *levelInbox) install(g *game.Game) {
	next := g.AfterUpdate
	g.AfterUpdate = func() error {
		select {
		case l := <-in.ch:
			if err := g.PlayPublished(l.data, l.hash); err != nil {
				g.Notify("The assignment could not open: "+err.Error(), true)
			}
		default:
		}
		if next != nil {
			return next()
		}
		return nil
	}
}
