package game

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestRunActionDispatchesOnTheButton checks that a click or a key runs the
// action the button carries, whatever its position in the list, and that
// a disabled button does nothing.
func TestRunActionDispatchesOnTheButton(t *testing.T) {
	click := func(x, y float64) Frame {
		return Frame{X: x, Y: y, Pressed: Buttons{Left: true}}
	}
	key := func(i Intent) Frame { return Frame{Intents: map[Intent]bool{i: true}} }
	tests := []struct {
		name    string
		in      Frame
		enabled bool
		want    string
	}{
		{"click the second button", click(125, 10), true, "b"},
		{"click the first button", click(5, 10), true, "a"},
		{"click off every button", click(500, 10), true, ""},
		{"key of the second button", key(IntentConfirm), true, "b"},
		{"key of the first button", key(IntentBack), true, "a"},
		{"click a disabled button", click(125, 10), false, ""},
		{"key of a disabled button", key(IntentConfirm), false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ran := ""
			acts := []action{
				{button{0, 0, 100, 40, "A", true}, IntentBack, func() { ran += "a" }},
				{button{120, 0, 100, 40, "B", tt.enabled}, IntentConfirm, func() { ran += "b" }},
			}
			assert.Equal(t, tt.want != "", runAction(tt.in, acts))
			assert.Equal(t, tt.want, ran)
		})
	}
}
