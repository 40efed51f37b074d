package levels

import (
	"fmt"
	"os"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine"
)

// MaxLevelFile bounds a level file read from outside the program (a file on
// disk, an upload, a download). The largest built-in level is under 2 KB.
const MaxLevelFile = 256 << 10

// Parse reads a design level from bytes, checked against the default
// module library and the embedded rule sets: problems come back as
// *designs.Error values naming file, line and column.
func Parse(file string, data []byte) (*engine.Level, error) {
	if len(data) > MaxLevelFile {
		return nil, &designs.Error{File: file, Pos: designs.Pos{Line: 1, Col: 1},
			Msg: fmt.Sprintf("level file is %d bytes, more than the %d a level may be", len(data), MaxLevelFile)}
	}
	cat, err := designs.DefaultCatalog()
	if err != nil {
		return nil, err
	}
	sets, err := RuleSets()
	if err != nil {
		return nil, err
	}
	return engine.ParseLevel(file, data, cat, sets)
}

// LoadFile reads and checks a design level file (see Parse).
func LoadFile(path string) (*engine.Level, []byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, fmt.Errorf("level: %w", err)
	}
	if st.Size() > MaxLevelFile {
		return nil, nil, &designs.Error{File: path, Pos: designs.Pos{Line: 1, Col: 1},
			Msg: fmt.Sprintf("level file is %d bytes, more than the %d a level may be", st.Size(), MaxLevelFile)}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("level: %w", err)
	}
	l, err := Parse(path, data)
	if err != nil {
		return nil, nil, err
	}
	return l, data, nil
}
