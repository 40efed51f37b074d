package designs

// Positions maps TOML key paths such as "placement[3].module" or
// "objective[0].metric" to where their values start in a file. Other
// packages that read TOML (the engine's rule sets and levels) use it to
// report problems as file:line:column, the same way this package does.
type Positions struct{ p positions }

// Of returns the position of a key path, falling back to its enclosing
// table, or the zero Pos when the path is unknown.
func (p Positions) Of(path string) Pos { return p.p.of(path) }

// DecodeTOML decodes data into v. Syntax errors, type errors and unknown
// keys come back as *Error values naming the file, line, column and key.
func DecodeTOML(file string, data []byte, v any) (Positions, ErrorList) {
	pos, errs := decodeTOML(file, data, v)
	return Positions{pos}, errs
}
