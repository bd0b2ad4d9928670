//go:build !(linux && (amd64 || arm64))

package main

// dropFromPageCache does nothing here: the footprint benchmark measures
// start-up as Linux counts it.
func dropFromPageCache(string) error { return nil }
