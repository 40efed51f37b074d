package designs

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
)

// Pos is a place in a source file, 1-based.
type Pos struct {
	Line, Col int
}

// Error is one problem in one input file, printed as file:line:column: message.
type Error struct {
	File string
	Pos  Pos
	Msg  string
}

func (e *Error) Error() string {
	if e.Pos.Line == 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Pos.Line, e.Pos.Col, e.Msg)
}

// ErrorList collects every problem found in a load, in file and line order.
type ErrorList []*Error

func (l ErrorList) Error() string {
	s := make([]string, len(l))
	for i, e := range l {
		s[i] = e.Error()
	}
	return strings.Join(s, "\n")
}

// Err returns nil for an empty list, so callers can `return errs.Err()`.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.sort()
	return l
}

func (l ErrorList) sort() {
	sort.SliceStable(l, func(i, j int) bool {
		if l[i].File != l[j].File {
			return l[i].File < l[j].File
		}
		if l[i].Pos.Line != l[j].Pos.Line {
			return l[i].Pos.Line < l[j].Pos.Line
		}
		return l[i].Pos.Col < l[j].Pos.Col
	})
}

// Errors unpacks an error from this package into its list of problems.
func Errors(err error) ErrorList {
	if err == nil {
		return nil
	}
	var l ErrorList
	if errors.As(err, &l) {
		return l
	}
	var e *Error
	if errors.As(err, &e) {
		return ErrorList{e}
	}
	return ErrorList{{Msg: err.Error()}}
}

// positions maps key paths such as "placement[3].module" or "grid.width" to
// where the key's value starts. BurntSushi/toml keeps positions private, so
// this scans the simple TOML this project writes: tables, arrays of tables
// and one key per line. The scan runs only when a position is first asked
// for (in practice, to report a problem), so loading good files never pays
// for it.
type positions struct {
	idx    *posIndex
	prefix string // prepended to every path asked for (under)
}

// under returns positions whose paths are read below prefix ("module[2].").
func (p positions) under(prefix string) positions {
	p.prefix += prefix
	return p
}

// posIndex is the lazily built index of one file.
type posIndex struct {
	data    []byte
	once    sync.Once
	at      map[string]Pos
	generic map[string]Pos // first place of a path with indexes removed
}

// lazyPositions returns positions of data, indexed on first use.
func lazyPositions(data []byte) positions { return positions{idx: &posIndex{data: data}} }

// index builds the index on first use; nil for empty positions.
func (p positions) index() *posIndex {
	if p.idx == nil {
		return nil
	}
	p.idx.once.Do(p.idx.build)
	return p.idx
}

func (ix *posIndex) build() {
	ix.at, ix.generic = map[string]Pos{}, map[string]Pos{}
	counts := map[string]int{}
	current := map[string]string{} // array table name -> its latest element path
	// resolve turns "a.b" into "a[2].b" when a is an array of tables.
	resolve := func(name string) string {
		segs := strings.Split(name, ".")
		out := ""
		for k := range segs {
			prefix := strings.Join(segs[:k+1], ".")
			if cur, ok := current[prefix]; ok {
				out = cur
				continue
			}
			if out != "" {
				out += "."
			}
			out += segs[k]
		}
		return out
	}
	table := ""
	for i, raw := range strings.Split(string(ix.data), "\n") {
		line := strings.TrimRight(raw, "\r")
		trim := strings.TrimLeft(line, " \t")
		indent := len(line) - len(trim)
		if trim == "" || trim[0] == '#' {
			continue
		}
		switch {
		case strings.HasPrefix(trim, "[["):
			name := strings.TrimSpace(strings.SplitN(trim[2:], "]]", 2)[0])
			parent, last := "", name
			if cut := strings.LastIndexByte(name, '.'); cut >= 0 {
				parent, last = resolve(name[:cut]), name[cut+1:]
				parent += "."
			}
			key := parent + last
			idx := counts[key]
			counts[key]++
			table = key + "[" + strconv.Itoa(idx) + "]"
			current[name] = table
			ix.put(table, name, Pos{i + 1, indent + 1})
		case strings.HasPrefix(trim, "["):
			name := strings.TrimSpace(strings.SplitN(trim[1:], "]", 2)[0])
			table = resolve(name)
			ix.put(table, name, Pos{i + 1, indent + 1})
		default:
			key, _, ok := strings.Cut(trim, "=")
			if !ok {
				continue
			}
			key = strings.Trim(strings.TrimSpace(key), `"`)
			eq := strings.Index(line, "=")
			col := eq + 2
			for col <= len(line) && (line[col-1] == ' ' || line[col-1] == '\t') {
				col++
			}
			path := key
			generic := key
			if table != "" {
				path = table + "." + key
				generic = stripIndexes(table) + "." + key
			}
			ix.put(path, generic, Pos{i + 1, col})
		}
	}
}

func (ix *posIndex) put(path, generic string, pos Pos) {
	if _, ok := ix.at[path]; !ok {
		ix.at[path] = pos
	}
	if _, ok := ix.generic[generic]; !ok {
		ix.generic[generic] = pos
	}
}

// of returns the position of path, falling back to its enclosing table.
func (p positions) of(path string) Pos {
	ix := p.index()
	if ix == nil {
		return Pos{}
	}
	path = p.prefix + path
	for path != "" {
		if pos, ok := ix.at[path]; ok {
			return pos
		}
		cut := strings.LastIndexByte(path, '.')
		if cut < 0 {
			break
		}
		path = path[:cut]
	}
	return Pos{}
}

// genericOf returns the first place of a key path with indexes removed.
func (p positions) genericOf(path string) (Pos, bool) {
	ix := p.index()
	if ix == nil {
		return Pos{}, false
	}
	pos, ok := ix.generic[path]
	return pos, ok
}

func stripIndexes(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '[':
			depth++
		case r == ']':
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// typeErrRE matches BurntSushi/toml's type-mismatch errors, which carry the
// line and key in their text rather than in a ParseError. It is compiled on
// first use, so program start-up does not pay for it.
var typeErrRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): (.*)$`)
})

// gotNULRE matches the TOML lexer's way of saying it met the end of the
// input in the middle of something: it reports the end as a NUL rune.
// Compiled on first use.
var gotNULRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`,? but got '\\x00'( instead)?`) })

// endOfFileMessage words the TOML lexer's end-of-input errors as "unexpected
// end of file" (a truncated file), not `got '\x00'` or "EOF". A file that
// really holds a NUL byte keeps the lexer's message.
func endOfFileMessage(msg string, data []byte) string {
	if !bytes.ContainsRune(data, 0) && gotNULRE().MatchString(msg) {
		msg = "unexpected end of file; " + gotNULRE().ReplaceAllString(msg, "")
	}
	return strings.ReplaceAll(msg, "EOF", "end of file")
}

// decodeTOML decodes data into v, turning syntax and type errors and unknown
// keys into *Error values that name the file, line and key.
func decodeTOML(file string, data []byte, v any) (positions, ErrorList) {
	pos, _, errs := decodeTOMLMeta(file, data, v)
	return pos, errs
}

// decodeTOMLMeta is decodeTOML that also returns the decoder's metadata
// (which keys each file defines).
func decodeTOMLMeta(file string, data []byte, v any) (positions, toml.MetaData, ErrorList) {
	pos := lazyPositions(data)
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(v)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			msg := endOfFileMessage(pe.Message, data)
			if pe.LastKey != "" {
				msg = fmt.Sprintf("key %q: %s", pe.LastKey, msg)
			}
			line, col := pe.Position.Line, pe.Position.Col
			if pe.LastKey != "" {
				if kp, ok := pos.genericOf(stripIndexes(pe.LastKey)); ok && kp.Line == line {
					col = kp.Col
				}
			}
			if col < 1 {
				col = 1
			}
			return pos, md, ErrorList{{File: file, Pos: Pos{line, col}, Msg: msg}}
		}
		if m := typeErrRE().FindStringSubmatch(err.Error()); m != nil {
			line, _ := strconv.Atoi(m[1])
			at := Pos{line, 1}
			if kp, ok := pos.genericOf(stripIndexes(m[2])); ok {
				at = kp
			}
			return pos, md, ErrorList{{File: file, Pos: at, Msg: fmt.Sprintf("key %q: %s", m[2], m[3])}}
		}
		return pos, md, ErrorList{{File: file, Pos: Pos{1, 1}, Msg: strings.TrimPrefix(err.Error(), "toml: ")}}
	}
	var errs ErrorList
	for _, k := range md.Undecoded() {
		ks := k.String()
		at, _ := pos.genericOf(ks)
		errs = append(errs, &Error{File: file, Pos: at, Msg: fmt.Sprintf("unknown key %q", ks)})
	}
	return pos, md, errs
}
