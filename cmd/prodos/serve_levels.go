package main

import (
	"context"
	"fmt"

	"github.com/opensourceecology/prodos/levels"
	"github.com/opensourceecology/prodos/production/classroom"
	"github.com/opensourceecology/prodos/production/commons"
	"github.com/opensourceecology/prodos/production/training/attempts"
)

// commonsLevel reads a published level by hash, checks the stored file
// against the hash and parses it.
func commonsLevel(ctx context.Context, st commons.LevelStore, hash string) (commons.LevelVersion, []byte, error) {
	v, data, err := st.GetLevel(ctx, hash)
	if err != nil {
		return v, nil, err
	}
	if got := commons.Hash(data); got != hash {
		return v, nil, fmt.Errorf("%w: level %s is stored with SHA-256 %s", commons.ErrHash, hash, got)
	}
	return v, data, nil
}

// commonsLevelTitle is the classroom's LevelLookup over the commons.
func commonsLevelTitle(st commons.LevelStore) classroom.LevelLookup {
	return func(ctx context.Context, hash string) (string, error) {
		v, _, err := commonsLevel(ctx, st, hash)
		return v.Title, err
	}
}

// commonsLevelVerifier verifies a design-level replay whose level is a
// commons hash (an assignment) on that published level, re-simulated as
// any level; everything else goes to next.
func commonsLevelVerifier(st commons.LevelStore, next classroom.VerifierFunc) classroom.VerifierFunc {
	return func(ctx context.Context, kind, level string, replay []byte) (classroom.Verified, error) {
		if kind != classroom.KindLevel || !commons.IsHash(level) {
			return next(ctx, kind, level, replay)
		}
		_, data, err := commonsLevel(ctx, st, level)
		if err != nil {
			return classroom.Verified{}, err
		}
		lvl, err := levels.Parse(level+".toml", data)
		if err != nil {
			return classroom.Verified{}, fmt.Errorf("published level %s: %w", level, err)
		}
		v, err := attempts.VerifyLevel(ctx, lvl, replay)
		if err != nil {
			return v, err
		}
		v.Kind, v.Level = classroom.KindLevel, level
		return v, nil
	}
}
