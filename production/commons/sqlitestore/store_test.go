//go:build !js

package sqlitestore_test

import (
	"path/filepath"
	"testing"

	"github.com/opensourceecology/prodos/production/commons"
	"github.com/opensourceecology/prodos/production/commons/commonstest"
	"github.com/opensourceecology/prodos/production/commons/sqlitestore"
	"github.com/stretchr/testify/require"
)

func TestConformance(t *testing.T) {
	commonstest.Run(t, func(t *testing.T) commons.Store {
		st, err := sqlitestore.Open(filepath.Join(t.TempDir(), "commons.db"))
		require.NoError(t, err)
		return st
	})
}
