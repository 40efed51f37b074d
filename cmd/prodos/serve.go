package main

import (
	"context"
	"crypto/tls"
	"embed"
	"errors"
	"flag"
	"fmt"
	iofs "io/fs"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/opensourceecology/prodos/production/classroom"
	"github.com/opensourceecology/prodos/production/classroom/sqlitestore"
	"github.com/opensourceecology/prodos/production/training/attempts"
	"github.com/opensourceecology/prodos/production/userdata"
)

// webdist is the browser build written by `make web`, embedded at compile time.
//
//go:embed all:webdist
var webdist embed.FS

func init() {
	register(&command{
		name:    "serve",
		usage:   "serve [--addr 127.0.0.1:8080] [--db FILE] [--token-file FILE | --token TOKEN] [--tls-cert FILE --tls-key FILE] [--verifications N] [--commons-db FILE] [--crew DESIGN [--crew-house ID] [--asbuilt-db FILE] [--inspections-db FILE]] [--store-db FILE] [--ledger-db FILE]",
		summary: "serve the browser game, the classroom (join codes, verified results, dashboard), the open design commons (/commons), the crew page (/crew) and the Open Source Store (/store)",
		run:     runServe,
	})
}

// serveReady, when set (by tests), receives the listening address.
var serveReady func(addr string)

// serveContext is cancelled when the server should stop: on Ctrl+C or
// SIGTERM (tests replace it).
var serveContext = func() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// serveOpts are the flags of `prodos serve`.
type serveOpts struct {
	addr, dbPath, token, tokenFile, tlsCert, tlsKey *string
	verifications                                   *int
	commonsDB, profilesDB, issuerKeyPath            *string
	storeDB, ledgerDB                               *string
	crew                                            *crewFlags
}

// serveFlags defines the flags of `prodos serve` on fs.
func serveFlags(fs *flag.FlagSet) serveOpts {
	return serveOpts{
		addr:          fs.String("addr", "127.0.0.1:8080", "address to listen on (host:port); 0.0.0.0:PORT for the classroom network"),
		dbPath:        fs.String("db", "", "classroom database file (default: classroom.db in the user's data directory)"),
		token:         fs.String("token", "", "facilitator token (visible in ps: prefer --token-file or $"+tokenEnv+")"),
		tokenFile:     fs.String("token-file", "", "read the facilitator token from FILE (default: $"+tokenEnv+", else facilitator-token next to the database, made on first use)"),
		tlsCert:       fs.String("tls-cert", "", "serve HTTPS with this certificate (PEM; with --tls-key)"),
		tlsKey:        fs.String("tls-key", "", "the certificate's private key (PEM)"),
		verifications: fs.Int("verifications", 0, "replays re-simulated at once (default: the number of CPUs); more wait, then get 503"),
		commonsDB:     fs.String("commons-db", "", "open design commons file (default: $PRODOS_COMMONS_DB, else commons.db beside the classroom database)"),
		crew:          addCrewFlags(fs),
		profilesDB:    fs.String("profiles", defaultProfilesDB(), "profiles database: badges issued (status list) and practical sign-offs"),
		issuerKeyPath: fs.String("issuer-key", "", "the installation's issuer key (default: issuer-ed25519.pem under the XDG data dir)"),
		storeDB:       fs.String("store-db", "", "Open Source Store file (default: $PRODOS_STORE_DB, else store.db beside the classroom database)"),
		ledgerDB:      fs.String("ledger-db", "", "ledger file read for OSE Certified (default: ledger.db in the user's data directory)"),
	}
}

// serveCheckTLS checks that --tls-cert and --tls-key go together and load.
func serveCheckTLS(e *env, cert, key string) int {
	if (cert == "") != (key == "") {
		fmt.Fprintln(e.stderr, "prodos serve: --tls-cert and --tls-key go together")
		return exitUsage
	}
	if cert != "" {
		if _, err := tls.LoadX509KeyPair(cert, key); err != nil {
			fmt.Fprintf(e.stderr, "prodos serve: TLS: %v\n", err)
			return exitUsage
		}
	}
	return exitOK
}

func runServe(e *env, args []string) int {
	fs := newFlags(e, "serve")
	o := serveFlags(fs)
	addr, dbPath, verifications := o.addr, o.dbPath, o.verifications
	commonsDB, crew, profilesDB, issuerKeyPath, storeDB, ledgerDB := o.commonsDB, o.crew, o.profilesDB, o.issuerKeyPath, o.storeDB, o.ledgerDB
	tlsCert, tlsKey := o.tlsCert, o.tlsKey
	pos, err := parseFlags(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) > 0 {
		fmt.Fprintf(e.stderr, "prodos serve: unexpected argument %q\n", pos[0])
		return exitUsage
	}
	if code := serveCheckTLS(e, *tlsCert, *tlsKey); code != exitOK {
		return code
	}
	if *dbPath == "" {
		p, err := userdata.File("classroom.db")
		if err == nil {
			err = userdata.Ensure(p)
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "prodos serve: %v\n", err)
			return exitProblems
		}
		*dbPath = p
	}
	tok, code := facilitatorToken(e, *o.token, *o.tokenFile)
	if code != exitOK {
		return code
	}
	db, err := sqlitestore.Open(*dbPath)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos serve: %v\n", err)
		return exitUsage
	}
	defer db.Close()
	if tok.value == "" {
		if tok, code = madeToken(e, *dbPath); code != exitOK {
			return code
		}
	}
	mount, closeCrew, code := crew.open(e, tok.value)
	if code != exitOK {
		return code
	}
	defer closeCrew()
	web, _ := iofs.Sub(webdist, "webdist")
	if _, err := iofs.Stat(web, "housegame.wasm.gz"); err != nil {
		fmt.Fprintln(e.stderr, "prodos serve: warning: this binary has no browser build embedded; run `make web` and rebuild prodos")
	}
	iss, code := serveIssuer(e, *profilesDB, *issuerKeyPath)
	if iss == nil {
		return code
	}
	defer iss.close()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos serve: %v\n", err)
		return exitUsage
	}
	lg := log.New(e.stderr, "prodos serve: ", log.LstdFlags)
	cm, code := serveCommons(e, *commonsDB, *dbPath, tok.value, lg)
	if cm == nil {
		return code
	}
	defer cm.close()
	sm, code := serveStore(e, *storeDB, *commonsDB, *ledgerDB, *dbPath, lg)
	if sm == nil {
		return code
	}
	defer sm.close()
	cm.store = sm.h
	cm.allowLearners(db)
	srv := &http.Server{
		Handler: iss.mount(lg, cm.mount(&classroom.Server{Store: db, Verifier: commonsLevelVerifier(cm.cstore, attempts.Verify), Award: attempts.AwardQualifications,
			LevelName: attempts.LevelName, Challenge: attempts.IsChallenge, Token: tok.value, Web: web,
			Log: lg, Limits: classroom.Limits{Verifications: *verifications}, Mount: mount, SignOff: iss.signOff(e),
			Assignments: db, Levels: commonsLevelTitle(cm.cstore)})),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		MaxHeaderBytes:    16 << 10,
	}
	scheme := "http"
	if *tlsCert != "" {
		scheme = "https"
	}
	printServeBanner(e, scheme, ln.Addr(), tok, *dbPath)
	if serveReady != nil {
		serveReady(ln.Addr().String())
	}
	return serveUntilStopped(e, srv, ln, *tlsCert, *tlsKey)
}

// serveUntilStopped serves until the listener fails or the serve context
// ends (Ctrl+C, SIGTERM), then shuts down gracefully.
func serveUntilStopped(e *env, srv *http.Server, ln net.Listener, cert, key string) int {
	ctx, stop := serveContext()
	defer stop()
	errc := make(chan error, 1)
	go func() {
		if cert != "" {
			errc <- srv.ServeTLS(ln, cert, key)
			return
		}
		errc <- srv.Serve(ln)
	}()
	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintf(e.stderr, "prodos serve: %v\n", err)
			return exitProblems
		}
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shut)
	}
	return exitOK
}
