package export

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A package is build-ready only when a qualified designer releases a
// design that keeps every hard rule; everything else is a draft that
// says why, in every file.
func TestBuildReadyOnlyForQualifiedDesigner(t *testing.T) {
	qualified := Release{Designer: "dana", Qualified: true}
	tests := []struct {
		name       string
		opt        Options
		ready      bool
		wantReason string
	}{
		{"no designer", Options{}, false, "no designer released it"},
		{"designer without the qualification", Options{Release: Release{Designer: "bob", Refusal: "needs the Designer qualification"}},
			false, `designer "bob" may not release a build-ready package: needs the Designer qualification`},
		{"qualified designer, design breaks a rule", Options{Release: qualified, Draft: true, Violations: []string{"roof-span: R1 spans 20 ft"}},
			false, "breaks a hard rule: roof-span: R1 spans 20 ft"},
		{"qualified designer, design keeps every rule", Options{Release: qualified}, true, ""},
	}
	cat, d := load(t, "cabin-12x16")
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.opt.Today = today
			files, err := Package(cat, d, tc.opt)
			require.NoError(t, err)
			by := byName(files)
			var m ManifestDoc
			require.NoError(t, json.Unmarshal(by[ManifestFile], &m))
			readme := string(by[ReadmeFile])
			if tc.ready {
				assert.Equal(t, StatusBuildReady, m.Status)
				assert.Equal(t, "dana", m.ReleasedBy)
				assert.Empty(t, m.Draft)
				assert.Contains(t, readme, "BUILD-READY: released by designer dana")
				for _, f := range files {
					assert.NotContains(t, string(f.Data), DraftMark, f.Name)
				}
				return
			}
			assert.Equal(t, StatusDraft, m.Status)
			assert.Empty(t, m.ReleasedBy)
			assert.Equal(t, DraftMark, m.Draft)
			assert.Contains(t, readme, tc.wantReason)
			assert.NotContains(t, readme, "BUILD-READY")
			for _, f := range files {
				assert.Contains(t, string(f.Data), DraftMark, f.Name)
			}
		})
	}
	// A design that breaks a hard rule is never build-ready: without Draft
	// it is refused, even for a qualified designer.
	_, err := Package(cat, d, Options{Today: today, Release: qualified, Violations: []string{"roof-span: R1 spans 20 ft"}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "roof-span")
}
