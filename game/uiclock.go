package game

import "time"

// sceneClock counts a scene's time since its first reading in 60ths of a
// second on the game's Clock: real time through Game.Now, or the frame
// count when Now is nil (tests). Animations counted with it last as long
// at 6 frames a second (the browser on a slow machine) as at 60.
type sceneClock struct {
	t0      time.Duration
	started bool
}

// frames is the time since the first call, in 60ths of a second; the first
// call counts as the first frame (1), as a counter bumped every Update did.
func (c *sceneClock) frames(g *Game) int {
	now := g.Clock()
	if !c.started {
		c.started, c.t0 = true, now-time.Second/60
	}
	return int(((now-c.t0)*60 + time.Second/2) / time.Second)
}
