package commons

import (
	"context"
	"fmt"
)

// Node is a version with its remixes, for the remix tree.
type Node struct {
	Version  Version `json:"version"`
	Children []*Node `json:"children"`
}

// Lineage is a version's place in the remix tree: its ancestors (parent
// first, back to the original) and its descendants (remixes, recursively).
type Lineage struct {
	Ancestors []Version `json:"ancestors"`
	Children  []*Node   `json:"children"`
	// Truncated is set when the tree had more than MaxTree versions.
	Truncated bool `json:"truncated"`
}

// MaxTree bounds the versions a lineage lists, so one page stays small.
const MaxTree = 500

// LineageOf reads a stored version's lineage.
func LineageOf(ctx context.Context, st Store, v Version) (Lineage, error) {
	l := Lineage{Ancestors: []Version{}, Children: []*Node{}}
	for p := v.Parent; p != ""; {
		if len(l.Ancestors) >= MaxTree {
			l.Truncated = true
			break
		}
		pv, _, err := st.Get(ctx, p)
		if err != nil {
			return l, fmt.Errorf("lineage of %s: parent %s: %w", v.Hash, p, err)
		}
		l.Ancestors = append(l.Ancestors, pv)
		p = pv.Parent
	}
	n := 0
	var walk func(hash string) ([]*Node, error)
	walk = func(hash string) ([]*Node, error) {
		kids, err := st.Children(ctx, hash)
		if err != nil {
			return nil, fmt.Errorf("lineage of %s: children of %s: %w", v.Hash, hash, err)
		}
		out := []*Node{}
		for _, k := range kids {
			if n >= MaxTree {
				l.Truncated = true
				break
			}
			n++
			node := &Node{Version: k}
			if node.Children, err = walk(k.Hash); err != nil {
				return nil, err
			}
			out = append(out, node)
		}
		return out, nil
	}
	kids, err := walk(v.Hash)
	if err != nil {
		return l, err
	}
	l.Children = kids
	return l, nil
}
