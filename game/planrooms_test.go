package game

import (
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine"
	"github.com/stretchr/testify/require"
)

// planBoard is an engine board over d with no rules, for the plan's
// open-edge marks and room labels; a bare test design gets the file header
// (format, name, licence) the engine asks for.
func planBoard(t *testing.T, cat *designs.Catalog, d *designs.Design) *EngineBoard {
	t.Helper()
	c := *d
	if c.Format == 0 {
		c.Format, c.Name, c.License = designs.FormatVersion, "test", designs.DefaultLicense
	}
	e, err := engine.FromDesign(&c, cat, engine.Options{})
	require.NoError(t, err)
	return NewEngineBoard(e, cat, func() int64 { return 0 })
}
