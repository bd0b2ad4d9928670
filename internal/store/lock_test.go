package store

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestOneWriter: a second writer of the same file is refused with a message
// naming the first, while a read-only open reads beside it; once the first
// closes, the next writer gets in.
func TestOneWriter(t *testing.T) {
	ctx := context.Background()
	s, path := open(t)
	now := time.Now()
	if _, err := s.AddArticles(ctx, []Article{{Identity: "https://e.org/a", Feed: "A", SeenAt: now, Status: StatusPending}}); err != nil {
		t.Fatal(err)
	}
	_, err := Open(ctx, path)
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second writer: %v, want ErrLocked", err)
	}
	host, _ := os.Hostname()
	for _, want := range []string{path, "pid " + strconv.Itoa(os.Getpid()), host, "started "} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("refusal %q does not name %q", err, want)
		}
	}

	ro, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatalf("read-only beside the writer: %v", err)
	}
	defer ro.Close()
	if ids, err := ro.KnownItems(ctx, []string{"https://e.org/a"}); err != nil || len(ids) != 1 {
		t.Fatalf("read-only read: %v %v", ids, err)
	}
	if _, err := ro.AddArticles(ctx, []Article{{Identity: "https://e.org/b", Feed: "A", SeenAt: now, Status: StatusPending}}); err == nil {
		t.Fatal("a read-only store wrote")
	}

	s.Close()
	s2, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("writer after the first closed: %v", err)
	}
	s2.Close()
}

// TestLockHelper is the other process of TestWriterLockOfAKilledProcess: it
// opens the database and waits to be killed.
func TestLockHelper(t *testing.T) {
	path := os.Getenv("NEWSHOUND_LOCK_HELPER_DB")
	if path == "" {
		t.Skip("helper process only")
	}
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	os.WriteFile(path+".ready", nil, 0o644)
	time.Sleep(time.Minute)
}

// TestWriterLockOfAKilledProcess: another process holding the database is
// named in the refusal; killed with SIGKILL, it leaves no stale lock.
func TestWriterLockOfAKilledProcess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockHelper$")
	cmd.Env = append(os.Environ(), "NEWSHOUND_LOCK_HELPER_DB="+path)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, err := os.Stat(path + ".ready"); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("helper did not open the database")
		}
		time.Sleep(20 * time.Millisecond)
	}
	ctx := context.Background()
	_, err := Open(ctx, path)
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "pid "+strconv.Itoa(cmd.Process.Pid)) {
		t.Fatalf("open beside another process: %v, want a refusal naming pid %d", err, cmd.Process.Pid)
	}
	cmd.Process.Kill()
	cmd.Wait()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("open after the holder was killed: %v", err)
	}
	s.Close()
}

// TestOneWriterThroughALink: a symbolic link to the database (made before or
// after it exists, relative or absolute) is the same database: the writer
// through the link is refused, and the refusal names the real lock file.
func TestOneWriterThroughALink(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	real := filepath.Join(dir, "real.db")
	if err := os.Symlink("real.db", filepath.Join(dir, "early.db")); err != nil { // dangling until the first open
		t.Fatal(err)
	}
	s, err := Open(ctx, filepath.Join(dir, "early.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := os.Symlink(real, filepath.Join(dir, "late.db")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(dir, filepath.Join(dir, "sub")); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{real, filepath.Join(dir, "late.db"), filepath.Join(dir, "sub", "late.db"), filepath.Join(dir, "sub", "early.db")} {
		s2, err := Open(ctx, name)
		if err == nil {
			s2.Close()
			t.Errorf("second writer through %s was let in", name)
			continue
		}
		if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), real+".lock") {
			t.Errorf("second writer through %s: %v, want ErrLocked naming %s.lock", name, err, real)
		}
	}
}

// TestOneWriterWithoutItsLockFile: the lock file removed while the writer
// runs (taken for a stale lock), or the database reached through a hard
// link, still lets no second writer in (Linux: the database file is locked
// too).
func TestOneWriterWithoutItsLockFile(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the database file itself is locked on Linux only")
	}
	ctx := context.Background()
	s, path := open(t)
	if err := os.Link(path, path+"-hard.db"); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(ctx, path+"-hard.db")
	if err == nil {
		s2.Close()
		t.Error("a second writer through a hard link was let in")
	} else if !errors.Is(err, ErrLocked) {
		t.Errorf("through a hard link: %v, want ErrLocked", err)
	}
	if err := os.Remove(path + ".lock"); err != nil {
		t.Fatal(err)
	}
	s3, err := Open(ctx, path)
	if err == nil {
		s3.Close()
		t.Fatal("a second writer was let in once the lock file was removed")
	}
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "lock file removed") {
		t.Errorf("without the lock file: %v, want ErrLocked saying the lock file was removed", err)
	}
	// The first writer still works, and once it closes the next one gets in.
	if _, err := s.AddArticles(ctx, []Article{{Identity: "https://e.org/x", Feed: "A", SeenAt: time.Now(), Status: StatusPending}}); err != nil {
		t.Fatalf("the first writer after the refused attempts: %v", err)
	}
	s.Close()
	s4, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("writer after the first closed: %v", err)
	}
	if ids, err := s4.KnownItems(ctx, []string{"https://e.org/x"}); err != nil || len(ids) != 1 {
		t.Errorf("the first writer's article: %v %v", ids, err)
	}
	s4.Close()
}

// TestLockFileIsNotALink: a symbolic link planted where the lock file goes
// is refused, and the file it points to is left as it was (the lock file is
// truncated and written when taken).
func TestLockFileIsNotALink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no O_NOFOLLOW")
	}
	dir := t.TempDir()
	victim := filepath.Join(dir, "precious.txt")
	os.WriteFile(victim, []byte("keep me\n"), 0o644)
	path := filepath.Join(dir, "s.db")
	if err := os.Symlink(victim, path+".lock"); err != nil {
		t.Fatal(err)
	}
	s, err := Open(context.Background(), path)
	if err == nil {
		s.Close()
		t.Error("a lock file that is a symbolic link was taken")
	}
	if data, _ := os.ReadFile(victim); string(data) != "keep me\n" {
		t.Errorf("the link's target was overwritten: %q", data)
	}
}
