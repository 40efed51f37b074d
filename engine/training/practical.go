package training

import "fmt"

// Practical is the practical part of a qualification: a real, timed build
// of a module, signed off by an assessor (production/training/signoff).
// OSE's builder qualification is of this kind: "build any 4x8 or 4x9 wall
// module in at most 1 hour".
type Practical struct {
	Module     string `toml:"module"`      // module id in the catalog, built by this qualification
	MaxMinutes int    `toml:"max_minutes"` // the measured build time may not exceed it
	Source     string `toml:"source"`      // where the time limit comes from
}

// checkPractical returns "" when x's practical part is sound: a module of
// the catalog whose build qualification is x, a positive time limit and a
// source.
func checkPractical(x *Qualification, set *Set) string {
	p := x.Practical
	if p == nil {
		return ""
	}
	switch {
	case p.MaxMinutes <= 0:
		return fmt.Sprintf("qualification %q: practical max_minutes %d must be positive", x.ID, p.MaxMinutes)
	case p.Source == "":
		return fmt.Sprintf("qualification %q: practical has no source for its time limit", x.ID)
	case set == nil || set.cat == nil:
		return ""
	}
	m := set.cat.Modules[p.Module]
	if m == nil {
		return fmt.Sprintf("qualification %q: practical module %q is not in the catalog", x.ID, p.Module)
	}
	if m.BuildQual != x.ID {
		return fmt.Sprintf("qualification %q: practical module %q is built by %q, not by this qualification", x.ID, p.Module, m.BuildQual)
	}
	return ""
}

// PracticalOK is nil when a sign-off of module built in minutes meets x's
// practical part, else an error naming what is wrong.
func (x *Qualification) PracticalOK(module string, minutes int) error {
	p := x.Practical
	switch {
	case p == nil:
		return fmt.Errorf("%s has no practical part to sign off", x.Name)
	case module != p.Module:
		return fmt.Errorf("%s's practical is a %s module, not %s", x.Name, p.Module, module)
	case minutes <= 0:
		return fmt.Errorf("measured time %d minutes: give the minutes the build took", minutes)
	case minutes > p.MaxMinutes:
		return fmt.Errorf("measured time %d minutes is over the %d-minute limit for %s (%s)", minutes, p.MaxMinutes, x.Name, p.Source)
	}
	return nil
}
