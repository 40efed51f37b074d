package commons

import (
	"context"
	"fmt"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/training/profiles"
)

// Publisher publishes designs into a store: it is the one path an upload
// takes, from the CLI and from the server alike.
type Publisher struct {
	Store   Store
	Catalog *designs.Catalog
	// Designer reports whether a profile holds the Designer qualification;
	// an error (such as profiles.ErrNotFound) refuses the upload.
	Designer func(ctx context.Context, profile string) (bool, error)
	// Now is the clock (time.Now when nil).
	Now func() time.Time
}

// Publish parses and checks an uploaded design file and stores it as a
// version authored by the profile author. file names the upload in
// errors. It refuses, storing nothing: a file over MaxUpload; a file that
// does not parse (ErrInvalid, with file:line:column); a licence outside the
// allow-list (ErrLicence, with the list); a parent that is not a stored
// version, or a remix that drops a share-alike parent's licence
// (ErrParent, ErrLicence). The version is build-ready when the design
// breaks no hard rule and the author holds the Designer qualification;
// otherwise a draft, with Problems saying why. Publishing a design already
// stored returns that version (as first published) and false.
func (p *Publisher) Publish(ctx context.Context, file string, data []byte, author string) (Version, bool, error) {
	if len(data) > MaxUpload {
		return Version{}, false, fmt.Errorf("%w: %s is %d bytes, more than the %d a published design may be", ErrTooLarge, file, len(data), MaxUpload)
	}
	if err := profiles.CheckName(author); err != nil {
		return Version{}, false, fmt.Errorf("%w: %w", ErrAuthor, err)
	}
	d, cat, err := designs.ParseDesignPacks(file, data, p.Catalog, StorePacks{ctx, p.Store})
	if err != nil {
		return Version{}, false, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	if err := CheckLicence(d.License); err != nil {
		return Version{}, false, fmt.Errorf("%s: %w", file, err)
	}
	if d.Parent != "" {
		if err := p.checkParent(ctx, file, d); err != nil {
			return Version{}, false, err
		}
	}
	canon := d.Marshal()
	hash := Hash(canon)
	if old, _, err := p.Store.Get(ctx, hash); err == nil {
		return old, false, nil
	}
	a, err := Analyse(d, cat)
	if err != nil {
		return Version{}, false, fmt.Errorf("%w: %s: %w", ErrInvalid, file, err)
	}
	designer, err := p.Designer(ctx, author)
	if err != nil {
		return Version{}, false, fmt.Errorf("%w: %w", ErrAuthor, err)
	}
	now := time.Now
	if p.Now != nil {
		now = p.Now
	}
	v := Version{Hash: hash, Name: d.Name, Description: d.Description, Author: author, Licence: d.License,
		Parent: d.Parent, Published: now().UTC().Truncate(time.Second), Problems: append([]string{}, a.Problems...),
		FloorArea: a.FloorArea, Bedrooms: a.Bedrooms, Modules: a.Modules,
		Cost: a.Cost.Total().Round(2), CostPerSqFt: a.CostPerSqFt, Size: len(canon)}
	if !designer {
		v.Problems = append(v.Problems, fmt.Sprintf("author: %s does not hold the Designer qualification", author))
	}
	v.Status = StatusBuildReady
	if len(v.Problems) > 0 {
		v.Status = StatusDraft
	}
	return p.Store.Put(ctx, v, canon)
}

// checkParent checks a remix's parent: a stored version whose share-alike
// licence the remix keeps.
func (p *Publisher) checkParent(ctx context.Context, file string, d *designs.Design) error {
	if !IsHash(d.Parent) {
		return fmt.Errorf("%w: %s: parent %q is not a commons version (a 64-digit SHA-256); remix a published version with prodos commons fork", ErrParent, file, d.Parent)
	}
	parent, _, err := p.Store.Get(ctx, d.Parent)
	if err != nil {
		return fmt.Errorf("%w: %s: parent %s: %w", ErrParent, file, d.Parent, err)
	}
	if err := CheckRemixLicence(parent.Licence, d.License); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	return nil
}

// Fork makes a remix of a stored version's design: the same design with
// parent set to the version and the parent's licence kept. The module packs
// the design names are found in src.
func Fork(cat *designs.Catalog, src designs.PackSource, v Version, design []byte) (*designs.Design, error) {
	d, _, err := designs.ParseDesignPacks(v.Hash, design, cat, src)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	d.Parent = v.Hash
	return d, nil
}

// ParseStored parses a stored version's design with the module packs it
// names (from st) and returns it with the catalog to use with it.
func ParseStored(ctx context.Context, st Store, cat *designs.Catalog, hash string, design []byte) (*designs.Design, *designs.Catalog, error) {
	return designs.ParseDesignPacks(hash, design, cat, StorePacks{ctx, st})
}
