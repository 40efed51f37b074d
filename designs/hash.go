package designs

import (
	"crypto/sha256"
	"encoding/hex"
)

// SHA256 is the hex SHA-256 of the design in its canonical form (Marshal):
// the hash build package files name so a G-code or DXF file can be traced
// to the exact design it was made from.
func (d *Design) SHA256() string {
	sum := sha256.Sum256(d.Marshal())
	return hex.EncodeToString(sum[:])
}
