package timelapse

import (
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/manufacturing/schedule"
	"github.com/stretchr/testify/require"
)

func seedHomeModel(b *testing.B) *Model {
	cat, err := designs.DefaultCatalog()
	require.NoError(b, err)
	d, err := designs.LoadDesign("../../../designs/examples/seed-home-32x40.toml", cat)
	require.NoError(b, err)
	crews, err := designs.DefaultCrews(cat)
	require.NoError(b, err)
	crew, err := designs.CrewOfSize(crews, 24)
	require.NoError(b, err)
	s, err := schedule.PlanDesign(d, cat, crew)
	require.NoError(b, err)
	m, err := New(d, cat, s, 8)
	require.NoError(b, err)
	return m
}

// BenchmarkRenderSeedHome is `prodos timelapse` on the seed home with the
// 24-person crew at the default options (48 frames of 480x360), schedule
// excluded.
func BenchmarkRenderSeedHome(b *testing.B) {
	m := seedHomeModel(b)
	b.ResetTimer()
	for range b.N {
		if _, err := m.Render(DefaultOptions); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAtSeedHome is one state of the seed home's build: what the
// game's player computes every frame.
func BenchmarkAtSeedHome(b *testing.B) {
	m := seedHomeModel(b)
	b.ResetTimer()
	for i := range b.N {
		_ = m.At(m.Schedule.Makespan * int64(i%97) / 96)
	}
}
