package badge

import "github.com/opensourceecology/prodos/production/canonjson"

// jcs canonicalizes a decoded value (RFC 8785), as eddsa-jcs-2022 asks.
func jcs(v any) ([]byte, error) { return canonjson.Canonicalize(v) }
