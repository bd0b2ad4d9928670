package metrics

import (
	"bytes"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// GoCollector reports the Go runtime's metrics most used from the
// Prometheus client's Go collector, with its names: go_goroutines,
// go_threads, go_info, go_gc_duration_seconds (a summary of stop-the-world
// pause durations: quantiles 0, 0.25, 0.5, 0.75, 1 over the recent pauses,
// sum and count over all), go_memstats_alloc_bytes, go_memstats_heap_inuse_bytes,
// go_memstats_heap_objects, go_memstats_sys_bytes, go_memstats_alloc_bytes_total,
// go_gc_gogc_percent, go_gc_gomemlimit_bytes, go_sched_gomaxprocs_threads.
func GoCollector() Collector { return CollectorFunc(collectGo) }

var goSamples = []string{
	"/sched/goroutines:goroutines",
	"/memory/classes/heap/objects:bytes",
	"/memory/classes/heap/unused:bytes",
	"/gc/heap/objects:objects",
	"/memory/classes/total:bytes",
	"/gc/heap/allocs:bytes",
	"/gc/gogc:percent",
	"/gc/gomemlimit:bytes",
	"/sched/gomaxprocs:threads",
}

func collectGo(g *Gathering) {
	s := make([]metrics.Sample, len(goSamples))
	for i, name := range goSamples {
		s[i].Name = name
	}
	metrics.Read(s)
	v := func(i int) float64 {
		if s[i].Value.Kind() == metrics.KindUint64 {
			return float64(s[i].Value.Uint64())
		}
		return 0
	}
	g.Add("go_goroutines", "Number of goroutines that currently exist.", TypeGauge, Metric{Value: v(0)})
	g.Add("go_memstats_alloc_bytes", "Number of bytes allocated in heap and currently in use. Equals to /memory/classes/heap/objects:bytes.", TypeGauge, Metric{Value: v(1)})
	g.Add("go_memstats_heap_inuse_bytes", "Number of heap bytes that are in use. Equals to /memory/classes/heap/objects:bytes + /memory/classes/heap/unused:bytes", TypeGauge, Metric{Value: v(1) + v(2)})
	g.Add("go_memstats_heap_objects", "Number of currently allocated objects. Equals to /gc/heap/objects:objects.", TypeGauge, Metric{Value: v(3)})
	g.Add("go_memstats_sys_bytes", "Number of bytes obtained from system. Equals to /memory/classes/total:byte.", TypeGauge, Metric{Value: v(4)})
	g.Add("go_memstats_alloc_bytes_total", "Total number of bytes allocated in heap until now, even if released already. Equals to /gc/heap/allocs:bytes.", TypeCounter, Metric{Value: v(5)})
	g.Add("go_gc_gogc_percent", "Heap size target percentage configured by the user, otherwise 100. This value is set by the GOGC environment variable, and the runtime/debug.SetGCPercent function. Sourced from /gc/gogc:percent.", TypeGauge, Metric{Value: v(6)})
	g.Add("go_gc_gomemlimit_bytes", "Go runtime memory limit configured by the user, otherwise math.MaxInt64. This value is set by the GOMEMLIMIT environment variable, and the runtime/debug.SetMemoryLimit function. Sourced from /gc/gomemlimit:bytes.", TypeGauge, Metric{Value: v(7)})
	g.Add("go_sched_gomaxprocs_threads", "The current runtime.GOMAXPROCS setting, or the number of operating system threads that can execute user-level Go code simultaneously. Sourced from /sched/gomaxprocs:threads.", TypeGauge, Metric{Value: v(8)})
	g.Add("go_info", "Information about the Go environment.", TypeGauge, Metric{LabelNames: []string{"version"}, LabelValues: []string{runtime.Version()}, Value: 1})

	var gc debug.GCStats
	gc.PauseQuantiles = make([]time.Duration, 5)
	debug.ReadGCStats(&gc)
	q := make([]float64, 5)
	for i, d := range gc.PauseQuantiles {
		q[i] = d.Seconds()
	}
	g.Add("go_gc_duration_seconds", "A summary of the wall-time pause (stop-the-world) duration in garbage collection cycles.", TypeSummary,
		Metric{Quantiles: []float64{0, 0.25, 0.5, 0.75, 1}, QValues: q, Sum: gc.PauseTotal.Seconds(), Count: uint64(gc.NumGC)})
	if st, err := readProcStat(); err == nil {
		g.Add("go_threads", "Number of OS threads created.", TypeGauge, Metric{Value: st.threads})
	}
}

// ProcessCollector reports the process's metrics from /proc/self, with the
// Prometheus client's names: process_cpu_seconds_total,
// process_resident_memory_bytes, process_virtual_memory_bytes,
// process_open_fds, process_max_fds, process_start_time_seconds. Off
// Linux (no /proc) it reports nothing.
func ProcessCollector() Collector { return CollectorFunc(collectProcess) }

// userHZ is the clock ticks per second of /proc/PID/stat's times (100 on
// every Linux architecture Go supports).
const userHZ = 100

type procStat struct {
	cpu, rss, vsize, start, threads float64
}

// readProcStat reads /proc/self/stat and the boot time from /proc/stat.
func readProcStat() (procStat, error) {
	data, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return procStat{}, err
	}
	// The command name, in parentheses, may hold spaces: fields count from
	// after the last ')'. f[0] is field 3 (state).
	i := bytes.LastIndexByte(data, ')')
	if i < 0 {
		return procStat{}, syscall.EINVAL
	}
	f := strings.Fields(string(data[i+1:]))
	if len(f) < 22 {
		return procStat{}, syscall.EINVAL
	}
	num := func(field int) float64 {
		n, _ := strconv.ParseUint(f[field-3], 10, 64)
		return float64(n)
	}
	st := procStat{
		cpu:     (num(14) + num(15)) / userHZ,
		threads: num(20),
		vsize:   num(23),
		rss:     num(24) * float64(os.Getpagesize()),
	}
	if boot, err := bootTime(); err == nil {
		st.start = boot + num(22)/userHZ
	}
	return st, nil
}

func bootTime() (float64, error) {
	data, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, err
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "btime "); ok {
			return strconv.ParseFloat(strings.TrimSpace(rest), 64)
		}
	}
	return 0, syscall.ENOENT
}

func collectProcess(g *Gathering) {
	st, err := readProcStat()
	if err != nil {
		return
	}
	g.Add("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.", TypeCounter, Metric{Value: st.cpu})
	g.Add("process_resident_memory_bytes", "Resident memory size in bytes.", TypeGauge, Metric{Value: st.rss})
	g.Add("process_virtual_memory_bytes", "Virtual memory size in bytes.", TypeGauge, Metric{Value: st.vsize})
	if st.start > 0 {
		g.Add("process_start_time_seconds", "Start time of the process since unix epoch in seconds.", TypeGauge, Metric{Value: st.start})
	}
	if fds, err := os.ReadDir("/proc/self/fd"); err == nil {
		g.Add("process_open_fds", "Number of open file descriptors.", TypeGauge, Metric{Value: float64(len(fds))})
	}
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err == nil {
		g.Add("process_max_fds", "Maximum number of open file descriptors.", TypeGauge, Metric{Value: float64(lim.Cur)})
	}
}
