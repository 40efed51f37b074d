package commonsclient

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/commons"
)

// Query is the Commons scene's search: words (name, description, author,
// licence) and a status.
type Query struct {
	Text   string
	Status string // "", commons.StatusBuildReady or commons.StatusDraft
}

// Values are the query's API parameters.
func (q Query) Values() url.Values {
	v := url.Values{}
	if t := strings.TrimSpace(q.Text); t != "" {
		v.Set("q", t)
	}
	if q.Status != "" {
		v.Set("status", q.Status)
	}
	return v
}

// NextStatus cycles the status filter: all, build-ready, draft.
func (q *Query) NextStatus() {
	switch q.Status {
	case "":
		q.Status = commons.StatusBuildReady
	case commons.StatusBuildReady:
		q.Status = commons.StatusDraft
	default:
		q.Status = ""
	}
}

// StatusLabel names the status filter for a button.
func (q Query) StatusLabel() string {
	if q.Status == "" {
		return "All"
	}
	return q.Status
}

// PlanThumbs is how many of a listing's designs are downloaded for
// thumbnails (the Commons scene shows about eight rows).
const PlanThumbs = 12

// Timeout bounds every request the Browser makes.
var Timeout = 20 * time.Second

// Browser is the Commons scene's state without drawing: the listed
// versions, the selected one with its detail and design, and what is
// loading. Requests run in goroutines; their results are applied by Poll,
// on the game's own goroutine, so the scene never waits for the network.
type Browser struct {
	Client *Client
	Cat    *designs.Catalog
	Query  Query

	Designs []commons.Version
	// Plans are the listed versions' designs by hash, for the list's
	// thumbnails (the first PlanThumbs of a listing).
	Plans  map[string]*designs.Design
	Sel    int             // index in Designs of the selected version, -1 for none
	Detail *commons.Detail // the selected version's detail, once loaded
	Plan   *designs.Design // the selected version's design, once loaded
	Err    string          // the last request's failure, "" when it worked
	done   chan func(*Browser)
	busy   int
	gen    int // a newer Refresh or Select makes older answers stale
}

// NewBrowser makes a browser on a client; call Refresh to list.
func NewBrowser(c *Client, cat *designs.Catalog) *Browser {
	return &Browser{Client: c, Cat: cat, Sel: -1, done: make(chan func(*Browser), 16)}
}

// Busy reports whether a request is under way.
func (b *Browser) Busy() bool { return b.busy > 0 }

// run does work in a goroutine and queues apply for Poll.
func (b *Browser) run(work func(ctx context.Context) func(*Browser)) {
	b.busy++
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), Timeout)
		defer cancel()
		b.done <- work(ctx)
	}()
}

// Poll applies the answers that have arrived; it reports whether any did.
func (b *Browser) Poll() bool {
	any := false
	for {
		select {
		case f := <-b.done:
			b.busy--
			f(b)
			any = true
		default:
			return any
		}
	}
}

// Wait applies answers until no request is under way (for tests and
// commands, never the game loop).
func (b *Browser) Wait() {
	for b.busy > 0 {
		f := <-b.done
		b.busy--
		f(b)
	}
}

// Refresh lists the versions matching the query; the selection is
// cleared.
func (b *Browser) Refresh() {
	b.gen++
	gen, q := b.gen, b.Query
	b.run(func(ctx context.Context) func(*Browser) {
		vs, err := b.Client.Search(ctx, q)
		plans := map[string]*designs.Design{}
		for i := 0; err == nil && i < len(vs) && i < PlanThumbs; i++ {
			if d, _, derr := b.Client.Design(ctx, b.Cat, vs[i].Hash); derr == nil {
				plans[vs[i].Hash] = d
			}
		}
		return func(b *Browser) {
			if gen != b.gen {
				return
			}
			b.Designs, b.Plans, b.Sel, b.Detail, b.Plan, b.Err = vs, plans, -1, nil, nil, errText(err)
		}
	})
}

// Select selects the i-th listed version and loads its detail and design.
func (b *Browser) Select(i int) {
	if i < 0 || i >= len(b.Designs) {
		return
	}
	b.gen++
	b.Sel, b.Detail, b.Plan = i, nil, nil
	gen, hash := b.gen, b.Designs[i].Hash
	b.run(func(ctx context.Context) func(*Browser) {
		det, err := b.Client.Show(ctx, hash)
		var d *designs.Design
		if err == nil {
			d, _, err = b.Client.Design(ctx, b.Cat, hash)
		}
		return func(b *Browser) {
			if gen != b.gen {
				return
			}
			b.Err = errText(err)
			if err == nil {
				b.Detail, b.Plan = &det, d
			}
		}
	})
}

// Selected is the selected version, if any.
func (b *Browser) Selected() (commons.Version, bool) {
	if b.Sel < 0 || b.Sel >= len(b.Designs) {
		return commons.Version{}, false
	}
	return b.Designs[b.Sel], true
}

// Open downloads the selected version's design (hash-checked) and hands it
// to then, on Poll: as it is, or, with remix, as a remix of it (Remix).
func (b *Browser) Open(remix bool, then func(*designs.Design)) {
	v, ok := b.Selected()
	if !ok {
		return
	}
	b.run(func(ctx context.Context) func(*Browser) {
		d, _, err := b.Client.Design(ctx, b.Cat, v.Hash)
		if err == nil && remix {
			d = Remix(d, v)
		}
		return func(b *Browser) {
			b.Err = errText(err)
			if err == nil {
				then(d)
			}
		}
	})
}

// Publish publishes d and hands the outcome to then, on Poll.
func (b *Browser) Publish(file string, d *designs.Design, then func(Outcome)) {
	b.run(func(ctx context.Context) func(*Browser) {
		p, err := b.Client.Publish(ctx, file, d)
		return func(*Browser) { then(Outcome{Published: p, Err: err}) }
	})
}

// Remix is a remix of version v's design d: the same design with parent
// set to v's hash and v's licence kept (a share-alike parent's licence
// must be kept; any other may be changed before publishing).
func Remix(d *designs.Design, v commons.Version) *designs.Design {
	r := *d
	r.Parent = v.Hash
	r.License = v.Licence
	r.Placements = append([]designs.Placement(nil), d.Placements...)
	return &r
}

// Outcome is a publish's result as the game shows it.
type Outcome struct {
	Published Published
	Err       error
}

// Lines are the outcome in words: the version's hash and status (a draft
// with its reasons), or the refusal (a licence refusal lists the allowed
// licences).
func (o Outcome) Lines() []string {
	if o.Err != nil {
		return []string{"Not published: " + o.Err.Error()}
	}
	v := o.Published.Version
	head := "Published"
	if !o.Published.Created {
		head = "Already in the commons"
	}
	out := []string{fmt.Sprintf("%s: version %s, %s", head, Short(v.Hash), strings.ToUpper(v.Status)),
		fmt.Sprintf("%s by %s, licence %s", v.Name, v.Author, v.Licence)}
	if v.Parent != "" {
		out = append(out, "Remix of "+Short(v.Parent))
	}
	for _, p := range v.Problems {
		out = append(out, "Draft because "+p)
	}
	return out
}

// Bad reports whether the outcome is a refusal or a draft.
func (o Outcome) Bad() bool {
	return o.Err != nil || o.Published.Version.Status != commons.StatusBuildReady
}

// Short is a version hash's first 12 digits.
func Short(hash string) string {
	if len(hash) > 12 {
		return hash[:12]
	}
	return hash
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
