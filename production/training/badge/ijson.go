package badge

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// MaxCredential is the largest credential file Verify reads: a credential is
// a few kilobytes, so anything near this is not one.
const MaxCredential = 256 << 10

// checkIJSON refuses a document that I-JSON (RFC 7493) forbids: an object
// with the same member name twice. Go's decoder keeps the last duplicate, so
// without this check `"name":"Designer","name":"Foundation crew"` would be
// signed as one thing and read as another.
func checkIJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	type frame struct {
		keys   map[string]bool
		object bool
		key    bool // the next token in an object is a member name
	}
	var stack []*frame
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return err
		}
		var top *frame
		if n := len(stack); n > 0 {
			top = stack[n-1]
		}
		if d, ok := tok.(json.Delim); ok {
			switch d {
			case '{', '[':
				if top != nil && top.object {
					top.key = true
				}
				stack = append(stack, &frame{keys: map[string]bool{}, object: d == '{', key: d == '{'})
			default:
				stack = stack[:len(stack)-1]
			}
			continue
		}
		if top == nil || !top.object {
			continue
		}
		if top.key {
			name, _ := tok.(string)
			if top.keys[name] {
				return fmt.Errorf("member %q appears twice in one object (I-JSON forbids duplicate names)", name)
			}
			top.keys[name] = true
			top.key = false
			continue
		}
		top.key = true
	}
}
