//go:build !js

package sqlitestore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/opensourceecology/prodos/production/training/profiles"
	"github.com/opensourceecology/prodos/production/training/signoff"
)

// insertAwards records awards; one without its attestation kind gets
// attestation (the evidence attempt's).
func insertAwards(ctx context.Context, tx *sql.Tx, id int64, awards []profiles.Award, attestation string) error {
	for _, w := range awards {
		wa := w.Attestation
		if wa == "" {
			wa = attestation
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO qualifications (profile_id, qualification, earned_at, evidence, attestation, practical) VALUES (?, ?, ?, ?, ?, ?)`,
			id, w.Qualification, w.At.UTC().Format(timeFormat), w.Evidence, wa, w.Practical); err != nil {
			return fmt.Errorf("record qualification %s: %w", w.Qualification, err)
		}
	}
	return nil
}

// loadSignOffs reads the profile's practical sign-offs (received and given)
// and appointments. A row whose JSON does not parse is an error naming it.
func loadSignOffs(ctx context.Context, tx *sql.Tx, id int64, p *profiles.Profile) error {
	for _, q := range []struct {
		sql string
		to  *[]signoff.Attestation
	}{
		{`SELECT id, body FROM attestations WHERE learner_id = ? ORDER BY signed_at, rowid`, &p.Attestations},
		{`SELECT id, body FROM attestations WHERE assessor_id = ? ORDER BY signed_at, rowid`, &p.Given},
	} {
		err := eachBody(ctx, tx, q.sql, id, func(body []byte) error {
			var a signoff.Attestation
			if err := json.Unmarshal(body, &a); err != nil {
				return err
			}
			*q.to = append(*q.to, a)
			return nil
		})
		if err != nil {
			return err
		}
	}
	return eachBody(ctx, tx, `SELECT id, body FROM appointments WHERE assessor_id = ? ORDER BY id`, id, func(body []byte) error {
		var a signoff.Appointment
		if err := json.Unmarshal(body, &a); err != nil {
			return err
		}
		p.Appointments = append(p.Appointments, a)
		return nil
	})
}

func eachBody(ctx context.Context, tx *sql.Tx, query string, id int64, f func([]byte) error) error {
	rows, err := tx.QueryContext(ctx, query, id)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var key, body string
		if err := rows.Scan(&key, &body); err != nil {
			return err
		}
		if err := f([]byte(body)); err != nil {
			return fmt.Errorf("profiles database: record %s is not valid JSON: %w", key, err)
		}
	}
	return rows.Err()
}

func profileID(ctx context.Context, tx *sql.Tx, name string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM profiles WHERE name = ?`, name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("%w: %q", profiles.ErrNotFound, name)
	}
	return id, err
}

// SetKey implements profiles.Store.
func (s *Store) SetKey(ctx context.Context, name, did string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var old string
	err = tx.QueryRowContext(ctx, `SELECT public_key FROM profiles WHERE name = ?`, name).Scan(&old)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("%w: %q", profiles.ErrNotFound, name)
	case err != nil:
		return err
	case old == did:
		return nil
	case old != "":
		return fmt.Errorf("%w: %s has %s", profiles.ErrKeyRecorded, name, old)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE profiles SET public_key = ? WHERE name = ?`, did, name); err != nil {
		return fmt.Errorf("record key of %s: %w", name, err)
	}
	return tx.Commit()
}

// AddAttestation implements profiles.Store.
func (s *Store) AddAttestation(ctx context.Context, a signoff.Attestation, awards []profiles.Award) error {
	body, err := json.Marshal(a)
	if err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	learner, err := profileID(ctx, tx, a.Learner)
	if err != nil {
		return err
	}
	assessor, err := profileID(ctx, tx, a.Assessor)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO attestations (id, learner_id, assessor_id, body, signed_at) VALUES (?, ?, ?, ?, ?)`,
		a.ID(), learner, assessor, string(body), a.SignedAt.UTC().Format(timeFormat))
	if err != nil {
		return fmt.Errorf("record attestation: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil // already recorded
	}
	if err := insertAwards(ctx, tx, learner, awards, profiles.Legacy); err != nil {
		return err
	}
	return tx.Commit()
}

// AddAppointment implements profiles.Store.
func (s *Store) AddAppointment(ctx context.Context, ap signoff.Appointment) error {
	body, err := json.Marshal(ap)
	if err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	id, err := profileID(ctx, tx, ap.Assessor)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO appointments (assessor_id, body) VALUES (?, ?)`, id, string(body)); err != nil {
		return fmt.Errorf("record appointment: %w", err)
	}
	return tx.Commit()
}
