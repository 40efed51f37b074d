//go:build !js

package commonsclient

// Page is the browser page's commons; outside the browser there is no
// page (see page_js.go): the desktop game is given a server with
// `housegame --commons URL`.
func Page() (base, token string, ok bool) { return "", "", false }
