package training_test

import (
	"testing"

	"github.com/opensourceecology/prodos/engine/training"
)

func FuzzVerifyReplay(f *testing.F) {
	cat, set, _ := load(f)
	_ = cat
	f.Add(training.Replay(training.AutoPlay(set.Level("c01-groundwork"), 30)))
	f.Add(training.Replay(training.AutoPlay(set.Level("c09-crew-cabin"), 10)))
	f.Add([]byte("prodos-replay 1\nlevel x y\nend 3\nclaim won score 1 stars 1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := training.VerifyReplay("f", data, set)
		if err == nil && v.Result.Status == training.Won && v.Result.Tick > v.Level.LimitTicks() {
			t.Fatalf("won after the time limit: %+v", v.Result)
		}
	})
}

func FuzzParseLayout(f *testing.F) {
	cat, set, _ := load(f)
	for _, l := range set.Levels {
		if l.Layout != "" {
			f.Add(l.Layout)
		}
	}
	f.Add("+-+\n|K|\n+-+\n")
	f.Fuzz(func(t *testing.T, text string) {
		d, err := training.ParseLayout(text)
		if err != nil {
			return
		}
		if err := d.Validate(cat); err != nil {
			t.Fatalf("a parsed layout must be a valid design: %v\n%s", err, text)
		}
	})
}
