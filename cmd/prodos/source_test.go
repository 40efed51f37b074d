package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSourceCommandCSVMatchesGolden(t *testing.T) {
	for _, policy := range []string{"local", "cheapest", "fastest"} {
		code, out, errs := prodRun("source", prodExample("seed-home-32x40"), "--policy", policy, "--today", "2026-11-21", "--format", "csv")
		require.Equal(t, exitOK, code, errs)
		want, err := os.ReadFile(filepath.Join("..", "..", "production", "manufacturing", "testdata", "purchase-orders-seed-home-"+policy+".csv"))
		require.NoError(t, err)
		assert.Equal(t, string(want), out, policy)
	}
}

func TestSourceCommandTodayInjectable(t *testing.T) {
	saved := prodToday
	t.Cleanup(func() { prodToday = saved })
	prodToday = func() time.Time { return time.Date(2030, 1, 2, 15, 0, 0, 0, time.UTC) }
	code, out, errs := prodRun("source", prodExample("cabin-12x16"), "--format", "json")
	require.Equal(t, exitOK, code, errs)
	var doc struct {
		Orders []struct {
			Supplier  string `json:"supplier"`
			OrderDate string `json:"order_date"`
			Delivery  string `json:"delivery"`
			LeadDays  int    `json:"lead_days"`
		} `json:"orders"`
		Total string `json:"total"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	require.NotEmpty(t, doc.Orders)
	for _, o := range doc.Orders {
		assert.Equal(t, "2030-01-02", o.OrderDate)
		assert.Equal(t, time.Date(2030, 1, 2, 0, 0, 0, 0, time.UTC).AddDate(0, 0, o.LeadDays).Format("2006-01-02"), o.Delivery)
	}
}

func TestSourceCommandProblems(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
		return p
	}
	badTOML := write("broken.toml", "[[supplier]\nid = \"x\"\n")
	unknownSKU := write("unknown.toml", "[[supplier]]\nid = \"x\"\nname = \"X\"\nregion = \"local\"\nlead_days = 1\n[[supplier.item]]\nsku = \"NO-SUCH-SKU\"\nprice = \"1\"\npack = 1\nstock = 5\n")
	negative := write("negative.toml", "[[supplier]]\nid = \"x\"\nname = \"X\"\nregion = \"local\"\nlead_days = 1\n[[supplier.item]]\nsku = \"LUM-2X6-08\"\nprice = \"1\"\npack = 1\nstock = -5\n")
	tests := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"too soon", []string{"--today", "2026-11-21", "--need-by", "2026-11-22"}, exitProblems, []string{"sku ", "no supplier delivers by 2026-11-22", "needed by modules"}},
		{"bad policy", []string{"--policy", "random"}, exitUsage, []string{"--policy"}},
		{"bad date", []string{"--need-by", "tomorrow"}, exitUsage, []string{"--need-by must be YYYY-MM-DD"}},
		{"malformed suppliers", []string{"--suppliers", badTOML}, exitUsage, []string{"broken.toml:"}},
		{"unknown sku", []string{"--suppliers", unknownSKU}, exitUsage, []string{"unknown.toml:", "NO-SUCH-SKU"}},
		{"negative stock", []string{"--suppliers", negative}, exitUsage, []string{"negative.toml:", "not negative"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := prodRun(append([]string{"source", prodExample("cabin-12x16")}, tt.args...)...)
			assert.Equal(t, tt.code, code, errs)
			for _, w := range tt.want {
				assert.Contains(t, errs, w)
			}
		})
	}
}
