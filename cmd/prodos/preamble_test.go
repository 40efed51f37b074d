package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestProductionPreambleContract pins what the shared preamble of the
// production commands prints and returns: usage on a wrong argument count,
// the --format check before the catalog and design are read, and the
// design file named when it cannot be read.
func TestProductionPreambleContract(t *testing.T) {
	missing := "no-such-design.toml"
	tests := []struct {
		name    string
		args    []string
		code    int
		stderr  string
		without string
	}{
		{"bom no design", []string{"bom"}, exitUsage, "usage: prodos bom", ""},
		{"cost two designs", []string{"cost", missing, missing}, exitUsage, "usage: prodos cost", ""},
		{"jobs no design", []string{"jobs"}, exitUsage, "usage: prodos jobs", ""},
		{"schedule no design", []string{"schedule"}, exitUsage, "usage: prodos schedule", ""},
		{"source no design", []string{"source"}, exitUsage, "usage: prodos source", ""},
		{"bom bad format first", []string{"bom", missing, "--format", "xml"}, exitUsage, "--format must be one of csv, json, table", missing},
		{"cost bad format first", []string{"cost", missing, "--format", "csv"}, exitUsage, "--format must be one of table, json", missing},
		{"schedule bad format first", []string{"schedule", missing, "--format", "xml"}, exitUsage, "--format must be one of table, csv, json", missing},
		{"source bad format first", []string{"source", missing, "--format", "xml"}, exitUsage, "--format must be one of csv, json, table", missing},
		{"bom missing design", []string{"bom", missing}, exitUsage, missing, ""},
		{"jobs missing design", []string{"jobs", missing}, exitUsage, missing, ""},
		{"ledger balance bad format", []string{"ledger", "balance", "--format", "xml"}, exitUsage, "--format must be one of table, csv, json", ""},
		{"ledger statement no account", []string{"ledger", "statement"}, exitUsage, "usage: prodos ledger statement", ""},
		{"ledger account both flags", []string{"ledger", "account", "cash", "--credits-must-not-exceed-debits", "--debits-must-not-exceed-credits"}, exitUsage, "usage: prodos ledger account", ""},
		{"value extra argument", []string{"value", "x"}, exitUsage, "usage: prodos value", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := prodRun(tt.args...)
			assert.Equal(t, tt.code, code, stderr)
			assert.Contains(t, stderr, tt.stderr)
			if tt.without != "" {
				assert.NotContains(t, stderr, tt.without)
			}
		})
	}
}
