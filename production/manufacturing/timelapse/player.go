package timelapse

import "fmt"

// PlaySeconds is how long, in real seconds, a Player takes to play the whole
// build at speed 1.
const PlaySeconds = 20

// Speeds are the speeds a Player steps through.
var Speeds = []float64{0.25, 0.5, 1, 2, 4}

// Player is the transport of a timelapse viewer ("Watch it go up" in the
// game): play, pause, speed and scrubbing over a Model's working time. It
// holds no drawing; the viewer draws Model.At(p.T) every frame.
type Player struct {
	Model   *Model
	T       int64 // working time shown, 0 to the makespan
	Playing bool
	speed   int // index into Speeds
}

// NewPlayer starts a paused player at the start of the build, at speed 1.
func NewPlayer(m *Model) *Player {
	return &Player{Model: m, speed: 2}
}

// Speed is the current speed factor.
func (p *Player) Speed() float64 { return Speeds[p.speed] }

// Faster and Slower step the speed up or down (they stop at the ends).
func (p *Player) Faster() { p.speed = min(p.speed+1, len(Speeds)-1) }

// Slower steps the speed down.
func (p *Player) Slower() { p.speed = max(p.speed-1, 0) }

// Toggle plays or pauses; playing at the end starts again from the start.
func (p *Player) Toggle() {
	if !p.Playing && p.T >= p.Model.Schedule.Makespan {
		p.T = 0
	}
	p.Playing = !p.Playing
}

// Tick advances a playing player by dt real seconds; at the end of the build
// it stops there.
func (p *Player) Tick(dt float64) {
	if !p.Playing || dt <= 0 {
		return
	}
	span := p.Model.Schedule.Makespan
	p.T += int64(dt * Speeds[p.speed] * float64(span) / PlaySeconds)
	if p.T >= span {
		p.T, p.Playing = span, false
	}
}

// Scrub jumps to fraction f (0 to 1, clamped) of the build.
func (p *Player) Scrub(f float64) {
	f = min(max(f, 0), 1)
	p.T = int64(f * float64(p.Model.Schedule.Makespan))
}

// Fraction is how far through the build the player is, 0 to 1.
func (p *Player) Fraction() float64 {
	if p.Model.Schedule.Makespan == 0 {
		return 1
	}
	return float64(p.T) / float64(p.Model.Schedule.Makespan)
}

// Label is the transport line a viewer shows: state, clock and speed.
func (p *Player) Label() string {
	state := "paused"
	if p.Playing {
		state = "playing"
	}
	return fmt.Sprintf("%s  %s  x%g", state, p.Model.ClockAt(p.T), Speeds[p.speed])
}
