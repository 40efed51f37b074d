//go:build !js

// Package pgtest starts a real PostgreSQL server for tests, from the
// Debian packages' binaries (initdb and pg_ctl), in a temporary folder,
// listening only on a Unix socket in that folder. A package's TestMain
// calls Main; the first test that asks for a database (NewDB) starts the
// package's one server, Main stops it after the tests, and each test gets
// its own fresh database. Test binaries (and child processes re-running
// a test binary) that ask for none start none.
//
// PostgreSQL refuses to run as root, so when the tests run as root (as
// CI does) initdb and the server run as the "postgres" user of the
// Debian package (or "nobody"), through runuser, in a folder owned by it.
//
// When no PostgreSQL is installed the tests that need it are skipped with
// a message saying how to install it, except when CI=true: there they
// fail, so a CI machine missing the package cannot pass silently.
package pgtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Superuser is the name of the server's superuser role (initdb -U).
const Superuser = "postgres"

// ErrNotInstalled is returned by Start when no PostgreSQL binaries exist.
var ErrNotInstalled = errors.New("PostgreSQL is not installed (Debian: apt-get install postgresql, or make deps-test)")

// Server is a running PostgreSQL in a temporary folder.
type Server struct {
	// Dir is the temporary folder: the data directory and the socket.
	Dir string
	bin string
	// as is the user the server runs as ("" for the current user).
	as string
	n  atomic.Int64
}

// Binaries finds the folder of initdb and pg_ctl: the newest
// /usr/lib/postgresql/N/bin, else the folder of initdb on PATH.
func Binaries() (string, error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, d := range dirs {
		if isExec(filepath.Join(d, "initdb")) && isExec(filepath.Join(d, "pg_ctl")) {
			return d, nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		d := filepath.Dir(p)
		if isExec(filepath.Join(d, "pg_ctl")) {
			return d, nil
		}
	}
	return "", ErrNotInstalled
}

func version(binDir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return n
}

func isExec(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir() && st.Mode()&0o111 != 0
}

// Start creates a temporary folder, runs initdb in it and starts the
// server on a Unix socket there. Stop removes it all.
func Start() (*Server, error) {
	bin, err := Binaries()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "pgtest-")
	if err != nil {
		return nil, fmt.Errorf("pgtest: %w", err)
	}
	s := &Server{Dir: dir, bin: bin}
	if os.Geteuid() == 0 {
		if err := s.runAsOther(); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
	}
	data := filepath.Join(dir, "data")
	if err := s.run("initdb", "-D", data, "-U", Superuser, "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	opts := fmt.Sprintf("-k %s -c listen_addresses='' -c max_connections=200", dir)
	if err := s.run("pg_ctl", "start", "-w", "-t", "60", "-D", data, "-l", filepath.Join(dir, "log"), "-o", opts); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "log"))
		os.RemoveAll(dir)
		return nil, fmt.Errorf("%w\nserver log:\n%s", err, log)
	}
	return s, nil
}

// runAsOther picks the user the server runs as when the tests run as
// root, and gives it the temporary folder.
func (s *Server) runAsOther() error {
	for _, name := range []string{"postgres", "nobody"} {
		u, err := user.Lookup(name)
		if err != nil {
			continue
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(s.Dir, uid, gid); err != nil {
			return fmt.Errorf("pgtest: chown %s to %s: %w", s.Dir, name, err)
		}
		if err := os.Chmod(s.Dir, 0o755); err != nil {
			return fmt.Errorf("pgtest: %w", err)
		}
		s.as = name
		return nil
	}
	return errors.New("pgtest: running as root and neither user postgres nor nobody exists to run PostgreSQL")
}

// run runs one of the server's programs, as s.as when set.
func (s *Server) run(prog string, args ...string) error {
	path := filepath.Join(s.bin, prog)
	var cmd *exec.Cmd
	if s.as != "" {
		cmd = exec.Command("runuser", append([]string{"-u", s.as, "--", path}, args...)...)
	} else {
		cmd = exec.Command(path, args...)
	}
	cmd.Dir = s.Dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("pgtest: %s: %w\n%s", prog, err, out.String())
	}
	return nil
}

// Stop stops the server and removes its folder.
func (s *Server) Stop() error {
	err := s.run("pg_ctl", "stop", "-w", "-m", "fast", "-D", filepath.Join(s.Dir, "data"))
	if rerr := os.RemoveAll(s.Dir); err == nil {
		err = rerr
	}
	return err
}

// URL is the postgres:// URL of database db on the server's socket.
func (s *Server) URL(db string) string {
	u := url.URL{Scheme: "postgres", User: url.User(Superuser), Path: "/" + db,
		RawQuery: url.Values{"host": {s.Dir}, "sslmode": {"disable"}}.Encode()}
	return u.String()
}

// CreateDB creates a new empty database and returns its URL.
func (s *Server) CreateDB(ctx context.Context, prefix string) (string, error) {
	conn, err := pgx.Connect(ctx, s.URL("postgres"))
	if err != nil {
		return "", fmt.Errorf("pgtest: %w", err)
	}
	defer conn.Close(ctx)
	name := fmt.Sprintf("%s_%d_%d", prefix, os.Getpid(), s.n.Add(1))
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		return "", fmt.Errorf("pgtest: create database %s: %w", name, err)
	}
	return s.URL(name), nil
}

var (
	once     sync.Once
	started  atomic.Bool
	shared   *Server
	startErr error
)

// Main runs the package's tests and stops the server they started (the
// first test that asks for a database starts one; a test binary that
// asks for none starts none). Call it from TestMain:
// os.Exit(pgtest.Main(m)).
func Main(m *testing.M) int {
	started.Store(true)
	code := m.Run()
	if shared != nil {
		if err := shared.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			if code == 0 {
				code = 1
			}
		}
	}
	return code
}

// Shared is the package's server, started on first use; when it cannot
// start it skips t (or fails it when CI=true) with the reason.
func Shared(t testing.TB) *Server {
	t.Helper()
	if !started.Load() {
		t.Fatal("pgtest: call pgtest.Main from TestMain, so the server is stopped after the tests")
	}
	once.Do(func() { shared, startErr = Start() })
	if shared != nil {
		return shared
	}
	err := startErr
	if os.Getenv("CI") == "true" {
		t.Fatalf("PostgreSQL is required in CI: %v", err)
	}
	t.Skipf("skipping: PostgreSQL tests need a local PostgreSQL: %v", err)
	return nil
}

// NewDB creates a fresh database on the shared server for t and returns
// its postgres:// URL.
func NewDB(t testing.TB) string {
	t.Helper()
	s := Shared(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	u, err := s.CreateDB(ctx, "t")
	if err != nil {
		t.Fatal(err)
	}
	return u
}
