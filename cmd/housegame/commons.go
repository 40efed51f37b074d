package main

import (
	"fmt"
	"net/url"
	"os"

	"github.com/opensourceecology/prodos/game"
	"github.com/opensourceecology/prodos/game/commonsclient"
)

// commonsFlag makes the client of --commons URL: publishing is authorised
// by $PRODOS_COMMONS_TOKEN (a class learner's token: the server publishes
// as that learner) or else $PRODOS_FACILITATOR_TOKEN (then the author is
// the selected --profile); a level (the level editor's Publish) with
// $PRODOS_FACILITATOR_TOKEN only.
func commonsFlag(g *game.Game, server string) error {
	if server == "" {
		return nil
	}
	u, err := url.Parse(server)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("--commons %q: give the http(s) address of a prodos serve", server)
	}
	tok := os.Getenv("PRODOS_COMMONS_TOKEN")
	if tok == "" {
		tok = os.Getenv("PRODOS_FACILITATOR_TOKEN")
	}
	// a level is published with the facilitator token only
	g.UseCommons(&commonsclient.Client{Base: server, Token: tok, LevelToken: os.Getenv("PRODOS_FACILITATOR_TOKEN")})
	return nil
}

// openCommons opens the Commons scene; for a screenshot it waits for the
// listing and shows the first design's detail.
func openCommons(g *game.Game, measuring bool) error {
	s := g.OpenCommons()
	if err := g.OpenScene(s); err != nil || !measuring || s.B == nil {
		return err
	}
	s.B.Wait()
	if s.B.Err != "" {
		return fmt.Errorf("commons: %s", s.B.Err)
	}
	s.B.Select(0)
	s.B.Wait()
	return nil
}
