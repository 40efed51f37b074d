// Package commonsclient is the game's side of the open design commons,
// without ebiten: a client of the commons' JSON API (list and search
// versions, a version's detail, download a design checked against its
// hash, publish), the remix of a version, and the Commons scene's model
// (Browser). The desktop game talks to a server given by
// `housegame --commons URL`; the browser build to the `prodos serve` it
// was loaded from (net/http uses the page's fetch there), as the class
// learner the page knows (see docs/game.md, "The commons").
package commonsclient

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/commons"
)

// Client talks to one commons server.
type Client struct {
	// Base is the server's address, such as http://127.0.0.1:8080.
	Base string
	// Token authorises publishing: the facilitator token (then As names
	// the author) or a class learner's token (the server publishes as
	// that learner).
	Token string
	// As is the author profile sent with the facilitator token.
	As string
	// LevelToken authorises publishing a level, which only the
	// facilitator token does; empty: Token is sent.
	LevelToken string
	// HTTP is the client used (http.DefaultClient when nil).
	HTTP *http.Client
}

// Refusal is the server's refusal of a request: its HTTP status, the
// commons error code (license, parent, invalid, unauthorized, ...) and
// message.
type Refusal struct {
	Status int
	Code   string
	Msg    string
}

func (r *Refusal) Error() string { return r.Msg }

// Published is the answer to a publish: the version, and whether this
// request stored it (false: the same design was already published).
type Published struct {
	Version commons.Version `json:"version"`
	Created bool            `json:"created"`
}

func (c *Client) hc() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return http.DefaultClient
}

func (c *Client) url(path string, q url.Values) string {
	u := strings.TrimRight(c.Base, "/") + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	return u
}

// do sends req and decodes a 2xx JSON answer into out; any other answer is
// a *Refusal.
func (c *Client) do(req *http.Request, out any) error {
	resp, err := c.hc().Do(req)
	if err != nil {
		return fmt.Errorf("commons %s: %w", c.Base, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 8*commons.MaxUpload))
	if err != nil {
		return fmt.Errorf("commons %s: %w", c.Base, err)
	}
	if resp.StatusCode/100 != 2 {
		var e struct {
			Error string `json:"error"`
			Code  string `json:"code"`
		}
		if json.Unmarshal(body, &e) != nil || e.Error == "" {
			e.Error = fmt.Sprintf("the commons server answered %s", resp.Status)
		}
		return &Refusal{Status: resp.StatusCode, Code: e.Code, Msg: e.Error}
	}
	if out == nil {
		return nil
	}
	if b, ok := out.(*[]byte); ok {
		*b = body
		return nil
	}
	if err := json.Unmarshal(body, out); err != nil {
		return fmt.Errorf("commons %s: %s: %w", c.Base, req.URL.Path, err)
	}
	return nil
}

func (c *Client) get(ctx context.Context, path string, q url.Values, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.url(path, q), nil)
	if err != nil {
		return fmt.Errorf("commons: %w", err)
	}
	return c.do(req, out)
}

// Search lists the versions matching q (newest first), as
// GET /api/commons/designs does.
func (c *Client) Search(ctx context.Context, q Query) ([]commons.Version, error) {
	var out struct {
		Designs []commons.Version `json:"designs"`
	}
	if err := c.get(ctx, "/api/commons/designs", q.Values(), &out); err != nil {
		return nil, err
	}
	return out.Designs, nil
}

// Show is a version's detail: cost, labour, bill of materials, lineage.
func (c *Client) Show(ctx context.Context, hash string) (commons.Detail, error) {
	var d commons.Detail
	if !commons.IsHash(hash) {
		return d, fmt.Errorf("commons: %q is not a version id", hash)
	}
	err := c.get(ctx, "/api/commons/designs/"+hash, nil, &d)
	return d, err
}

// Design downloads a version's design file and checks it: its SHA-256
// must be the hash, and it must parse with the catalog.
func (c *Client) Design(ctx context.Context, cat *designs.Catalog, hash string) (*designs.Design, []byte, error) {
	if !commons.IsHash(hash) {
		return nil, nil, fmt.Errorf("commons: %q is not a version id", hash)
	}
	var data []byte
	if err := c.get(ctx, "/commons/"+hash+"/design.toml", nil, &data); err != nil {
		return nil, nil, err
	}
	if got := commons.Hash(data); got != hash {
		return nil, nil, fmt.Errorf("%w: the design downloaded as %s has SHA-256 %s", commons.ErrHash, hash, got)
	}
	d, err := designs.ParseDesign(hash[:12]+".toml", data, cat)
	if err != nil {
		return nil, nil, fmt.Errorf("commons version %s: %w", hash, err)
	}
	return d, data, nil
}

// Publish publishes a design (its file as Save writes it). A refusal
// (licence, parent, author, token) is a *Refusal with the server's message.
func (c *Client) Publish(ctx context.Context, file string, d *designs.Design) (Published, error) {
	var out Published
	q := url.Values{"file": {file}}
	if c.As != "" {
		q.Set("as", c.As)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url("/api/commons/designs", q), bytes.NewReader(d.Marshal()))
	if err != nil {
		return out, fmt.Errorf("commons: %w", err)
	}
	req.Header.Set("Content-Type", "application/toml")
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	err = c.do(req, &out)
	return out, err
}

// PublishedLevel is the answer to a level's publish: the level version,
// whether this request stored it, and the level file's download path.
type PublishedLevel struct {
	Level    commons.LevelVersion `json:"level"`
	Created  bool                 `json:"created"`
	Download string               `json:"download"`
}

// PublishLevel publishes a level file (its bytes as written: the hash is
// their SHA-256) as POST /api/commons/levels does, as the profile As. A
// refusal (no facilitator token, a level that does not parse, an author
// who is not a profile) is a *Refusal with the server's message.
func (c *Client) PublishLevel(ctx context.Context, file string, data []byte) (PublishedLevel, error) {
	var out PublishedLevel
	q := url.Values{"file": {file}}
	if c.As != "" {
		q.Set("as", c.As)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url("/api/commons/levels", q), bytes.NewReader(data))
	if err != nil {
		return out, fmt.Errorf("commons: %w", err)
	}
	req.Header.Set("Content-Type", "application/toml")
	tok := c.LevelToken
	if tok == "" {
		tok = c.Token
	}
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	err = c.do(req, &out)
	return out, err
}

// Licences is the commons' allow-list of open licences.
func (c *Client) Licences(ctx context.Context) ([]commons.Licence, error) {
	var out struct {
		Licences []commons.Licence `json:"licenses"`
	}
	err := c.get(ctx, "/api/commons/licenses", nil, &out)
	return out.Licences, err
}

// IsRefusal reports whether err is the server's refusal with this code.
func IsRefusal(err error, code string) bool {
	var r *Refusal
	return errors.As(err, &r) && r.Code == code
}
