package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFileSizeLimit: a configuration over the limit is refused, naming the
// file and the limit; one under it is read.
func TestFileSizeLimit(t *testing.T) {
	dir := t.TempDir()
	valid := "feeds:\n  - { name: A, url: \"https://a.example/feed\" }\nwatches:\n  - { name: w, keywords: [Putin] }\n"
	write := func(name string, size int) string {
		path := filepath.Join(dir, name)
		padding := strings.Repeat("# padding padding padding padding padding padding padding padding\n", size/66+1)
		os.WriteFile(path, []byte((valid + padding)[:size]), 0o644)
		return path
	}
	opts := Options{Getenv: env(nil)}
	big := write("big.yaml", DefaultMaxSize+1)
	_, err := Load(big, opts)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), big) || !strings.Contains(err.Error(), "4MB") {
		t.Errorf("a file of 4 MB and a byte: %v, want a refusal naming %s and the limit 4MB", err, big)
	}
	if _, err := Load(write("ok.yaml", DefaultMaxSize), opts); err != nil {
		t.Errorf("a file of 4 MB: %v", err)
	}
	opts.MaxSize = 1 << 10
	if _, err := Load(write("small.yaml", 2<<10), opts); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "1KB") {
		t.Errorf("MaxSize 1KB, file 2KB: %v", err)
	}
	if _, err := Parse("bytes.yaml", make([]byte, 2<<10), opts); !errors.Is(err, ErrTooLarge) {
		t.Errorf("Parse over MaxSize: %v", err)
	}
}
