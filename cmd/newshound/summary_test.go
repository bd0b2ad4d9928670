package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newshound/newshound/internal/discordfake"
)

// TestSummaryFollowsArticleSettings: /summary reads pages with the
// configuration's article settings, as the pipeline does — here min_text:
// a brief the configuration accepts is summarised, not refused as a
// paywall by a default of the reader's own.
func TestSummaryFollowsArticleSettings(t *testing.T) {
	const newsroom = "123456789012345678"
	srv := discordfake.New(discordfake.Options{Token: "tok", Channels: []string{newsroom}})
	t.Cleanup(srv.Close)
	pages := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<html lang="en"><head><title>Port reopens</title></head><body><article><h1>Port reopens</h1>`+
			`<p>The port of Ellin reopened on Thursday after the storm, officials said.</p></article></body></html>`)
	}))
	t.Cleanup(pages.Close)
	dir := t.TempDir()
	path := filepath.Join(dir, "n.yaml")
	os.WriteFile(path, []byte(fmt.Sprintf(`feeds:
  - { name: Wire, url: "https://wire.example.org/all.rss" }
watches:
  - { name: ports, keywords: [port], channels: [newsroom] }
channels:
  newsroom: { discord: "%s" }
discord: { token: tok, api_base: "%s", guild_id: "567890123456789012" }
storage: { path: "%s" }
http: { allow_private_networks: true }
articles: { min_text: 20 }
`, newsroom, srv.URL(), filepath.Join(dir, "n.db"))), 0o644)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	svc, err := openServices(ctx, &env{stdout: io.Discard, stderr: io.Discard}, path, slog.New(slog.DiscardHandler), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	if err := svc.bot.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer svc.bot.Close()
	in, err := srv.InjectInteraction(discordfake.Interaction{
		Type: discordfake.InteractionApplicationCommand, GuildID: "567890123456789012", ChannelID: newsroom,
		Member: &discordfake.Member{User: discordfake.User{ID: "678901234567890123", Username: "ann"}, Permissions: "0"},
		Data: &discordfake.InteractionData{Name: "summary", Type: 1, Options: []discordfake.InteractionOption{
			{Name: "url", Type: 3, Value: pages.URL + "/port"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		st, _ := srv.InteractionState(in.ID)
		if m := st.Original; m != nil && (m.Content != "" || len(m.Embeds) > 0) {
			got := m.Content
			for _, e := range m.Embeds {
				got += "\n" + e.Title + "\n" + e.Description
			}
			if !strings.Contains(got, "reopened on Thursday") {
				t.Fatalf("/summary of a brief the configuration accepts:\n%s", got)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("no answer to /summary")
		}
	}
}
