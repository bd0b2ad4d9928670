package discord

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newshound/newshound/internal/alert"
	"github.com/newshound/newshound/internal/chattext"
)

// A story alerts a watch once. Its later articles edit that message to list
// their outlets (KindEdit), and an article that adds something new to the
// story is posted under it (KindFollowUp): in a thread started from it, or
// as a reply. In a forum channel each story is a post (a thread with the
// article's title), and its follow-ups go into that post.

// Discord's codes and limits used here.
const (
	codeThreadExists = 160004 // "A thread has already been created for this message"
	maxThreadName    = 100
	// threadArchive is how long (minutes) a follow-up thread stays open
	// without messages: a day, as a story's window is about that.
	threadArchive = 1440
	// alsoNamed is how many outlets the "Also" line names; the rest are
	// counted ("+3").
	alsoNamed      = 3
	alsoFieldName  = "Also"
	followUpPrefix = "New in this story: "
)

// Channel types (GET /channels/{id}).
const (
	channelText  = 0
	channelForum = 15
)

// StoryMessage is AlertMessage with the story's other outlets listed under
// the alert ("Also: Reuters, BBC, Le Monde +3", linked): the message a
// KindEdit leaves. Outlets of the alert's own feed and repeats of an outlet
// are left out.
func StoryMessage(a alert.Alert, also []alert.Outlet, style Style) *discordgo.MessageSend {
	content, allowed := mention(style)
	var extra []*discordgo.MessageEmbedField
	if v := alsoValue(a.Feed, also); v != "" {
		extra = append(extra, &discordgo.MessageEmbedField{Name: alsoFieldName, Value: v})
	}
	return &discordgo.MessageSend{
		Content:         content,
		Embeds:          []*discordgo.MessageEmbed{alertEmbedWith(a, style, extra)},
		AllowedMentions: allowed,
	}
}

// alsoValue is the "Also" field: the outlets other than own
// (chattext.OtherOutlets), linked, the first alsoNamed by name and the
// others counted.
func alsoValue(own string, also []alert.Outlet) string {
	outlets := chattext.OtherOutlets(own, also)
	if len(outlets) == 0 {
		return ""
	}
	var named []string
	for _, o := range outlets[:min(len(outlets), alsoNamed)] {
		width := 60
		if o.ByTitle {
			width = 90 // the outlet and the article's title
		}
		name := chattext.TruncateEscaped(escapeMarkdown(chattext.OutletLabel(o)), width)
		if u := linkURL(o.URL); u != "" {
			name = "[" + name + "](" + u + ")"
		}
		named = append(named, name)
	}
	v := strings.Join(named, ", ")
	if more := len(outlets) - len(named); more > 0 {
		v += fmt.Sprintf(" +%d", more)
	}
	if chattext.Runes(v) > maxFieldValue { // three long links: name them without links
		return alsoPlain(own, also)
	}
	return v
}

// alsoPlain is alsoValue without links.
func alsoPlain(own string, also []alert.Outlet) string {
	stripped := make([]alert.Outlet, len(also))
	for i, o := range also {
		stripped[i] = alert.Outlet{Feed: o.Feed, Title: o.Title, ByTitle: o.ByTitle}
	}
	return chattext.TruncateEscaped(alsoValue(own, stripped), maxFieldValue)
}

// linkURL is u made safe inside a markdown link's parentheses.
func linkURL(u string) string {
	u = chattext.SafeURL(u)
	return strings.NewReplacer("(", "%28", ")", "%29").Replace(u)
}

// FollowUpMessage is the message a KindFollowUp posts: the later article
// with only what it adds to the story (Alert.Summary and Quotes), titled
// as new in the story.
func FollowUpMessage(a alert.Alert, style Style) *discordgo.MessageSend {
	e := alertEmbed(a, style)
	e.Title = chattext.TruncateEscaped(followUpPrefix+escapeMarkdown(chattext.Line(a.Title)), maxTitle)
	return &discordgo.MessageSend{
		Embeds:          []*discordgo.MessageEmbed{e},
		AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}},
	}
}

// threadName is a story's thread or forum post name: the article's title.
func threadName(a alert.Alert) string {
	name := chattext.Truncate(chattext.Line(a.Title), maxThreadName)
	if name == "" {
		name = "Story"
	}
	return name
}

// channelType returns the Discord type of a bot channel (text or forum),
// asked once and remembered. When it cannot be read the channel is taken
// as a text channel (posting then says what it is).
func (b *Bot) channelType(ctx context.Context, t target) int {
	if t.webhook != nil || t.channelID == "" {
		return channelText
	}
	b.lookMu.Lock()
	kind, ok := b.channelTypes[t.channelID]
	b.lookMu.Unlock()
	if ok {
		return kind
	}
	endpoint := discordgo.EndpointChannel(t.channelID)
	resp, err := b.request(ctx, http.MethodGet, endpoint, nil, endpoint, true)
	if err != nil {
		b.warnOnce("channel-type:"+t.channelID, "bot: cannot read the channel's type; taking it as a text channel", "channel_id", t.channelID, "error", b.redact(err).Error())
		if alert.IsPermanent(b.classify(err, "", t)) { // not readable (no access): not asked again
			b.lookMu.Lock()
			b.channelTypes[t.channelID] = channelText
			b.lookMu.Unlock()
		}
		return channelText
	}
	var ch struct {
		Type int `json:"type"`
	}
	if json.Unmarshal(resp, &ch) != nil {
		return channelText
	}
	b.lookMu.Lock()
	b.channelTypes[t.channelID] = ch.Type
	b.lookMu.Unlock()
	return ch.Type
}

// codeNotText is Discord's answer to a message posted into a channel that
// takes none (a forum, a category).
const codeNotText = 50008

// knownForum reports whether a configured channel is known to be a forum.
func (b *Bot) knownForum(channel string) bool {
	t, ok := b.channels[channel]
	if !ok || t.webhook != nil {
		return false
	}
	b.lookMu.Lock()
	defer b.lookMu.Unlock()
	return b.channelTypes[t.channelID] == channelForum
}

// isForum reports whether a post's failure says the channel is a forum: a
// 50008 answer, confirmed by the channel's type. The channel's type is only
// asked then, so text channels cost no extra request.
func (b *Bot) isForum(ctx context.Context, channel string, err error) bool {
	var api *APIError
	t, ok := b.channels[channel]
	if !ok || t.webhook != nil || !errors.As(err, &api) || api.Code != codeNotText {
		return false
	}
	return b.channelType(ctx, t) == channelForum
}

// deliverForum opens a forum post for an alert (a digest, a notice): one
// post per story, named by its title; its follow-ups go into it. A post an
// earlier attempt may have opened (d.SentAt set) is looked for first, by
// the reference in its first message (findForumPost), and not opened again
// when found.
func (b *Bot) deliverForum(ctx context.Context, d alert.Delivery, msg *discordgo.MessageSend) (alert.Receipt, error) {
	name := d.Title
	if d.Kind == "" || d.Kind == alert.KindAlert {
		name = threadName(d.Alert)
	}
	if ref := reference(nonce(d)); !d.SentAt.IsZero() && ref != "" {
		id, err := b.findForumPost(ctx, d.Channel, ref, d.SentAt)
		if err != nil {
			return alert.Receipt{}, err
		}
		if id != "" {
			b.log.Info("bot: an earlier attempt had opened this forum post; not opening it again", "channel", d.Channel,
				"delivery", d.ID, "message", id)
			return alert.Receipt{MessageID: id, ThreadID: id, Found: true}, nil
		}
	}
	id, err := b.postForum(ctx, d.Channel, b.channels[d.Channel], chattext.Truncate(chattext.Line(name), maxThreadName), msg)
	if err != nil {
		return alert.Receipt{}, err
	}
	return alert.Receipt{MessageID: id, ThreadID: id}, nil
}

// findForumPost looks for the post of a forum whose first message carries
// ref, among those opened since shortly before since. Discord lists a
// forum's active posts by guild only (GET /guilds/{id}/threads/active, each
// with its parent), its archived ones by channel; a post's first message
// has the post's ID. It returns the post's ID, or "" when it is not there
// or cannot be looked for (then the forum is at-least-once, warned once).
// An error is a failure to look that may pass: the outbox retries.
func (b *Bot) findForumPost(ctx context.Context, channel, ref string, since time.Time) (string, error) {
	t := b.channels[channel]
	id, err := b.findPostIn(ctx, t, ref, since)
	switch {
	case err == nil:
		return id, nil
	case errors.Is(err, errCannotLook):
		b.warnOnce("cannot-look:"+channel, "bot: cannot check whether an earlier attempt opened a forum post; opening it again (this forum is at-least-once)",
			"channel", channel, "why", err.Error())
		return "", nil
	default:
		return "", &lookFailed{b.classify(err, channel, t)}
	}
}

func (b *Bot) findPostIn(ctx context.Context, t target, ref string, since time.Time) (string, error) {
	type threads struct {
		Threads []struct {
			ID       string `json:"id"`
			ParentID string `json:"parent_id"`
		} `json:"threads"`
	}
	get := func(endpoint, bucket string, into any) error {
		resp, err := b.request(ctx, http.MethodGet, endpoint, nil, bucket, true)
		if err != nil {
			return lookError(err)
		}
		if err := json.Unmarshal(resp, into); err != nil {
			return fmt.Errorf("bot: read %s: %w", bucket, err)
		}
		return nil
	}
	var ch struct {
		GuildID string `json:"guild_id"`
	}
	if err := get(discordgo.EndpointChannel(t.channelID), discordgo.EndpointChannel(t.channelID), &ch); err != nil {
		return "", err
	}
	if ch.GuildID == "" {
		return "", fmt.Errorf("%w: the forum's server is not known", errCannotLook)
	}
	var active, archived threads
	if err := get(discordgo.EndpointGuildActiveThreads(ch.GuildID), discordgo.EndpointGuildActiveThreads(ch.GuildID), &active); err != nil {
		return "", err
	}
	archivedURL := discordgo.EndpointChannelPublicArchivedThreads(t.channelID)
	if err := get(archivedURL+"?limit=50", archivedURL, &archived); err != nil {
		return "", err
	}
	for _, th := range append(active.Threads, archived.Threads...) {
		if th.ParentID != t.channelID {
			continue
		}
		if at, err := discordgo.SnowflakeTimestamp(th.ID); err == nil && at.Before(since.Add(-findSlack)) {
			continue
		}
		var m discordgo.Message
		endpoint := discordgo.EndpointChannelMessage(th.ID, th.ID)
		if err := get(endpoint, discordgo.EndpointChannelMessage(th.ID, "")+":get", &m); err != nil {
			if errors.Is(err, errCannotLook) {
				continue // its first message deleted, or not readable: not ours to find
			}
			return "", err
		}
		if hasReference(&m, ref) {
			return th.ID, nil
		}
	}
	return "", nil
}

// edit delivers a KindEdit: the target message is changed to the whole
// state the delivery describes, so a repeat changes nothing more.
func (b *Bot) edit(ctx context.Context, d alert.Delivery) (alert.Receipt, error) {
	t, ok := b.channels[d.Channel]
	if !ok {
		return alert.Receipt{}, alert.Permanent(fmt.Errorf("bot: edit in %s: no such channel configured", d.Channel))
	}
	if d.Target == "" {
		return alert.Receipt{}, alert.Permanent(fmt.Errorf("bot: edit in %s: no message to edit", d.Channel))
	}
	msg := StoryMessage(d.Alert, d.Also, b.styles[d.Alert.Watch])
	if len(d.Digest) > 0 { // a digest (flood control) one of whose stories grew
		msg = DigestMessage(d.Title, d.Digest, b.styles)
	}
	if ref := reference(nonce(d)); ref != "" {
		stamp(msg, ref) // the reference the message was posted with
	}
	edit := &discordgo.MessageEdit{Content: &msg.Content, Embeds: &msg.Embeds, AllowedMentions: msg.AllowedMentions}
	var err error
	if t.webhook != nil {
		u := t.webhook.url + "/messages/" + d.Target
		if d.Thread != "" && d.Thread != d.Target {
			u += "?thread_id=" + d.Thread
		}
		_, err = b.request(ctx, http.MethodPatch, u, edit, "webhook:"+t.webhook.id+":edit", false)
	} else {
		channelID := t.channelID
		if d.Thread != "" && b.channelType(ctx, t) == channelForum {
			channelID = d.Thread // a forum post's message lives in its thread
		}
		endpoint := discordgo.EndpointChannelMessage(channelID, d.Target)
		_, err = b.request(ctx, http.MethodPatch, endpoint, edit, discordgo.EndpointChannelMessage(channelID, "")+":edit", true)
	}
	if err != nil {
		return alert.Receipt{}, b.classify(err, d.Channel, t)
	}
	return alert.Receipt{MessageID: d.Target, ThreadID: d.Thread}, nil
}

// followUp delivers a KindFollowUp: into the target's thread (started
// from it when none is known), as a reply to it, or — in a forum — into the
// story's post. Without a target (it was refused) it is posted alone.
func (b *Bot) followUp(ctx context.Context, d alert.Delivery) (alert.Receipt, error) {
	t, ok := b.channels[d.Channel]
	if !ok {
		return alert.Receipt{}, alert.Permanent(fmt.Errorf("bot: deliver to %s: no such channel configured", d.Channel))
	}
	msg := FollowUpMessage(d.Alert, b.styles[d.Alert.Watch])
	n := nonce(d)
	ref := reference(n)
	if ref != "" {
		stamp(msg, ref)
	}
	if t.webhook != nil || d.Target == "" {
		// A webhook can neither start a thread nor reply; it can post into
		// a thread that exists.
		if t.webhook != nil && d.InThread && d.Thread != "" {
			return b.postChecked(ctx, d, t, d.Thread, n, ref, msg)
		}
		return b.postChecked(ctx, d, t, "", n, ref, msg)
	}
	// A forum post's follow-ups go into the post: its thread, recorded
	// with it (Thread), as a follow-up thread is once started.
	thread := d.Thread
	if thread == "" && b.knownForum(d.Channel) {
		thread = d.Target // a forum post's thread is its first message's ID
	}
	if thread == "" && !d.InThread {
		msg.Reference = &discordgo.MessageReference{MessageID: d.Target, ChannelID: t.channelID, FailIfNotExists: new(false)}
		return b.postChecked(ctx, d, t, "", n, ref, msg)
	}
	if thread == "" {
		var err error
		if thread, err = b.startThread(ctx, d, t); err != nil {
			return alert.Receipt{}, err
		}
	}
	return b.postChecked(ctx, d, t, thread, n, ref, msg)
}

// startThread starts a thread from the target message and returns its ID
// (Discord gives a thread started from a message that message's ID). A
// thread that exists already (an earlier attempt started it) is that one.
func (b *Bot) startThread(ctx context.Context, d alert.Delivery, t target) (string, error) {
	endpoint := discordgo.EndpointChannelMessageThread(t.channelID, d.Target)
	body := map[string]any{"name": threadName(d.Alert), "auto_archive_duration": threadArchive}
	resp, err := b.request(ctx, http.MethodPost, endpoint, body, discordgo.EndpointChannelMessageThread(t.channelID, "")+":thread", true)
	if err != nil {
		var rest *discordgo.RESTError
		if errors.As(err, &rest) && rest.Response != nil && rest.Response.StatusCode == http.StatusBadRequest &&
			parseAPIError(rest.Response.StatusCode, rest.ResponseBody).Code == codeThreadExists {
			return d.Target, nil
		}
		return "", b.classify(err, d.Channel, t)
	}
	var ch struct {
		ID string `json:"id"`
	}
	if json.Unmarshal(resp, &ch) != nil || ch.ID == "" {
		return d.Target, nil
	}
	return ch.ID, nil
}

// postChecked posts msg to the channel, or into thread when set, after
// looking for an earlier attempt's message (d.SentAt), as Deliver does.
func (b *Bot) postChecked(ctx context.Context, d alert.Delivery, t target, thread, n, ref string, msg *discordgo.MessageSend) (alert.Receipt, error) {
	if !d.SentAt.IsZero() && ref != "" {
		var id string
		var err error
		if thread != "" {
			// A webhook's post into a thread is the thread's too: not
			// among its channel's messages.
			id, err = b.findThread(ctx, d.Channel, t, thread, ref, d.SentAt)
		} else {
			id, err = b.find(ctx, d.Channel, ref, d.SentAt)
		}
		if err != nil {
			return alert.Receipt{}, err
		}
		if id != "" {
			return alert.Receipt{MessageID: id, Found: true, ThreadID: thread}, nil
		}
	}
	var id string
	var err error
	if thread == "" {
		id, err = b.post(ctx, d.Channel, n, msg)
	} else {
		id, err = b.postInThread(ctx, d.Channel, t, thread, n, msg)
	}
	if err != nil {
		return alert.Receipt{}, err
	}
	return alert.Receipt{MessageID: id, ThreadID: thread}, nil
}

// findThread is find in a thread of the channel.
func (b *Bot) findThread(ctx context.Context, channel string, t target, thread, ref string, since time.Time) (string, error) {
	id, err := b.findIn(ctx, target{channelID: thread}, ref, since)
	switch {
	case err == nil:
		return id, nil
	case errors.Is(err, errCannotLook):
		return "", nil
	default:
		return "", b.lookFailure(err, channel, t)
	}
}

// postInThread posts msg into a thread: the bot's message create in the
// thread channel, or a webhook execution with thread_id.
func (b *Bot) postInThread(ctx context.Context, channel string, t target, thread, n string, msg *discordgo.MessageSend) (string, error) {
	var resp []byte
	var err error
	if t.webhook != nil {
		resp, err = b.request(ctx, http.MethodPost, t.webhook.url+"?wait=true&thread_id="+thread, webhookParams(msg), "webhook:"+t.webhook.id, false)
	} else {
		body := createMessage{MessageSend: msg, Nonce: n, EnforceNonce: n != ""}
		endpoint := discordgo.EndpointChannelMessages(thread)
		resp, err = b.request(ctx, http.MethodPost, endpoint, body, endpoint, true)
	}
	if err != nil {
		return "", b.classify(err, channel, t)
	}
	var m struct {
		ID string `json:"id"`
	}
	_ = json.Unmarshal(resp, &m)
	return m.ID, nil
}

// postForum opens a forum post (a thread with the article's title) with
// msg as its first message, and returns the post's ID, which is also its
// first message's.
func (b *Bot) postForum(ctx context.Context, channel string, t target, name string, msg *discordgo.MessageSend) (string, error) {
	endpoint := discordgo.EndpointChannelThreads(t.channelID)
	body := map[string]any{"name": name, "auto_archive_duration": threadArchive, "message": msg}
	resp, err := b.request(ctx, http.MethodPost, endpoint, body, endpoint, true)
	if err != nil {
		return "", b.classify(err, channel, t)
	}
	var ch struct {
		ID string `json:"id"`
	}
	_ = json.Unmarshal(resp, &ch)
	return ch.ID, nil
}
