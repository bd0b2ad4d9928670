package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/newshound/newshound/internal/match"
	"github.com/newshound/newshound/internal/store"
	"github.com/newshound/newshound/watchers"
)

func cmdMigrate(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "migrate", "--from sqlite:FILE --to postgres:URL", `
Copy an installation from its SQLite file to a PostgreSQL database: feeds'
states, articles, matches, quotes, stories, the outbox, chat-managed watches
and the flood-control record; the full-text index is rebuilt from the articles.
Stop newshound first (the SQLite file's lock is taken, and a running daemon
refuses it). The PostgreSQL schema is created if needed; it should hold no
other installation.

The copy goes in batches, each committed with its progress in the target
(table copy_progress): an interrupted copy is resumed by running the same
command again, which copies nothing twice. At the end every table's rows are
counted on both sides and printed; a difference is an error (exit 1).
Then set storage: { postgres: URL } in the configuration instead of path:.
URL is a postgres:// URL; "postgres:" before it may be left out.`)
	from := fs.String("from", "", "the SQLite database: sqlite:FILE")
	to := fs.String("to", "", "the PostgreSQL database: postgres:postgres://USER@HOST/DB?sslmode=…")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	file, ok := strings.CutPrefix(*from, "sqlite:")
	if !ok || file == "" {
		return usageError("migrate needs --from sqlite:FILE")
	}
	url := strings.TrimPrefix(*to, "postgres:")
	if !store.IsPostgresURL(url) {
		url = *to
	}
	if !store.IsPostgresURL(url) {
		return usageError("migrate needs --to postgres:URL (a postgres:// URL)")
	}
	// store.Open creates a missing file: a mistyped path would copy an
	// empty installation and report it copied.
	if _, err := os.Stat(file); err != nil {
		return fmt.Errorf("migrate: --from: %w", err)
	}
	src, err := store.Open(ctx, file)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := store.OpenPostgres(ctx, url)
	if err != nil {
		return err
	}
	defer dst.Close()
	index := func(a store.Article) store.IndexEntry {
		doc := watchers.Document(a)
		return store.IndexEntry{ID: a.ID, Title: match.Fold(doc.Title), Body: match.Fold(doc.Body)}
	}
	progress := func(table string, n int64) {
		if n%10000 == 0 {
			fmt.Fprintf(e.stderr, "migrate: %s: %d rows copied\n", table, n)
		}
	}
	counts, err := store.Copy(ctx, src, dst, store.CopyOptions{Index: index, Batch: 500, Progress: progress})
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "TABLE\tSQLITE\tPOSTGRESQL\tCOPIED NOW\n")
	for _, c := range counts {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\n", c.Table, c.Source, c.Target, c.Copied)
	}
	tw.Flush()
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "ok: every table's rows counted the same on both sides\n")
	return nil
}
