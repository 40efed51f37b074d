package game

import (
	"image"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/opensourceecology/prodos/engine/training"
	"github.com/opensourceecology/prodos/production/classroom/submission"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// shot writes the screen to $PRODOS_SHOTS/name.png when that is set (for
// docs and reviews: PRODOS_SHOTS=/tmp/shots xvfb-run -a go test ./game/).
func shot(t *testing.T, g *Game, name string) *image.RGBA {
	t.Helper()
	screen := ebiten.NewImage(BaseWidth, BaseHeight)
	g.Render(screen)
	img := image.NewRGBA(screen.Bounds())
	screen.ReadPixels(img.Pix)
	if dir := os.Getenv("PRODOS_SHOTS"); dir != "" {
		require.NoError(t, writePNG(filepath.Join(dir, name+".png"), img))
	}
	return img
}

func (d driver) typeText(s string) {
	d.step(Frame{Text: TextInput{Chars: []rune(s)}})
}

func (d driver) challenge() *ChallengeScene {
	d.t.Helper()
	s, ok := d.g.Scene().(*ChallengeScene)
	require.True(d.t, ok, "scene is %T, want *ChallengeScene", d.g.Scene())
	return s
}

// pick clicks a task's part in the challenge scene.
func (d driver) pick(id string) {
	d.t.Helper()
	x, y, ok := d.challenge().TaskPoint(d.g, id)
	require.True(d.t, ok, "no part for task %s", id)
	d.click(x, y)
}

// TestTraineePath is issue 7's path in the game: pick a profile, pass the
// first challenge through simulated input, see the qualification in the
// profile and the design level it unlocks open.
func TestTraineePath(t *testing.T) {
	g, store := newTestGame(t)
	d := driver{t, g}
	cabin := LevelByID(g.Levels, "cabin")
	require.NotNil(t, cabin)
	g.RecordStars("shed", 1) // the design path up to the cabin (played in TestPlaceUndoRedoAndCompleteFirstLevel)
	assert.False(t, g.Unlocked(cabin), "a guest does not skip the qualification lock")

	// Title -> Training: no learner yet, so the learner picker.
	title, ok := g.Scene().(*TitleScene)
	require.True(t, ok)
	b := title.buttons(g)[3]
	require.Equal(t, "Training challenges", b.label)
	d.click(b.x+10, b.y+10)
	ps, ok := g.Scene().(*ProfileScene)
	require.True(t, ok, "scene %T", g.Scene())

	// Typing a name: letters are text, not controls (H is help, A pans, Space confirms).
	d.step(Frame{Intents: map[Intent]bool{IntentHelp: true}, Text: TextInput{Chars: []rune("h")}})
	assert.False(t, g.HelpShown(), "typing h does not open the help")
	d.step(Frame{Intents: map[Intent]bool{IntentPanLeft: true}, Text: TextInput{Chars: []rune("a")}})
	d.typeText("n")
	d.step(Frame{Intents: map[Intent]bool{IntentConfirm: true}, Text: TextInput{Chars: []rune(" ")}}) // Space types, it does not confirm
	d.typeText("a!")                                                                                  // '!' is not allowed in names
	d.typeText("x")
	d.step(Frame{Text: TextInput{Backspace: true}})
	assert.Equal(t, "hana", ps.Field())
	d.intent(IntentConfirm)
	require.NotNil(t, g.Profile())
	assert.Equal(t, "hana", g.Profile().Name)
	assert.Equal(t, "hana\n", string(store[profileFile]), "the learner is remembered")
	assert.Contains(t, string(store[profilesFile]), `"name": "hana"`, "profiles persist in the game's store")
	assert.Len(t, ps.Rows(g), 1)
	shot(t, g, "training-profiles-new")

	// Stars are per learner: hana has none yet, and earns her own shed star.
	assert.Equal(t, 0, g.Progress.Stars["shed"])
	assert.Contains(t, g.levelLockText(cabin), "earn a star in")
	g.RecordStars("shed", 1)
	assert.Contains(t, string(store["progress/hana.toml"]), `"shed" = 1`)

	// Now earned access applies: the cabin needs the Foundation crew qualification.
	assert.False(t, g.Unlocked(cabin))
	assert.Contains(t, g.levelLockDetail(cabin), "Foundation crew qualification (foundation-crew): pass challenge 1 \"Groundwork\" with a score of 1200 or more")
	sel := &SelectScene{}
	assert.False(t, sel.cards(g)[1].enabled, "cabin card locked")

	// Train > : the challenges; only the first is open.
	d.click(ps.buttons(g)[2].x+10, ps.buttons(g)[2].y+10)
	cs, ok := g.Scene().(*ChallengeSelectScene)
	require.True(t, ok, "scene %T", g.Scene())
	cards := cs.Cards(g)
	require.GreaterOrEqual(t, len(cards), 8)
	assert.True(t, cards[0].enabled)
	assert.False(t, cards[1].enabled)
	set, _ := g.Training()
	assert.Contains(t, g.ChallengeLock(set.Levels[1]), `pass challenge 1 "Groundwork" first`)
	assert.Contains(t, g.ChallengeLock(set.Levels[3]), "hold the Wall framer qualification (challenge 3, 1500+ points)")
	assert.Contains(t, g.ChallengeLockDetail(set.Levels[3]), "Wall framer qualification (wall-framer): pass challenge 3 \"Frame a wall module\" with a score of 1500 or more")
	shot(t, g, "training-challenges")
	d.click(cards[1].x+10, cards[1].y+10)
	_, still := g.Scene().(*ChallengeSelectScene)
	assert.True(t, still, "a locked challenge does not open")
	d.click(cards[0].x+10, cards[0].y+10)

	// The briefing, then the clock starts.
	s := d.challenge()
	assert.Equal(t, "c01-groundwork", s.level.ID)
	shot(t, g, "training-briefing")
	d.step(Frame{})
	assert.Equal(t, 0, s.Session().Tick(), "the clock waits for the start")
	d.intent(IntentConfirm)

	// A floor cassette before its foundation: a mistake that costs time and says why.
	gr := s.level.Graph()
	before := s.Session().Remaining()
	d.pick("FL1")
	assert.Equal(t, 1, s.Session().Mistakes())
	assert.True(t, s.msgBad)
	assert.Equal(t, "Floor panel needs the foundation cell in place first (-5 s)", s.msg, "no ids: the parts carry none")
	assert.Less(t, s.Session().Remaining(), before-5*training.TicksPerSecond+1)
	assert.Equal(t, gr.Tasks[gr.Index("FL1")].Deps[0], s.need, "the part it waits for is marked")
	shot(t, g, "training-mistake")

	// Then the right order: every foundation cell, then the floor.
	order := gr.Order()
	for k, i := range order {
		d.pick(gr.Tasks[i].ID)
		if k < len(order)-1 {
			assert.Equal(t, training.Done, s.Session().State(i), "task %s", gr.Tasks[i].ID)
			assert.False(t, s.msgBad, s.msg)
		}
	}
	require.True(t, s.Ended(), "status %s", s.Session().Status())
	res := s.result
	assert.True(t, res.Passed)
	assert.Equal(t, 1, res.Mistakes)
	assert.GreaterOrEqual(t, res.Score, 1200)
	assert.Empty(t, s.submitErr)

	// The qualification, with the replay's hash as evidence.
	require.Len(t, s.Awards(), 1)
	assert.Equal(t, "foundation-crew", s.Awards()[0].Qualification)
	p := g.Profile()
	aw, ok := p.Award("foundation-crew")
	require.True(t, ok, "qualification in the profile")
	assert.Equal(t, training.ReplayHash(s.replay), aw.Evidence)
	require.Len(t, p.Attempts, 1)
	assert.Equal(t, res.Score, p.Attempts[0].Score)
	v, err := training.VerifyReplay("attempt", []byte(p.Attempts[0].Replay), set)
	require.NoError(t, err, "the recorded replay verifies")
	assert.Equal(t, res.Score, v.Result.Score)
	for i := 0; i < 70; i++ {
		d.step(Frame{})
	}
	shot(t, g, "training-results")

	// The next challenge opens; the profile shows the qualification.
	assert.Equal(t, "", g.ChallengeLock(set.Levels[1]))
	rb := s.resultButtons(g)
	assert.True(t, rb[2].enabled, "next challenge open")
	g.Goto(&ProfileScene{})
	d.step(Frame{})
	img := shot(t, g, "training-profile")
	assert.NotNil(t, img)

	// The design level it unlocks is open, and its card says so.
	assert.True(t, g.Unlocked(cabin))
	assert.Equal(t, "", g.levelLockText(cabin))
	assert.True(t, sel.cards(g)[1].enabled)
	assert.False(t, sel.cards(g)[2].enabled, "the level after the cabin still needs a star in the cabin")
	assert.Contains(t, g.levelLockText(g.Levels[2]), "earn a star in \""+cabin.Title)
	g.Goto(sel)
	d.step(Frame{})
	shot(t, g, "training-levels")

	// A new game on the same store remembers the learner and the award.
	g2, err := New(g.Cat, store)
	require.NoError(t, err)
	require.NotNil(t, g2.Profile())
	assert.Equal(t, "hana", g2.Profile().Name)
	assert.True(t, g2.Profile().Holds()["foundation-crew"])
}

func TestSandboxPaletteLocks(t *testing.T) {
	g, _ := newTestGame(t)
	d := driver{t, g}
	require.NoError(t, g.CreateProfile("ben"))
	set, _ := g.Training()
	tk := g.StartAttempt("c01-groundwork")
	require.NotNil(t, tk)
	se := training.AutoPlay(set.Level("c01-groundwork"), 1)
	_, err := g.SubmitAttempt(training.ReplayAttempt(se, training.Attempt{ID: tk.ID, Learner: tk.Learner, Started: g.Wall(), Ended: g.Wall().Add(training.TicksTime(se.Tick()))}))
	require.NoError(t, err)
	require.True(t, g.Profile().Holds()["foundation-crew"])
	var shown []string
	for _, q := range drawnTexts(g, &ProfileScene{}) {
		shown = append(shown, q.s)
	}
	assert.Contains(t, strings.Join(shown, "\n"), ", self-attested", "the profile says who vouches for the qualification")

	s, err := g.OpenLevel("sandbox", nil)
	require.NoError(t, err)
	d.step(Frame{})
	d.selectModule("foundation-cell") // foundation: unlocked by Foundation crew
	x, y := s.PaletteItem(g, "wall-ext-4x8")
	d.click(x, y)
	assert.Equal(t, "foundation-cell", s.Selected(), "a locked module is not selected")
	msg, _ := g.Toast()
	assert.Contains(t, msg, "needs the Wall framer qualification (wall-framer): pass challenge 3")
	assert.Contains(t, s.lockedMsg(g, "core-kitchen"), "Utility installer")
	shot(t, g, "training-sandbox-palette")

	// Inside a level its own palette decides.
	s2, err := g.OpenLevel("shed", nil)
	require.NoError(t, err)
	assert.True(t, s2.offered("wall-ext-4x8"))
}

func TestCrewChallenge(t *testing.T) {
	g, _ := newTestGame(t)
	d := driver{t, g}
	require.NoError(t, g.CreateProfile("cy"))
	s, err := g.OpenChallenge("c09-crew-cabin", true)
	require.NoError(t, err)
	gr := s.level.Graph()
	f1 := gr.Tasks[gr.Order()[0]].ID

	// ben has no foundation skill: a mistake with the reason.
	x, y, ok := s.MemberPoint(g, "ben")
	require.True(t, ok)
	d.click(x, y)
	d.pick(f1)
	assert.Equal(t, 1, s.Session().Mistakes())
	assert.Contains(t, s.msg, "ben lacks the foundation skill")
	// cy has it.
	x, y, _ = s.MemberPoint(g, "cy")
	d.click(x, y)
	d.pick(f1)
	assert.Equal(t, "cy", s.Session().Worker(gr.Index(f1)))
	assert.False(t, s.msgBad, s.msg)
	shot(t, g, "training-crew")

	// Giving up ends the attempt and records it (not passed).
	d.intent(IntentBack)
	require.True(t, s.Ended())
	assert.False(t, s.result.Passed)
	require.Len(t, g.Profile().Attempts, 1)
	assert.False(t, g.Profile().Attempts[0].Passed)
	assert.Empty(t, g.Profile().Awards)
}

// TestChallengePixels checks that built and unbuilt parts look different
// where they are drawn.
func TestChallengePixels(t *testing.T) {
	g, _ := newTestGame(t)
	d := driver{t, g}
	require.NoError(t, g.CreateProfile("dee"))
	s, err := g.OpenChallenge("c01-groundwork", true)
	require.NoError(t, err)
	gr := s.level.Graph()
	var built, open shape
	d.pick("F1")
	for _, sh := range s.layout(g).shapes {
		if sh.task >= gr.Len() {
			continue // a part that does not belong
		}
		switch gr.Tasks[sh.task].ID {
		case "F1":
			built = sh
		case "F2":
			open = sh
		}
	}
	d.step(Frame{X: 5, Y: 700})
	img := shot(t, g, "training-pixels")
	at := func(sh shape) (int, int) { return int(sh.x + 8), int(sh.y + 8) }
	bx, by := at(built)
	speckle := color.RGBA{0x8e, 0x8a, 0x82, 0xff}
	assert.True(t, near(img.At(bx, by), colFound) || near(img.At(bx, by), speckle), "built foundation cell is %v", img.At(bx, by))
	ox, oy := at(open)
	assert.True(t, near(img.At(ox, oy), colTodo), "open foundation cell is %v", img.At(ox, oy))
	// The left panel and the accent line under the top bar.
	assert.True(t, near(img.At(5, 400), colPanel))
	assert.True(t, near(img.At(640, int(chTopH)-2), colAccent))
}

func TestStoredProfilesKeepsABadFile(t *testing.T) {
	store := MemStore{profilesFile: []byte("{not json")}
	st, _, err := StoredProfiles(store)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "the file is kept")
	names, err := st.List(t.Context())
	require.NoError(t, err)
	assert.Empty(t, names)
	assert.Equal(t, "{not json", string(store[profilesFile]))
}

func TestOpenChallengeUnknown(t *testing.T) {
	g, _ := newTestGame(t)
	_, err := g.OpenChallenge("c99-nothing", false)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "c01-groundwork")
}

// TestEveryPickChallengeClickable plays every click-order challenge by
// clicking each part where it is drawn, in a valid order: every part can be
// reached with the pointer and the attempt is won without a mistake.
func TestEveryPickChallengeClickable(t *testing.T) {
	g, _ := newTestGame(t)
	d := driver{t, g}
	require.NoError(t, g.CreateProfile("eve"))
	set, _ := g.Training()
	for _, l := range set.Levels {
		if l.CrewMode() {
			continue
		}
		t.Run(l.ID, func(t *testing.T) {
			d := driver{t, d.g}
			s, err := g.OpenChallenge(l.ID, true)
			require.NoError(t, err)
			gr := l.Graph()
			for k, i := range gr.Order() {
				d.pick(gr.Tasks[i].ID)
				require.Equal(t, 0, s.Session().Mistakes(), "click on %s: %s", gr.Tasks[i].ID, s.msg)
				if k == 3 {
					shot(t, g, "training-"+l.ID)
				}
			}
			assert.Equal(t, training.Won, s.Session().Status())
			assert.True(t, s.Ended())
		})
	}
}

// TestPageSubmission checks what the game hands to the page
// (window.prodosSubmit in the browser build) when a design level or a
// challenge is finished: the request the classroom server decodes, with a
// log that replays; and that the server's answer, a refusal above all,
// reaches the learner in the game.
func TestPageSubmission(t *testing.T) {
	var calls []submission.Request
	answers := []submission.Reply{
		submission.Interpret(201, []byte(`{"id":1,"score":1900,"stars":3,"passed":true,"qualifications":["foundation-crew"]}`)),
		submission.Interpret(422, []byte(`{"error":"replay does not verify: level shed has changed"}`)),
	}
	old := submitToPage
	submitToPage = func(req submission.Request) <-chan submission.Reply {
		ch := make(chan submission.Reply, 1)
		ch <- answers[len(calls)]
		calls = append(calls, req)
		return ch
	}
	defer func() { submitToPage = old }()
	var started []submission.AttemptRequest
	oldStart := startAtPage
	startAtPage = func(req submission.AttemptRequest) <-chan submission.AttemptReply {
		started = append(started, req)
		ch := make(chan submission.AttemptReply, 1)
		ch <- submission.InterpretAttempt(201, []byte(`{"attempt_id":"CLASS1","learner":"Gus M","level":"c01-groundwork","issued_at":"2026-12-01T20:00:00Z"}`))
		return ch
	}
	defer func() { startAtPage = oldStart }()

	g, _ := newTestGame(t)
	d := driver{t, g}
	require.NoError(t, g.CreateProfile("gus"))
	s, err := g.OpenChallenge("c01-groundwork", true)
	require.NoError(t, err)
	for _, i := range s.level.Graph().Order() {
		d.pick(s.level.Graph().Tasks[i].ID)
	}
	require.Len(t, calls, 1)
	require.NoError(t, calls[0].Check())
	assert.Equal(t, submission.KindChallenge, calls[0].Kind)
	assert.Equal(t, "c01-groundwork", calls[0].Level)
	set, _ := g.Training()
	v, err := training.VerifyReplay("page", []byte(calls[0].Replay), set)
	require.NoError(t, err)
	assert.True(t, v.Result.Passed)
	assert.Equal(t, []submission.AttemptRequest{{Kind: submission.KindChallenge, Level: "c01-groundwork"}}, started, "the attempt id is asked for when the clock starts")
	assert.Equal(t, "CLASS1", v.Attempt.ID, "the class replay carries the class's attempt id")
	assert.Equal(t, "Gus M", v.Attempt.Learner, "and the learner's name in the class")
	assert.InDelta(t, training.TicksTime(v.Result.Tick).Seconds(), v.Attempt.Ended.Sub(v.Attempt.Started).Seconds(), 0.05, "timed on the game's clock")
	p := g.Profile()
	require.Len(t, p.Attempts, 1, "the profile records its own attempt")
	assert.Equal(t, "self-attested", p.Attempts[0].Attestation)
	assert.NotEqual(t, "CLASS1", p.Attempts[0].AttemptID, "bound to the profile store's attempt id")
	d.step(Frame{})
	msg, bad := g.Toast()
	assert.False(t, bad)
	assert.Equal(t, "Verified by your class: 3 stars, score 1900; earned foundation-crew", msg)

	// The shed, closed and roofed (as in TestPlaceUndoRedoAndCompleteFirstLevel).
	ds, err := g.OpenLevel("shed", nil)
	require.NoError(t, err)
	d.step(Frame{})
	d.selectModule("wall-ext-4x8")
	for _, w := range []struct {
		x, y int
		side string
	}{{2, 2, "n"}, {3, 2, "n"}, {3, 2, "e"}, {3, 3, "e"}, {3, 3, "s"}, {2, 3, "w"}, {2, 2, "w"}} {
		d.placeWall(w.x, w.y, w.side)
	}
	d.selectModule("wall-door-4x8")
	d.placeWall(2, 3, "s")
	d.selectModule("roof-4x8")
	for _, x := range []float64{2.5, 3.5} {
		px, py := ds.ToScreen(g, x, 3)
		d.click(px, py)
	}
	require.Len(t, calls, 2, "the finished level is handed over")
	require.NoError(t, calls[1].Check())
	assert.Equal(t, submission.KindLevel, calls[1].Kind)
	assert.Equal(t, "shed", calls[1].Level)
	fresh, err := ds.level.NewBoard(g.Cat, nil, g.Tick)
	require.NoError(t, err)
	// The server decodes it with the same package the game encodes with.
	cmds, err := submission.LevelCommands("shed", []byte(calls[1].Replay))
	require.NoError(t, err, "the classroom server accepts the level's log")
	require.NoError(t, fresh.E.Replay(cmds))
	assert.True(t, fresh.E.Evaluate(ds.level.Level).Complete, "the submitted log replays to a finished level")

	// The server refused it: the learner reads why, in the game.
	d.step(Frame{})
	msg, bad = g.Toast()
	assert.True(t, bad)
	assert.Equal(t, "Your class refused this result (422): replay does not verify: level shed has changed", msg)
	assert.Equal(t, msg, g.ClassReply().Msg)
	shot(t, g, "class-refused")
}

func TestProfileSceneManyLearners(t *testing.T) {
	g, _ := newTestGame(t)
	d := driver{t, g}
	for _, n := range []string{"a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "b1", "b2"} {
		require.NoError(t, g.CreateProfile(n))
	}
	ps := &ProfileScene{}
	g.Goto(ps)
	d.step(Frame{})
	assert.Len(t, ps.Rows(g), 9, "nine rows shown")
	// A learner past the rows is chosen by typing the name.
	d.typeText("b2")
	d.intent(IntentConfirm)
	assert.Equal(t, "b2", g.Profile().Name)
	names, err := g.ProfileNames()
	require.NoError(t, err)
	assert.Len(t, names, 11, "no new learner made")
	// Clicking a row chooses that learner; a bad name says why.
	row := ps.Rows(g)[0]
	d.click(row.x+5, row.y+5)
	assert.Equal(t, "a1", g.Profile().Name)
	d.typeText("-x")
	d.intent(IntentConfirm)
	assert.Contains(t, ps.err, "starting with a letter or digit")
	shot(t, g, "training-profiles-many")
}

func TestChallengeTimeRunsOut(t *testing.T) {
	g, _ := newTestGame(t)
	d := driver{t, g}
	require.NoError(t, g.CreateProfile("hal"))
	s, err := g.OpenChallenge("c05-roof-panel", false)
	require.NoError(t, err)
	for i := 0; i < 100; i++ {
		d.step(Frame{})
	}
	assert.Equal(t, s.level.LimitTicks(), s.Session().Remaining(), "no time passes during the briefing")
	d.intent(IntentConfirm)
	for i := 0; i < s.level.LimitTicks() && !s.Ended(); i++ {
		d.step(Frame{})
	}
	require.True(t, s.Ended())
	assert.Equal(t, training.Lost, s.result.Status)
	assert.Equal(t, 0, s.result.TimeLeft)
	require.Len(t, g.Profile().Attempts, 1)
	assert.False(t, g.Profile().Attempts[0].Passed)
	for i := 0; i < 60; i++ {
		d.step(Frame{})
	}
	assert.False(t, s.Animating(), "no redraws once the results have appeared")
	shot(t, g, "training-timeout")
}

// Each learner has their own design stars; a guest keeps progress.toml.
func TestStarsArePerLearner(t *testing.T) {
	g, store := newTestGame(t)
	g.RecordStars("shed", 3)
	require.NoError(t, g.CreateProfile("ana"))
	assert.Equal(t, 0, g.Progress.Stars["shed"], "ana starts with no stars")
	g.RecordStars("shed", 2)
	require.NoError(t, g.CreateProfile("ben"))
	assert.Equal(t, 0, g.Progress.Stars["shed"])
	require.NoError(t, g.SelectProfile("ana"))
	assert.Equal(t, 2, g.Progress.Stars["shed"])
	assert.Contains(t, string(store["progress.toml"]), `"shed" = 3`, "the guest's stars are kept")
	assert.Contains(t, string(store["progress/ana.toml"]), `"shed" = 2`)
	_, hasBen := store["progress/ben.toml"]
	assert.False(t, hasBen, "nothing earned, nothing written")

	// A new game remembers ana and her stars.
	g2, err := New(g.Cat, store)
	require.NoError(t, err)
	g2.trainer()
	assert.Equal(t, 2, g2.Progress.Stars["shed"])
}

// TestPartsBinChallenges: the first three challenges show no ids, take
// their parts from a shuffled bin or show their plans out of build order,
// and hold parts that do not belong, which cost time and say why.
func TestPartsBinChallenges(t *testing.T) {
	g, _ := newTestGame(t)
	d := driver{t, g}
	require.NoError(t, g.CreateProfile("ivy"))
	set, _ := g.Training()
	for _, l := range set.Levels[:3] {
		t.Run(l.ID, func(t *testing.T) {
			s, err := g.OpenChallenge(l.ID, true)
			require.NoError(t, err)
			d.step(Frame{})
			lay := s.layout(g)
			gr := l.Graph()
			var tiles, clickable []shape
			for _, sh := range lay.shapes {
				if !sh.ghost {
					clickable = append(clickable, sh)
				}
				if sh.tile {
					tiles = append(tiles, sh)
				}
			}
			if l.Design() == nil { // framing: every part is a bin tile, the drawing only shows what is built
				assert.Len(t, clickable, gr.Len()+len(l.Distractors()))
				var order []int
				for _, sh := range tiles {
					assert.NotContains(t, sh.label, gr.Tasks[min(sh.task, gr.Len()-1)].ID)
					if sh.task < gr.Len() {
						order = append(order, sh.task)
						assert.Equal(t, l.Part(sh.task), sh.label)
					}
				}
				assert.NotEqual(t, gr.Order(), order, "the bin is in build order")
			} else { // a house: unnumbered plans, not in build order
				assert.Len(t, tiles, len(l.Distractors()))
				assert.Equal(t, "Floor", lay.panels[0].title)
				assert.Equal(t, "Foundation", lay.panels[1].title)
			}

			// A part that does not belong: a mistake, the reason, set aside.
			dx := tiles[0]
			for _, sh := range tiles {
				if sh.task >= gr.Len() {
					dx = sh
				}
			}
			require.GreaterOrEqual(t, dx.task, gr.Len())
			dist := l.Distractors()[dx.task-gr.Len()]
			d.click(dx.x+dx.w/2, dx.y+dx.h/2)
			assert.Equal(t, 1, s.Session().Mistakes())
			assert.True(t, s.msgBad)
			assert.Contains(t, s.msg, dist.Reason)
			assert.True(t, s.Session().Aside(dist.ID))
			img := shot(t, g, "training-bin-"+l.ID)
			px, py := int(dx.x+dx.w-16), int(dx.y+dx.h/2)
			assert.True(t, near(img.At(px, py), colBad), "the stray part is struck through: %v", img.At(px, py))

			// The parts in a valid order, taking look-alikes from any tile.
			for _, i := range gr.Order() {
				d.pick(gr.Tasks[i].ID)
			}
			assert.Equal(t, training.Won, s.Session().Status())
			assert.Equal(t, 1, s.Session().Mistakes())
		})
	}
}
