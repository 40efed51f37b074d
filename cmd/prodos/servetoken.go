package main

import (
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"

	"github.com/opensourceecology/prodos/production/classroom"
)

// tokenEnv names the environment variable that may hold the facilitator
// token (an environment variable does not show in ps, a flag does).
const tokenEnv = "PRODOS_FACILITATOR_TOKEN"

// facilitator is the token and where it came from (never printed to a log).
type facilitator struct {
	value string
	from  string // "--token", "$PRODOS_FACILITATOR_TOKEN" or a file path
	made  bool   // generated now
}

// facilitatorToken takes the token from --token, --token-file or the
// environment and refuses a weak one. With none of them it returns an
// empty token: the caller then uses madeToken once the database opened.
func facilitatorToken(e *env, flag, file string) (facilitator, int) {
	var f facilitator
	switch {
	case flag != "" && file != "":
		fmt.Fprintln(e.stderr, "prodos serve: give --token or --token-file, not both")
		return f, exitUsage
	case flag != "":
		f = facilitator{value: flag, from: "--token"}
		fmt.Fprintf(e.stderr, "prodos serve: warning: --token shows in the process list; prefer --token-file or $%s\n", tokenEnv)
	case file != "":
		data, err := readFileLimit(file, 4096)
		if err != nil {
			fmt.Fprintf(e.stderr, "prodos serve: --token-file: %v\n", err)
			return f, exitUsage
		}
		f = facilitator{value: strings.TrimSpace(string(data)), from: file}
	case os.Getenv(tokenEnv) != "":
		f = facilitator{value: os.Getenv(tokenEnv), from: "$" + tokenEnv}
	default:
		return f, exitOK
	}
	if err := classroom.CheckToken(f.value); err != nil {
		fmt.Fprintf(e.stderr, "prodos serve: %s: %v\n", f.from, err)
		return f, exitUsage
	}
	return f, exitOK
}

// madeToken reads the file facilitator-token next to the database, or makes
// it (mode 0600) with a new random token.
func madeToken(e *env, dbPath string) (facilitator, int) {
	path := filepath.Join(filepath.Dir(dbPath), "facilitator-token")
	data, err := readFileLimit(path, 4096)
	if err == nil && classroom.CheckToken(strings.TrimSpace(string(data))) == nil {
		return facilitator{value: strings.TrimSpace(string(data)), from: path}, exitOK
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		fmt.Fprintf(e.stderr, "prodos serve: %v\n", err)
		return facilitator{}, exitUsage
	}
	tok, err := classroom.NewToken()
	if err == nil {
		err = os.WriteFile(path+".tmp", []byte(tok+"\n"), 0o600)
	}
	if err == nil {
		err = os.Rename(path+".tmp", path)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos serve: facilitator token: %v\n", err)
		return facilitator{}, exitProblems
	}
	return facilitator{value: tok, from: path, made: true}, exitOK
}

// printServeBanner says where to find the game and the dashboard. The
// token itself is printed only to a terminal, never into a redirected log.
func printServeBanner(e *env, scheme string, addr net.Addr, tok facilitator, dbPath string) {
	w := e.stdout
	fmt.Fprintln(w, "Production OS classroom")
	urls := serveURLs(scheme, addr, net.InterfaceAddrs)
	for i, u := range urls {
		label := "game:     "
		if i > 0 {
			label = "          "
		}
		fmt.Fprintf(w, "  %s %s/\n", label, u)
	}
	fmt.Fprintf(w, "  dashboard: %s/dashboard (log in with the facilitator token from %s)\n", urls[0], tok.from)
	if f, ok := w.(*os.File); ok && isTerminal(f) && tok.made {
		fmt.Fprintf(w, "  token:     %s\n", tok.value)
	}
	fmt.Fprintf(w, "  database:  %s\nPress Ctrl+C to stop.\n", dbPath)
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// serveURLs are the addresses learners can open. Listening on every
// interface (0.0.0.0 or ::) prints "[::]", which no browser can use: list
// the machine's network addresses instead, IPv4 first, loopback last.
func serveURLs(scheme string, addr net.Addr, ifaddrs func() ([]net.Addr, error)) []string {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok || !tcp.IP.IsUnspecified() {
		return []string{scheme + "://" + addr.String()}
	}
	port := fmt.Sprint(tcp.Port)
	var v4, v6 []string
	if list, err := ifaddrs(); err == nil {
		for _, a := range list {
			ipn, ok := a.(*net.IPNet)
			if !ok || ipn.IP.IsLoopback() || ipn.IP.IsLinkLocalUnicast() || ipn.IP.IsMulticast() {
				continue
			}
			if ipn.IP.To4() != nil {
				v4 = append(v4, scheme+"://"+net.JoinHostPort(ipn.IP.String(), port))
			} else {
				v6 = append(v6, scheme+"://"+net.JoinHostPort(ipn.IP.String(), port))
			}
		}
	}
	return append(append(v4, v6...), scheme+"://"+net.JoinHostPort("127.0.0.1", port))
}
