package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/levels"
	"github.com/opensourceecology/prodos/production/commons"
	"github.com/opensourceecology/prodos/production/ledger"
	"github.com/opensourceecology/prodos/production/store"
	storedb "github.com/opensourceecology/prodos/production/store/sqlitestore"
	storeweb "github.com/opensourceecology/prodos/production/store/web"
	profilestore "github.com/opensourceecology/prodos/production/training/profiles/sqlitestore"
	"github.com/opensourceecology/prodos/production/userdata"
)

func init() {
	register(&command{
		name: "enterprise",
		usage: "enterprise create ID (--site FILE | --from KIT --name NAME --location PLACE) --as PROFILE | show ID | " +
			"join ID --as PROFILE --role ROLE | sell ID HASH [--levels 1,2,3] | kit ID --out DIR   [--db FILE] [--commons-db FILE] [--ledger-db FILE] [--inspections-db FILE]",
		summary: "Open Source Store enterprises: create one (or from a replication kit), show it, join it, list a design at three levels, write its replication kit",
		run:     runEnterprise,
	})
}

// defaultStoreDB is $PRODOS_STORE_DB, else store.db in the data dir.
func defaultStoreDB() string {
	if p := os.Getenv("PRODOS_STORE_DB"); p != "" {
		return p
	}
	p, err := userdata.File("store.db")
	if err != nil {
		return "store.db"
	}
	return p
}

// storeFlags are the database flags of the store commands.
type storeFlags struct{ db, commons, ledger, inspections *string }

func newStoreFlags(fs *flag.FlagSet) storeFlags {
	return storeFlags{
		db:      fs.String("db", "", "the store file (default: $PRODOS_STORE_DB, else store.db in the user's data directory)"),
		commons: fs.String("commons-db", "", "the commons file (default: $PRODOS_COMMONS_DB, else commons.db in the user's data directory)"),
		ledger:  fs.String("ledger-db", "", "the ledger file, read for certification (default: ledger.db in the user's data directory)"),
		inspections: fs.String("inspections-db", "", "the inspections file, read for certification (default: inspections.db next to the ledger; "+
			"without one, witnessed installs stand in)"),
	}
}

// openedStore is the service with its open files.
type openedStore struct {
	svc   *store.Service
	close func()
}

// openStore opens the store, the commons and (lazily, read for
// certification) the ledger, with the catalog and reference data.
func openStore(e *env, f storeFlags) (*openedStore, int) {
	cat, ok := loadCatalog(e)
	if !ok {
		return nil, exitUsage
	}
	svc, err := storeService(cat)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return nil, exitUsage
	}
	path, cpath := *f.db, *f.commons
	if path == "" {
		path = defaultStoreDB()
	}
	if cpath == "" {
		cpath = defaultCommonsDB()
	}
	for _, p := range []string{path, cpath} {
		if err := userdata.Ensure(p); err != nil {
			fmt.Fprintf(e.stderr, "prodos: %v\n", err)
			return nil, exitProblems
		}
	}
	st, err := storedb.Open(path)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %s: %v\n", path, err)
		return nil, exitUsage
	}
	cm, err := openCommonsStore(cpath)
	if err != nil {
		st.Close()
		fmt.Fprintf(e.stderr, "prodos: %s: %v\n", cpath, err)
		return nil, exitUsage
	}
	svc.Store, svc.Commons = st, cm
	svc.Ledger = ledgerReader(*f.ledger)
	closeAll := func() { st.Close(); cm.Close() }
	ipath := ""
	if f.inspections != nil {
		ipath = *f.inspections
	}
	if ipath == "" {
		lp := *f.ledger
		if lp == "" {
			lp = prodDefaultDB()
		}
		ipath = filepath.Join(filepath.Dir(lp), "inspections.db")
	}
	if _, err := os.Stat(ipath); err == nil {
		is, ok := openInspections(e, ipath)
		if !ok {
			closeAll()
			return nil, exitUsage
		}
		svc.Inspections = is
		closeAll = func() { st.Close(); cm.Close(); is.Close() }
	}
	return &openedStore{svc: svc, close: closeAll}, exitOK
}

// storeService is the store service without its databases.
func storeService(cat *designs.Catalog) (*store.Service, error) {
	shops, err := designs.DefaultShops()
	if err != nil {
		return nil, err
	}
	set, err := levels.Challenges(cat)
	if err != nil {
		return nil, err
	}
	quals, err := levels.Qualifications(set)
	if err != nil {
		return nil, err
	}
	data, err := store.DefaultData()
	if err != nil {
		return nil, err
	}
	sups, err := designs.DefaultSuppliers(cat)
	if err != nil {
		return nil, err
	}
	return &store.Service{Catalog: cat, Shops: shops, Quals: quals, Data: data, Suppliers: sups, Now: time.Now}, nil
}

// ledgerReader reads the ledger's verified records; a ledger file that
// does not exist reads as empty (nothing verified yet).
func ledgerReader(path string) func(ctx context.Context) (*ledger.ValueData, error) {
	return func(ctx context.Context) (*ledger.ValueData, error) {
		if path == "" {
			path = prodDefaultDB()
		}
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return &ledger.ValueData{Completed: map[string]bool{}}, nil
		}
		db, svc, code := prodOpenLedger(&env{stderr: new(strings.Builder)}, path)
		if code != exitOK {
			return nil, fmt.Errorf("cannot open ledger %s", path)
		}
		defer db.Close()
		return svc.ValueData(ctx)
	}
}

// storeExit maps a store error to an exit code, printing it.
func storeExit(e *env, err error) int {
	fmt.Fprintf(e.stderr, "prodos: %v\n", err)
	if errors.Is(err, store.ErrInvalid) {
		return exitUsage
	}
	return exitProblems
}

func runEnterprise(e *env, args []string) int {
	subs := map[string]func(*env, []string) int{
		"create": runEnterpriseCreate, "show": runEnterpriseShow, "join": runEnterpriseJoin,
		"sell": runEnterpriseSell, "kit": runEnterpriseKit,
	}
	if len(args) == 0 || subs[args[0]] == nil {
		fmt.Fprintf(e.stderr, "usage: prodos %s\n", commands["enterprise"].usage)
		return exitUsage
	}
	return subs[args[0]](e, args[1:])
}

// parseSiteWith parses a site profile against the embedded shops, crews
// and suppliers.
func parseSiteWith(cat *designs.Catalog) func(file string, data []byte) (store.Site, error) {
	return func(file string, data []byte) (store.Site, error) {
		shops, err := designs.DefaultShops()
		if err != nil {
			return store.Site{}, err
		}
		crews, err := designs.DefaultCrews(cat)
		if err != nil {
			return store.Site{}, err
		}
		sups, err := designs.DefaultSuppliers(cat)
		if err != nil {
			return store.Site{}, err
		}
		return store.ParseSite(file, data, shops, crews, sups)
	}
}

// checkMember refuses a profile the profiles database does not know, or a
// role that is neither owner, member nor a qualification id.
func checkMember(ctx context.Context, svc *store.Service, profile, role string) error {
	if role != store.RoleOwner && role != store.RoleMember && svc.Quals.Get(role) == nil {
		return fmt.Errorf("%w: role %q: use owner, member or a qualification id (levels/qualifications.toml)", store.ErrInvalid, role)
	}
	path := defaultProfilesDB()
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("%w: no profiles database at %s (prodos profile create %s)", store.ErrRefused, path, profile)
	}
	st, err := profilestore.Open(path)
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := st.Get(ctx, profile); err != nil {
		return fmt.Errorf("%w: member %s: %v", store.ErrRefused, profile, err)
	}
	return nil
}

func runEnterpriseCreate(e *env, args []string) int {
	fs := newFlags(e, "enterprise")
	sf := newStoreFlags(fs)
	site := fs.String("site", "", "the site profile (TOML, see docs/store.md)")
	from := fs.String("from", "", "a replication kit directory (prodos enterprise kit)")
	name := fs.String("name", "", "the new enterprise's name (with --from)")
	location := fs.String("location", "", "the new enterprise's location (with --from)")
	as := fs.String("as", "", "the profile that creates it (its owner)")
	pos, ok := cliArgs(e, fs, args, cliSpec{n: 1, check: func() bool {
		if (*site == "") == (*from == "") || *as == "" || (*from != "" && (*name == "" || *location == "")) {
			fmt.Fprintln(e.stderr, "prodos enterprise create: give --as PROFILE and either --site FILE or --from KIT --name NAME --location PLACE")
			return false
		}
		return true
	}})
	if !ok {
		return exitUsage
	}
	os_, code := openStore(e, sf)
	if os_ == nil {
		return code
	}
	defer os_.close()
	ctx, svc := context.Background(), os_.svc
	if err := store.ValidID("enterprise", pos[0]); err != nil {
		return storeExit(e, err)
	}
	if err := checkMember(ctx, svc, *as, store.RoleOwner); err != nil {
		return storeExit(e, err)
	}
	var ent store.Enterprise
	var err error
	if *from != "" {
		ent, err = svc.CreateFromKit(ctx, pos[0], *from, *name, *location, *as, parseSiteWith(svc.Catalog))
	} else {
		ent, err = createFromSite(ctx, svc, pos[0], *site, *as)
	}
	if err != nil {
		return storeExit(e, err)
	}
	fmt.Fprintf(e.stdout, "created enterprise %s (%s, %s) with owner %s and %d listings\n", ent.ID, ent.Site.Name, ent.Site.Location, *as, len(ent.Listings))
	return exitOK
}

func createFromSite(ctx context.Context, svc *store.Service, id, file, owner string) (store.Enterprise, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return store.Enterprise{}, fmt.Errorf("%w: %v", store.ErrInvalid, err)
	}
	site, err := parseSiteWith(svc.Catalog)(file, data)
	if err != nil {
		return store.Enterprise{}, err
	}
	now := svc.Now().UTC().Truncate(time.Second)
	ent := store.Enterprise{ID: id, Site: site, Created: now, Members: []store.Member{{Profile: owner, Role: store.RoleOwner, Joined: now}}}
	if err := svc.Store.Create(ctx, ent); err != nil {
		return store.Enterprise{}, err
	}
	return svc.Store.Get(ctx, id)
}

func runEnterpriseJoin(e *env, args []string) int {
	fs := newFlags(e, "enterprise")
	sf := newStoreFlags(fs)
	as := fs.String("as", "", "the profile that joins")
	role := fs.String("role", store.RoleMember, "its role: owner, member or a qualification id")
	pos, ok := cliArgs(e, fs, args, cliSpec{n: 1, check: func() bool {
		if *as == "" {
			fmt.Fprintln(e.stderr, "prodos enterprise join: --as PROFILE is required")
		}
		return *as != ""
	}})
	if !ok {
		return exitUsage
	}
	o, code := openStore(e, sf)
	if o == nil {
		return code
	}
	defer o.close()
	ctx := context.Background()
	if err := checkMember(ctx, o.svc, *as, *role); err != nil {
		return storeExit(e, err)
	}
	if err := o.svc.Store.Join(ctx, pos[0], store.Member{Profile: *as, Role: *role, Joined: o.svc.Now().UTC().Truncate(time.Second)}); err != nil {
		return storeExit(e, err)
	}
	fmt.Fprintf(e.stdout, "%s joined %s as %s\n", *as, pos[0], *role)
	return exitOK
}

func parseLevels(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 || n > 3 {
			return nil, fmt.Errorf("%w: --levels %q: a comma list of 1, 2 and 3", store.ErrInvalid, s)
		}
		out = append(out, n)
	}
	return out, nil
}

func runEnterpriseSell(e *env, args []string) int {
	fs := newFlags(e, "enterprise")
	sf := newStoreFlags(fs)
	lv := fs.String("levels", "1,2,3", "the levels listed: 1 the product, 2 its production, 3 a distribution licence")
	pos, ok := cliArgs(e, fs, args, cliSpec{n: 2})
	if !ok {
		return exitUsage
	}
	levels, err := parseLevels(*lv)
	if err != nil {
		return storeExit(e, err)
	}
	if !commons.IsHash(pos[1]) {
		return storeExit(e, fmt.Errorf("%w: %q is not a design hash (64 hex digits; prodos commons search)", store.ErrInvalid, pos[1]))
	}
	o, code := openStore(e, sf)
	if o == nil {
		return code
	}
	defer o.close()
	l, err := o.svc.List(context.Background(), pos[0], pos[1], levels)
	if err != nil {
		return storeExit(e, err)
	}
	fmt.Fprintf(e.stdout, "listed %s at levels %v\n", l.ID, l.Levels)
	return exitOK
}

func runEnterpriseKit(e *env, args []string) int {
	fs := newFlags(e, "enterprise")
	sf := newStoreFlags(fs)
	out := fs.String("out", "", "the kit directory to write (must not exist)")
	pos, ok := cliArgs(e, fs, args, cliSpec{n: 1, check: func() bool {
		if *out == "" {
			fmt.Fprintln(e.stderr, "prodos enterprise kit: --out DIR is required")
		}
		return *out != ""
	}})
	if !ok {
		return exitUsage
	}
	o, code := openStore(e, sf)
	if o == nil {
		return code
	}
	defer o.close()
	k, err := o.svc.Kit(context.Background(), pos[0])
	if err == nil {
		err = k.Write(*out)
	}
	if err != nil {
		return storeExit(e, err)
	}
	fmt.Fprintf(e.stdout, "wrote the replication kit of %s to %s (%d products, %d machines, %d roles)\n", pos[0], *out, len(k.Manifest.Products), len(k.Machines), len(k.Training))
	return exitOK
}

// enterpriseJSON is `enterprise show --format json`.
type enterpriseJSON struct {
	store.Enterprise
	Products []productJSON `json:"products"`
}

type productJSON struct {
	Listing       store.Listing       `json:"listing"`
	Name          string              `json:"name"`
	Quote         *store.Quote        `json:"quote"`
	Certification store.Certification `json:"certification"`
}

// servedStore is the Open Source Store of `prodos serve`.
type servedStore struct {
	h     http.Handler
	close func()
}

// serveStore opens the store (by default $PRODOS_STORE_DB, else store.db
// beside the classroom database) with the same commons file serveCommons
// serves, and the ledger read for certification.
func serveStore(e *env, path, commonsPath, ledgerPath, classDB string, lg *log.Logger) (*servedStore, int) {
	beside := func(p, env, name string) string {
		if p == "" {
			p = os.Getenv(env)
		}
		if p == "" {
			p = filepath.Join(filepath.Dir(classDB), name)
		}
		return p
	}
	path, commonsPath = beside(path, "PRODOS_STORE_DB", "store.db"), beside(commonsPath, "PRODOS_COMMONS_DB", "commons.db")
	o, code := openStore(e, storeFlags{db: &path, commons: &commonsPath, ledger: &ledgerPath})
	if o == nil {
		return nil, code
	}
	return &servedStore{h: &storeweb.Handler{Service: o.svc, Log: lg}, close: o.close}, exitOK
}
