package game

import (
	"image/color"
	"math"
	"sort"
	"strconv"

	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/opensourceecology/prodos/engine/buildseq"
	"github.com/opensourceecology/prodos/engine/training"
)

// A parts-bin challenge (training.Level.PartsBin) shows no ids: a framing
// challenge draws the module only as it is built and takes every part,
// unlabelled but for what it is ("2x6 x 48 in"), from a shuffled bin that
// also holds parts that do not belong; a house challenge shows its stage
// plans unnumbered and in shuffled order, with the parts that do not
// belong in a strip below them.

// binStripH is the height of a house challenge's strip of stray parts.
const binStripH = 100.0

// binCaption heads the bin.
const binCaption = "Parts on the table (not all of them belong)"

// binStages orders the stages of a house challenge as their parts first
// appear in the shuffled bin, so the plans do not read in build order.
func binStages(l *training.Level) []int {
	g := l.Graph()
	seen := map[int]bool{}
	var order []int
	for _, id := range l.BinOrder() {
		i := g.Index(id)
		if i < 0 {
			continue
		}
		if st := stageOf(g.Tasks[i].Kind); !seen[st] {
			seen[st] = true
			order = append(order, st)
		}
	}
	if sort.IntsAreSorted(order) && len(order) > 1 { // never the build order
		order = append(order[1:], order[0])
	}
	return order
}

// binStrip lays the distractors of a house challenge side by side in the
// strip (x, y, w, h).
func binStrip(lay *challengeLayout, l *training.Level, x, y, w, h float64) {
	n := l.Graph().Len()
	ds := l.Distractors()
	lay.bin = [4]float64{x + 6, y + 4, w - 12, h - 8}
	tw := math.Min(300, (w-24)/float64(max(len(ds), 1))-10)
	for k, d := range ds {
		lay.shapes = append(lay.shapes, shape{task: n + k, panel: -1, tile: true, label: d.Part,
			x: x + 18 + float64(k)*(tw+10), y: y + 34, w: tw, h: h - 48})
	}
}

// binTiles lays every part of a framing challenge, in the bin's shuffled
// order, as tiles in two columns in (x, y, w, h).
func binTiles(lay *challengeLayout, l *training.Level, x, y, w, h float64) {
	g := l.Graph()
	n := g.Len()
	ids := l.BinOrder()
	lay.bin = [4]float64{x, y + 30, w - 10, h - 40}
	rows := (len(ids) + 1) / 2
	tw := (w - 40) / 2
	th := math.Min(64, (h-90)/float64(max(rows, 1))-8)
	for k, id := range ids {
		task, label := g.Index(id), ""
		if task >= 0 {
			label = l.Part(task)
		} else {
			for j, d := range l.Distractors() {
				if d.ID == id {
					task, label = n+j, d.Part
				}
			}
		}
		lay.shapes = append(lay.shapes, shape{task: task, panel: -1, tile: true, label: label,
			x: x + 10 + float64(k%2)*(tw+10), y: y + 70 + float64(k/2)*(th+8), w: tw, h: th})
	}
}

// drawBin draws the bin's background and caption.
func drawBin(r *Renderer, lay *challengeLayout) {
	b := lay.bin
	if b[2] <= 0 {
		return
	}
	r.Rect(b[0]+3, b[1]+4, b[2], b[3], colShadow)
	r.Rect(b[0], b[1], b[2], b[3], color.RGBA{0xe9, 0xe4, 0xd8, 0xff})
	r.Bold(binCaption, b[0]+12, b[1]+8, 15, colInk, text.AlignStart)
}

// drawBinTile draws one tile of the bin: a part still to take, a part in
// place (faded), or a stray part set aside (struck through).
func (s *ChallengeScene) drawBinTile(r *Renderer, sh shape, hover bool) {
	n := s.level.Graph().Len()
	used, aside := false, false
	if sh.task < n {
		used = s.sess.State(sh.task) == training.Done
	} else {
		aside = s.sess.Aside(s.level.Distractors()[sh.task-n].ID)
	}
	fill, ink := colTodo, colInk
	if used || aside {
		fill, ink = color.RGBA{0xd6, 0xd1, 0xc6, 0xff}, colTodoLine
	}
	r.Rect(sh.x, sh.y, sh.w, sh.h, fill)
	r.Frame(sh.x, sh.y, sh.w, sh.h, 1.5, colTodoLine)
	room := sh.w - 24
	if used || aside {
		room = sh.w - 90 // leave room for the tag
	}
	lines := r.wrapLines(sh.label, 14, room)
	for k, ln := range lines[:min(len(lines), 2)] {
		r.Text(ln, sh.x+12, sh.y+sh.h/2-9-float64(len(lines[:min(len(lines), 2)])-1)*9+float64(k)*18, 14, ink, text.AlignStart)
	}
	switch {
	case used:
		r.Text("in place", sh.x+sh.w-10, sh.y+sh.h/2-8, 12, ink, text.AlignEnd)
	case aside:
		r.Line(sh.x+8, sh.y+sh.h/2, sh.x+sh.w-8, sh.y+sh.h/2, 2, colBad)
		r.Text("set aside", sh.x+sh.w-10, sh.y+4, 12, colBad, text.AlignEnd)
	case hover:
		r.Frame(sh.x-1, sh.y-1, sh.w+2, sh.h+2, 3, colAccent)
	}
	if s.flashOn && sh.task == s.wrong {
		r.Frame(sh.x-3, sh.y-3, sh.w+6, sh.h+6, 4, colBad)
	}
}

// ghostShown reports whether a parts-bin diagram part is drawn: once built,
// or while it is marked as what a wrong pick waits for.
func (s *ChallengeScene) ghostShown(sh shape) bool {
	return s.sess.State(sh.task) == training.Done || s.flashOn && sh.task == s.need
}

// binPick is what taking task i (or a distractor) from the bin picks: a
// distractor's id, or a ready task that looks the same as task i.
func (s *ChallengeScene) binPick(i int) string {
	g := s.level.Graph()
	if i >= g.Len() {
		return s.level.Distractors()[i-g.Len()].ID
	}
	return s.sess.Like(g.Tasks[i].ID)
}

// binWaits explains a wrong pick without the ids a parts-bin level hides.
func binWaits(t, dep buildseq.Task, penalty int) string {
	return capitalize(t.Noun) + " needs the " + dep.Noun + " in place first (-" + strconv.Itoa(penalty) + " s)"
}

func indexOfDistractor(l *training.Level, id string) int {
	for k, d := range l.Distractors() {
		if d.ID == id {
			return k
		}
	}
	return -1
}
