// Command housegame is the House Design Game (desktop and WebAssembly).
//
//	housegame                                   play
//	housegame --screenshot FILE --level ID [--design FILE] [--frames N]
//	housegame --bench-frames N --design FILE
//	housegame --screenshot FILE --level CHALLENGE|training|profiles [--profile NAME]
//	housegame --level ID [--profile NAME] [--unlock-all]
//
// --level opens a level or challenge only when the learner (or a guest)
// has unlocked it; --unlock-all, for facilitators, opens every one.
// Screenshots and benchmarks do not play, so they open any level.
//
// Exit codes: 0 ok, 1 the game failed, 2 bad usage or a bad input file.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/game"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("housegame", flag.ContinueOnError)
	fs.SetOutput(stderr)
	shot := fs.String("screenshot", "", "render a level to this PNG file and exit")
	level := fs.String("level", "", "level id for --screenshot: a design level (shed, cabin, ..., sandbox), a challenge (c01-groundwork, ...), levels, training or profiles")
	designFile := fs.String("design", "", "design file to load into the level (--screenshot) or to draw (--bench-frames)")
	frames := fs.Int("frames", 3, "frames to run before the screenshot")
	bench := fs.Int("bench-frames", 0, "run this many frames of --design and print frame times and draw calls")
	learner := fs.String("profile", "", "learner to train as (created if missing; with --screenshot, in memory only)")
	unlockAll := fs.Bool("unlock-all", false, "facilitators: open every design level and training challenge, whatever the learner has earned")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "housegame: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	cat, err := designs.DefaultCatalog()
	if err != nil {
		fmt.Fprintln(stderr, "housegame:", err)
		return 1
	}
	var d *designs.Design
	if *designFile != "" {
		if d, err = designs.LoadDesign(*designFile, cat); err != nil {
			fmt.Fprintln(stderr, "housegame:", err)
			return 2
		}
	}
	store, serr := game.DefaultStore()
	if *shot != "" || *bench > 0 {
		store = game.MemStore{} // a measurement never reads or changes the player's saves
		serr = nil
	}
	g, err := game.New(cat, store)
	if err != nil {
		fmt.Fprintln(stderr, "housegame:", err)
		return 1
	}
	if serr != nil {
		g.Notify(serr.Error(), true)
	}
	pst, where, perr := openProfiles(store, *shot != "" || *bench > 0)
	if perr != nil {
		g.Notify("learners' profiles: "+perr.Error()+"; kept in memory until the game closes", true)
	}
	g.UseProfiles(pst, where)
	defer pst.Close()
	if *learner != "" {
		if err := g.SelectProfile(*learner); err != nil {
			if err := g.CreateProfile(*learner); err != nil {
				fmt.Fprintln(stderr, "housegame: --profile:", err)
				return 2
			}
		}
	}
	g.UnlockAll = *unlockAll
	ebiten.SetWindowSize(game.BaseWidth, game.BaseHeight)
	ebiten.SetWindowTitle("House Design Game - Production OS")
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	if *shot == "" {
		// Frames with nothing new are not drawn again (see game.SkipUnchangedFrames).
		game.SkipUnchangedFrames = true
		ebiten.SetScreenClearedEveryFrame(false)
	}
	var shotErr *error
	var stats game.BenchStats
	switch {
	case *bench > 0:
		if d == nil {
			fmt.Fprintln(stderr, "housegame: --bench-frames needs --design FILE")
			return 2
		}
		if _, err := g.OpenLevel("sandbox", d); err != nil {
			fmt.Fprintln(stderr, "housegame:", err)
			return 2
		}
		ebiten.SetVsyncEnabled(false)
		ebiten.SetTPS(ebiten.SyncWithFPS)
		g.BenchMode(*bench, &stats)
	case *shot != "":
		if *level == "" {
			fmt.Fprintln(stderr, "housegame: --screenshot needs --level ID")
			return 2
		}
		if *frames < 1 {
			fmt.Fprintln(stderr, "housegame: --frames must be at least 1")
			return 2
		}
		if err := openScene(g, *level, d); err != nil {
			fmt.Fprintln(stderr, "housegame:", err)
			return 2
		}
		shotErr = g.ScreenshotMode(*shot, *frames)
	case *level != "":
		if why := g.OpenLock(*level); why != "" {
			fmt.Fprintf(stderr, "housegame: %s\n(a facilitator can open every level with --unlock-all)\n", why)
			return 2
		}
		if err := openScene(g, *level, d); err != nil {
			fmt.Fprintln(stderr, "housegame:", err)
			return 2
		}
	}
	if err := ebiten.RunGame(g); err != nil && !errors.Is(err, game.ErrQuit) {
		fmt.Fprintln(stderr, "housegame:", err)
		return 1
	}
	if shotErr != nil && *shotErr != nil {
		fmt.Fprintln(stderr, "housegame:", *shotErr)
		return 1
	}
	if *bench > 0 {
		stats.Print(stdout)
	}
	return 0
}

// openScene opens a design level, a training challenge (its briefing), the
// level select ("levels"), the challenge list ("training") or the learner
// picker ("profiles").
func openScene(g *game.Game, id string, d *designs.Design) error {
	switch {
	case id == "training":
		return g.OpenScene(&game.ChallengeSelectScene{})
	case id == "profiles":
		return g.OpenScene(&game.ProfileScene{})
	case id == "levels":
		return g.OpenScene(&game.SelectScene{})
	case game.LevelByID(g.Levels, id) == nil:
		if set, _ := g.Training(); set != nil && set.Level(id) != nil {
			_, err := g.OpenChallenge(id, false)
			return err
		}
	}
	_, err := g.OpenLevel(id, d)
	if err != nil && game.LevelByID(g.Levels, id) == nil {
		if set, _ := g.Training(); set != nil {
			var ids []string
			for _, l := range set.Levels {
				ids = append(ids, l.ID)
			}
			err = fmt.Errorf("%w; challenges: %v; or levels, training, profiles", err, ids)
		}
	}
	return err
}
