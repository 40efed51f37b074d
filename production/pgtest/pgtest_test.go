//go:build !js

package pgtest

import (
	"context"
	"os"
	"syscall"
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

// TestServerRunsAsNonRoot: PostgreSQL refuses root, so under root (CI)
// the data folder belongs to another user, and the server listens on no
// TCP address, only on the socket in its temporary folder.
func TestServerRunsAsNonRoot(t *testing.T) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, NewDB(t))
	require.NoError(t, err)
	defer conn.Close(ctx)
	var data, listen, sock string
	require.NoError(t, conn.QueryRow(ctx, `SELECT current_setting('data_directory'), current_setting('listen_addresses'), current_setting('unix_socket_directories')`).Scan(&data, &listen, &sock))
	st, err := os.Stat(data)
	require.NoError(t, err)
	owner := st.Sys().(*syscall.Stat_t).Uid
	assert.NotEqual(t, uint32(0), owner, "data folder owned by root")
	assert.Equal(t, uint32(os.Geteuid()) == 0, owner != uint32(os.Geteuid()), "under root the server runs as another user")
	assert.Empty(t, listen)
	assert.Equal(t, Shared(t).Dir, sock)
}
