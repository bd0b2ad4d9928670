//go:build !linux

package store

import "os"

// lockDatabase: only the lock file guards the database on this platform
// (whether flock and SQLite's fcntl locks are independent varies).
func lockDatabase(string) (*os.File, error) { return nil, nil }
