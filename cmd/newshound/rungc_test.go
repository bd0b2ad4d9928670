package main

import (
	"runtime/debug"
	"testing"
)

// run collects garbage at runGCPercent and puts the previous target back
// as it returns; a GOGC or GOMEMLIMIT in the environment wins.
func TestRunGC(t *testing.T) {
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	restore := runGC()
	if got := debug.SetGCPercent(runGCPercent); got != runGCPercent {
		t.Errorf("GOGC %d under run, want %d", got, runGCPercent)
	}
	restore()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GOGC %d after run, want 100 back", got)
	}
	for _, env := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run(env, func(t *testing.T) {
			t.Setenv(env, "80")
			defer runGC()()
			if got := debug.SetGCPercent(100); got != 100 {
				t.Errorf("GOGC %d under run with %s set, want the runtime's 100 left alone", got, env)
			}
		})
	}
}
