package game

import (
	"fmt"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/manufacturing/schedule"
	"github.com/opensourceecology/prodos/production/manufacturing/timelapse"
)

// TimelapseScene is "Watch it go up": the default crew's build schedule of
// a design played back on the plan (production/manufacturing/timelapse):
// modules appear in task order, crew members move between tasks, a clock
// shows the working day and hour, with play and pause (Enter), speed and a
// scrub bar. Esc goes back to the scene it came from.
type TimelapseScene struct {
	back   Scene
	player *timelapse.Player
	err    string
	in     Frame
}

// timelapseCrew is the crew size the game plays the build with.
const timelapseCrew = 4

// NewTimelapseScene schedules design d on the default crew and opens the
// player, paused at the start; a design the crew cannot build opens with
// the schedule's error instead.
func NewTimelapseScene(g *Game, d *designs.Design, back Scene) *TimelapseScene {
	s := &TimelapseScene{back: back}
	m, err := timelapseModel(g.Cat, d)
	if err != nil {
		s.err = err.Error()
		return s
	}
	s.player = timelapse.NewPlayer(m)
	s.player.Toggle()
	return s
}

func timelapseModel(cat *designs.Catalog, d *designs.Design) (*timelapse.Model, error) {
	crews, err := designs.DefaultCrews(cat)
	if err != nil {
		return nil, err
	}
	crew, err := designs.CrewOfSize(crews, timelapseCrew)
	if err != nil {
		return nil, err
	}
	s, err := schedule.PlanDesign(d, cat, crew)
	if err != nil {
		return nil, err
	}
	hours := 8
	if shops, err := designs.DefaultShops(); err == nil && shops[designs.DefaultShopID] != nil && shops[designs.DefaultShopID].HoursPerDay > 0 {
		hours = shops[designs.DefaultShopID].HoursPerDay
	}
	return timelapse.New(d, cat, s, hours)
}

// scrubBar is the scrub bar's rectangle.
func (s *TimelapseScene) scrubBar(g *Game) button {
	w, h := g.Size()
	return button{80, h - 130, w - 160, 24, "", s.player != nil}
}

func (s *TimelapseScene) buttons(g *Game) []action {
	w, h := g.Size()
	y := h - 90
	label := "Play"
	if s.player != nil && s.player.Playing {
		label = "Pause"
	}
	on := s.player != nil
	return []action{
		{button{w/2 - 340, y, 160, 50, "Back", true}, IntentBack, func() { g.Goto(s.back) }},
		{button{w/2 - 160, y, 160, 50, label, on}, IntentConfirm, func() { s.player.Toggle() }},
		{button{w/2 + 20, y, 150, 50, "Slower", on}, IntentZoomOut, func() { s.player.Slower() }},
		{button{w/2 + 190, y, 150, 50, "Faster", on}, IntentZoomIn, func() { s.player.Faster() }},
	}
}

// Update implements Scene.
func (s *TimelapseScene) Update(g *Game, in Frame) error {
	s.in = in
	if runAction(in, s.buttons(g)) {
		return nil
	}
	if s.player == nil {
		return nil
	}
	if bar := s.scrubBar(g); in.Held.Left && bar.hover(in) {
		s.player.Scrub((in.X - bar.x) / bar.w)
		return nil
	}
	s.player.Tick(1.0 / 60)
	return nil
}

// Draw implements Scene.
func (s *TimelapseScene) Draw(g *Game, r *Renderer) {
	w, h := g.Size()
	r.Rect(0, 0, w, h, colPanel)
	r.Bold("Watch it go up", w/2, 20, 30, colLight, text.AlignCenter)
	if s.player == nil {
		r.Text("The crew cannot build this design yet: "+s.err, w/2, h/2, 17, colAccent, text.AlignCenter)
	} else {
		s.drawBuild(g, r, w, h)
	}
	for i, b := range s.buttons(g) {
		b.draw(r, b.hover(s.in), i == 1)
	}
}

func (s *TimelapseScene) drawBuild(g *Game, r *Renderer, w, h float64) {
	p := s.player
	m := p.Model
	st := m.At(p.T)
	phase := ""
	if ph := m.Phase(st); ph != "" {
		phase = ph + "   ·   "
	}
	r.Text(fmt.Sprintf("%s   ·   %d of %d modules up   ·   %sspeed x%g", st.Clock, st.Standing, len(m.Pieces), phase, p.Speed()),
		w/2, 62, 18, colMuted, text.AlignCenter)
	// the standing and growing modules, drawn as the plan draws them
	shown := *m.Design
	shown.Placements = make([]designs.Placement, 0, len(st.Pieces))
	for _, pc := range st.Pieces {
		shown.Placements = append(shown.Placements, m.Design.Placements[pc.Placement])
	}
	gw := float64(m.Design.Grid.Width) + 1 + math.Ceil(float64(len(st.Crew))/math.Max(float64(m.Design.Grid.Height), 1))
	gh := math.Max(float64(m.Design.Grid.Height), 1)
	bx, by, bw, bh := 60.0, 100.0, w-120, h-260
	zoom := math.Min(bw/gw, bh/gh)
	ox, oy := bx+(bw-gw*zoom)/2, by+(bh-gh*zoom)/2
	planW := float64(m.Design.Grid.Width) * zoom
	drawMiniPlan(r, g.Cat, &shown, ox, oy, planW, gh*zoom)
	r.Rect(ox+planW+zoom, oy, gw*zoom-planW-zoom, gh*zoom, color.RGBA{0x3a, 0x44, 0x50, 0xff})
	r.Text("build stations", ox+planW+zoom+6, oy+4, 14, colMuted, text.AlignStart)
	crewCols := []color.RGBA{{0xce, 0x93, 0xd8, 0xff}, {0x4d, 0xd0, 0xe1, 0xff}, {0xff, 0xb7, 0x4d, 0xff}, {0x9f, 0xa8, 0xda, 0xff}}
	for _, c := range st.Crew {
		x, y := ox+c.At.X*zoom, oy+c.At.Y*zoom
		col := crewCols[c.Member%len(crewCols)]
		label := timelapse.Initials(c.ID)
		r.Rect(x-9, y-9, 18, 18, colPanel)
		r.Rect(x-7, y-7, 14, 14, col)
		r.Rect(x+8, y-10, float64(len(label))*9+6, 20, colPanel)
		r.Bold(label, x+11, y-9, 14, col, text.AlignStart)
	}
	bar := s.scrubBar(g)
	r.Rect(bar.x, bar.y+8, bar.w, 8, colPanel2)
	r.Rect(bar.x, bar.y+8, bar.w*p.Fraction(), 8, colAccent)
	r.Rect(bar.x+bar.w*p.Fraction()-4, bar.y, 8, bar.h, colLight)
}
