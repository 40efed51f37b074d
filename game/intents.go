package game

import (
	"fmt"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
	"github.com/opensourceecology/prodos/assets"
)

// Intent is something the player asks for. Scenes read intents, never raw
// keys, so the controls can be rebound and tests can drive scenes with
// simulated input.
type Intent int

// The intents. Pointer intents (place, remove, pan by dragging, zoom by
// wheel) come from the mouse; the rest come from the key map.
const (
	IntentNone Intent = iota
	IntentRotate
	IntentRemove
	IntentUndo
	IntentRedo
	IntentSave
	IntentLoad
	IntentPanLeft
	IntentPanRight
	IntentPanUp
	IntentPanDown
	IntentZoomIn
	IntentZoomOut
	IntentHelp
	IntentBack
	IntentConfirm
	IntentNextModule
	IntentPrevModule
	IntentFitView
	IntentExport
	IntentIsoView
	IntentCutaway
	intentCount
)

var intentNames = map[string]Intent{
	"rotate": IntentRotate, "remove": IntentRemove, "undo": IntentUndo, "redo": IntentRedo,
	"save": IntentSave, "load": IntentLoad, "pan_left": IntentPanLeft, "pan_right": IntentPanRight,
	"pan_up": IntentPanUp, "pan_down": IntentPanDown, "zoom_in": IntentZoomIn, "zoom_out": IntentZoomOut,
	"help": IntentHelp, "back": IntentBack, "confirm": IntentConfirm, "next_module": IntentNextModule,
	"prev_module": IntentPrevModule, "fit_view": IntentFitView, "export": IntentExport,
	"iso_view": IntentIsoView, "cutaway": IntentCutaway,
}

// Chord is one key with the modifiers that must be held with it.
type Chord struct {
	Key   ebiten.Key
	Ctrl  bool
	Shift bool
}

var prettyKey = map[string]string{"ArrowLeft": "Left", "ArrowRight": "Right", "ArrowUp": "Up", "ArrowDown": "Down",
	"Equal": "=", "Minus": "-", "NumpadAdd": "Num +", "NumpadSubtract": "Num -", "Slash": "/", "Backspace": "Backspace"}

// String is the chord as the help shows it, e.g. "Ctrl+Shift+Z".
func (c Chord) String() string {
	s := c.Key.String()
	if p, ok := prettyKey[s]; ok {
		s = p
	}
	if c.Shift && s == "=" {
		return "+"
	}
	if c.Shift && s == "/" {
		return "?"
	}
	if c.Shift {
		s = "Shift+" + s
	}
	if c.Ctrl {
		s = "Ctrl+" + s
	}
	return s
}

// KeyMap binds chords to intents.
type KeyMap map[Intent][]Chord

// ParseKeyMap reads a key map in the format of assets/keys.toml.
func ParseKeyMap(file string, data []byte) (KeyMap, error) {
	var raw struct {
		Intents map[string][]string `toml:"intents"`
	}
	md, err := toml.Decode(string(data), &raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, fmt.Errorf("%s: unknown key %q", file, und[0].String())
	}
	km := KeyMap{}
	for name, keys := range raw.Intents {
		in, ok := intentNames[name]
		if !ok {
			return nil, fmt.Errorf("%s: unknown intent %q", file, name)
		}
		for _, k := range keys {
			var c Chord
			parts := strings.Split(k, "+")
			for _, mod := range parts[:len(parts)-1] {
				switch strings.ToLower(mod) {
				case "ctrl", "cmd":
					c.Ctrl = true
				case "shift":
					c.Shift = true
				default:
					return nil, fmt.Errorf("%s: intent %q: unknown modifier %q in %q", file, name, mod, k)
				}
			}
			if err := c.Key.UnmarshalText([]byte(parts[len(parts)-1])); err != nil {
				return nil, fmt.Errorf("%s: intent %q: unknown key %q: %w", file, name, k, err)
			}
			km[in] = append(km[in], c)
		}
	}
	return km, nil
}

// DefaultKeyMap is the embedded key map.
func DefaultKeyMap() KeyMap {
	km, err := ParseKeyMap("assets/keys.toml", assets.KeysTOML)
	if err != nil {
		panic(err) // the embedded file is tested
	}
	return km
}

// Label lists the chords of an intent for the help overlay, e.g. "Ctrl+Z".
func (km KeyMap) Label(in Intent) string {
	var s []string
	for _, c := range km[in] {
		s = append(s, c.String())
	}
	return strings.Join(s, " / ")
}

// First is the first chord of an intent, for short hints ("" if unbound).
func (km KeyMap) First(in Intent) string {
	if len(km[in]) == 0 {
		return ""
	}
	return km[in][0].String()
}

// Buttons are the mouse buttons as the game sees them.
type Buttons struct {
	Left, Right, Middle bool
}

// Frame is one tick of input: the intents raised this tick, the pointer in
// logical pixels, the buttons held and the wheel movement.
type Frame struct {
	Intents  map[Intent]bool // raised this tick (key pressed, or held for pan)
	X, Y     float64         // pointer, logical pixels
	Held     Buttons         // buttons down now
	Pressed  Buttons         // buttons that went down this tick
	Released Buttons         // buttons that went up this tick
	Wheel    float64         // wheel steps, positive away from the user
	Text     TextInput       // characters typed this tick (textinput.go)
}

// Has reports whether the frame raised intent in.
func (f Frame) Has(in Intent) bool { return f.Intents[in] }

// Source yields one input frame per tick.
type Source interface {
	Read(scale float64) Frame
}

// EbitenSource reads the keyboard and mouse through ebiten and a key map.
type EbitenSource struct{ Keys KeyMap }

// held intents repeat while the key is down (panning); the others fire once.
var held = map[Intent]bool{IntentPanLeft: true, IntentPanRight: true, IntentPanUp: true, IntentPanDown: true}

// Read implements Source.
func (s EbitenSource) Read(scale float64) Frame {
	f := Frame{Intents: map[Intent]bool{}}
	ctrl := ebiten.IsKeyPressed(ebiten.KeyControl) || ebiten.IsKeyPressed(ebiten.KeyMeta)
	shift := ebiten.IsKeyPressed(ebiten.KeyShift)
	// Longest chords win: Ctrl+Shift+Z is redo, not undo.
	type hit struct {
		in   Intent
		mods int
	}
	var hits []hit
	for in, chords := range s.Keys {
		for _, c := range chords {
			if c.Ctrl != ctrl || c.Shift != shift {
				continue
			}
			if held[in] && ebiten.IsKeyPressed(c.Key) || inpututil.IsKeyJustPressed(c.Key) {
				hits = append(hits, hit{in, b2i(c.Ctrl) + b2i(c.Shift)})
			}
		}
	}
	sort.Slice(hits, func(i, j int) bool { return hits[i].mods > hits[j].mods })
	for _, h := range hits {
		f.Intents[h.in] = true
	}
	cx, cy := ebiten.CursorPosition()
	f.X, f.Y = float64(cx)/scale, float64(cy)/scale
	f.Held = Buttons{ebiten.IsMouseButtonPressed(ebiten.MouseButtonLeft), ebiten.IsMouseButtonPressed(ebiten.MouseButtonRight), ebiten.IsMouseButtonPressed(ebiten.MouseButtonMiddle)}
	f.Pressed = Buttons{inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonLeft), inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonRight), inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonMiddle)}
	f.Released = Buttons{inpututil.IsMouseButtonJustReleased(ebiten.MouseButtonLeft), inpututil.IsMouseButtonJustReleased(ebiten.MouseButtonRight), inpututil.IsMouseButtonJustReleased(ebiten.MouseButtonMiddle)}
	_, f.Wheel = ebiten.Wheel()
	readText(&f)
	return f
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
