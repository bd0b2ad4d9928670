package discord

import (
	"bytes"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newshound/newshound/internal/discordfake"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestDiscordgoLogsGoThroughSlog: a line discordgo logs itself (here: an
// INTERACTION_CREATE it cannot decode) reaches the structured log, at error
// level, instead of the standard logger's "[DG0] …".
func TestDiscordgoLogsGoThroughSlog(t *testing.T) {
	h := newCmdHarness(t, harnessOptions{})
	var buf syncBuffer
	h.bot.log = slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	h.bot.RouteDiscordgoLogs() // the hook itself is installed by TestMain, before any session
	t.Cleanup(func() { libLog.Store(nil) })
	if _, err := h.srv.InjectInteraction(discordfake.Interaction{Type: discordfake.InteractionApplicationCommand, GuildID: guildID, ChannelID: newsroom}); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(5 * time.Second); !strings.Contains(buf.String(), "discordgo: "); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no discordgo line in the structured log:\n%s", buf.String())
		}
	}
	if got := buf.String(); !strings.Contains(got, "level=ERROR") || !strings.Contains(got, "INTERACTION_CREATE") {
		t.Errorf("log:\n%s", got)
	}
}

// TestMain installs discordgo's log hook before any test opens a session,
// as main does: discordgo reads the hook without synchronisation.
func TestMain(m *testing.M) {
	(&Bot{log: slog.New(slog.DiscardHandler)}).RouteDiscordgoLogs()
	libLog.Store(nil) // lines of other tests' sessions are dropped
	os.Exit(m.Run())
}
