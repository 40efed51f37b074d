package commons

import (
	"context"
	"errors"
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

// Designers are the authors along the lineage of the version hash: [0]
// its own author, then its parent's, back to the original's (at most
// MaxTree steps). A hash the commons does not hold has none (nil, nil):
// the house was built from a design never published.
func Designers(ctx context.Context, st Store, hash string) ([]string, error) {
	var out []string
	for p := hash; p != "" && len(out) <= MaxTree; {
		v, _, err := st.Get(ctx, p)
		if errors.Is(err, ErrNotFound) && p == hash {
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("lineage of %s: %w", hash, err)
		}
		out = append(out, v.Author)
		p = v.Parent
	}
	return out, nil
}
