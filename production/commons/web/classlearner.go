package web

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/opensourceecology/prodos/production/classroom"
	"github.com/opensourceecology/prodos/production/commons"
)

// ClassLearner lets the learners of a classroom publish to the commons
// with their learner token (the one the page keeps since they joined): the
// author is the learner's name in the class, and the Designer
// qualification counts when one of their verified results earned it.
func ClassLearner(db classroom.Store) LearnerFunc {
	return func(ctx context.Context, token string) (string, bool, error) {
		l, err := db.LearnerByToken(ctx, token)
		if errors.Is(err, classroom.ErrNotFound) {
			return "", false, ErrUnknownLearner
		} else if err != nil {
			return "", false, fmt.Errorf("class learner: %w", err)
		}
		rs, err := db.Results(ctx, l.ClassID)
		if err != nil {
			return "", false, fmt.Errorf("class results: %w", err)
		}
		for _, r := range rs {
			if r.LearnerID == l.ID && slices.Contains(r.Qualifications, commons.DesignerQualification) {
				return l.Name, true, nil
			}
		}
		return l.Name, false, nil
	}
}
