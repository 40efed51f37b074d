package main

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/production/training/profiles"
	profilestore "github.com/opensourceecology/prodos/production/training/profiles/sqlitestore"
	"github.com/stretchr/testify/require"
)

// prodSeedProfiles writes people with their qualifications into the
// SQLite profile store at path (created if new), each award dated now
// with its own evidence, as earned qualifications are stored.
func prodSeedProfiles(t testing.TB, path string, people map[string][]string) {
	t.Helper()
	st, err := profilestore.Open(path)
	require.NoError(t, err)
	defer st.Close()
	ctx, now := context.Background(), time.Now().UTC()
	for name, quals := range people {
		_, err := st.Create(ctx, name, now)
		require.NoError(t, err)
		var awards []profiles.Award
		for _, q := range quals {
			awards = append(awards, profiles.Award{Qualification: q, At: now, Evidence: "sha256:seed-" + name})
		}
		require.NoError(t, st.Record(ctx, name, profiles.Attempt{Challenge: "c01-groundwork", Score: 1500, Stars: 3, Passed: true,
			ReplayHash: "sha256:seed-" + name, At: now}, awards))
	}
}

// prodBuilders are the people of the ledger tests: alice builds every
// module, bob installs them, lee is the crew lead who witnesses; carol,
// dan hold nothing (design and review hours); eve, ann, bo, pat and
// r0 to r3 (the killed-process rounds) frame or install; cam runs the
// CNC router; dana is a designer.
var prodBuilders = map[string][]string{
	"alice": {"foundation-crew", "floor-framer", "wall-framer", "opening-framer", "roof-framer", "utility-installer", "solar-installer"},
	"bob":   {"foundation-crew", "module-installer", "utility-installer", "solar-installer"},
	"lee":   {"foundation-crew", "module-installer", "crew-lead"},
	"carol": {}, "dan": {},
	"eve": {"wall-framer"},
	"ann": {"wall-framer", "floor-framer"},
	"bo":  {"module-installer", "foundation-crew", "floor-framer"},
	"pat": {"wall-framer"},
	"r0":  {"floor-framer"}, "r1": {"floor-framer"}, "r2": {"floor-framer"}, "r3": {"floor-framer"},
	"cam":  {"wall-framer", "opening-framer", "roof-framer", "floor-framer", "cnc-operator"},
	"dana": {"foundation-crew", "wall-framer", "opening-framer", "module-installer", "designer"},
}

// prodCrewDB is a profile store under t.TempDir() holding prodBuilders.
func prodCrewDB(t testing.TB) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "profiles.db")
	prodSeedProfiles(t, path, prodBuilders)
	return path
}

// prodCrewDBs caches each test's crew profile store.
var prodCrewDBs sync.Map

// prodWithCrew is --profiles and a profile store holding prodBuilders,
// one per test: the flags every test posting work adds.
func prodWithCrew(t testing.TB) []string {
	t.Helper()
	if p, ok := prodCrewDBs.Load(t); ok {
		return []string{"--profiles", p.(string)}
	}
	p := prodCrewDB(t)
	prodCrewDBs.Store(t, p)
	t.Cleanup(func() { prodCrewDBs.Delete(t) })
	return []string{"--profiles", p}
}
