//go:build !js

package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/opensourceecology/prodos/production/training/profiles"
)

var _ profiles.CredentialStore = (*Store)(nil)

// AddCredential implements profiles.CredentialStore.
func (s *Store) AddCredential(ctx context.Context, c profiles.Credential, limit int) (profiles.Credential, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return c, err
	}
	defer tx.Rollback()
	var last int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(status_index), 0) FROM credentials`).Scan(&last); err != nil {
		return c, err
	}
	if last+1 >= limit {
		return c, fmt.Errorf("%w: %d badges issued", profiles.ErrListFull, last)
	}
	c.Index = last + 1
	if _, err := tx.ExecContext(ctx, `INSERT INTO credentials (status_index, credential_id, learner, qualification, issued_at) VALUES (?, ?, ?, ?, ?)`,
		c.Index, c.ID, c.Learner, c.Qualification, c.IssuedAt.UTC().Format(timeFormat)); err != nil {
		return c, fmt.Errorf("record credential %s: %w", c.ID, err)
	}
	return c, tx.Commit()
}

// Revoke implements profiles.CredentialStore.
func (s *Store) Revoke(ctx context.Context, id, reason string, at time.Time) (profiles.Credential, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return profiles.Credential{}, err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE credentials SET revoked_at = ?, reason = ? WHERE credential_id = ? AND revoked_at IS NULL`,
		at.UTC().Format(timeFormat), reason, id); err != nil {
		return profiles.Credential{}, fmt.Errorf("revoke %s: %w", id, err)
	}
	c, err := scanCredential(tx.QueryRowContext(ctx, credentialSelect+` WHERE credential_id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("%w: no badge %s was issued from this profiles database", profiles.ErrNotFound, id)
	} else if err != nil {
		return c, err
	}
	return c, tx.Commit()
}

const credentialSelect = `SELECT status_index, credential_id, learner, qualification, issued_at, COALESCE(revoked_at, ''), reason FROM credentials`

type scanner interface{ Scan(...any) error }

func scanCredential(r scanner) (profiles.Credential, error) {
	var c profiles.Credential
	var issued, revoked string
	if err := r.Scan(&c.Index, &c.ID, &c.Learner, &c.Qualification, &issued, &revoked, &c.Reason); err != nil {
		return c, err
	}
	c.IssuedAt = parseTime(issued)
	if revoked != "" {
		c.RevokedAt = parseTime(revoked)
	}
	return c, nil
}

// Credentials implements profiles.CredentialStore.
func (s *Store) Credentials(ctx context.Context) ([]profiles.Credential, error) {
	rows, err := s.db.QueryContext(ctx, credentialSelect+` ORDER BY status_index`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []profiles.Credential
	for rows.Next() {
		c, err := scanCredential(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
