package engine

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sampleLog = `prodos-log 1
# a learner's first minutes
0 place foundation-cell 1 1
12 place foundation-cell 1 2
30 place floor-4x8 1 1
31 place wall-ext-4x8 1 1 edge=w
40 move 4 1 1 edge=n
41 rotate 4
50 remove 4
51 undo
52 redo
60 place core-bath 1 1 rot=90
`

func TestLogRoundTrip(t *testing.T) {
	cmds, err := ParseLog("sample.log", strings.NewReader(sampleLog))
	require.NoError(t, err)
	require.Len(t, cmds, 10)
	assert.Equal(t, Command{Tick: 40, Op: OpMove, ID: 4, Placement: designs.Placement{X: 1, Y: 1, Edge: "n"}}, cmds[4])
	assert.Equal(t, Command{Tick: 60, Op: OpPlace, Placement: designs.Placement{Module: "core-bath", X: 1, Y: 1, Rotation: 90}}, cmds[9])
	want := strings.ReplaceAll(sampleLog, "# a learner's first minutes\n", "")
	assert.Equal(t, want, string(MarshalLog(cmds)))

	cat := testCatalog(t)
	e, err := New(cat, Options{Grid: designs.Grid{Width: 4, Height: 4}, Rules: standardRules(t)})
	require.NoError(t, err)
	err = e.Replay(cmds)
	var b *BlockedError
	require.True(t, errors.As(err, &b), "the bath core has no floor under its second row: %v", err)
	assert.Contains(t, err.Error(), "command 10 (tick 60)")
	assert.Equal(t, cmds[:9], e.Log())
	assert.Equal(t, int64(52), e.Tick())
}

func TestParseLogErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"no header", "0 place foundation-cell 1 1\n", `bad.log:1:1: a command log starts with "prodos-log 1", got "0 place foundation-cell 1 1"`},
		{"empty", "", `bad.log:1:1: empty command log: want the header "prodos-log 1"`},
		{"bad tick", "prodos-log 1\nx place a 1 1\n", `bad.log:2:1: tick must be a whole number >= 0, got "x"`},
		{"unknown op", "prodos-log 1\n5 jump 1\n", `bad.log:2:3: unknown command "jump" (want place, move, rotate, remove, swap, undo or redo)`},
		{"short place", "prodos-log 1\n5 place wall-ext-4x8 1\n", `bad.log:2:3: place needs MODULE|ID X Y [rot=R] [edge=E]`},
		{"bad x", "prodos-log 1\n5 place wall-ext-4x8 one 1\n", `bad.log:2:22: x must be a whole number, got "one"`},
		{"bad edge", "prodos-log 1\n5 place wall-ext-4x8 1 1 edge=q\n", `bad.log:2:26: edge must be n, e, s or w, got "q"`},
		{"bad rot", "prodos-log 1\n5 place roof-4x8 1 1 rot=45\n", `bad.log:2:22: rot must be 0, 90, 180 or 270, got "45"`},
		{"bad id", "prodos-log 1\n5 remove 0\n", `bad.log:2:10: module id must be a whole number >= 1, got "0"`},
		{"extra arg", "prodos-log 1\n5 undo 3\n", `bad.log:2:8: undo takes no arguments`},
		{"tick goes back", "prodos-log 1\n5 undo\n4 redo\n", `bad.log:3:1: tick 4 comes before the previous command's tick 5`},
		{"two errors", "prodos-log 1\n5 undo 3\n6 hop\n", "bad.log:2:8: undo takes no arguments\nbad.log:3:3: unknown command \"hop\" (want place, move, rotate, remove, swap, undo or redo)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseLog("bad.log", strings.NewReader(tt.in))
			require.Error(t, err)
			assert.Equal(t, tt.want, err.Error())
		})
	}
}

func FuzzParseLog(f *testing.F) {
	f.Add([]byte(sampleLog))
	f.Add([]byte("prodos-log 1\n0 place wall-ext-4x8 -1 2 edge=s\n"))
	cat, err := designs.DefaultCatalog()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cmds, err := ParseLog("fuzz.log", bytes.NewReader(data))
		if err != nil {
			for _, pe := range designs.Errors(err) {
				if pe.File != "fuzz.log" || pe.Pos.Line < 1 || pe.Pos.Col < 1 {
					t.Fatalf("error without a position: %v", pe)
				}
			}
			return
		}
		// what parses, marshals and parses back the same
		again, err := ParseLog("again.log", bytes.NewReader(MarshalLog(cmds)))
		if err != nil {
			t.Fatalf("re-parse: %v\n%s", err, MarshalLog(cmds))
		}
		if len(again) != len(cmds) {
			t.Fatalf("re-parse gave %d commands, want %d", len(again), len(cmds))
		}
		for i := range cmds {
			if again[i] != cmds[i] {
				t.Fatalf("command %d: %v != %v", i, again[i], cmds[i])
			}
		}
		// and replaying it never panics
		e, err := New(cat, Options{Grid: designs.Grid{Width: 4, Height: 4}})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cmds {
			_, _ = e.Apply(c)
		}
	})
}

func levelRuleSets(t testing.TB) map[string]*RuleSet {
	t.Helper()
	files, err := filepath.Glob("../levels/rules/*.toml")
	require.NoError(t, err)
	out := map[string]*RuleSet{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		rs, err := ParseRuleSet(f, data, testCatalog(t))
		require.NoError(t, err)
		out[rs.ID] = rs
	}
	return out
}

func FuzzParseLevel(f *testing.F) {
	files, _ := filepath.Glob("../levels/design/*.toml")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	cat, err := designs.DefaultCatalog()
	if err != nil {
		f.Fatal(err)
	}
	sets := levelRuleSets(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := ParseLevel("fuzz.toml", data, cat, sets)
		if err != nil {
			for _, pe := range designs.Errors(err) {
				if pe.File != "fuzz.toml" {
					t.Fatalf("error names the wrong file: %v", pe)
				}
			}
			return
		}
		if _, err := FromLevel(l, cat); err != nil {
			t.Fatalf("a level that parses must start: %v", err)
		}
	})
}
