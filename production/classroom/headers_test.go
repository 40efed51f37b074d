package classroom

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDashboardCSPHashesInlineScripts(t *testing.T) {
	page := []byte(`<p>x</p><script>setTimeout(() => location.reload(), 30000)</script>`)
	csp := dashboardCSP(inlineScriptHashes(page))
	assert.Contains(t, csp, "script-src 'self' 'sha256-")
	assert.Contains(t, csp, "frame-ancestors 'none'")
	assert.NotContains(t, csp, "unsafe-inline' 'self")
	assert.Equal(t, 1, strings.Count(csp, "sha256-"))
	assert.Equal(t, pageCSP, dashboardCSP(nil))
}
