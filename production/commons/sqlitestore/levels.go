//go:build !js

package sqlitestore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/opensourceecology/prodos/production/commons"
)

const levelCols = "hash, level_id, title, author, license, rules, width, height, budget, objectives, published_at, length(level)"

// PutLevel stores a level version in one transaction (see
// commons.LevelStore).
func (s *DB) PutLevel(ctx context.Context, v commons.LevelVersion, file []byte) (commons.LevelVersion, bool, error) {
	if len(file) > commons.MaxUpload {
		return commons.LevelVersion{}, false, fmt.Errorf("%w: %d bytes, more than %d", commons.ErrTooLarge, len(file), commons.MaxUpload)
	}
	if got := commons.Hash(file); got != v.Hash {
		return commons.LevelVersion{}, false, fmt.Errorf("%w: level %s, file %s", commons.ErrHash, v.Hash, got)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return commons.LevelVersion{}, false, fmt.Errorf("commons: %w", err)
	}
	defer tx.Rollback()
	if old, err := getLevel(ctx, tx, v.Hash); err == nil {
		return old, false, nil
	} else if !errors.Is(err, commons.ErrLevelNotFound) {
		return commons.LevelVersion{}, false, err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO commons_levels (hash, level_id, title, author, license, rules, width, height, budget, objectives, published_at, level)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		v.Hash, v.ID, v.Title, v.Author, v.Licence, v.Rules, v.Width, v.Height, v.Budget, v.Goals, v.Published.UTC().Format(timeFormat), file)
	if err != nil {
		return commons.LevelVersion{}, false, fmt.Errorf("commons: store level %s: %w", v.Hash, err)
	}
	stored, err := getLevel(ctx, tx, v.Hash)
	if err != nil {
		return commons.LevelVersion{}, false, err
	}
	if err := tx.Commit(); err != nil {
		return commons.LevelVersion{}, false, fmt.Errorf("commons: store level %s: %w", v.Hash, err)
	}
	return stored, true, nil
}

func getLevel(ctx context.Context, q querier, hash string) (commons.LevelVersion, error) {
	vs, err := queryLevels(ctx, q, "SELECT "+levelCols+" FROM commons_levels WHERE hash = ?", hash)
	if err != nil {
		return commons.LevelVersion{}, err
	}
	if len(vs) == 0 {
		return commons.LevelVersion{}, fmt.Errorf("%w: %s", commons.ErrLevelNotFound, hash)
	}
	return vs[0], nil
}

// GetLevel returns a level version and its file (immutable rows: no
// transaction needed).
func (s *DB) GetLevel(ctx context.Context, hash string) (commons.LevelVersion, []byte, error) {
	v, err := getLevel(ctx, s.db, hash)
	if err != nil {
		return v, nil, err
	}
	var file []byte
	if err := s.db.QueryRowContext(ctx, "SELECT level FROM commons_levels WHERE hash = ?", hash).Scan(&file); err != nil {
		return commons.LevelVersion{}, nil, fmt.Errorf("commons: read level %s: %w", hash, err)
	}
	return v, file, nil
}

// Levels returns the published levels, newest first.
func (s *DB) Levels(ctx context.Context, limit int) ([]commons.LevelVersion, error) {
	if limit <= 0 || limit > commons.MaxResults {
		limit = commons.MaxResults
	}
	return queryLevels(ctx, s.db, "SELECT "+levelCols+" FROM commons_levels ORDER BY published_at DESC, hash LIMIT ?", limit)
}

func queryLevels(ctx context.Context, q querier, sqlText string, args ...any) ([]commons.LevelVersion, error) {
	rows, err := q.QueryContext(ctx, sqlText, args...)
	if err != nil {
		return nil, fmt.Errorf("commons: %w", err)
	}
	defer rows.Close()
	var out []commons.LevelVersion
	for rows.Next() {
		var v commons.LevelVersion
		var published string
		if err := rows.Scan(&v.Hash, &v.ID, &v.Title, &v.Author, &v.Licence, &v.Rules, &v.Width, &v.Height, &v.Budget, &v.Goals, &published, &v.Size); err != nil {
			return nil, fmt.Errorf("commons: %w", err)
		}
		if v.Published, err = time.Parse(timeFormat, published); err != nil {
			return nil, fmt.Errorf("commons: level %s: published_at %q: %w", v.Hash, published, err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
