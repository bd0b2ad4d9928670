package main

import (
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
	bin := filepath.Join(t.TempDir(), "newshound")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "version")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
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
