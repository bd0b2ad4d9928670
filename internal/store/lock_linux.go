//go:build linux

package store

import (
	"fmt"
	"os"
)

// lockDatabase takes an exclusive flock on the database file itself, beside
// the lock file's: it holds when the lock file has been removed (by hand, as
// a "stale" lock, or by a cleaner) and when the database is reached through
// a hard link, which no path shows. On Linux flock and SQLite's own fcntl
// locks do not interact on a local filesystem; the file stays open until the
// store has closed its connections (closing a file drops the process's fcntl
// locks on it), and a failed attempt closes it before SQLite has opened the
// database.
func lockDatabase(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("database file: %w", err)
	}
	held, err := tryLock(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("database file %s: %w", path, err)
	}
	if !held {
		f.Close()
		return nil, &LockError{Path: path, Holder: "a process that holds the database file itself — was its lock file removed, or is this a hard link to it?", Lock: realPath(path) + ".lock"}
	}
	return f, nil
}
