package main

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestCheckRefusesWhatARunRefuses: every configuration that once or run
// refuses at start is refused by check first, at its file:line:col, and
// the secret in a webhook URL is never quoted.
func TestCheckRefusesWhatARunRefuses(t *testing.T) {
	dir := t.TempDir()
	feed := filepath.Join(dir, "feed.rss")
	os.WriteFile(feed, []byte(`<rss version="2.0"><channel><title>T</title></channel></rss>`), 0o644)
	base := fmt.Sprintf("storage: { path: n.db }\nfeeds:\n  - { name: F, url: \"file:%s\" }\nwatches:\n  - { name: w, keywords: [Putin], channels: [partners] }\n", feed)
	tests := []struct {
		name, yaml, at, cmd string
	}{
		{"webhook id not numeric", "channels:\n  partners: { webhook: \"https://discord.com/api/webhooks/abc/s3cr3tT0ken\" }\n", "channels.partners.webhook", "once"},
		{"webhook without token", "channels:\n  partners: { webhook: \"https://discord.com/api/webhooks/123456789012345678/\" }\n", "channels.partners.webhook", "once"},
		{"webhook token with odd characters", "channels:\n  partners: { webhook: \"https://discord.com/api/webhooks/123456789012345678/s3cr3t%20T0ken\" }\n", "channels.partners.webhook", "once"},
		{"not a webhook path", "channels:\n  partners: { webhook: \"https://discord.com/channels/123/s3cr3tT0ken\" }\n", "channels.partners.webhook", "once"},
		{"api base with a query", "channels:\n  partners: { webhook: \"https://discord.com/api/webhooks/1/tok\" }\ndiscord: { api_base: \"http://127.0.0.1:1/?v=9\" }\n", "discord.api_base", "once"},
		{"listen port out of range", "channels:\n  partners: { webhook: \"https://discord.com/api/webhooks/1/tok\" }\nserver: { listen: \"127.0.0.1:99999\" }\n", "server.listen", "run"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := filepath.Join(t.TempDir(), "n.yaml")
			os.WriteFile(cfg, []byte(base+tc.yaml), 0o644)
			_, errs, code := runCmd(t, "", "check", "--config", cfg)
			if code != 2 || !regexp.MustCompile(regexp.QuoteMeta(cfg)+`:\d+:\d+: `+regexp.QuoteMeta(tc.at)+`: `).MatchString(errs) {
				t.Errorf("check: exit %d, want 2 and a problem at %s:LINE:COL: %s:\n%s", code, cfg, tc.at, errs)
			}
			if strings.Contains(errs, "s3cr3t") {
				t.Errorf("check quotes the webhook's token: %s", errs)
			}
			// The refusal is real: the command refuses it too (now at
			// loading, as check does).
			if _, errs, code := runCmd(t, "", tc.cmd, "--config", cfg); code == 0 {
				t.Errorf("%s accepted what check refused: %s", tc.cmd, errs)
			}
		})
	}
}

// TestCheckAcceptsEveryWebhookForm: the webhook URLs Discord hands out, in
// every form, pass check and are taken by the bot as they are.
func TestCheckAcceptsEveryWebhookForm(t *testing.T) {
	for _, hook := range []string{
		"https://discord.com/api/webhooks/123456789012345678/AbC-d_e.f",
		"https://discordapp.com/api/webhooks/123456789012345678/tok",
		"https://ptb.discord.com/api/v10/webhooks/123456789012345678/tok",
		"https://canary.discord.com/api/v9/webhooks/123456789012345678/tok/",
		"http://127.0.0.1:8099/api/webhooks/1/tok",
	} {
		cfg := filepath.Join(t.TempDir(), "n.yaml")
		os.WriteFile(cfg, []byte(fmt.Sprintf("feeds:\n  - { name: F, url: \"https://f.example/rss\" }\nwatches:\n  - { name: w, keywords: [Putin], channels: [partners] }\nchannels:\n  partners: { webhook: %q }\n", hook)), 0o644)
		if out, errs, code := runCmd(t, "", "check", "--config", cfg); code != 0 {
			t.Errorf("%s: check exit %d: %s%s", hook, code, out, errs)
			continue
		}
		c, err := loadConfig(cfg)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := newBot(c, slog.New(slog.DiscardHandler)); err != nil {
			t.Errorf("%s: check accepts it but the bot refuses it: %v", hook, err)
		}
	}
}
