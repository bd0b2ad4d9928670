package main

import (
	"debug/elf"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestInitAllocations holds what package initialisation allocates before
// main, which every command pays, those that read no page too (issue 16:
// start-up under 20 MB RSS). It builds newshound, runs `newshound version`
// with GODEBUG=inittrace=1 and reads the runtime's report of every
// package's initialisation. A package that builds a large
// table or compiles a large regular expression at initialisation (as
// go-dateparser's locales, go-domdistiller's range tables, gomoji's emoji
// map, whatlanggo's profiles and a {1,200} repetition did) fails it: build
// it on first use instead (sync.OnceValue; a local copy under
// internal/thirdparty for a dependency, see the PATCHES.md there).
func TestInitAllocations(t *testing.T) {
	const (
		perPackage = 300 << 10 // bytes one package's initialisation may allocate
		total      = 3 << 20   // bytes all of them may allocate
	)
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildInstalled(t, t.TempDir())
	// The install line's binary is static: no dynamic loader, no libc.
	if f, err := elf.Open(bin); err == nil {
		for _, p := range f.Progs {
			if p.Type == elf.PT_INTERP {
				t.Errorf("the binary built as the README says asks for a dynamic loader: something needs cgo")
			}
		}
		f.Close()
	}
	cmd := exec.Command(bin, "version")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1", "NEWSHOUND_FOOTPRINT=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	// The split BenchmarkFootprint reports: the program's own memory and
	// the binary's pages, both there.
	if anon, file := footprintSplit(string(out)); anon <= 0 || file <= 0 {
		t.Errorf("NEWSHOUND_FOOTPRINT: anon %.1f MB, file %.1f MB:\n%s", anon, file, out)
	}
	line := regexp.MustCompile(`^init (\S+) @.* ([0-9]+) bytes, ([0-9]+) allocs$`)
	var sum, packages int
	for _, l := range strings.Split(string(out), "\n") {
		m := line.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		packages++
		n, _ := strconv.Atoi(m[2])
		sum += n
		if n > perPackage {
			t.Errorf("package %s allocates %d KB in its initialisation (at most %d KB)", m[1], n>>10, perPackage>>10)
		}
	}
	if packages < 100 {
		t.Fatalf("inittrace reported %d packages; the report's format may have changed:\n%s", packages, out)
	}
	if sum > total {
		t.Errorf("package initialisation allocates %d KB in all (at most %d KB)", sum>>10, total>>10)
	}
	t.Logf("%d packages initialised, %d KB allocated", packages, sum>>10)
}

// TestBriefCommandsCollectNoGarbage: `check` of a configuration of 3,000
// feeds allocates past the point where the runtime would collect (with
// GOGC=100 in the environment it does), yet by itself it runs no
// collection (briefGC), whose cost in RSS and CPU is more than the garbage.
func TestBriefCommandsCollectNoGarbage(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	bin := buildInstalled(t, dir)
	var y strings.Builder
	y.WriteString("storage: { path: brief.db }\nfeeds:\n")
	for i := range 3000 {
		fmt.Fprintf(&y, "  - { name: feed%04d, url: \"https://news%d.example/feeds/world.xml\" }\n", i, i)
	}
	y.WriteString("watches:\n  - { name: elections, query: 'election AND (fraud OR interference)' }\n")
	config := filepath.Join(dir, "newshound.yaml")
	if err := os.WriteFile(config, []byte(y.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	collections := func(env ...string) int {
		cmd := exec.Command(bin, "check", "--config", config)
		cmd.Env = append(os.Environ(), append([]string{"GODEBUG=gctrace=1"}, env...)...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("check %v: %v\n%s", env, err, out)
		}
		return len(regexp.MustCompile(`(?m)^gc \d+ @`).FindAll(out, -1))
	}
	if n := collections("GOGC=100"); n == 0 {
		t.Fatal("check with GOGC=100 ran no collection: the configuration is too small to show anything")
	}
	if n := collections(); n != 0 {
		t.Errorf("check ran %d garbage collections; a brief command should run none", n)
	}
}
