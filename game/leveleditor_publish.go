package game

import (
	"context"
	"time"

	"github.com/opensourceecology/prodos/game/commonsclient"
)

// levelPublish is a level's publish under way: its answer arrives on done.
type levelPublish struct {
	done chan levelAnswer
}

type levelAnswer struct {
	out commonsclient.PublishedLevel
	err error
}

// publish builds the level and publishes it to the commons (the
// facilitator token's client); the answer, the hash or the refusal, is
// the editor's message when it arrives (Update polls it).
func (s *LevelEditorScene) publish(g *Game) {
	if s.pub != nil {
		return
	}
	c, why := g.commonsClient()
	if c == nil {
		s.msg, s.bad = why, true
		return
	}
	_, data, err := s.Model.Build(s.Model.ID + ".toml")
	if err != nil {
		s.msg, s.bad = "The level has a problem: "+firstLine(err), true
		return
	}
	file := s.Model.ID + ".toml"
	p := &levelPublish{done: make(chan levelAnswer, 1)}
	s.pub, s.msg, s.bad = p, "Publishing...", false
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		out, err := c.PublishLevel(ctx, file, data)
		p.done <- levelAnswer{out, err}
	}()
}

// pollPublish takes the publish's answer when it has arrived; wait blocks
// for it (tests and screenshots only).
func (s *LevelEditorScene) pollPublish(wait bool) {
	if s.pub == nil {
		return
	}
	var a levelAnswer
	if wait {
		a = <-s.pub.done
	} else {
		select {
		case a = <-s.pub.done:
		default:
			return
		}
	}
	s.pub = nil
	s.Published = a.out.Level.Hash
	switch {
	case a.err != nil:
		s.Published = ""
		s.msg, s.bad = "Not published: "+firstLine(a.err), true
	case a.out.Created:
		s.msg, s.bad = "Published to the commons as level "+a.out.Level.Hash, false
	default:
		s.msg, s.bad = "Already in the commons as level "+a.out.Level.Hash, false
	}
}

// WaitPublish blocks until a publish under way has its answer.
func (s *LevelEditorScene) WaitPublish() { s.pollPublish(true) }

// Animating keeps frames coming while a publish is under way.
func (s *LevelEditorScene) Animating() bool { return s.pub != nil }
