package game

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/opensourceecology/prodos/engine/buildseq"
	"github.com/opensourceecology/prodos/engine/training"
)

var (
	colTodo     = color.RGBA{0xfb, 0xfa, 0xf6, 0xff}
	colTodoLine = color.RGBA{0x9a, 0x94, 0x88, 0xff}
	colWood     = color.RGBA{0xd9, 0xb3, 0x7a, 0xff}
	colRoofDone = color.RGBA{0xb0, 0x5c, 0x44, 0xff}
	colSolarOn  = color.RGBA{0x2a, 0x4c, 0x96, 0xff}
	colGlass    = color.RGBA{0xa8, 0xd8, 0xf0, 0xff}
	colWorking  = color.RGBA{0xff, 0xe0, 0xa0, 0xff}
	colNeed     = color.RGBA{0xf0, 0xa0, 0x30, 0xff}
)

// taskColour is the colour of a built task.
func taskColour(t buildseq.Task) color.RGBA {
	switch t.Kind {
	case buildseq.KindFoundation:
		return colFound
	case buildseq.KindFloor:
		return colFloor
	case buildseq.KindCorner, buildseq.KindWall, buildseq.KindOpening:
		return colWall
	case buildseq.KindRoof:
		if strings.Contains(t.ModuleID, "solar") {
			return colSolarOn
		}
		return colRoofDone
	case buildseq.KindLoft:
		return color.RGBA{0x80, 0xa0, 0x70, 0xff}
	case buildseq.KindCore:
		return colCore
	case buildseq.KindInterior, buildseq.KindInteriorDoor:
		return colIntWall
	case buildseq.KindFinish:
		return colSolarOn
	case buildseq.KindMember:
		if strings.HasPrefix(t.ID, "X") {
			return colGlass
		}
		return colWood
	}
	return colWall
}

func fade(c color.RGBA, a uint8) color.RGBA {
	// premultiplied by the renderer: keep the colour, lower the alpha
	return color.RGBA{c.R, c.G, c.B, a}
}

// Draw implements Scene.
func (s *ChallengeScene) Draw(g *Game, r *Renderer) {
	w, h := g.Size()
	lay := s.layout(g)
	s.drawParts(g, r, lay)
	r.Flush()
	s.drawLeft(g, r)
	s.drawTop(g, r)
	if s.level.CrewMode() {
		s.drawCrew(g, r)
	}
	r.Flush()
	if hv := lay.hit(s.in.X, s.in.Y); hv >= 0 && s.started && !s.ended {
		s.drawTip(g, r, hv)
	}
	switch {
	case !s.started:
		s.drawBriefing(g, r, w, h)
	case s.ended:
		s.drawResults(g, r, w, h)
	}
}

func (s *ChallengeScene) drawTop(g *Game, r *Renderer) {
	w, _ := g.Size()
	r.Rect(0, 0, w, chTopH, colPanel)
	r.Rect(0, chTopH-3, w, 3, colAccent)
	b := s.backButton()
	b.draw(r, b.hover(s.in), false)
	r.Bold(fmt.Sprintf("Challenge %d: %s", s.level.Number, s.level.Title), 180, 16, 22, colLight, text.AlignStart)
	// The clock: time left as m:ss, and a bar of the time limit.
	left := s.sess.Remaining()
	frac := float64(left) / float64(max(s.level.LimitTicks(), 1))
	c := colGood
	switch {
	case frac < 0.2:
		c = colBad
	case frac < 0.45:
		c = colAccent
	}
	bx, bw := w-420, 250.0
	r.Text("Time left", bx, 6, 13, colMuted, text.AlignStart)
	r.Rect(bx, 26, bw, 18, colPanel2)
	r.Rect(bx, 26, bw*frac, 18, c)
	r.Bold(clock(left), bx+bw+14, 12, 30, c, text.AlignStart)
	r.Text(fmt.Sprintf("Mistakes %d", s.sess.Mistakes()), w-16, 6, 13, colMuted, text.AlignEnd)
	r.Text(fmt.Sprintf("−%d s each", s.level.Penalty), w-16, 30, 13, colMuted, text.AlignEnd)
}

func (s *ChallengeScene) drawLeft(g *Game, r *Renderer) {
	_, h := g.Size()
	r.Rect(0, chTopH, chLeftW, h-chTopH, colPanel)
	x, y, tw := 18.0, chTopH+16, chLeftW-36
	set, _ := g.Training()
	r.Text(fmt.Sprintf("Challenge %d of %d", s.level.Number, len(set.Levels)), x, y, 13, colMuted, text.AlignStart)
	y += 22
	r.Bold(s.level.Title, x, y, 20, colLight, text.AlignStart)
	y += 32
	y += r.Wrap(s.level.Briefing, x, y, 13, tw, colLight) + 12
	r.Bold("How to play", x, y, 15, colAccent, text.AlignStart)
	y += 22
	how := fmt.Sprintf("Click the parts in the order they are built. A wrong pick costs %d s and says what has to come first.", s.level.Penalty)
	if s.level.PartsBin() {
		how = fmt.Sprintf("Click the parts in the order they go in. Some parts on the table do not belong: a wrong part, or a part too early, costs %d s and says why.", s.level.Penalty)
	}
	if s.level.CrewMode() {
		how = fmt.Sprintf("Click a crew member on the right, then a part to give it to them. It takes its real install time; what rests on it waits until it is done. A wrong assignment costs %d s.", s.level.Penalty)
	}
	y += r.Wrap(how, x, y, 13, tw, colLight) + 12
	done := 0
	for i := range s.level.Graph().Tasks {
		if s.sess.State(i) == training.Done {
			done++
		}
	}
	n := s.level.Graph().Len()
	r.Text(fmt.Sprintf("Built %d of %d", done, n), x, y, 15, colLight, text.AlignStart)
	y += 22
	r.Rect(x, y, tw, 10, colPanel2)
	r.Rect(x, y, tw*float64(done)/float64(max(n, 1)), 10, colGood)
	y += 26
	if s.msg != "" {
		c := colGood
		if s.msgBad {
			c = colBad
		}
		lines := r.wrapLines(s.msg, 15, tw-20)
		bh := float64(len(lines))*20 + 16
		r.Rect(x-6, y, tw+12, bh, color.RGBA{0x20, 0x24, 0x2a, 0xff})
		r.Rect(x-6, y, 5, bh, c)
		for i, l := range lines {
			r.Text(l, x+6, y+8+float64(i)*20, 15, c, text.AlignStart)
		}
		y += bh
	}
	// Legend, unless a long briefing and message leave no room for it.
	ly := h - 150
	if y > ly-8 {
		r.Text("Esc: give up and go back", x, h-30, 13, colMuted, text.AlignStart)
		return
	}
	r.Bold("Key", x, ly, 13, colAccent, text.AlignStart)
	legend := []struct {
		c    color.RGBA
		text string
	}{
		{colTodo, "to build (hover for its name)"},
		{colWood, "built (in its own colour)"},
		{colBad, "wrong pick"},
		{colNeed, "what it has to wait for"},
	}
	if s.level.CrewMode() {
		legend[1].text = "built · yellow: being built"
	}
	for i, e := range legend {
		yy := ly + 22 + float64(i)*20
		r.Rect(x, yy+2, 14, 14, e.c)
		r.Frame(x, yy+2, 14, 14, 1, colTodoLine)
		r.Text(e.text, x+22, yy, 13, colLight, text.AlignStart)
	}
	r.Text("Esc: give up and go back", x, h-30, 13, colMuted, text.AlignStart)
}

// drawParts draws the plans (or the module) and every part on them.
func (s *ChallengeScene) drawParts(g *Game, r *Renderer, lay *challengeLayout) {
	gr := s.level.Graph()
	hover := -1
	if s.started && !s.ended {
		hover = lay.hit(s.in.X, s.in.Y)
	}
	for _, p := range lay.panels {
		r.Rect(p.x+3, p.y+4, p.w, p.h, colShadow)
		r.Rect(p.x, p.y, p.w, p.h, color.RGBA{0xff, 0xfe, 0xfa, 0xff})
		r.Bold(p.title, p.x+12, p.y+8, 15, colInk, text.AlignStart)
		d := s.level.Design()
		for y := 0; y < d.Grid.Height; y++ {
			for x := 0; x < d.Grid.Width; x++ {
				r.Frame(p.ox+float64(x)*p.cell, p.oy+float64(y)*p.cell, p.cell+1, p.cell+1, 1, colGrid)
			}
		}
		// What the parts of this stage stand on, faded: the foundation
		// under the floor, the floor under everything after it, and the
		// walls under the roof and the interior.
		for i, t := range gr.Tasks {
			ts := stageOf(t.Kind)
			if ts >= p.stage || s.sess.State(i) != training.Done || ts == 0 && p.stage != 1 {
				continue
			}
			sh := houseShape(t, i, 0, p)
			if sh.edge {
				r.Line(sh.x1, sh.y1, sh.x2, sh.y2, sh.thick*0.6, fade(taskColour(t), 0x70))
			} else {
				r.Rect(sh.x, sh.y, sh.w, sh.h, fade(taskColour(t), 0x60))
			}
		}
	}
	if lay.panels == nil && len(lay.shapes) > 0 {
		px, py, pw, ph := s.centerRect(g)
		r.Rect(px+3, py+4, pw, ph, colShadow)
		r.Rect(px, py, pw, ph, color.RGBA{0xff, 0xfe, 0xfa, 0xff})
		f := lay.frame
		r.Text(lay.caption, f[0], f[1]-28, 15, colInk, text.AlignStart)
		r.Rect(f[0], f[1], f[2], f[3], color.RGBA{0xea, 0xe6, 0xdc, 0xff})
		r.Frame(f[0]-1, f[1]-1, f[2]+2, f[3]+2, 1, colGrid)
	}
	drawBin(r, lay)
	bin := s.level.PartsBin()
	for _, sh := range lay.shapes {
		switch {
		case bin && sh.tile:
			s.drawBinTile(r, sh, hover == sh.task)
		case sh.ghost && !s.ghostShown(sh):
		default:
			s.drawShape(g, r, gr.Tasks[sh.task], sh, hover == sh.task)
		}
	}
	// Labels over everything (a parts-bin challenge shows no ids).
	for _, sh := range lay.shapes {
		if bin {
			continue
		}
		t := gr.Tasks[sh.task]
		st := s.sess.State(sh.task)
		lc := colInk
		if st == training.Done && t.Kind != buildseq.KindFloor && t.Kind != buildseq.KindMember && t.Kind != buildseq.KindCore {
			lc = colLight
		}
		switch {
		case sh.tile:
			r.Bold(t.ID, sh.x+10, sh.y+sh.h/2-9, 15, colInk, text.AlignStart)
			r.Text(t.Name, sh.x+52, sh.y+sh.h/2-7, 12, colInk, text.AlignStart)
		case sh.edge:
			mx, my := (sh.x1+sh.x2)/2, (sh.y1+sh.y2)/2
			size := math.Max(10, math.Min(14, sh.thick*1.3))
			tw := r.Measure(t.ID, size, true) + 8
			r.Rect(mx-tw/2, my-size*0.7, tw, size*1.4, color.RGBA{0xff, 0xff, 0xff, 0xd8})
			r.Bold(t.ID, mx, my-size*0.62, size, colInk, text.AlignCenter)
		default:
			size := math.Max(10, math.Min(16, math.Min(sh.w, sh.h)*0.35))
			if sh.w < r.Measure(t.ID, size, true)+2 { // thin members: the id across
				size = math.Max(9, sh.w*0.45)
			}
			r.Bold(t.ID, sh.x+sh.w/2, sh.y+sh.h/2-size*0.65, size, lc, text.AlignCenter)
			if st == training.Working {
				r.Text(s.sess.Worker(sh.task), sh.x+sh.w/2, sh.y+sh.h/2+size*0.6, math.Max(9, size*0.75), colInk, text.AlignCenter)
			}
		}
	}
}

func (s *ChallengeScene) drawShape(g *Game, r *Renderer, t buildseq.Task, sh shape, hover bool) {
	st := s.sess.State(sh.task)
	c := taskColour(t)
	mark := color.RGBA{}
	if s.flashOn && sh.task == s.wrong {
		mark = colBad
	}
	if s.flashOn && sh.task == s.need {
		mark = colNeed
	}
	if sh.edge {
		switch st {
		case training.Done:
			r.Line(sh.x1, sh.y1, sh.x2, sh.y2, sh.thick, c)
			if t.ModuleID != "" && strings.Contains(t.ModuleID, "window") {
				r.Line(sh.x1, sh.y1, sh.x2, sh.y2, sh.thick*0.4, colGlass)
			}
			if strings.Contains(t.ModuleID, "door") {
				r.Line(sh.x1, sh.y1, sh.x2, sh.y2, sh.thick*0.4, colFloor)
			}
		case training.Working:
			r.Line(sh.x1, sh.y1, sh.x2, sh.y2, sh.thick, colWorking)
		default:
			r.Line(sh.x1, sh.y1, sh.x2, sh.y2, sh.thick, fade(colTodoLine, 0x50))
			r.Line(sh.x1, sh.y1, sh.x2, sh.y2, 2, colTodoLine)
			if strings.Contains(t.ModuleID, "window") { // a window wall shows its glass before it stands
				r.Line(sh.x1, sh.y1, sh.x2, sh.y2, sh.thick*0.4, fade(colGlass, 0xc0))
			}
		}
		if hover && st != training.Done {
			r.Line(sh.x1, sh.y1, sh.x2, sh.y2, sh.thick+6, fade(colAccent, 0xa0))
		}
		if mark.A > 0 {
			r.Line(sh.x1, sh.y1, sh.x2, sh.y2, sh.thick+10, fade(mark, 0xb0))
		}
		return
	}
	inset := 2.0
	if t.Kind == buildseq.KindMember {
		inset = 0
	}
	x, y, w, h := sh.x+inset, sh.y+inset, sh.w-2*inset, sh.h-2*inset
	switch st {
	case training.Done:
		r.Rect(x, y, w, h, c)
		switch t.Kind {
		case buildseq.KindFoundation:
			r.Sprite(SpriteFoundation, x, y, w, h, color.RGBA{0x8e, 0x8a, 0x82, 0xff})
		case buildseq.KindFloor:
			r.Sprite(SpriteFloor, x, y, w, h, color.RGBA{0xc4, 0x9e, 0x68, 0xff})
		case buildseq.KindRoof:
			sp := SpriteHatch
			if moduleIcon(g.Cat, t.ModuleID) == "solar" {
				sp = SpriteSolar
			}
			r.Sprite(sp, x, y, w, h, color.RGBA{0xff, 0xff, 0xff, 0x50})
		case buildseq.KindCore:
			r.Sprite(iconSprite(moduleIcon(g.Cat, t.ModuleID)), x+w*0.2, y+h*0.2, w*0.6, h*0.6, colPanel2)
		}
	case training.Working:
		r.Rect(x, y, w, h, colWorking)
	default:
		r.Rect(x, y, w, h, colTodo)
		r.Frame(x, y, w, h, 1.5, colTodoLine)
	}
	if sh.tile {
		r.Frame(x, y, w, h, 1.5, colTodoLine)
	}
	if hover && st != training.Done {
		r.Frame(x-1, y-1, w+2, h+2, 3, colAccent)
	}
	if mark.A > 0 {
		r.Frame(x-3, y-3, w+6, h+6, 4, mark)
	}
}

func (s *ChallengeScene) drawTip(g *Game, r *Renderer, i int) {
	if i >= s.level.Graph().Len() { // a stray part: its tile says what it is
		return
	}
	t := s.level.Graph().Tasks[i]
	lines := []string{t.Name}
	if s.level.PartsBin() && s.level.Design() == nil {
		lines[0] = s.level.Part(i) // not "cap plate": which plate it is is the question
	}
	if s.level.CrewMode() {
		q := t.Qual
		if q == "" {
			q = "none"
		}
		lines = append(lines, fmt.Sprintf("Needs skill %s, qualification %s; %s min", t.Skill, q, t.Minutes.StringFixed(0)))
	}
	if s.sess.State(i) == training.Done {
		lines = append(lines, "Done")
	}
	tw := 0.0
	for _, l := range lines {
		tw = math.Max(tw, r.Measure(l, 14, false))
	}
	tw += 24
	th := float64(len(lines))*20 + 14
	w, h := g.Size()
	x, y := s.in.X+18, s.in.Y+18
	if x+tw > w-10 {
		x = s.in.X - tw - 10
	}
	if y+th > h-10 {
		y = s.in.Y - th - 10
	}
	r.Rect(x, y, tw, th, color.RGBA{0x20, 0x24, 0x2a, 0xee})
	r.Rect(x, y, 4, th, colAccent)
	for k, l := range lines {
		r.Text(l, x+12, y+7+float64(k)*20, 14, colLight, text.AlignStart)
	}
	r.Flush()
}

func (s *ChallengeScene) drawCrew(g *Game, r *Renderer) {
	w, h := g.Size()
	x := w - chCrewW
	r.Rect(x, chTopH, chCrewW, h-chTopH, colPanel)
	r.Bold("Your crew", x+12, chTopH+12, 17, colAccent, text.AlignStart)
	crew := s.sess.Crew()
	for i, b := range s.crewCards(g) {
		m := crew[i]
		bg := colPanel2
		if b.hover(s.in) {
			bg = colPanelHi
		}
		r.Rect(b.x, b.y, b.w, b.h, bg)
		if i == s.member {
			r.Frame(b.x, b.y, b.w, b.h, 3, colAccent)
		}
		r.Bold(m.Name, b.x+10, b.y+8, 17, colLight, text.AlignStart)
		if i == s.member {
			r.Text("selected", b.x+b.w-10, b.y+10, 12, colAccent, text.AlignEnd)
		}
		r.Text("skills: "+strings.Join(m.Skills, ", "), b.x+10, b.y+32, 12, colLight, text.AlignStart)
		r.Wrap("qualified: "+strings.Join(m.Qualifications, ", "), b.x+10, b.y+48, 12, b.w-20, colMuted)
		status, c := "free", colGood
		if m.Task != "" {
			status, c = fmt.Sprintf("on %s, %s left", m.Task, clock(m.Left)), colAccent
		}
		r.Text(status, b.x+10, b.y+b.h-22, 13, c, text.AlignStart)
	}
	r.Wrap("Click a member to select them, then click a part.", x+12, h-60, 13, chCrewW-24, colMuted)
}

func (s *ChallengeScene) drawBriefing(g *Game, r *Renderer, w, h float64) {
	r.Rect(0, 0, w, h, color.RGBA{0, 0, 0, 0x90})
	pw, ph := 760.0, 520.0
	x, y := (w-pw)/2, (h-ph)/2
	r.Rect(x, y, pw, ph, colPanel)
	r.Frame(x, y, pw, ph, 3, colAccent)
	r.Text(fmt.Sprintf("Challenge %d", s.level.Number), w/2, y+22, 16, colMuted, text.AlignCenter)
	r.Bold(s.level.Title, w/2, y+46, 30, colLight, text.AlignCenter)
	yy := y + 100
	yy += r.Wrap(s.level.Briefing, x+40, yy, 16, pw-80, colLight) + 14
	rows := [][2]string{
		{"Goal", fmt.Sprintf("Build all %d parts in a valid order before the clock runs out", s.level.Graph().Len())},
		{"Time", fmt.Sprintf("%s; a wrong pick costs %d s", clock(s.level.LimitTicks()), s.level.Penalty)},
		{"Stars", fmt.Sprintf("%d / %d / %d points (one star passes)", s.level.Stars[0], s.level.Stars[1], s.level.Stars[2])},
	}
	if s.level.CrewMode() {
		rows = append(rows, [2]string{"Crew", fmt.Sprintf("%d members: pick one, then click a part to give it to them", len(s.level.Crew))})
	} else {
		ctl := "Click a part on the plans (one per stage of the build) to build it; hover shows its name"
		if s.level.Design() == nil {
			ctl = "Click a member of the frame, or a sheet or job on the right, to do it; hover shows its name"
		}
		switch {
		case s.level.PartsBin() && s.level.Design() == nil:
			rows[0][1] = "Build it from the parts that belong, in a valid order, before the clock runs out"
			ctl = "Click a part in the bin to put it in; the drawing shows what is built; hover shows what a part is"
		case s.level.PartsBin():
			rows[0][1] = "Build it from the parts that belong, in a valid order, before the clock runs out"
			ctl = "Click a part on the plans to build it (the plans are not in build order); the parts below may not belong"
		}
		rows = append(rows, [2]string{"Controls", ctl})
	}
	for _, row := range rows {
		r.Bold(row[0], x+40, yy, 16, colAccent, text.AlignStart)
		yy += r.Wrap(row[1], x+150, yy, 16, pw-190, colLight) + 7
	}
	if s.level.Source != "" {
		r.Wrap("Source: "+s.level.Source, x+40, y+ph-112, 12, pw-80, colMuted)
	}
	b := s.startButton(g)
	b.y = y + ph - 74
	b.draw(r, b.hover(s.in), true)
	r.Text("Enter starts · Esc goes back", w/2, y+ph-16, 12, colMuted, text.AlignCenter)
}

func (s *ChallengeScene) drawResults(g *Game, r *Renderer, w, h float64) {
	r.Rect(0, 0, w, h, color.RGBA{0, 0, 0, 0x90})
	pw, ph := 760.0, 520.0
	x, y := (w-pw)/2, (h-ph)/2
	r.Rect(x, y, pw, ph, colPanel)
	r.Frame(x, y, pw, ph, 3, colAccent)
	res := s.result
	title, tc := "Passed!", colGood
	switch {
	case res.Status != training.Won && s.sess.Remaining() == 0:
		title, tc = "Time is up", colBad
	case res.Status != training.Won:
		title, tc = "Attempt given up", colBad
	case !res.Passed:
		title, tc = "Built, but not enough points to pass", colAccent
	}
	r.Bold(title, w/2, y+22, 32, tc, text.AlignCenter)
	r.Text(fmt.Sprintf("Challenge %d: %s", s.level.Number, s.level.Title), w/2, y+66, 16, colMuted, text.AlignCenter)
	for k := 0; k < 3; k++ {
		grow := ease(s.endT - k*12)
		cx := w/2 + float64(k-1)*80
		if k < res.Stars && grow > 0 {
			d := 60 * grow
			r.Sprite(SpriteStar, cx-d/2, y+122-d/2, d, d, colAccent)
		} else {
			r.Sprite(SpriteStarEmpty, cx-30, y+92, 60, 60, colMuted)
		}
	}
	rows := [][2]string{
		{"Score", fmt.Sprintf("%d  (one star at %d, three at %d)", res.Score, s.level.Stars[0], s.level.Stars[2])},
		{"Time left", fmt.Sprintf("%s of %s  (%d ticks)", clock(res.TimeLeft), clock(s.level.LimitTicks()), res.TimeLeft)},
		{"Mistakes", fmt.Sprintf("%d  (−%d points each)", res.Mistakes, training.ScoreMistake)},
	}
	if s.level.CrewMode() {
		rows = append(rows, [2]string{"Crew use", fmt.Sprintf("%d%%", res.CrewUse)})
	}
	yy := y + 168
	for _, row := range rows {
		r.Text(row[0], x+90, yy, 17, colMuted, text.AlignStart)
		r.Bold(row[1], x+230, yy, 17, colLight, text.AlignStart)
		yy += 27
	}
	yy += 6
	_, quals := g.Training()
	switch {
	case s.submitErr != "":
		r.Wrap(s.submitErr, x+90, yy, 14, pw-180, colBad)
	case len(s.awards) > 0:
		for _, a := range s.awards {
			q := quals.Get(a.Qualification)
			r.Bold("Qualification earned: "+q.Name, x+90, yy, 18, colGood, text.AlignStart)
			yy += 24
			if u := unlocksText(g, q); u != "" {
				yy += r.Wrap("Unlocks "+u, x+90, yy, 14, pw-180, colLight)
			}
			r.Text("Evidence: "+shortHash(a.Evidence), x+90, yy, 13, colMuted, text.AlignStart)
			yy += 24
		}
	case res.Passed:
		r.Text("Recorded in "+g.Profile().Name+"'s profile.", x+90, yy, 15, colLight, text.AlignStart)
	default:
		r.Wrap("Recorded as an attempt. Tip: "+s.tip(), x+90, yy, 15, pw-180, colLight)
	}
	for i, b := range s.resultButtons(g) {
		b.draw(r, b.hover(s.in), i == 2 || i == 0 && !res.Passed)
	}
}

func (s *ChallengeScene) tip() string {
	if s.result.Mistakes > 0 {
		return "every mistake costs time and 100 points; the reason shown tells you what has to come first."
	}
	return "think bottom up: what does this part stand on or rest on?"
}

// unlocksText lists what a qualification unlocks, in words.
func unlocksText(g *Game, q *training.Qualification) string {
	var parts []string
	for _, id := range q.Levels {
		if l := LevelByID(g.Levels, id); l != nil {
			parts = append(parts, fmt.Sprintf("design level %q", l.Title))
		}
	}
	if len(q.Categories) > 0 {
		parts = append(parts, "palette: "+strings.Join(q.Categories, ", "))
	}
	if len(q.Permissions) > 0 {
		parts = append(parts, "permission: "+strings.Join(q.Permissions, ", "))
	}
	return strings.Join(parts, "; ")
}

// shortHash is "sha256:" and the first 16 hex digits.
func shortHash(h string) string {
	if len(h) > 7+16 {
		return h[:7+16] + "…"
	}
	return h
}
