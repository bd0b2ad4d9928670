package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newshound/newshound/internal/discordfake"
)

// TestReloadReachesSlashCommands: a channel added by SIGHUP's reload can be
// used from chat at once, and /watch add offers it among its choices.
func TestReloadReachesSlashCommands(t *testing.T) {
	const newsroom, desk2 = "123456789012345678", "123456789012345679"
	srv := discordfake.New(discordfake.Options{Token: "tok", Channels: []string{newsroom, desk2}})
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	path := filepath.Join(dir, "n.yaml")
	write := func(channels string) {
		t.Helper()
		yaml := fmt.Sprintf(`feeds:
  - { name: Wire, url: "https://wire.example.org/all.rss" }
watches:
  - { name: russia, keywords: [Putin], channels: [newsroom] }
channels:
%s
discord: { token: tok, api_base: "%s", guild_id: "567890123456789012" }
storage: { path: "%s" }
`, channels, srv.URL(), filepath.Join(dir, "n.db"))
		if err := os.WriteFile(path, []byte(yaml), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(`  newsroom: { discord: "` + newsroom + `" }`)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	log := slog.New(slog.DiscardHandler)
	svc, err := openServices(ctx, &env{stdout: io.Discard, stderr: io.Discard}, path, log, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	if err := svc.bot.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer svc.bot.Close()
	if err := svc.bot.RegisterCommands(ctx); err != nil {
		t.Fatal(err)
	}
	choices := func() []string {
		var out []string
		for _, c := range srv.Commands() {
			for _, o := range c.Options {
				if c.Name == "watch" && o.Name == "add" {
					for _, ch := range o.Options[2].Choices {
						out = append(out, fmt.Sprint(ch.Value))
					}
				}
			}
		}
		return out
	}
	if got := choices(); !slices.Equal(got, []string{"newsroom"}) {
		t.Fatalf("choices at start %v", got)
	}

	write(`  newsroom: { discord: "` + newsroom + `" }
  desk2: { discord: "` + desk2 + `" }`)
	if err := reload(ctx, svc, path, log); err != nil {
		t.Fatal(err)
	}
	if got := choices(); !slices.Equal(got, []string{"desk2", "newsroom"}) {
		t.Errorf("/watch add channel choices after the reload %v, want desk2 and newsroom", got)
	}
	in, err := srv.InjectInteraction(discordfake.Interaction{
		Type: discordfake.InteractionApplicationCommand, GuildID: "567890123456789012", ChannelID: newsroom,
		Member: &discordfake.Member{User: discordfake.User{ID: "678901234567890123", Username: "ann"}, Permissions: "32"},
		Data: &discordfake.InteractionData{Name: "watch", Type: 1, Options: []discordfake.InteractionOption{{Name: "add", Type: 1,
			Options: []discordfake.InteractionOption{{Name: "name", Type: 3, Value: "moldova"}, {Name: "query", Type: 3, Value: "moldova"},
				{Name: "channel", Type: 3, Value: "desk2"}}}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		st, _ := srv.InteractionState(in.ID)
		if st.Original != nil && st.Original.Content != "" {
			if !strings.Contains(st.Original.Content, "added") {
				t.Fatalf("/watch add channel:desk2 after the reload: %q", st.Original.Content)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no answer to /watch add")
		}
	}
	for _, w := range svc.watcher.Watches() {
		if w.Name == "moldova" && (len(w.Channels) != 1 || w.Channels[0] != "desk2") {
			t.Fatalf("the new watch posts to %v", w.Channels)
		}
	}
}
