package web

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/opensourceecology/prodos/production/classroom"
	"github.com/opensourceecology/prodos/production/commons"
)

// ClassLearner lets the learners of a classroom publish to the commons
// with their learner token (the one the page keeps since they joined): the
// author is the learner's name in the class (as a profile-style name:
// learnerAuthor), and the Designer
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
				return learnerAuthor(l.Name, l.ID), true, nil
			}
		}
		return learnerAuthor(l.Name, l.ID), false, nil
	}
}

// learnerAuthor is the author name a class learner publishes under: their
// name with spaces as dashes and only the letters, digits, '.', '_' and
// '-' a profile name may have (at most 40, starting with a letter or
// digit), or learner-ID when nothing of the name is left.
func learnerAuthor(name string, id int64) string {
	var b strings.Builder
	for _, r := range strings.Join(strings.Fields(name), "-") {
		ok := r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '_' || r == '-')
		if ok && (b.Len() > 0 || unicode.IsLetter(r) || unicode.IsDigit(r)) && b.Len() < 40 {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return fmt.Sprintf("learner-%d", id)
	}
	return b.String()
}
