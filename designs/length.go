package designs

import (
	"fmt"
	"strconv"
	"strings"
)

// Length is a distance in sixteenths of an inch. Geometry is integer so that
// sums and comparisons are exact (DESIGN.md: never float feet).
type Length int64

// Common lengths.
const (
	Sixteenth Length = 1
	Inch      Length = 16
	Foot      Length = 12 * Inch
	// CellSize is one grid cell: OSE's 4 ft module.
	CellSize Length = 48 * Inch
)

// Inches builds a length from whole inches.
func Inches(n int) Length { return Length(n) * Inch }

// InchesFloat is the length in inches as a float, for drawing and output only.
func (l Length) InchesFloat() float64 { return float64(l) / float64(Inch) }

// String prints a length the way a carpenter writes it: 92 5/8.
func (l Length) String() string {
	neg := l < 0
	if neg {
		l = -l
	}
	whole, frac := int64(l/Inch), int64(l%Inch)
	s := strconv.FormatInt(whole, 10)
	if frac != 0 {
		num, den := frac, int64(16)
		for num%2 == 0 {
			num /= 2
			den /= 2
		}
		if whole == 0 {
			s = fmt.Sprintf("%d/%d", num, den)
		} else {
			s = fmt.Sprintf("%d %d/%d", whole, num, den)
		}
	}
	if neg {
		s = "-" + s
	}
	return s
}

// ParseLength reads "92", "92 5/8", "5/8", "1.5" or "-3" (inches).
func ParseLength(s string) (Length, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, fmt.Errorf("empty length")
	}
	neg := false
	if s[0] == '-' {
		neg = true
		s = strings.TrimSpace(s[1:])
	}
	var total Length
	parts := strings.Fields(s)
	if len(parts) > 2 {
		return 0, fmt.Errorf("length %q: want inches like 92 or 92 5/8", s)
	}
	for i, p := range parts {
		if num, den, ok := strings.Cut(p, "/"); ok {
			if i != len(parts)-1 {
				return 0, fmt.Errorf("length %q: the fraction must come last", s)
			}
			n, err1 := strconv.Atoi(num)
			d, err2 := strconv.Atoi(den)
			if err1 != nil || err2 != nil || d <= 0 || n < 0 || 16%d != 0 {
				return 0, fmt.Errorf("length %q: fraction must be in halves to sixteenths", s)
			}
			total += Length(n * (16 / d))
			continue
		}
		if i != 0 {
			return 0, fmt.Errorf("length %q: want inches like 92 or 92 5/8", s)
		}
		if strings.Contains(p, ".") {
			f, err := strconv.ParseFloat(p, 64)
			if err != nil || f < 0 {
				return 0, fmt.Errorf("length %q: not a number of inches", s)
			}
			six := f * 16
			if six != float64(int64(six)) {
				return 0, fmt.Errorf("length %q: not a whole number of sixteenths", s)
			}
			total += Length(six)
			continue
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return 0, fmt.Errorf("length %q: not a number of inches", s)
		}
		total += Inches(n)
	}
	if neg {
		total = -total
	}
	return total, nil
}

// UnmarshalTOML accepts an integer (inches) or a string such as "92 5/8".
func (l *Length) UnmarshalTOML(v any) error {
	switch x := v.(type) {
	case int64:
		*l = Length(x) * Inch
		return nil
	case string:
		p, err := ParseLength(x)
		if err != nil {
			return err
		}
		*l = p
		return nil
	default:
		return fmt.Errorf("want a length in inches (number or string like \"92 5/8\"), got %T", v)
	}
}

// MarshalText writes the carpenter's form.
func (l Length) MarshalText() ([]byte, error) { return []byte(l.String()), nil }
