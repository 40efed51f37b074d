// Package levels holds the game's level and qualification data, embedded.
package levels

import "embed"

// ChallengeFS holds the Training Game's challenge levels
// (challenges/*.toml) and the qualifications (qualifications.toml).
//
//go:embed challenges qualifications.toml
var ChallengeFS embed.FS
