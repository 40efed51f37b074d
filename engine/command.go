package engine

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/opensourceecology/prodos/designs"
)

// Op is what a command does.
type Op string

// Command operations.
const (
	OpPlace  Op = "place"  // put Placement's module on the grid
	OpMove   Op = "move"   // move module ID to Placement (x, y, rotation, edge; module ignored)
	OpRotate Op = "rotate" // turn module ID a quarter clockwise (walls: to the next edge n, e, s, w)
	OpRemove Op = "remove" // take module ID away
	OpUndo   Op = "undo"   // undo the last change
	OpRedo   Op = "redo"   // redo the last undone change
	OpSwap   Op = "swap"   // put module Placement.Module in module ID's slot (same id, cell, edge, rotation)
)

// Command is one change to the design, applied at a tick (60 per second).
// A session is its list of accepted commands; replaying them on a fresh
// engine built the same way gives the same state, bit for bit.
type Command struct {
	Tick      int64
	Op        Op
	ID        ID
	Placement designs.Placement
}

// Place, Move, Rotate, Remove, Undo and Redo build commands.
func Place(tick int64, p designs.Placement) Command {
	return Command{Tick: tick, Op: OpPlace, Placement: p}
}

// Move builds a move command.
func Move(tick int64, id ID, p designs.Placement) Command {
	return Command{Tick: tick, Op: OpMove, ID: id, Placement: p}
}

// Rotate builds a rotate command.
func Rotate(tick int64, id ID) Command { return Command{Tick: tick, Op: OpRotate, ID: id} }

// Remove builds a remove command.
func Remove(tick int64, id ID) Command { return Command{Tick: tick, Op: OpRemove, ID: id} }

// Undo builds an undo command.
func Undo(tick int64) Command { return Command{Tick: tick, Op: OpUndo} }

// Redo builds a redo command.
func Redo(tick int64) Command { return Command{Tick: tick, Op: OpRedo} }

// Swap builds a swap command: module id is exchanged for another module of
// the same kind of placement, in place.
func Swap(tick int64, id ID, module string) Command {
	return Command{Tick: tick, Op: OpSwap, ID: id, Placement: designs.Placement{Module: module}}
}

// Result is what an accepted command did.
type Result struct {
	// ID is the module placed, moved, rotated or removed (0 for undo/redo).
	ID ID
	// Delta is the change of the total cost.
	Delta designs.Cost
}

// BlockedError is returned when a command would add hard violations.
type BlockedError struct {
	Command    Command
	Violations []Violation
}

// Error lists the violations that refused the command.
func (b *BlockedError) Error() string {
	msgs := make([]string, len(b.Violations))
	for i, v := range b.Violations {
		msgs[i] = v.String()
	}
	return fmt.Sprintf("%s refused: %s", b.Command.Op, strings.Join(msgs, "; "))
}

// change is one undoable step: before is replaced by after (nil: none).
type change struct {
	before, after *placed
}

// Apply applies one command. A command that is malformed (unknown module,
// outside the grid, no such id, an earlier tick, nothing to undo) returns
// an error; one that would add a hard placement violation returns a
// *BlockedError. Either way the state is unchanged and nothing is logged.
func (e *Engine) Apply(c Command) (Result, error) {
	if c.Tick < e.tick {
		return Result{}, fmt.Errorf("%s at tick %d: the engine is already at tick %d", c.Op, c.Tick, e.tick)
	}
	var res Result
	before := e.cost
	switch c.Op {
	case OpPlace:
		g, err := e.prepare(c.Placement)
		if err != nil {
			return Result{}, fmt.Errorf("place: %w", err)
		}
		g.id = e.nextID
		if v := e.newHard(nil, g); len(v) > 0 {
			return Result{}, &BlockedError{Command: c, Violations: v}
		}
		e.nextID++
		e.insert(g)
		e.push(change{after: g})
		res.ID = g.id
	case OpMove, OpRotate, OpSwap:
		old := e.find(c.ID)
		if old == nil {
			return Result{}, fmt.Errorf("%s: no module with id %d", c.Op, c.ID)
		}
		p := c.Placement
		p.Module = old.p.Module
		switch c.Op {
		case OpRotate:
			p = rotated(old)
		case OpSwap:
			var err error
			if p, err = e.swapped(old, c.Placement.Module); err != nil {
				return Result{}, fmt.Errorf("swap: %w", err)
			}
		}
		g, err := e.prepare(p)
		if err != nil {
			return Result{}, fmt.Errorf("%s: %w", c.Op, err)
		}
		g.id = old.id
		if v := e.newHard(old, g); len(v) > 0 {
			return Result{}, &BlockedError{Command: c, Violations: v}
		}
		e.delete(old)
		e.insert(g)
		e.push(change{before: old, after: g})
		res.ID = g.id
	case OpRemove:
		old := e.find(c.ID)
		if old == nil {
			return Result{}, fmt.Errorf("remove: no module with id %d", c.ID)
		}
		if v := e.newHard(old, nil); len(v) > 0 {
			return Result{}, &BlockedError{Command: c, Violations: v}
		}
		e.delete(old)
		e.push(change{before: old})
		res.ID = old.id
	case OpUndo:
		if len(e.undo) == 0 {
			return Result{}, fmt.Errorf("undo: nothing to undo")
		}
		ch := e.undo[len(e.undo)-1]
		e.undo = e.undo[:len(e.undo)-1]
		e.swap(ch.after, ch.before)
		e.redo = append(e.redo, ch)
	case OpRedo:
		if len(e.redo) == 0 {
			return Result{}, fmt.Errorf("redo: nothing to redo")
		}
		ch := e.redo[len(e.redo)-1]
		e.redo = e.redo[:len(e.redo)-1]
		e.swap(ch.before, ch.after)
		e.undo = append(e.undo, ch)
	default:
		return Result{}, fmt.Errorf("unknown command %q", c.Op)
	}
	e.tick = c.Tick
	e.log = append(e.log, c)
	res.Delta = e.cost.Sub(before)
	return res, nil
}

// push records a new change: it can be undone, and nothing is left to redo.
func (e *Engine) push(ch change) {
	e.undo = append(e.undo, ch)
	e.redo = e.redo[:0]
}

// swap takes out (if any) and puts in back (if any). Undo and redo only
// return to states that were accepted, so they need no checks.
func (e *Engine) swap(out, in *placed) {
	if out != nil {
		e.delete(e.find(out.id))
	}
	if in != nil {
		e.insert(in)
	}
}

// rotated is the placement of g turned a quarter clockwise.
func rotated(g *placed) designs.Placement {
	p := g.p
	if g.edge {
		p.Edge = map[string]string{designs.North: designs.East, designs.East: designs.South, designs.South: designs.West, designs.West: designs.North}[p.Edge]
		return p
	}
	p.Rotation = (p.Rotation + 90) % 360
	return p
}

// CanUndo reports whether there is a change to undo.
func (e *Engine) CanUndo() bool { return len(e.undo) > 0 }

// CanRedo reports whether there is an undone change to redo.
func (e *Engine) CanRedo() bool { return len(e.redo) > 0 }

// Log is the list of accepted commands so far.
func (e *Engine) Log() []Command { return append([]Command(nil), e.log...) }

// Replay applies commands in order, stopping at the first that fails.
func (e *Engine) Replay(cmds []Command) error {
	for i, c := range cmds {
		if _, err := e.Apply(c); err != nil {
			return fmt.Errorf("command %d (tick %d): %w", i+1, c.Tick, err)
		}
	}
	return nil
}

// LogHeader starts every command log file.
const LogHeader = "prodos-log 1"

// String writes the command as one line of the log format:
//
//	120 place wall-ext-4x8 3 1 edge=n
//	130 place roof-4x8 2 2 rot=90
//	140 move 7 4 1 edge=n
//	150 rotate 7
//	160 remove 7
//	170 undo
//	180 redo
//	190 swap 7 wall-window-4x8
func (c Command) String() string {
	var b strings.Builder
	b.WriteString(strconv.FormatInt(c.Tick, 10))
	b.WriteByte(' ')
	b.WriteString(string(c.Op))
	switch c.Op {
	case OpPlace, OpMove:
		if c.Op == OpPlace {
			b.WriteString(" " + c.Placement.Module)
		} else {
			b.WriteString(" " + strconv.FormatUint(uint64(c.ID), 10))
		}
		fmt.Fprintf(&b, " %d %d", c.Placement.X, c.Placement.Y)
		if c.Placement.Rotation != 0 {
			fmt.Fprintf(&b, " rot=%d", c.Placement.Rotation)
		}
		if c.Placement.Edge != "" {
			b.WriteString(" edge=" + c.Placement.Edge)
		}
	case OpRotate, OpRemove:
		b.WriteString(" " + strconv.FormatUint(uint64(c.ID), 10))
	case OpSwap:
		b.WriteString(" " + strconv.FormatUint(uint64(c.ID), 10) + " " + c.Placement.Module)
	}
	return b.String()
}

// MarshalLog writes commands in the text log format, header first.
func MarshalLog(cmds []Command) []byte {
	var b bytes.Buffer
	b.WriteString(LogHeader + "\n")
	for _, c := range cmds {
		b.WriteString(c.String())
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// MaxLogLine bounds one log line so a hostile file cannot exhaust memory.
const MaxLogLine = 4096

// MarshalSession writes a session log: the header, the level the session
// plays (when levelID is not empty) and its commands.
func MarshalSession(levelID string, cmds []Command) []byte {
	if levelID == "" {
		return MarshalLog(cmds)
	}
	out := []byte(LogHeader + "\nlevel " + levelID + "\n")
	return append(out, MarshalLog(cmds)[len(LogHeader)+1:]...)
}

// ParseLog reads a command log. Blank lines and lines starting with # are
// skipped, and so is a "level ID" line before the first command (see
// ParseSession). Errors name the file, line and column of the bad field.
func ParseLog(file string, r io.Reader) ([]Command, error) {
	_, cmds, err := ParseSession(file, r)
	return cmds, err
}

// ParseSession reads a session log: the level it plays ("" when the log
// names none) and its commands. A classroom server replays it on
// FromLevel(level) to check a learner's score instead of trusting it.
func ParseSession(file string, r io.Reader) (string, []Command, error) {
	level := ""
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 256), MaxLogLine)
	var cmds []Command
	var errs designs.ErrorList
	line := 0
	header := false
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		trim := strings.TrimSpace(text)
		if trim == "" || strings.HasPrefix(trim, "#") {
			continue
		}
		if !header {
			if trim != LogHeader {
				errs = append(errs, &designs.Error{File: file, Pos: designs.Pos{Line: line, Col: 1}, Msg: fmt.Sprintf("a command log starts with %q, got %q", LogHeader, clip(trim))})
				return "", nil, errs.Err()
			}
			header = true
			continue
		}
		if id, ok := strings.CutPrefix(trim, "level "); ok && len(cmds) == 0 && level == "" && len(errs) == 0 {
			level = strings.TrimSpace(id)
			if level == "" || strings.ContainsAny(level, " \t") {
				errs = append(errs, &designs.Error{File: file, Pos: designs.Pos{Line: line, Col: 7}, Msg: fmt.Sprintf("level id must be one word, got %q", clip(id))})
			}
			continue
		}
		c, col, err := parseCommand(text)
		if err != nil {
			errs = append(errs, &designs.Error{File: file, Pos: designs.Pos{Line: line, Col: col}, Msg: err.Error()})
			if len(errs) >= 20 {
				break
			}
			continue
		}
		if n := len(cmds); n > 0 && c.Tick < cmds[n-1].Tick {
			errs = append(errs, &designs.Error{File: file, Pos: designs.Pos{Line: line, Col: 1}, Msg: fmt.Sprintf("tick %d comes before the previous command's tick %d", c.Tick, cmds[n-1].Tick)})
			continue
		}
		cmds = append(cmds, c)
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, &designs.Error{File: file, Pos: designs.Pos{Line: line + 1, Col: 1}, Msg: fmt.Sprintf("read: %v", err)})
	}
	if !header && len(errs) == 0 {
		errs = append(errs, &designs.Error{File: file, Pos: designs.Pos{Line: 1, Col: 1}, Msg: fmt.Sprintf("empty command log: want the header %q", LogHeader)})
	}
	if err := errs.Err(); err != nil {
		return "", nil, err
	}
	return level, cmds, nil
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

type field struct {
	s   string
	col int
}

func fields(line string) []field {
	var out []field
	i := 0
	for i < len(line) {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		if i >= len(line) {
			break
		}
		j := i
		for j < len(line) && line[j] != ' ' && line[j] != '\t' {
			j++
		}
		out = append(out, field{line[i:j], i + 1})
		i = j
	}
	return out
}

func parseCommand(line string) (Command, int, error) {
	f := fields(line)
	var c Command
	if len(f) < 2 {
		return c, 1, fmt.Errorf("want \"TICK COMMAND ...\", got %q", clip(strings.TrimSpace(line)))
	}
	t, err := strconv.ParseInt(f[0].s, 10, 64)
	if err != nil || t < 0 {
		return c, f[0].col, fmt.Errorf("tick must be a whole number >= 0, got %q", clip(f[0].s))
	}
	c.Tick = t
	c.Op = Op(f[1].s)
	args := f[2:]
	want := func(n int, usage string) error {
		if len(args) < n {
			return fmt.Errorf("%s needs %s", c.Op, usage)
		}
		return nil
	}
	num := func(a field, what string) (int, error) {
		n, err := strconv.Atoi(a.s)
		if err != nil || n < -1<<20 || n > 1<<20 {
			return 0, fmt.Errorf("%s must be a whole number, got %q", what, clip(a.s))
		}
		return n, nil
	}
	id := func(a field) (ID, error) {
		n, err := strconv.ParseUint(a.s, 10, 32)
		if err != nil || n == 0 {
			return 0, fmt.Errorf("module id must be a whole number >= 1, got %q", clip(a.s))
		}
		return ID(n), nil
	}
	switch c.Op {
	case OpPlace, OpMove:
		if err := want(3, "MODULE|ID X Y [rot=R] [edge=E]"); err != nil {
			return c, f[1].col, err
		}
		if c.Op == OpPlace {
			c.Placement.Module = args[0].s
		} else if c.ID, err = id(args[0]); err != nil {
			return c, args[0].col, err
		}
		if c.Placement.X, err = num(args[1], "x"); err != nil {
			return c, args[1].col, err
		}
		if c.Placement.Y, err = num(args[2], "y"); err != nil {
			return c, args[2].col, err
		}
		for _, a := range args[3:] {
			k, v, ok := strings.Cut(a.s, "=")
			switch {
			case ok && k == "rot":
				r, err := num(field{v, a.col}, "rot")
				if err != nil || r%90 != 0 || r < 0 || r > 270 {
					return c, a.col, fmt.Errorf("rot must be 0, 90, 180 or 270, got %q", clip(v))
				}
				c.Placement.Rotation = r
			case ok && k == "edge":
				if v != designs.North && v != designs.East && v != designs.South && v != designs.West {
					return c, a.col, fmt.Errorf("edge must be n, e, s or w, got %q", clip(v))
				}
				c.Placement.Edge = v
			default:
				return c, a.col, fmt.Errorf("unknown argument %q (want rot=R or edge=E)", clip(a.s))
			}
		}
	case OpRotate, OpRemove:
		if err := want(1, "ID"); err != nil {
			return c, f[1].col, err
		}
		if c.ID, err = id(args[0]); err != nil {
			return c, args[0].col, err
		}
		if len(args) > 1 {
			return c, args[1].col, fmt.Errorf("%s takes one argument, got %d", c.Op, len(args))
		}
	case OpSwap:
		if err := want(2, "ID MODULE"); err != nil {
			return c, f[1].col, err
		}
		if c.ID, err = id(args[0]); err != nil {
			return c, args[0].col, err
		}
		c.Placement.Module = args[1].s
		if len(args) > 2 {
			return c, args[2].col, fmt.Errorf("swap takes two arguments, got %d", len(args))
		}
	case OpUndo, OpRedo:
		if len(args) > 0 {
			return c, args[0].col, fmt.Errorf("%s takes no arguments", c.Op)
		}
	default:
		return c, f[1].col, fmt.Errorf("unknown command %q (want place, move, rotate, remove, swap, undo or redo)", clip(f[1].s))
	}
	return c, 0, nil
}
