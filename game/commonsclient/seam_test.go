//go:build !js

package commonsclient_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/game/commonsclient"
	"github.com/opensourceecology/prodos/production/classroom"
	classdb "github.com/opensourceecology/prodos/production/classroom/sqlitestore"
	"github.com/opensourceecology/prodos/production/commons"
	"github.com/opensourceecology/prodos/production/commons/sqlitestore"
	"github.com/opensourceecology/prodos/production/commons/web"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// world is a server as `prodos serve` mounts it: the classroom and the
// commons (learners may publish), each on its own SQLite file.
type world struct {
	srv   *httptest.Server
	class classroom.Store
	cat   *designs.Catalog
}

func newWorld(t *testing.T) *world {
	t.Helper()
	dir := t.TempDir()
	cdb, err := classdb.Open(filepath.Join(dir, "classroom.db"))
	require.NoError(t, err)
	t.Cleanup(func() { cdb.Close() })
	st, err := sqlitestore.Open(filepath.Join(dir, "commons.db"))
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	ch := &web.Handler{Token: "facilitator-secret", Learner: web.ClassLearner(cdb),
		Publisher: &commons.Publisher{Store: st, Catalog: cat, Designer: func(_ context.Context, name string) (bool, error) {
			return name == "ana", nil
		}}}
	m := http.NewServeMux()
	m.Handle("/commons/", ch)
	m.Handle("/api/commons/", ch)
	m.Handle("/", &classroom.Server{Store: cdb, Token: "facilitator-secret"})
	srv := httptest.NewServer(m)
	t.Cleanup(srv.Close)
	return &world{srv: srv, class: cdb, cat: cat}
}

// join makes a class and joins it as name through /api/join, as the page
// does; it returns the learner's token.
func (w *world) join(t *testing.T, name string) string {
	t.Helper()
	c, err := w.class.CreateClass(context.Background(), "Design 101", classroom.NormalizeCode("BILD"+strings.ToUpper(name + "xxxx")[:4]))
	require.NoError(t, err)
	body, _ := json.Marshal(classroom.JoinRequest{Code: c.Code, Name: name})
	resp, err := http.Post(w.srv.URL+"/api/join", "application/json", bytes.NewReader(body))
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusCreated, resp.StatusCode)
	var jr classroom.JoinResponse
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&jr))
	return jr.Token
}

func cabin(t *testing.T, cat *designs.Catalog) *designs.Design {
	t.Helper()
	d, err := designs.LoadDesign(filepath.Join("..", "..", "designs", "examples", "cabin-12x16.toml"), cat)
	require.NoError(t, err)
	return d
}

// TestSeamPublishBrowseRemixPublish walks a learner's path: publish from
// the game with the class token, find the design in the Commons scene's
// model, open it as a remix (parent set), change and publish the remix,
// and see the parent and the remix tree on the server.
func TestSeamPublishBrowseRemixPublish(t *testing.T) {
	w := newWorld(t)
	c := &commonsclient.Client{Base: w.srv.URL, Token: w.join(t, "bea")}
	b := commonsclient.NewBrowser(c, w.cat)

	var out commonsclient.Outcome
	b.Publish("cabin.toml", cabin(t, w.cat), func(o commonsclient.Outcome) { out = o })
	b.Wait()
	require.NoError(t, out.Err)
	orig := out.Published.Version
	assert.Equal(t, "bea", orig.Author)
	assert.Equal(t, commons.StatusDraft, orig.Status, "bea holds no Designer qualification in her class")
	assert.Contains(t, out.Lines()[0], "Published: version "+orig.Hash[:12]+", DRAFT")
	assert.True(t, out.Bad())

	b.Query.Text = "cabin"
	b.Refresh()
	b.Wait()
	require.Empty(t, b.Err)
	require.Len(t, b.Designs, 1)
	assert.Equal(t, orig.Hash, b.Designs[0].Hash)
	assert.NotNil(t, b.Plans[orig.Hash], "the list's thumbnail plan")
	b.Select(0)
	b.Wait()
	require.NotNil(t, b.Detail)
	require.NotNil(t, b.Plan)
	assert.Equal(t, orig.Cost.String(), b.Detail.Version.Cost.String())

	var remix *designs.Design
	b.Open(true, func(d *designs.Design) { remix = d })
	b.Wait()
	require.NotNil(t, remix)
	assert.Equal(t, orig.Hash, remix.Parent)
	assert.Equal(t, orig.Licence, remix.License)
	remix.Name = "Bea's cabin, remixed"

	b.Publish("remix.toml", remix, func(o commonsclient.Outcome) { out = o })
	b.Wait()
	require.NoError(t, out.Err)
	child := out.Published.Version
	assert.Equal(t, orig.Hash, child.Parent)
	assert.Contains(t, out.Lines(), "Remix of "+orig.Hash[:12])

	det, err := c.Show(context.Background(), orig.Hash)
	require.NoError(t, err)
	require.Len(t, det.Lineage.Children, 1)
	assert.Equal(t, child.Hash, det.Lineage.Children[0].Version.Hash)
	det, err = c.Show(context.Background(), child.Hash)
	require.NoError(t, err)
	require.Len(t, det.Lineage.Ancestors, 1)
	assert.Equal(t, orig.Hash, det.Lineage.Ancestors[0].Hash)
}

// The refusals a player sees: a closed licence (with the allowed list), a
// remix that drops its share-alike parent's licence, no token.
func TestPublishRefusals(t *testing.T) {
	w := newWorld(t)
	fac := &commonsclient.Client{Base: w.srv.URL, Token: "facilitator-secret", As: "ana"}
	ctx := context.Background()
	p, err := fac.Publish(ctx, "cabin.toml", cabin(t, w.cat))
	require.NoError(t, err)
	assert.Equal(t, "ana", p.Version.Author)
	assert.Equal(t, commons.StatusBuildReady, p.Version.Status)

	closed := cabin(t, w.cat)
	closed.License = "All rights reserved"
	remix := commonsclient.Remix(cabin(t, w.cat), p.Version)
	remix.License = "CC0-1.0"
	cases := []struct {
		name   string
		c      *commonsclient.Client
		d      *designs.Design
		code   string
		inLine string
	}{
		{"closed licence", fac, closed, "license", "use one of: CC0-1.0, CC-BY-4.0, CC-BY-SA-4.0"},
		{"share-alike dropped", fac, remix, "license", "CC-BY-SA-4.0"},
		{"no token", &commonsclient.Client{Base: w.srv.URL}, closed, "unauthorized", "join a class first"},
		{"stranger's token", &commonsclient.Client{Base: w.srv.URL, Token: "made-up"}, closed, "unauthorized", "join a class first"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.c.Publish(ctx, "x.toml", tc.d)
			assert.True(t, commonsclient.IsRefusal(err, tc.code), "%v", err)
			o := commonsclient.Outcome{Err: err}
			assert.Contains(t, o.Lines()[0], "Not published: ")
			assert.Contains(t, o.Lines()[0], tc.inLine)
		})
	}
}

// A download whose bytes are not the version's hash is refused.
func TestDesignDownloadCheckedAgainstHash(t *testing.T) {
	d := []byte("format = 1\n")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(d) }))
	defer srv.Close()
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	c := &commonsclient.Client{Base: srv.URL}
	_, _, err = c.Design(context.Background(), cat, commons.Hash([]byte("something else")))
	assert.ErrorIs(t, err, commons.ErrHash)
}

func TestQueryValues(t *testing.T) {
	q := commonsclient.Query{}
	assert.Empty(t, q.Values())
	for _, want := range []string{commons.StatusBuildReady, commons.StatusDraft, ""} {
		q.NextStatus()
		assert.Equal(t, want, q.Status)
	}
	q = commonsclient.Query{Text: "  cabin ", Status: commons.StatusDraft}
	assert.Equal(t, "q=cabin&status=draft", q.Values().Encode())
}
