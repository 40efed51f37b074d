// Package attempts scores submitted attempts by re-simulating their replays
// with the same code the game runs (design levels and training challenges)
// and awards the qualifications verified results earn. The classroom server
// (`prodos serve`) uses it; it imports neither SQLite nor ebiten, so the
// browser game can use it too.
package attempts

import (
	"bytes"
	"context"
	"fmt"
	"sync"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine"
	"github.com/opensourceecology/prodos/engine/training"
	"github.com/opensourceecology/prodos/levels"
	"github.com/opensourceecology/prodos/production/classroom"
	"github.com/opensourceecology/prodos/production/classroom/submission"
	"github.com/opensourceecology/prodos/production/manufacturing/nesting"
	"github.com/shopspring/decimal"
)

var (
	challengeOnce sync.Once
	challengeSet  *training.Set
	challengeQual *training.Quals
	challengeErr  error
)

// Challenges loads the embedded challenge levels and qualifications once.
func Challenges() (*training.Set, *training.Quals, error) {
	challengeOnce.Do(func() {
		cat, err := designs.DefaultCatalog()
		if err != nil {
			challengeErr = err
			return
		}
		if challengeSet, challengeErr = levels.Challenges(cat); challengeErr != nil {
			return
		}
		challengeQual, challengeErr = levels.Qualifications(challengeSet)
	})
	return challengeSet, challengeQual, challengeErr
}

// Verify re-simulates a submitted replay with the verifier of its kind
// (classroom.KindLevel or classroom.KindChallenge).
var Verify = classroom.VerifierFunc(func(ctx context.Context, kind, level string, replay []byte) (classroom.Verified, error) {
	switch kind {
	case classroom.KindLevel:
		return VerifyDesignLevel(ctx, level, replay)
	case classroom.KindChallenge:
		return VerifyChallenge(ctx, level, replay)
	}
	return classroom.Verified{}, fmt.Errorf("this server cannot verify %s replays", kind)
})

// VerifyChallenge re-simulates a training challenge replay and checks that it
// is a replay of the level it was submitted for.
func VerifyChallenge(ctx context.Context, level string, replay []byte) (classroom.Verified, error) {
	set, _, err := Challenges()
	if err != nil {
		return classroom.Verified{}, err
	}
	if n := bytes.Count(replay, []byte("\n")); n > engine.MaxReplayCommands+10 {
		return classroom.Verified{}, fmt.Errorf("the replay has %d lines, more than the %d a replay may have", n, engine.MaxReplayCommands+10)
	}
	if err := ctx.Err(); err != nil {
		return classroom.Verified{}, err
	}
	v, err := training.VerifyReplay("replay", replay, set)
	if err != nil {
		return classroom.Verified{}, err
	}
	if v.Level.ID != level {
		return classroom.Verified{}, fmt.Errorf("the replay is of challenge %q, not %q", v.Level.ID, level)
	}
	if v.Wall < 0 {
		return classroom.Verified{}, fmt.Errorf("the replay does not say how long the attempt took in real time (no wall line): play it again in this server's game")
	}
	return classroom.Verified{Score: v.Result.Score, Stars: v.Result.Stars, Passed: v.Result.Passed,
		Ticks: v.Result.Tick, Mistakes: v.Result.Mistakes, Attempt: v.Attempt, Demo: v.Demo}, nil
}

// AwardQualifications gives the qualifications a learner's verified results
// earn: best passed challenge scores so far plus this one, against the rules
// in levels/qualifications.toml (the rule is training.Quals.Award). Qualifications already held are not repeated.
func AwardQualifications(p classroom.Progress, v classroom.Verified) []string {
	_, quals, err := Challenges()
	if err != nil {
		return nil
	}
	var results []training.Scored
	for level, score := range p.Best[classroom.KindChallenge] {
		results = append(results, training.Scored{Challenge: level, Score: score, Passed: true})
	}
	if v.Kind == classroom.KindChallenge {
		results = append(results, training.Scored{Challenge: v.Level, Score: v.Score, Passed: v.Passed})
	}
	have := map[string]bool{}
	for q := range p.Held {
		have[q] = true
	}
	return quals.Award(results, have)
}

// VerifyDesignLevel replays a design-level session log on a fresh engine
// built from the level, then scores the resulting design: stars from the
// level's objectives, cost from the engine, labour minutes from the module
// data and sheet waste from nesting its sheet parts.
func VerifyDesignLevel(ctx context.Context, level string, replay []byte) (classroom.Verified, error) {
	cat, err := designs.DefaultCatalog()
	if err != nil {
		return classroom.Verified{}, err
	}
	cmds, err := submission.LevelCommands(level, replay)
	if err != nil {
		return classroom.Verified{}, err
	}
	lvl, err := levels.DesignLevel(level)
	if err != nil {
		return classroom.Verified{}, err
	}
	return verifyLevel(ctx, cat, lvl, cmds)
}

// VerifyLevel is VerifyDesignLevel for a level given as data (a level
// published in the commons): the replay must be of the level's id.
func VerifyLevel(ctx context.Context, lvl *engine.Level, replay []byte) (classroom.Verified, error) {
	cat, err := designs.DefaultCatalog()
	if err != nil {
		return classroom.Verified{}, err
	}
	cmds, err := submission.LevelCommands(lvl.ID, replay)
	if err != nil {
		return classroom.Verified{}, err
	}
	return verifyLevel(ctx, cat, lvl, cmds)
}

func verifyLevel(ctx context.Context, cat *designs.Catalog, lvl *engine.Level, cmds []engine.Command) (classroom.Verified, error) {
	e, err := engine.FromLevel(lvl, cat)
	if err != nil {
		return classroom.Verified{}, err
	}
	if err := e.ReplayContext(ctx, cmds); err != nil {
		return classroom.Verified{}, err
	}
	if err := ctx.Err(); err != nil {
		return classroom.Verified{}, err
	}
	score := e.Evaluate(lvl)
	d := e.Design()
	var minutes decimal.Decimal
	for _, p := range d.Placements {
		build, install := cat.LabourMinutes(cat.Modules[p.Module])
		minutes = minutes.Add(build).Add(install)
	}
	var waste decimal.Decimal
	shops, err := designs.DefaultShops()
	if err != nil {
		return classroom.Verified{}, err
	}
	if layout, err := nesting.NestDesign(d, cat, shops[designs.DefaultShopID].Kerf); err == nil && layout.SheetCount() > 0 {
		waste = decimal.NewFromFloat(100 * (1 - layout.Utilisation())).Round(1)
	}
	return classroom.Verified{Score: 1000 * score.Stars, Stars: score.Stars, Passed: score.Complete,
		Cost: score.Cost, LabourMinutes: minutes, SheetWastePct: waste}, nil
}

// LevelName names a design level or training challenge for the classroom
// dashboard: the level's title, or "Challenge N: Title"; "" for an unknown id.
func LevelName(id string) string {
	if l, err := levels.DesignLevel(id); err == nil {
		return l.Title
	}
	if set, _, err := Challenges(); err == nil {
		if l := set.Level(id); l != nil {
			return fmt.Sprintf("Challenge %d: %s", l.Number, l.Title)
		}
	}
	return ""
}

// IsChallenge reports whether id is a training challenge (the classroom
// issues attempt ids only for those).
func IsChallenge(id string) bool {
	set, _, err := Challenges()
	return err == nil && set.Level(id) != nil
}
