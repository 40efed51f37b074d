package main

import (
	"github.com/opensourceecology/prodos/production/classroom"
	"github.com/opensourceecology/prodos/production/commons/web"
)

// allowLearners lets the classroom's learners publish to the served
// commons with their learner token, as themselves (web.ClassLearner).
func (c *servedCommons) allowLearners(db classroom.Store) {
	if h, ok := c.h.(*web.Handler); ok {
		h.Learner = web.ClassLearner(db)
	}
}
