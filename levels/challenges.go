// Package levels holds the game's level and qualification data, embedded.
package levels

import "embed"

// ChallengeFS holds the Training Game's challenge levels
// (challenges/*.toml), the qualifications (qualifications.toml) and the
// contribution gate (policy.toml).
//
//go:embed challenges qualifications.toml policy.toml
var ChallengeFS embed.FS
