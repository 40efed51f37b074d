package commons

import (
	"fmt"
	"strings"
)

// Licence is one open licence the commons accepts, by its SPDX id.
type Licence struct {
	ID   string `json:"id"`   // SPDX identifier, e.g. "CC-BY-SA-4.0"
	Name string `json:"name"` // full name
	// ShareAlike is set for copyleft licences: a remix of a design under
	// one must keep the same licence.
	ShareAlike bool   `json:"share_alike"`
	URL        string `json:"url"`
}

// Licences is the allow-list: licences that meet the Open Source Hardware
// Association's definition (OSHWA certification accepts CC0, CC BY, CC
// BY-SA and the CERN OHL family for hardware documentation) or the Open
// Source Initiative's (the software licences below are OSI approved).
// Sources: https://certification.oshwa.org/ (licence list of the
// certification form), https://opensource.org/licenses,
// https://spdx.org/licenses/.
var Licences = []Licence{
	{"CC0-1.0", "Creative Commons Zero v1.0 Universal", false, "https://creativecommons.org/publicdomain/zero/1.0/"},
	{"CC-BY-4.0", "Creative Commons Attribution 4.0 International", false, "https://creativecommons.org/licenses/by/4.0/"},
	{"CC-BY-SA-4.0", "Creative Commons Attribution Share Alike 4.0 International", true, "https://creativecommons.org/licenses/by-sa/4.0/"},
	{"CERN-OHL-P-2.0", "CERN Open Hardware Licence Version 2 - Permissive", false, "https://ohwr.org/cern_ohl_p_v2.txt"},
	{"CERN-OHL-W-2.0", "CERN Open Hardware Licence Version 2 - Weakly Reciprocal", true, "https://ohwr.org/cern_ohl_w_v2.txt"},
	{"CERN-OHL-S-2.0", "CERN Open Hardware Licence Version 2 - Strongly Reciprocal", true, "https://ohwr.org/cern_ohl_s_v2.txt"},
	{"TAPR-OHL-1.0", "TAPR Open Hardware License v1.0", true, "https://tapr.org/the-tapr-open-hardware-license/"},
	{"GPL-3.0-or-later", "GNU General Public License v3.0 or later", true, "https://www.gnu.org/licenses/gpl-3.0.html"},
	{"MIT", "MIT License", false, "https://opensource.org/license/mit"},
	{"Apache-2.0", "Apache License 2.0", false, "https://www.apache.org/licenses/LICENSE-2.0"},
}

// LookupLicence returns the allow-listed licence with this SPDX id (exact
// spelling, as SPDX ids are matched).
func LookupLicence(id string) (Licence, bool) {
	for _, l := range Licences {
		if l.ID == id {
			return l, true
		}
	}
	return Licence{}, false
}

// LicenceIDs is the allow-list's ids, comma separated, for messages.
func LicenceIDs() string {
	ids := make([]string, len(Licences))
	for i, l := range Licences {
		ids[i] = l.ID
	}
	return strings.Join(ids, ", ")
}

// CheckLicence returns nil for an allow-listed licence, else an error that
// lists the licences accepted.
func CheckLicence(id string) error {
	if _, ok := LookupLicence(id); ok {
		return nil
	}
	return fmt.Errorf("%w: %q is not an open licence the commons accepts; use one of: %s", ErrLicence, id, LicenceIDs())
}

// CheckRemixLicence checks a remix's licence against its parent's: a
// share-alike parent's licence must be kept.
func CheckRemixLicence(parent, child string) error {
	pl, ok := LookupLicence(parent)
	if !ok || !pl.ShareAlike || parent == child {
		return nil
	}
	return fmt.Errorf("%w: the parent is under %s, a share-alike licence, so the remix must keep it (got %s)", ErrLicence, parent, child)
}
