//go:build linux && (amd64 || arm64)

package main

import (
	"os"
	"syscall"
)

// dropFromPageCache asks the kernel to drop a file's pages from the page
// cache (posix_fadvise POSIX_FADV_DONTNEED); pages mapped by a running
// process stay.
func dropFromPageCache(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	const dontNeed = 4 // POSIX_FADV_DONTNEED
	if _, _, errno := syscall.Syscall6(syscall.SYS_FADVISE64, f.Fd(), 0, 0, dontNeed, 0, 0); errno != 0 {
		return errno
	}
	return nil
}
