//go:build !js

package commons_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/commons"
	"github.com/opensourceecology/prodos/production/commons/sqlitestore"
	"github.com/stretchr/testify/require"
)

// BenchmarkPublishSeedHome publishes the seed home (parse, rules, cost,
// bill of materials, one SQLite transaction), a new name each time.
func BenchmarkPublishSeedHome(b *testing.B) {
	cat, err := designs.DefaultCatalog()
	require.NoError(b, err)
	st, err := sqlitestore.Open(filepath.Join(b.TempDir(), "commons.db"))
	require.NoError(b, err)
	defer st.Close()
	data, err := os.ReadFile(filepath.Join("..", "..", "designs", "examples", "seed-home-32x40.toml"))
	require.NoError(b, err)
	p := &commons.Publisher{Store: st, Catalog: cat, Designer: func(context.Context, string) (bool, error) { return true, nil }}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d := strings.Replace(string(data), `name = "`, fmt.Sprintf(`name = "%d `, i), 1)
		if _, created, err := p.Publish(context.Background(), "seed.toml", []byte(d), "ana"); err != nil || !created {
			b.Fatal(err, created)
		}
	}
}
