package game

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/opensourceecology/prodos/engine/training"
	"github.com/opensourceecology/prodos/levels"
	"github.com/opensourceecology/prodos/production/training/profiles"
)

// profileFile is where the game remembers the learner last chosen.
const profileFile = "profile.txt"

// profilesFile is where StoredProfiles keeps its JSON in the game's Store.
const profilesFile = "profiles.json"

// trainer is the Training Game's state in the game: the challenge levels
// and qualifications (from engine/training), the profiles store, and the
// learner playing now with a cached copy of their profile.
type trainer struct {
	set   *training.Set
	quals *training.Quals
	store profiles.Store
	where string // where the store keeps its data, for messages
	name  string // learner playing now; "" before one is chosen (guest)
	prof  *profiles.Profile
	err   error // why the training data could not be loaded
}

// UseProfiles sets the profiles store: SQLite on the desktop, StoredProfiles
// in the browser. where says where it keeps its data (shown to the player).
// Without a call the game keeps profiles in its own Store (StoredProfiles).
func (g *Game) UseProfiles(st profiles.Store, where string) {
	t := g.trainer()
	t.store, t.where = st, where
	t.remembered(g)
}

// remembered selects the learner last chosen on this computer, if the
// store has them (else the game starts with no learner chosen).
func (t *trainer) remembered(g *Game) {
	t.name, t.prof = "", nil
	if data, err := g.Store.Read(profileFile); err == nil {
		t.name = strings.TrimSpace(string(data))
		if t.reload() != nil {
			t.name = ""
		}
	}
	g.loadProgress()
}

// trainer loads the training data on first use.
func (g *Game) trainer() *trainer {
	if g.tr != nil {
		return g.tr
	}
	t := &trainer{}
	g.tr = t
	t.set, t.err = levels.Challenges(g.Cat)
	if t.err == nil {
		t.quals, t.err = levels.Qualifications(t.set)
	}
	if t.err != nil {
		g.Notify("Training levels could not be loaded: "+firstLine(t.err), true)
	}
	st, where, err := StoredProfiles(g.Store)
	if err != nil {
		g.Notify(err.Error(), true)
	}
	t.store, t.where = st, where
	t.remembered(g)
	return t
}

func (t *trainer) reload() error {
	if t.name == "" || t.store == nil {
		t.prof = nil
		return nil
	}
	p, err := t.store.Get(context.Background(), t.name)
	if err != nil {
		t.prof = nil
		return err
	}
	t.prof = p
	return nil
}

// held is the set of qualifications of the learner playing now (nil for a guest).
func (t *trainer) held() map[string]bool {
	if t.prof == nil {
		return nil
	}
	return t.prof.Holds()
}

// Training is the challenge levels and qualifications (nil when they could
// not be loaded; the game says why).
func (g *Game) Training() (*training.Set, *training.Quals) {
	t := g.trainer()
	return t.set, t.quals
}

// Profile is the learner playing now, or nil before one is chosen.
func (g *Game) Profile() *profiles.Profile { return g.trainer().prof }

// ProfileNames lists the learners in the store.
func (g *Game) ProfileNames() ([]string, error) {
	t := g.trainer()
	if t.store == nil {
		return nil, errors.New("no profiles store")
	}
	return t.store.List(context.Background())
}

// SelectProfile makes name the learner playing now and remembers it.
func (g *Game) SelectProfile(name string) error {
	t := g.trainer()
	if t.store == nil {
		return errors.New("no profiles store")
	}
	p, err := t.store.Get(context.Background(), name)
	if err != nil {
		return err
	}
	t.name, t.prof = name, p
	if err := g.Store.Write(profileFile, []byte(name+"\n")); err != nil {
		g.Notify("could not remember the learner: "+err.Error(), true)
	}
	g.loadProgress()
	return nil
}

// CreateProfile adds a learner and selects them.
func (g *Game) CreateProfile(name string) error {
	t := g.trainer()
	if t.store == nil {
		return errors.New("no profiles store")
	}
	if _, err := t.store.Create(context.Background(), name, time.Now()); err != nil {
		return err
	}
	return g.SelectProfile(name)
}

// Wall is the wall-clock time on the game's clock: the real time when the
// game runs on real time (Now), and in tests a time that moves with the
// frame count. Attempt ids are issued, and attempts timed and submitted, on it.
func (g *Game) Wall() time.Time {
	if g.wallBase.IsZero() {
		g.wallBase = time.Now().Add(-g.Clock())
	}
	return g.wallBase.Add(g.Clock())
}

// StartAttempt asks the profiles store for a one-time attempt id for the
// learner playing now, as a challenge's clock starts; the attempt's replay
// carries it (nil for a guest, whose attempts are not recorded, or when
// the store cannot issue one: the game says why).
func (g *Game) StartAttempt(challenge string) *training.Ticket {
	t := g.trainer()
	if t.err != nil || t.prof == nil || t.store == nil {
		return nil
	}
	tk, err := profiles.StartAttempt(context.Background(), t.store, t.set, t.name, challenge, g.Wall())
	if err != nil {
		g.Notify("This attempt cannot be recorded: "+firstLine(err), true)
		return nil
	}
	return &tk
}

// SubmitAttempt records an ended challenge attempt for the learner playing
// now the way `prodos profile submit` does: the replay is verified by
// re-simulating it and must be bound to an attempt id from StartAttempt,
// then it is recorded (self-attested), and every qualification it
// completes is awarded with the replay's hash as evidence. It returns the
// new awards.
func (g *Game) SubmitAttempt(replay []byte) ([]profiles.Award, error) {
	t := g.trainer()
	if t.err != nil {
		return nil, t.err
	}
	if t.prof == nil {
		return nil, errors.New("no learner chosen: the attempt is not recorded")
	}
	v, err := training.VerifyReplay("attempt", replay, t.set)
	if err != nil {
		return nil, fmt.Errorf("attempt: %w", err)
	}
	awards, err := profiles.Submit(context.Background(), t.store, t.quals, t.name, v, replay, g.Wall())
	if err != nil {
		return nil, err
	}
	if err := t.reload(); err != nil {
		return awards, err
	}
	return awards, nil
}

// StoredProfiles is a profiles store kept as JSON in the game's Store
// (localStorage in the browser): profiles.MemStore, loaded from
// profiles.json and written back after every change. A file that cannot
// be read is kept as it is and the game starts with an empty store in
// memory (the error says so).
func StoredProfiles(store Store) (profiles.Store, string, error) {
	where := store.Where(profilesFile)
	mem := profiles.NewMemStore()
	data, err := store.Read(profilesFile)
	switch {
	case errors.Is(err, ErrNotSaved):
	case err != nil:
		return mem, "memory", fmt.Errorf("could not read the learners' profiles (%v); they are kept in memory until the game closes", err)
	default:
		loaded, err := profiles.LoadMemStore(data)
		if err != nil {
			return mem, "memory", fmt.Errorf("%s could not be read (%v); the file is kept and profiles last until the game closes", where, err)
		}
		mem = loaded
	}
	mem.OnChange = func(data []byte) error { return store.Write(profilesFile, data) }
	return mem, where, nil
}

// OpenScene puts the game in a scene now (screenshots and tours).
func (g *Game) OpenScene(s Scene) error {
	g.scene, g.next = s, nil
	return nil
}
