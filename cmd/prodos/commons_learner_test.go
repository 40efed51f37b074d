package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/game/commonsclient"
	"github.com/opensourceecology/prodos/production/classroom"
	"github.com/opensourceecology/prodos/production/commons"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestServeLetsClassLearnersPublish: a learner who joined a class on
// `prodos serve` publishes from the game's commons client with their
// learner token, as themselves; the game then finds the version, remixes
// it and publishes the remix, whose parent the server keeps.
func TestServeLetsClassLearnersPublish(t *testing.T) {
	commonsWorld(t)
	dir := t.TempDir()
	t.Setenv(tokenEnv, "facilitator-token-1")
	addr, stop := startServe(t, "--db", filepath.Join(dir, "class.db"), "--commons-db", filepath.Join(dir, "commons.db"))
	defer stop()
	base := "http://" + addr

	req, _ := http.NewRequest(http.MethodPost, base+"/api/classes", bytes.NewReader([]byte(`{"name":"Design 101"}`)))
	req.Header.Set("Authorization", "Bearer facilitator-token-1")
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	var class struct{ Code string }
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&class))
	resp.Body.Close()
	body, _ := json.Marshal(classroom.JoinRequest{Code: class.Code, Name: "cy"})
	resp, err = http.Post(base+"/api/join", "application/json", bytes.NewReader(body))
	require.NoError(t, err)
	var joined classroom.JoinResponse
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&joined))
	resp.Body.Close()
	require.NotEmpty(t, joined.Token)

	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	cabin, err := designs.LoadDesign(filepath.Join("..", "..", "designs", "examples", "cabin-12x16.toml"), cat)
	require.NoError(t, err)
	c := &commonsclient.Client{Base: base, Token: joined.Token, As: "ana"}
	ctx := context.Background()
	p, err := c.Publish(ctx, "cabin.toml", cabin)
	require.NoError(t, err)
	assert.Equal(t, "cy", p.Version.Author, "the learner the token belongs to, not ?as=ana")
	assert.Equal(t, commons.StatusDraft, p.Version.Status)

	vs, err := c.Search(ctx, commonsclient.Query{Text: "cabin"})
	require.NoError(t, err)
	require.Len(t, vs, 1)
	d, _, err := c.Design(ctx, cat, vs[0].Hash)
	require.NoError(t, err)
	remix := commonsclient.Remix(d, vs[0])
	remix.Name = "Cy's cabin, remixed"
	r, err := c.Publish(ctx, "remix.toml", remix)
	require.NoError(t, err)
	det, err := c.Show(ctx, r.Version.Hash)
	require.NoError(t, err)
	assert.Equal(t, p.Version.Hash, det.Version.Parent)

	_, err = (&commonsclient.Client{Base: base, Token: "not-a-learner"}).Publish(ctx, "x.toml", cabin)
	assert.True(t, commonsclient.IsRefusal(err, "unauthorized"), "%v", err)
}
