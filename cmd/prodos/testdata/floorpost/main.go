//go:build !js

// Command floorpost is the floor of BenchmarkLedgerPostProcess: the least
// a Go program linking go-sqlite3 can do for one post. It runs the SQL
// script the benchmark gives the sqlite3 tool (standard input; the tool's
// dot-commands are skipped) on the database named by its argument, over one
// connection, and closes it, as the tool does. It has no catalog, design,
// gate or hash: its time is the Go runtime's and cgo's start-up plus
// SQLite's work, so sqlite3's time over its time bounds the ratio any
// single-post Go process of this kind can reach on the machine.
package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"strings"

	_ "github.com/mattn/go-sqlite3"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "floorpost:", err)
		os.Exit(1)
	}
}

func run() error {
	if len(os.Args) != 2 {
		return fmt.Errorf("usage: floorpost DB < SCRIPT")
	}
	in, err := io.ReadAll(os.Stdin)
	if err != nil {
		return err
	}
	var script strings.Builder
	for _, line := range strings.SplitAfter(string(in), "\n") {
		if !strings.HasPrefix(line, ".") {
			script.WriteString(line)
		}
	}
	db, err := sql.Open("sqlite3", os.Args[1])
	if err != nil {
		return err
	}
	defer db.Close()
	conn, err := db.Conn(context.Background())
	if err != nil {
		return err
	}
	defer conn.Close()
	_, err = conn.ExecContext(context.Background(), script.String())
	return err
}
