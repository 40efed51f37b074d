package commons

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/training/profiles"
	"github.com/shopspring/decimal"
)

// ErrPackNotFound is returned (wrapped) for a pack hash the commons does
// not hold.
var ErrPackNotFound = fmt.Errorf("no such module pack in the commons: %w", designs.ErrPackNotFound)

// PackVersion is one published, immutable module pack: its id is the
// SHA-256 of the pack file's bytes (designs.PackHash).
type PackVersion struct {
	Hash        string       `json:"hash"`
	ID          string       `json:"id"` // the pack's own [pack] id
	Name        string       `json:"name"`
	Description string       `json:"description"`
	Author      string       `json:"author"` // the publishing profile
	Licence     string       `json:"license"`
	Published   time.Time    `json:"published_at"`
	Modules     []PackModule `json:"modules"`
	Size        int          `json:"size_bytes"`
}

// PackModule is one module of a published pack with its unit cost
// (materials, labour at the library's rate, machine time).
type PackModule struct {
	ID       string          `json:"id"`
	Name     string          `json:"name"`
	Category string          `json:"category"`
	Icon     string          `json:"icon"`
	Cost     decimal.Decimal `json:"unit_cost"`
}

// MarshalJSON writes the unit cost as dollars with cents.
func (m PackModule) MarshalJSON() ([]byte, error) {
	type plain PackModule
	return json.Marshal(struct {
		plain
		Cost string `json:"unit_cost"`
	}{plain(m), m.Cost.StringFixed(2)})
}

// PackStore keeps published module packs. Every method is one transaction.
type PackStore interface {
	// PutPack stores a pack version with its file. The file's SHA-256 must
	// equal v.Hash (ErrHash) and it must be at most MaxUpload bytes
	// (ErrTooLarge). A pack already stored is kept as first published:
	// PutPack returns the stored version and false.
	PutPack(ctx context.Context, v PackVersion, pack []byte) (PackVersion, bool, error)
	// GetPack returns a pack version and its file; ErrPackNotFound.
	GetPack(ctx context.Context, hash string) (PackVersion, []byte, error)
	// Packs returns the published packs, newest first, at most limit
	// (MaxResults when limit <= 0 or larger).
	Packs(ctx context.Context, limit int) ([]PackVersion, error)
}

// PublishPack parses and checks a module pack file with the module
// library's checks (designs.ParsePack) and stores it as authored by the
// profile author. It refuses, storing nothing: a file over MaxUpload; a
// pack that fails a check (ErrInvalid, each problem as file:line:column);
// a licence outside the allow-list (ErrLicence); an author who is not a
// profile (ErrAuthor). Publishing a pack already stored returns that
// version and false.
func (p *Publisher) PublishPack(ctx context.Context, file string, data []byte, author string) (PackVersion, bool, error) {
	if len(data) > MaxUpload {
		return PackVersion{}, false, fmt.Errorf("%w: %s is %d bytes, more than the %d a published pack may be", ErrTooLarge, file, len(data), MaxUpload)
	}
	if err := profiles.CheckName(author); err != nil {
		return PackVersion{}, false, fmt.Errorf("%w: %w", ErrAuthor, err)
	}
	pk, err := designs.ParsePack(file, data, p.Catalog)
	if err != nil {
		return PackVersion{}, false, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	if err := CheckLicence(pk.Info.License); err != nil {
		return PackVersion{}, false, fmt.Errorf("%s: %w", file, err)
	}
	if old, _, err := p.Store.GetPack(ctx, pk.Hash); err == nil {
		return old, false, nil
	}
	if _, err := p.Designer(ctx, author); err != nil {
		return PackVersion{}, false, fmt.Errorf("%w: %w", ErrAuthor, err)
	}
	now := time.Now
	if p.Now != nil {
		now = p.Now
	}
	v, err := DescribePack(p.Catalog, pk)
	if err != nil {
		return PackVersion{}, false, err
	}
	v.Author, v.Published = author, now().UTC().Truncate(time.Second)
	return p.Store.PutPack(ctx, v, data)
}

// DescribePack makes the version record of a checked pack (author and
// date unset): its modules with their unit costs at the library's rates.
func DescribePack(cat *designs.Catalog, pk *designs.Pack) (PackVersion, error) {
	ext, err := cat.WithPacks(pk)
	if err != nil {
		return PackVersion{}, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	v := PackVersion{Hash: pk.Hash, ID: pk.Info.ID, Name: pk.Info.Name, Description: pk.Info.Description,
		Licence: pk.Info.License, Size: len(pk.Data), Modules: []PackModule{}}
	for _, m := range pk.Modules {
		c := ext.ModuleCost(m, ext.Rates.LabourPerHour)
		v.Modules = append(v.Modules, PackModule{ID: m.ID, Name: m.Name, Category: m.Category, Icon: m.Icon, Cost: c.Total().Round(2)})
	}
	return v, nil
}

// StorePacks is a designs.PackSource over a commons store: designs that
// name packs by hash find the published ones.
type StorePacks struct {
	Ctx   context.Context
	Store PackStore
}

// PackData implements designs.PackSource.
func (s StorePacks) PackData(hash string) ([]byte, string, error) {
	ctx := s.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	_, data, err := s.Store.GetPack(ctx, hash)
	if errors.Is(err, ErrPackNotFound) {
		return nil, "commons", fmt.Errorf("%w in the commons", designs.ErrPackNotFound)
	}
	if err != nil {
		return nil, "commons", err
	}
	return data, "commons:" + hash, nil
}
