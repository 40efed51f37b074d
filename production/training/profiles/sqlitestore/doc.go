// Package sqlitestore is the SQLite implementation of profiles.Store,
// for the desktop and the CLI (cgo; not built for GOOS=js, where the
// browser uses profiles.MemStore). Its migrations are embedded and applied
// in order on Open, recorded in a migrations table; foreign keys are on,
// the journal is WAL with a busy timeout, and each Store call is one
// transaction (BEGIN IMMEDIATE, through the _txlock=immediate option).
package sqlitestore
