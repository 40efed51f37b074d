//go:build !js

package sqlitestore

import (
	"context"
	"errors"
	"testing"

	"github.com/opensourceecology/prodos/production/ledger"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// InstallCheck is asked inside the transaction of each new
// module-installed record with the count already installed; its error
// refuses the event, and an event already recorded is not asked again.
func TestInstallCheckSeesInstalledCount(t *testing.T) {
	db, svc := openTest(t, "")
	ctx := context.Background()
	postAll(t, svc, evKeys("po-valley", "po-midwest", "gr-valley", "gr-midwest", "issue", "ann-built"))
	refuse := errors.New("not inspected")
	type call struct {
		house, module    string
		installed, count int
	}
	var calls []call
	svc.InstallCheck = func(house, module string, installed, count int) error {
		calls = append(calls, call{house, module, installed, count})
		if installed+count > 3 {
			return refuse
		}
		return nil
	}
	inst := func(key string, n int) ledger.Event {
		return ledger.Event{Key: key, Type: ledger.EventModuleInstalled, House: "cabin-1", Person: "bo", Module: "wall-ext-4x8", Count: n}
	}
	_, err := svc.Post(ctx, inst("i1", 2))
	require.NoError(t, err)
	res, err := svc.Post(ctx, inst("i1", 2))
	require.NoError(t, err)
	assert.True(t, res.Duplicate)
	_, err = svc.Post(ctx, inst("i2", 2))
	assert.ErrorIs(t, err, refuse)
	_, err = svc.Post(ctx, inst("i3", 1))
	require.NoError(t, err)
	assert.Equal(t, []call{{"cabin-1", "wall-ext-4x8", 0, 2}, {"cabin-1", "wall-ext-4x8", 2, 2}, {"cabin-1", "wall-ext-4x8", 2, 1}}, calls)
	var n int
	require.NoError(t, db.SQL().QueryRow(`SELECT COALESCE(SUM(count), 0) FROM production_records WHERE op = 'install'`).Scan(&n))
	assert.Equal(t, 3, n, "the refused install wrote nothing")
}
