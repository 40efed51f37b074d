package training

// Scored is one challenge result as qualifications count it.
type Scored struct {
	Challenge string
	Score     int
	Passed    bool
}

// BestPassed is the award rule's first half: the best passed score per
// challenge among results. A failed result does not count; a passed one
// counts whatever its score, so a pass scoring 0 or less with no earlier
// best still records the challenge as passed.
func BestPassed(results []Scored) map[string]int {
	best := map[string]int{}
	for _, r := range results {
		if s, ok := best[r.Challenge]; r.Passed && (!ok || r.Score > s) {
			best[r.Challenge] = r.Score
		}
	}
	return best
}

// Award is the award rule, the one place both the classroom server and the
// profiles use: the best passed score per challenge (BestPassed), then the
// qualifications that earns beyond those already held (Earned).
func (q *Quals) Award(results []Scored, have map[string]bool) []string {
	return q.Earned(BestPassed(results), have)
}

// AwardSigned is Award for a learner with valid practical sign-offs for the
// qualifications in signed (see EarnedSigned).
func (q *Quals) AwardSigned(results []Scored, have, signed map[string]bool) []string {
	return q.EarnedSigned(BestPassed(results), have, signed)
}
