package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// ErrLocked is returned by Open when another process writes the database.
var ErrLocked = errors.New("database in use by another process")

// LockError names the process that holds a database's writer lock.
type LockError struct {
	Path   string // the database
	Holder string // what the holder wrote in the lock file: pid, host, start time
	Lock   string // the lock file (beside the file the path leads to, symbolic links followed)
}

func (e *LockError) Error() string {
	holder := e.Holder
	if holder == "" {
		holder = "a process that has not written its name yet"
	}
	lock := e.Lock
	if lock == "" {
		lock = e.Path + ".lock"
	}
	return fmt.Sprintf("%s is in use by another newshound (%s; lock file %s): one process writes a SQLite database — stop that one first; status and preview read it while it runs",
		e.Path, holder, lock)
}

func (e *LockError) Is(target error) bool { return target == ErrLocked }

// writerLock is the lock file beside the database, held (flock) for as long as
// the writer has the database open. The kernel releases it when the process
// ends, however it ends, so a crash leaves no stale lock; the file itself
// stays, holding the last holder's description.
type writerLock struct{ f, db *os.File }

// lockWriter takes the writer lock of the database at path, or returns a
// *LockError naming the process that holds it.
func lockWriter(path string) (*writerLock, error) {
	name := realPath(path) + ".lock"
	// Not through a symbolic link: the file is truncated and written, and a
	// link planted there would have its target overwritten.
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|noFollow, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock file (a regular file beside the database, not a link): %w", err)
	}
	held, err := tryLock(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("lock file %s: %w", name, err)
	}
	if !held {
		b := make([]byte, 512)
		n, _ := f.ReadAt(b, 0)
		f.Close()
		return nil, &LockError{Path: path, Holder: strings.TrimSpace(string(b[:n])), Lock: name}
	}
	db, err := lockDatabase(path)
	if err != nil {
		unlock(f)
		f.Close()
		return nil, err
	}
	host, _ := os.Hostname()
	desc := fmt.Sprintf("pid %d on host %s, started %s", os.Getpid(), host, time.Now().UTC().Format(time.RFC3339))
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(desc+"\n"), 0)
	}
	return &writerLock{f: f, db: db}, nil
}

// release gives the lock up.
func (l *writerLock) release() error {
	if l == nil {
		return nil
	}
	if l.db != nil {
		unlock(l.db)
		l.db.Close()
	}
	unlock(l.f)
	return l.f.Close()
}

// realPath is the file that path leads to, symbolic links followed — also
// one that points to a database not created yet — so that two names of one
// database (a link to it, a path through a linked directory) share one lock
// file. (Hard links are other names of the same file that no path shows;
// they are not recognised.) When a link cannot be read, path itself is used.
func realPath(path string) string {
	p, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	for hops := 0; hops < 40; hops++ {
		dir, err := filepath.EvalSymlinks(filepath.Dir(p))
		if err != nil {
			return p
		}
		p = filepath.Join(dir, filepath.Base(p))
		fi, err := os.Lstat(p)
		if err != nil || fi.Mode()&os.ModeSymlink == 0 {
			return p
		}
		target, err := os.Readlink(p)
		if err != nil {
			return p
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(dir, target)
		}
		p = target
	}
	return p
}
