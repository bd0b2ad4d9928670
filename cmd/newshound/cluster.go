package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"

	"github.com/newshound/newshound/internal/store"
)

// instanceName names this process among the instances sharing a
// PostgreSQL database: host, process id and a random part (a restarted
// process is a new instance; its predecessor's leases expire).
func instanceName() string {
	host, _ := os.Hostname()
	var b [4]byte
	rand.Read(b[:])
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b[:]))
}

// shareWork makes the daemon one of several instances on the PostgreSQL
// database at url: it takes a share of the feeds and channels (leases),
// hears the others' changes of the chat-managed watches, and holds the
// Discord gateway only while it leads. It returns the function that runs
// the gateway connection instead of connecting at once; nothing changes
// with SQLite (one process, its lock file).
func shareWork(ctx context.Context, svc *services, url string, log *slog.Logger) (gateway func(connect func(context.Context)), err error) {
	name := instanceName()
	leases, err := svc.store.Leases(name)
	if err != nil {
		return nil, err
	}
	svc.watcher.ShareWork(leases)
	log.Info("sharing the work with the other instances on the database", "instance", name)
	go store.Listen(ctx, url, store.NotifyWatches, log, func() {
		if err := svc.watcher.ReloadWatches(ctx); err != nil && ctx.Err() == nil {
			log.Error("reloading the chat-managed watches another instance changed", "error", err)
		}
	})
	return func(connect func(context.Context)) {
		go store.Lead(ctx, url, store.LeaderGateway, log, connect)
	}, nil
}
