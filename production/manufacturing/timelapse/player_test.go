package timelapse

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPlayer(t *testing.T) {
	m := cabinModel(t, 4)
	span := m.Schedule.Makespan
	p := NewPlayer(m)
	assert.False(t, p.Playing)
	assert.Equal(t, 1.0, p.Speed())
	p.Tick(1)
	assert.Zero(t, p.T, "a paused player does not move")

	p.Toggle()
	p.Tick(PlaySeconds / 2.0)
	assert.InDelta(t, 0.5, p.Fraction(), 0.001, "half the play time at speed 1 is half the build")
	p.Faster()
	assert.Equal(t, 2.0, p.Speed())
	p.Tick(PlaySeconds / 8.0)
	assert.InDelta(t, 0.75, p.Fraction(), 0.001)
	p.Tick(PlaySeconds)
	assert.Equal(t, span, p.T, "stops at the end")
	assert.False(t, p.Playing)
	assert.Equal(t, len(m.Design.Placements), m.At(p.T).Standing)

	p.Toggle()
	assert.Zero(t, p.T, "play at the end starts again")
	assert.True(t, p.Playing)
	p.Toggle()
	assert.Contains(t, p.Label(), "paused")

	p.Scrub(0.25)
	assert.Equal(t, span/4, p.T)
	p.Scrub(-1)
	assert.Zero(t, p.T)
	p.Scrub(7)
	assert.Equal(t, span, p.T)

	for range 10 {
		p.Slower()
	}
	assert.Equal(t, Speeds[0], p.Speed())
	for range 10 {
		p.Faster()
	}
	assert.Equal(t, Speeds[len(Speeds)-1], p.Speed())
	assert.Contains(t, p.Label(), "x4")
}
