//go:build !js

package sqlitestore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/opensourceecology/prodos/production/commons"
)

const packCols = "hash, pack_id, name, description, author, license, published_at, modules, length(pack)"

// PutPack stores a pack version in one transaction (see commons.PackStore).
func (s *DB) PutPack(ctx context.Context, v commons.PackVersion, pack []byte) (commons.PackVersion, bool, error) {
	if len(pack) > commons.MaxUpload {
		return commons.PackVersion{}, false, fmt.Errorf("%w: %d bytes, more than %d", commons.ErrTooLarge, len(pack), commons.MaxUpload)
	}
	if got := commons.Hash(pack); got != v.Hash {
		return commons.PackVersion{}, false, fmt.Errorf("%w: pack %s, file %s", commons.ErrHash, v.Hash, got)
	}
	mods, err := json.Marshal(append([]commons.PackModule{}, v.Modules...))
	if err != nil {
		return commons.PackVersion{}, false, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return commons.PackVersion{}, false, fmt.Errorf("commons: %w", err)
	}
	defer tx.Rollback()
	if old, err := getPack(ctx, tx, v.Hash); err == nil {
		return old, false, nil
	} else if !errors.Is(err, commons.ErrPackNotFound) {
		return commons.PackVersion{}, false, err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO commons_packs (hash, pack_id, name, description, author, license, published_at, modules, pack)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		v.Hash, v.ID, v.Name, v.Description, v.Author, v.Licence, v.Published.UTC().Format(timeFormat), string(mods), pack)
	if err != nil {
		return commons.PackVersion{}, false, fmt.Errorf("commons: store pack %s: %w", v.Hash, err)
	}
	stored, err := getPack(ctx, tx, v.Hash)
	if err != nil {
		return commons.PackVersion{}, false, err
	}
	if err := tx.Commit(); err != nil {
		return commons.PackVersion{}, false, fmt.Errorf("commons: store pack %s: %w", v.Hash, err)
	}
	return stored, true, nil
}

func getPack(ctx context.Context, q querier, hash string) (commons.PackVersion, error) {
	vs, err := queryPacks(ctx, q, "SELECT "+packCols+" FROM commons_packs WHERE hash = ?", hash)
	if err != nil {
		return commons.PackVersion{}, err
	}
	if len(vs) == 0 {
		return commons.PackVersion{}, fmt.Errorf("%w: %s", commons.ErrPackNotFound, hash)
	}
	return vs[0], nil
}

// GetPack returns a pack version and its file (immutable rows: no
// transaction needed).
func (s *DB) GetPack(ctx context.Context, hash string) (commons.PackVersion, []byte, error) {
	v, err := getPack(ctx, s.db, hash)
	if err != nil {
		return v, nil, err
	}
	var pack []byte
	if err := s.db.QueryRowContext(ctx, "SELECT pack FROM commons_packs WHERE hash = ?", hash).Scan(&pack); err != nil {
		return commons.PackVersion{}, nil, fmt.Errorf("commons: read pack %s: %w", hash, err)
	}
	return v, pack, nil
}

// Packs returns the published packs, newest first.
func (s *DB) Packs(ctx context.Context, limit int) ([]commons.PackVersion, error) {
	if limit <= 0 || limit > commons.MaxResults {
		limit = commons.MaxResults
	}
	return queryPacks(ctx, s.db, "SELECT "+packCols+" FROM commons_packs ORDER BY published_at DESC, hash LIMIT ?", limit)
}

func queryPacks(ctx context.Context, q querier, sqlText string, args ...any) ([]commons.PackVersion, error) {
	rows, err := q.QueryContext(ctx, sqlText, args...)
	if err != nil {
		return nil, fmt.Errorf("commons: %w", err)
	}
	defer rows.Close()
	var out []commons.PackVersion
	for rows.Next() {
		var v commons.PackVersion
		var published, mods string
		if err := rows.Scan(&v.Hash, &v.ID, &v.Name, &v.Description, &v.Author, &v.Licence, &published, &mods, &v.Size); err != nil {
			return nil, fmt.Errorf("commons: %w", err)
		}
		if v.Published, err = time.Parse(timeFormat, published); err != nil {
			return nil, fmt.Errorf("commons: pack %s: published_at %q: %w", v.Hash, published, err)
		}
		if err := json.Unmarshal([]byte(mods), &v.Modules); err != nil {
			return nil, fmt.Errorf("commons: pack %s: modules: %w", v.Hash, err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
