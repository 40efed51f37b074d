package classroom

// Progress is what the award rules read about one learner: the best passed
// score per kind and level, and the qualifications already held. The store
// keeps it in its own tables, so a submission never reads the class's
// results.
type Progress struct {
	Best map[string]map[string]int // kind -> level -> best passed score
	Held map[string]bool
}

// AwardFunc decides which qualifications a verified result earns, given
// the learner's progress before it.
type AwardFunc func(p Progress, v Verified) []string

// BestScore is p's best passed score on kind/level, and whether there is one.
func (p Progress) BestScore(kind, level string) (int, bool) {
	s, ok := p.Best[kind][level]
	return s, ok
}
