package training_test

import (
	"testing"

	"github.com/opensourceecology/prodos/engine/training"
	"github.com/stretchr/testify/assert"
)

func TestBestPassed(t *testing.T) {
	tests := []struct {
		name    string
		results []training.Scored
		want    map[string]int
	}{
		{"nothing", nil, map[string]int{}},
		{"a failed attempt does not count", []training.Scored{{"c01", 1900, false}}, map[string]int{}},
		{"the best pass wins", []training.Scored{{"c01", 1300, true}, {"c01", 1700, true}, {"c01", 1500, true}}, map[string]int{"c01": 1700}},
		{"a higher failed score does not replace a pass", []training.Scored{{"c01", 1300, true}, {"c01", 1900, false}}, map[string]int{"c01": 1300}},
		{"a pass scoring 0 with no earlier best counts", []training.Scored{{"c01", 0, true}}, map[string]int{"c01": 0}},
		{"a pass scoring below 0 with no earlier best counts", []training.Scored{{"c01", -5, true}}, map[string]int{"c01": -5}},
		{"a negative pass is replaced by a better one", []training.Scored{{"c01", -5, true}, {"c01", -2, true}}, map[string]int{"c01": -2}},
		{"challenges are kept apart", []training.Scored{{"c01", 1300, true}, {"c02", 1250, true}}, map[string]int{"c01": 1300, "c02": 1250}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, training.BestPassed(tc.results))
		})
	}
}

func TestAward(t *testing.T) {
	_, _, q := load(t)
	tests := []struct {
		name    string
		results []training.Scored
		have    map[string]bool
		want    []string
	}{
		{"a pass high enough earns", []training.Scored{{"c01-groundwork", 1300, true}}, nil, []string{"foundation-crew"}},
		{"a failed attempt earns nothing", []training.Scored{{"c01-groundwork", 1900, false}}, nil, nil},
		{"an earlier best counts", []training.Scored{{"c01-groundwork", 1900, true}, {"c01-groundwork", 1000, true}}, nil, []string{"foundation-crew"}},
		{"held ones are not earned again", []training.Scored{{"c01-groundwork", 1900, true}}, map[string]bool{"foundation-crew": true}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, q.Award(tc.results, tc.have))
		})
	}
}
