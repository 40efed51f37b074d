//go:build !js

package pgtest

import (
	"context"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMain(m *testing.M) { os.Exit(Main(m)) }

// TestNewDBIsRealAndFresh connects to two databases of the shared server
// and checks each is a real, separate, empty PostgreSQL database.
func TestNewDBIsRealAndFresh(t *testing.T) {
	ctx := context.Background()
	a, b := NewDB(t), NewDB(t)
	require.NotEqual(t, a, b)
	ca, err := pgx.Connect(ctx, a)
	require.NoError(t, err)
	defer ca.Close(ctx)
	cb, err := pgx.Connect(ctx, b)
	require.NoError(t, err)
	defer cb.Close(ctx)
	_, err = ca.Exec(ctx, `CREATE TABLE x (n int)`)
	require.NoError(t, err)
	var n int
	require.NoError(t, cb.QueryRow(ctx, `SELECT COUNT(*) FROM pg_tables WHERE tablename = 'x'`).Scan(&n))
	assert.Equal(t, 0, n, "a table made in one test database shows in another")
	var v string
	require.NoError(t, ca.QueryRow(ctx, `SHOW server_version`).Scan(&v))
	assert.NotEmpty(t, v)
}
