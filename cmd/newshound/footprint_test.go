package main

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// footprintFeeds serves feeds of 20 items; a new generation gives every feed
// 20 new items and a new ETag, otherwise conditional requests get 304 (as
// watchers' benchmark server).
type footprintFeeds struct {
	generation atomic.Int64
	requests   atomic.Int64
}

func (ff *footprintFeeds) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ff.requests.Add(1)
	gen := strconv.FormatInt(ff.generation.Load(), 10)
	etag := `"g` + gen + `"`
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	name := strings.TrimPrefix(r.URL.Path, "/")
	w.Header().Set("ETag", etag)
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title>`)
	now := time.Now().UTC().Format(time.RFC1123Z)
	for i := range 20 {
		fmt.Fprintf(&b, `<item><title>Story %s-%s-%d about the economy and the weather</title><link>https://bench.example/%s/%s/%d</link><pubDate>%s</pubDate><description>&lt;p&gt;Officials met on Tuesday to discuss the budget. The minister said growth would return next year. Analysts were less sure, pointing to weak exports and rising costs. Story %d of feed %s.&lt;/p&gt;</description></item>`,
			name, gen, i, name, gen, i, now, i, name)
	}
	b.WriteString(`</channel></rss>`)
	io.WriteString(w, b.String())
}

// BenchmarkFootprint measures what a machine sees of the newshound binary
// (run it with -benchtime 1x): CPU time and peak RSS of start-up for
// commands that read no page (version, check, status); peak RSS of `once`
// over 1,000 feeds, first (every item recorded) and again with every feed
// changed (20,000 new items matched, alerts written to standard output);
// and the RSS of `run` idle with 2,000 feeds after their first polls.
func BenchmarkFootprint(b *testing.B) {
	dir := b.TempDir()
	bin := buildInstalled(b, dir)
	// The binary as an installation runs it, read from disk, not as the
	// linker has just written it: the kernel maps whole large folios of the
	// page cache around each page a program touches, and the folios a write
	// leaves are not those a read makes (version's RSS was 19.7-20.1 MB run
	// from disk, 20.2-23.4 MB from builds fresh from the linker). Its pages
	// are dropped from the cache, then one run of version reads them back.
	if err := dropFromPageCache(bin); err != nil {
		b.Logf("dropping the binary from the page cache: %v (RSS as the linker left it)", err)
	}
	if out, err := exec.Command(bin, "version").CombinedOutput(); err != nil {
		b.Fatalf("version: %v\n%s", err, out)
	}
	ff := &footprintFeeds{}
	srv := httptest.NewServer(ff)
	defer srv.Close()
	writeConfig := func(name string, feeds int, schedule string) string {
		var y strings.Builder
		fmt.Fprintf(&y, "storage: { path: %s.db }\nschedule: %q\nmax_age: 48h\narticles: { fetch: false }\nfeeds:\n", name, schedule)
		for i := range feeds {
			fmt.Fprintf(&y, "  - { name: feed%04d, url: \"%s/f%04d\" }\n", i, srv.URL, i)
		}
		y.WriteString("watches:\n")
		for i, kw := range []string{"Putin", "election interference", "flood", "Story 7", "tariff", "strike", "wildfire", "ceasefire", "merger", "recall"} {
			fmt.Fprintf(&y, "  - { name: w%d, keywords: [%q] }\n", i, kw)
		}
		path := filepath.Join(dir, name+".yaml")
		if err := os.WriteFile(path, []byte(y.String()), 0o644); err != nil {
			b.Fatal(err)
		}
		return path
	}
	once := writeConfig("once", 1000, "@every 1h")
	idle := writeConfig("idle", 2000, "@every 1h")
	// run is one command to completion: CPU time and peak RSS. Go starts a
	// command by vfork, and Linux carries the peak RSS of the memory the
	// child shared until exec — this benchmark's own, about 26 MB — into the
	// child's ru_maxrss, so a start-up below that read as the benchmark's
	// size. GNU time forks instead: its %M is the command's own peak. The
	// CPU time is the wait's, which adds time's own (well under 1 ms).
	gnuTime, _ := exec.LookPath("/usr/bin/time")
	if gnuTime == "" {
		b.Log("no /usr/bin/time (GNU time): the RSS of short commands reads at least this benchmark's own")
	}
	// footprints are the split of the last run's resident memory as it
	// ended (NEWSHOUND_FOOTPRINT: main prints /proc/self/status's RssAnon
	// and RssFile), in MB.
	var anon, file float64
	run := func(args ...string) (cpu time.Duration, maxRSS float64) {
		cmd := exec.Command(bin, args...)
		rssFile := filepath.Join(dir, "maxrss")
		if gnuTime != "" {
			cmd = exec.Command(gnuTime, append([]string{"-f", "%M", "-o", rssFile, bin}, args...)...)
		}
		cmd.Env = append(os.Environ(), "NEWSHOUND_FOOTPRINT=1")
		cmd.Dir = dir
		cmd.Stdout = io.Discard
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			b.Fatalf("%v: %v\n%s", args, err, stderr.String())
		}
		anon, file = footprintSplit(stderr.String())
		ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		cpu, maxRSS = time.Duration(ru.Utime.Nano()+ru.Stime.Nano()), float64(ru.Maxrss)/1024
		if gnuTime != "" {
			out, err := os.ReadFile(rssFile)
			if err != nil {
				b.Fatal(err)
			}
			fields := strings.Fields(string(out))
			kb, err := strconv.ParseFloat(fields[len(fields)-1], 64)
			if err != nil {
				b.Fatalf("GNU time's %%M: %q: %v", out, err)
			}
			maxRSS = kb / 1024
		}
		return cpu, maxRSS
	}
	for b.Loop() {
		// RSS is the program's own memory (anon) and the binary's pages
		// mapped from the page cache (file): the kernel maps a 64 KB window,
		// or a whole large folio, around each page touched, so the file part
		// also depends on how the binary came into the cache.
		short := func(c ...string) {
			cpu, rss := run(c...)
			b.ReportMetric(float64(cpu.Microseconds())/1000, c[0]+"-cpu-ms")
			b.ReportMetric(rss, c[0]+"-RSS-MB")
			b.ReportMetric(anon, c[0]+"-anon-MB")
			b.ReportMetric(file, c[0]+"-file-MB")
		}
		short("version")
		short("check", "--config", once)
		os.Remove(filepath.Join(dir, "once.db"))
		_, rss := run("once", "--config", once, "--log-level", "warn")
		b.ReportMetric(rss, "once-first-RSS-MB")
		ff.generation.Add(1)
		start := time.Now()
		cpu, rss := run("once", "--config", once, "--log-level", "warn")
		b.ReportMetric(rss, "once-changed-RSS-MB")
		b.ReportMetric(float64(cpu.Milliseconds()), "once-changed-cpu-ms")
		b.ReportMetric(time.Since(start).Seconds(), "once-changed-s")
		short("status", "--config", once)

		// Idle run: the feeds' first polls done by once, then the daemon
		// with an hourly schedule, measured once its start-up round is over.
		os.Remove(filepath.Join(dir, "idle.db"))
		run("once", "--config", idle, "--log-level", "warn")
		cmd := exec.Command(bin, "run", "--config", idle, "--log-level", "warn")
		cmd.Dir = dir
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		time.Sleep(15 * time.Second)
		rssNow, hwm := procRSS(cmd.Process.Pid)
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
		b.ReportMetric(rssNow, "run-idle-RSS-MB")
		b.ReportMetric(hwm, "run-peak-RSS-MB")
	}
}

// buildInstalled builds newshound into dir as the README's install line
// and the Dockerfile build it: static, without cgo, with no symbol table or
// DWARF. A plain go build links libc dynamically (net and os/user use it
// through cgo): every command then maps the dynamic loader and libc, 1 MB
// more RSS, and spends ~1 ms more CPU starting.
func buildInstalled(tb testing.TB, dir string) string {
	tb.Helper()
	bin := filepath.Join(dir, "newshound")
	build := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		tb.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// footprintSplit reads the line NEWSHOUND_FOOTPRINT makes a command print
// on standard error: its RssAnon and RssFile as it ended, in MB.
func footprintSplit(stderr string) (anon, file float64) {
	for _, line := range strings.Split(stderr, "\n") {
		rest, ok := strings.CutPrefix(line, "footprint: ")
		if !ok {
			continue
		}
		for _, f := range strings.Fields(rest) {
			k, v, _ := strings.Cut(f, "=")
			kb, _ := strconv.ParseFloat(v, 64)
			switch k {
			case "RssAnon":
				anon = kb / 1024
			case "RssFile":
				file = kb / 1024
			}
		}
	}
	return anon, file
}

// procRSS reads a process's resident set and its peak, in MB.
func procRSS(pid int) (rss, hwm float64) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, _ := strings.Cut(sc.Text(), ":")
		kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
		switch k {
		case "VmRSS":
			rss = kb / 1024
		case "VmHWM":
			hwm = kb / 1024
		}
	}
	return rss, hwm
}
