// Command housegame is the House Design Game (desktop and WebAssembly).
//
//	housegame                                   play
//	housegame --screenshot FILE --level ID [--design FILE] [--packs DIR] [--frames N]
//	housegame --bench-frames N --design FILE [--view iso] [--rotate N] [--cutaway]
//	housegame --screenshot FILE --level ID --view iso [--rotate N] [--cutaway]
//	housegame --screenshot FILE --level CHALLENGE|training|profiles [--profile NAME]
//	housegame --level ID [--profile NAME] [--unlock-all]
//	housegame --commons URL [--scene commons] [--screenshot FILE]
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

// options are the command's flags.
type options struct {
	shot, level, designFile, learner string
	packs                            string
	commons, view                    string
	frames, bench, rotate            int
	unlockAll, cutaway               bool
}

// measuring reports whether the run only measures (a screenshot or a
// benchmark) rather than plays.
func (o options) measuring() bool { return o.shot != "" || o.bench > 0 }

func run(args []string, stdout, stderr io.Writer) int {
	o, code := parseFlags(args, stderr)
	if code >= 0 {
		return code
	}
	g, d, closeProfiles, code := newGame(o, stderr)
	if code >= 0 {
		return code
	}
	defer closeProfiles()
	g.UnlockAll = o.unlockAll
	ebiten.SetWindowSize(game.BaseWidth, game.BaseHeight)
	ebiten.SetWindowTitle("House Design Game - Production OS")
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	if o.shot == "" {
		// Frames with nothing new are not drawn again (see game.SkipUnchangedFrames).
		game.SkipUnchangedFrames = true
		ebiten.SetScreenClearedEveryFrame(false)
	}
	var stats game.BenchStats
	shotErr, code := startMode(g, d, o, &stats, stderr)
	if code >= 0 {
		return code
	}
	if !o.measuring() {
		listenForLevels(g) // the page's Play button of a class assignment
	}
	if err := ebiten.RunGame(g); err != nil && !errors.Is(err, game.ErrQuit) {
		fmt.Fprintln(stderr, "housegame:", err)
		return 1
	}
	if shotErr != nil && *shotErr != nil {
		fmt.Fprintln(stderr, "housegame:", *shotErr)
		return 1
	}
	if o.bench > 0 {
		stats.Print(stdout)
	}
	return 0
}

// parseFlags reads the flags; code is the exit code to stop with, or -1 to
// go on.
func parseFlags(args []string, stderr io.Writer) (o options, code int) {
	fs := flag.NewFlagSet("housegame", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.shot, "screenshot", "", "render a level to this PNG file and exit")
	fs.StringVar(&o.level, "level", "", "level id for --screenshot: a design level (shed, cabin, ..., sandbox), a challenge (c01-groundwork, ...), levels, training or profiles")
	fs.StringVar(&o.designFile, "design", "", "design file to load into the level (--screenshot) or to draw (--bench-frames)")
	fs.IntVar(&o.frames, "frames", 3, "frames to run before the screenshot")
	fs.IntVar(&o.bench, "bench-frames", 0, "run this many frames of --design and print frame times and draw calls")
	fs.StringVar(&o.learner, "profile", "", "learner to train as (created if missing; with --screenshot, in memory only)")
	fs.StringVar(&o.packs, "packs", "", "folder of module packs: every pack in it joins the palette, and a --design's packs are looked up there first (then in the packs folder of the data directory)")
	fs.StringVar(&o.commons, "commons", "", "open design commons server (a prodos serve address) the Commons scene browses and Publish publishes to")
	fs.StringVar(&o.level, "scene", "", "scene to start on, as --level: commons, levels, training, profiles")
	fs.StringVar(&o.view, "view", "plan", "design view to screenshot or benchmark: plan or iso (the isometric view)")
	fs.IntVar(&o.rotate, "rotate", 0, "with --view iso: quarter turns of the view, 0 to 3")
	fs.BoolVar(&o.cutaway, "cutaway", false, "with --view iso: cut away the roof and the near walls")
	fs.BoolVar(&o.unlockAll, "unlock-all", false, "facilitators: open every design level and training challenge, whatever the learner has earned")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return o, 0
		}
		return o, 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "housegame: unexpected argument %q\n", fs.Arg(0))
		return o, 2
	}
	if o.view != "plan" && o.view != "iso" {
		fmt.Fprintf(stderr, "housegame: --view %q: want plan or iso\n", o.view)
		return o, 2
	}
	if o.rotate < 0 || o.rotate > 3 {
		fmt.Fprintf(stderr, "housegame: --rotate %d: want 0, 1, 2 or 3 quarter turns\n", o.rotate)
		return o, 2
	}
	return o, -1
}

// newGame loads the catalog and the --design file, opens the saves and the
// learners' profiles and selects --profile; code is the exit code to stop
// with, or -1 to go on, and closeProfiles closes the profile store.
func newGame(o options, stderr io.Writer) (g *game.Game, d *designs.Design, closeProfiles func(), code int) {
	cat, err := designs.DefaultCatalog()
	if err != nil {
		fmt.Fprintln(stderr, "housegame:", err)
		return nil, nil, nil, 1
	}
	if cat, d, err = loadPacks(cat, o.packs, o.designFile, stderr); err != nil {
		fmt.Fprintln(stderr, "housegame:", err)
		return nil, nil, nil, 2
	}
	store, serr := game.DefaultStore()
	if o.measuring() {
		store = game.MemStore{} // a measurement never reads or changes the player's saves
		serr = nil
	}
	g, err = game.New(cat, store)
	if err != nil {
		fmt.Fprintln(stderr, "housegame:", err)
		return nil, nil, nil, 1
	}
	if serr != nil {
		g.Notify(serr.Error(), true)
	}
	if err := commonsFlag(g, o.commons); err != nil {
		fmt.Fprintln(stderr, "housegame:", err)
		return nil, nil, nil, 2
	}
	pst, where, perr := openProfiles(store, o.measuring())
	if perr != nil {
		g.Notify("learners' profiles: "+perr.Error()+"; kept in memory until the game closes", true)
	}
	g.UseProfiles(pst, where)
	closeProfiles = func() { pst.Close() }
	if o.learner != "" {
		if err := g.SelectProfile(o.learner); err != nil {
			if err := g.CreateProfile(o.learner); err != nil {
				fmt.Fprintln(stderr, "housegame: --profile:", err)
				closeProfiles()
				return nil, nil, nil, 2
			}
		}
	}
	return g, d, closeProfiles, -1
}

// startMode sets the game up for a benchmark, a screenshot or a level to
// open; code is the exit code to stop with, or -1 to go on, and shotErr is
// where a screenshot's error is reported.
func startMode(g *game.Game, d *designs.Design, o options, stats *game.BenchStats, stderr io.Writer) (shotErr *error, code int) {
	switch {
	case o.bench > 0:
		if d == nil {
			fmt.Fprintln(stderr, "housegame: --bench-frames needs --design FILE")
			return nil, 2
		}
		if _, err := g.OpenLevel("sandbox", d); err != nil {
			fmt.Fprintln(stderr, "housegame:", err)
			return nil, 2
		}
		ebiten.SetVsyncEnabled(false)
		ebiten.SetTPS(ebiten.SyncWithFPS)
		setView(g, o)
		g.BenchMode(o.bench, stats)
	case o.shot != "":
		if o.level == "" {
			fmt.Fprintln(stderr, "housegame: --screenshot needs --level ID")
			return nil, 2
		}
		if o.frames < 1 {
			fmt.Fprintln(stderr, "housegame: --frames must be at least 1")
			return nil, 2
		}
		if err := openScene(g, o.level, d, true); err != nil {
			fmt.Fprintln(stderr, "housegame:", err)
			return nil, 2
		}
		setView(g, o)
		shotErr = g.ScreenshotMode(o.shot, o.frames)
	case o.level != "":
		if why := g.OpenLock(o.level); why != "" {
			fmt.Fprintf(stderr, "housegame: %s\n(a facilitator can open every level with --unlock-all)\n", why)
			return nil, 2
		}
		if err := openScene(g, o.level, d, false); err != nil {
			fmt.Fprintln(stderr, "housegame:", err)
			return nil, 2
		}
	}
	return shotErr, -1
}

// setView shows the isometric view for --view iso, turned and cut away as
// asked.
func setView(g *game.Game, o options) {
	if s, ok := g.Scene().(*game.DesignScene); ok {
		s.SetIsoView(o.view == "iso", o.rotate, o.cutaway)
	}
}

// openScene opens a design level, a training challenge (its briefing), the
// level select ("levels"), the challenge list ("training") or the learner
// picker ("profiles") or the open design commons ("commons").
func openScene(g *game.Game, id string, d *designs.Design, measuring bool) error {
	switch {
	case id == "commons":
		return openCommons(g, measuring)
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
			err = fmt.Errorf("%w; challenges: %v; or levels, training, profiles, commons", err, ids)
		}
	}
	return err
}
