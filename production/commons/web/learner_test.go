//go:build !js

package web_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/commons"
	"github.com/opensourceecology/prodos/production/commons/sqlitestore"
	"github.com/opensourceecology/prodos/production/commons/web"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A class learner publishes with their own learner token: the author is
// the learner the server knows (not the ?as= the request names), and the
// status follows the qualifications the class verified, not the profiles
// database.
func TestLearnerPublishesUnderTheirClassName(t *testing.T) {
	st, err := sqlitestore.Open(filepath.Join(t.TempDir(), "commons.db"))
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	h := &web.Handler{Token: "tok", Publisher: &commons.Publisher{Store: st, Catalog: cat,
		Designer: func(context.Context, string) (bool, error) {
			return false, errors.New("profiles: not consulted for learners")
		}},
		Learner: func(_ context.Context, token string) (string, bool, error) {
			switch token {
			case "learner-bea":
				return "bea", true, nil
			case "learner-cy":
				return "cy", false, nil
			}
			return "", false, web.ErrUnknownLearner
		}}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	cabin, err := os.ReadFile(filepath.Join("..", "..", "..", "designs", "examples", "cabin-12x16.toml"))
	require.NoError(t, err)

	status, out := post(t, srv, strings.NewReader(string(cabin)), "learner-bea")
	require.Equal(t, 201, status, out)
	v := out["version"].(map[string]any)
	assert.Equal(t, "bea", v["author"], "the learner, not ?as=ana")
	assert.Equal(t, commons.StatusBuildReady, v["status"])

	other := strings.Replace(string(cabin), `name = "`, `name = "Cy's `, 1)
	status, out = post(t, srv, strings.NewReader(other), "learner-cy")
	require.Equal(t, 201, status, out)
	v = out["version"].(map[string]any)
	assert.Equal(t, "cy", v["author"])
	assert.Equal(t, commons.StatusDraft, v["status"])
	assert.Contains(t, v["problems"], "author: cy does not hold the Designer qualification")

	status, out = post(t, srv, strings.NewReader(other+"\n"), "stranger")
	assert.Equal(t, 401, status, out)
	assert.Equal(t, "unauthorized", out["code"])
	assert.Contains(t, out["error"], "join a class")
}
