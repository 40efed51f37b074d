package main

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/game"
	"github.com/opensourceecology/prodos/levels/leveledit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A level the page hands over (the Play button of a class assignment)
// opens on the game's next update, only when its SHA-256 is the hash it
// was assigned under; one waits at a time.
func TestLevelInboxOpensAnAssignedLevel(t *testing.T) {
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	g, err := game.New(cat, game.MemStore{})
	require.NoError(t, err)
	in := newLevelInbox()
	in.install(g)
	_, data, err := leveledit.New("class-shed").Build("class-shed.toml")
	require.NoError(t, err)
	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:])

	tampered := append([]byte{}, data...)
	tampered[len(tampered)-2] = '2'
	require.True(t, in.offer(tampered, hash))
	assert.False(t, in.offer(data, hash), "one level waits at a time")
	require.NoError(t, g.AfterUpdate())
	_, isDesign := g.Scene().(*game.DesignScene)
	assert.False(t, isDesign, "a tampered level is not played")
	msg, bad := g.Toast()
	assert.True(t, bad)
	assert.Contains(t, msg, "The assignment could not open")
	assert.Contains(t, msg, "it was altered; not played")

	require.True(t, in.offer(data, hash))
	require.NoError(t, g.AfterUpdate())
	ds, isDesign := g.Scene().(*game.DesignScene)
	require.True(t, isDesign, "scene %T", g.Scene())
	assert.Equal(t, 6, ds.Board().Design().Grid.Width, "the assigned 6 x 6 site")
}
