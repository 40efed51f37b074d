package commons

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine"
	"github.com/opensourceecology/prodos/levels"
	"github.com/opensourceecology/prodos/production/training/profiles"
	"github.com/shopspring/decimal"
)

// ErrLevelNotFound is returned (wrapped) for a level hash the commons does
// not hold.
var ErrLevelNotFound = errors.New("no such level in the commons")

// LevelVersion is one published, immutable design level: its id is the
// SHA-256 of the level file's bytes as published (a level file has no
// canonical form; the bytes the facilitator wrote are what a class plays).
type LevelVersion struct {
	Hash    string `json:"hash"`
	ID      string `json:"id"` // the level's own id
	Title   string `json:"title"`
	Author  string `json:"author"` // the publishing profile
	Licence string `json:"license"`
	// Rules is the rule set the level plays under.
	Rules     string    `json:"rules"`
	Width     int       `json:"width"`  // site size, cells
	Height    int       `json:"height"` // site size, cells
	Budget    string    `json:"budget"` // the lowest "cost" max of its objectives, dollars; "" when none
	Goals     int       `json:"objectives"`
	Published time.Time `json:"published_at"`
	Size      int       `json:"size_bytes"`
}

// LevelStore keeps published levels. Every method is one transaction.
type LevelStore interface {
	// PutLevel stores a level version with its file. The file's SHA-256
	// must equal v.Hash (ErrHash) and it must be at most MaxUpload bytes
	// (ErrTooLarge). A level already stored is kept as first published:
	// PutLevel returns the stored version and false.
	PutLevel(ctx context.Context, v LevelVersion, file []byte) (LevelVersion, bool, error)
	// GetLevel returns a level version and its file; ErrLevelNotFound.
	GetLevel(ctx context.Context, hash string) (LevelVersion, []byte, error)
	// Levels returns the published levels, newest first, at most limit
	// (MaxResults when limit <= 0 or larger).
	Levels(ctx context.Context, limit int) ([]LevelVersion, error)
}

// PublishLevel parses and checks a level file (levels.Parse: the module
// library, the rule sets, goals and metrics) and stores it as authored by
// the profile author. It refuses, storing nothing: a file over
// levels.MaxLevelFile (ErrTooLarge); a level that fails a check
// (ErrInvalid, each problem as file:line:column); a licence outside the
// allow-list (ErrLicence); an author who is not a profile (ErrAuthor).
// Publishing a level already stored returns that version and false.
func (p *Publisher) PublishLevel(ctx context.Context, file string, data []byte, author string) (LevelVersion, bool, error) {
	if len(data) > levels.MaxLevelFile {
		return LevelVersion{}, false, fmt.Errorf("%w: %s is %d bytes, more than the %d a level may be", ErrTooLarge, file, len(data), levels.MaxLevelFile)
	}
	if err := profiles.CheckName(author); err != nil {
		return LevelVersion{}, false, fmt.Errorf("%w: %w", ErrAuthor, err)
	}
	l, err := levels.Parse(file, data)
	if err != nil {
		return LevelVersion{}, false, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	v := DescribeLevel(l, data)
	if err := CheckLicence(v.Licence); err != nil {
		return LevelVersion{}, false, fmt.Errorf("%s: %w", file, err)
	}
	if old, _, err := p.Store.GetLevel(ctx, v.Hash); err == nil {
		return old, false, nil
	}
	if _, err := p.Designer(ctx, author); err != nil {
		return LevelVersion{}, false, fmt.Errorf("%w: %w", ErrAuthor, err)
	}
	now := time.Now
	if p.Now != nil {
		now = p.Now
	}
	v.Author, v.Published = author, now().UTC().Truncate(time.Second)
	return p.Store.PutLevel(ctx, v, data)
}

// DescribeLevel makes the version record of a checked level (author and
// date unset). A level without a licence is shared under
// designs.DefaultLicense.
func DescribeLevel(l *engine.Level, data []byte) LevelVersion {
	lic := l.License
	if lic == "" {
		lic = designs.DefaultLicense
	}
	v := LevelVersion{Hash: Hash(data), ID: l.ID, Title: l.Title, Licence: lic, Rules: l.RulesID,
		Width: l.Grid.Width, Height: l.Grid.Height, Goals: len(l.Objectives), Size: len(data)}
	var budget *decimal.Decimal
	for _, g := range l.Objectives {
		if g.Metric == "cost" && g.Max != nil && (budget == nil || g.Max.LessThan(*budget)) {
			budget = g.Max
		}
	}
	if budget != nil {
		v.Budget = budget.StringFixed(2)
	}
	return v
}
