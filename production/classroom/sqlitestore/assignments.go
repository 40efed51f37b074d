//go:build !js

package sqlitestore

import (
	"context"
	"fmt"
	"strings"

	"github.com/opensourceecology/prodos/production/classroom"
)

var _ classroom.AssignmentStore = (*DB)(nil)

// CreateAssignment sets a class a published level (one statement: one
// transaction).
func (s *DB) CreateAssignment(ctx context.Context, a classroom.Assignment) (classroom.Assignment, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	a.Created = s.now().UTC()
	res, err := s.db.ExecContext(ctx, "INSERT INTO assignments (class_id, level, title, due_at, created_at) VALUES (?, ?, ?, ?, ?)",
		a.ClassID, a.Level, a.Title, a.Due.UTC().Format(timeFormat), a.Created.Format(timeFormat))
	switch {
	case isUnique(err):
		return a, classroom.ErrDuplicate
	case err != nil && strings.Contains(err.Error(), "FOREIGN KEY"):
		return a, classroom.ErrNotFound
	case err != nil:
		return a, fmt.Errorf("create assignment: %w", err)
	}
	a.ID, _ = res.LastInsertId()
	return a, nil
}

// Assignments lists a class's assignments by due time.
func (s *DB) Assignments(ctx context.Context, classID int64) ([]classroom.Assignment, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, class_id, level, title, due_at, created_at FROM assignments WHERE class_id = ? ORDER BY due_at, id", classID)
	if err != nil {
		return nil, fmt.Errorf("list assignments: %w", err)
	}
	defer rows.Close()
	var out []classroom.Assignment
	for rows.Next() {
		var a classroom.Assignment
		var due, created string
		if err := rows.Scan(&a.ID, &a.ClassID, &a.Level, &a.Title, &due, &created); err != nil {
			return nil, fmt.Errorf("list assignments: %w", err)
		}
		a.Due, a.Created = parseTime(due), parseTime(created)
		out = append(out, a)
	}
	return out, rows.Err()
}
