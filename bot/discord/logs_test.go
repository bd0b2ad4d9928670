package discord

import (
	"context"
	"log/slog"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newshound/newshound/internal/discordfake"
	"github.com/newshound/newshound/internal/testutil"
)

// TestDiscordgoLogsGoThroughSlog: a line discordgo logs itself (here: an
// INTERACTION_CREATE it cannot decode) reaches the structured log, at error
// level, instead of the standard logger's "[DG0] …".
func TestDiscordgoLogsGoThroughSlog(t *testing.T) {
	h := newCmdHarness(t, harnessOptions{})
	var buf testutil.LogBuffer
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

// An interaction's token is in the URLs its answers go to; when such a
// request fails on the network, the logged error must not carry it.
func TestInteractionTokenNotLogged(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	ln.Close() // nothing answers there: a network error naming the URL
	logs := &testutil.LogBuffer{}
	b, err := New(Options{Token: "bot-token-abcdef", APIBase: base, Logger: slog.New(slog.NewTextHandler(logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	const token = "aW50ZXJhY3Rpb246c2VjcmV0LXRva2Vu"
	in := &discordgo.Interaction{ID: "123456789012345678", AppID: "223456789012345678", Token: token,
		Type: discordgo.InteractionApplicationCommand}
	b.finish(context.Background(), in, reply{content: "hi"}, false)
	if l := logs.String(); !strings.Contains(l, "edit deferred answer") || strings.Contains(l, token) {
		t.Fatalf("log holds the interaction token (or no failure was logged):\n%s", l)
	}
}
