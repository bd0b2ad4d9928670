package slackfake

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Slack's limits, in characters.
const (
	MaxBlocks         = 50
	MaxSectionText    = 3000
	MaxSectionField   = 2000
	MaxSectionFields  = 10
	MaxHeaderText     = 150
	MaxContextItems   = 10
	MaxActionElements = 25
	MaxButtonText     = 75
	MaxActionID       = 255
	MaxButtonValue    = 2000
	MaxURL            = 3000
	MaxAltText        = 2000
	MaxBlockID        = 255
	MaxMessageText    = 40000
	MaxEventType      = 255
)

// Block is one Block Kit block as the fake reads it.
type Block struct {
	Type      string       `json:"type"`
	BlockID   string       `json:"block_id,omitempty"`
	Text      *TextObject  `json:"text,omitempty"`
	Fields    []TextObject `json:"fields,omitempty"`
	Accessory *Element     `json:"accessory,omitempty"`
	Elements  []Element    `json:"elements,omitempty"`
	ImageURL  string       `json:"image_url,omitempty"`
	AltText   string       `json:"alt_text,omitempty"`
	Title     *TextObject  `json:"title,omitempty"`
}

// TextObject is a plain_text or mrkdwn text object.
type TextObject struct {
	Type     string `json:"type"`
	Text     string `json:"text"`
	Emoji    *bool  `json:"emoji,omitempty"`
	Verbatim *bool  `json:"verbatim,omitempty"`
}

// Element is a block element: an image, a button, or (in a context block)
// a text object. Text holds a context text's words; Label a button's.
type Element struct {
	Type     string `json:"type"`
	Text     string `json:"-"`
	Label    *TextObject
	ActionID string `json:"action_id,omitempty"`
	Value    string `json:"value,omitempty"`
	URL      string `json:"url,omitempty"`
	ImageURL string `json:"image_url,omitempty"`
	AltText  string `json:"alt_text,omitempty"`
	Style    string `json:"style,omitempty"`
}

// UnmarshalJSON reads an element whose "text" is a string (a context text
// object) or an object (a button's label).
func (e *Element) UnmarshalJSON(b []byte) error {
	var raw struct {
		Type     string          `json:"type"`
		Text     json.RawMessage `json:"text"`
		ActionID string          `json:"action_id"`
		Value    string          `json:"value"`
		URL      string          `json:"url"`
		ImageURL string          `json:"image_url"`
		AltText  string          `json:"alt_text"`
		Style    string          `json:"style"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*e = Element{Type: raw.Type, ActionID: raw.ActionID, Value: raw.Value, URL: raw.URL, ImageURL: raw.ImageURL, AltText: raw.AltText, Style: raw.Style}
	if len(raw.Text) == 0 || string(raw.Text) == "null" {
		return nil
	}
	if raw.Text[0] == '"' {
		return json.Unmarshal(raw.Text, &e.Text)
	}
	e.Label = &TextObject{}
	return json.Unmarshal(raw.Text, e.Label)
}

// MarshalJSON writes the element back in Slack's shape.
func (e Element) MarshalJSON() ([]byte, error) {
	m := map[string]any{"type": e.Type}
	if e.Label != nil {
		m["text"] = e.Label
	} else if e.Text != "" {
		m["text"] = e.Text
	}
	for k, v := range map[string]string{"action_id": e.ActionID, "value": e.Value, "url": e.URL, "image_url": e.ImageURL, "alt_text": e.AltText, "style": e.Style} {
		if v != "" {
			m[k] = v
		}
	}
	return json.Marshal(m)
}

// Texts is every piece of text the block shows (section text and fields,
// header, context texts, button labels), in order.
func (b Block) Texts() []string {
	var out []string
	if b.Text != nil {
		out = append(out, b.Text.Text)
	}
	for _, f := range b.Fields {
		out = append(out, f.Text)
	}
	for _, e := range b.Elements {
		if e.Text != "" {
			out = append(out, e.Text)
		}
		if e.Label != nil {
			out = append(out, e.Label.Text)
		}
	}
	return out
}

// AllText joins every text of the message's blocks, one per line.
func (m Message) AllText() string {
	var parts []string
	for _, b := range m.Blocks {
		parts = append(parts, b.Texts()...)
	}
	return strings.Join(parts, "\n")
}

// blockProblems checks blocks against Slack's limits and returns Slack's
// messages for what breaks them ("… [json-pointer:/blocks/0/text/text]").
func blockProblems(blocks []Block) []string {
	var p []string
	add := func(ptr, format string, args ...any) {
		p = append(p, fmt.Sprintf(format, args...)+" [json-pointer:"+ptr+"]")
	}
	if len(blocks) > MaxBlocks {
		add("/blocks", "no more than %d items allowed", MaxBlocks)
	}
	ids := map[string]bool{}
	for i, b := range blocks {
		ptr := fmt.Sprintf("/blocks/%d", i)
		if b.BlockID != "" {
			if ids[b.BlockID] {
				add(ptr+"/block_id", "duplicate block_id")
			}
			ids[b.BlockID] = true
			if runes(b.BlockID) > MaxBlockID {
				add(ptr+"/block_id", "must be less than %d characters", MaxBlockID+1)
			}
		}
		switch b.Type {
		case "header":
			switch {
			case b.Text == nil:
				add(ptr+"/text", "must provide an object")
			case b.Text.Type != "plain_text":
				add(ptr+"/text/type", "must be plain_text")
			default:
				checkText(add, ptr+"/text", *b.Text, MaxHeaderText)
			}
		case "section":
			if b.Text == nil && len(b.Fields) == 0 {
				add(ptr, "must provide text or fields")
			}
			if b.Text != nil {
				checkText(add, ptr+"/text", *b.Text, MaxSectionText)
			}
			if len(b.Fields) > MaxSectionFields {
				add(ptr+"/fields", "no more than %d items allowed", MaxSectionFields)
			}
			for j, f := range b.Fields {
				checkText(add, fmt.Sprintf("%s/fields/%d", ptr, j), f, MaxSectionField)
			}
			if b.Accessory != nil {
				checkElement(add, ptr+"/accessory", *b.Accessory, false)
			}
		case "context":
			if len(b.Elements) == 0 {
				add(ptr+"/elements", "must provide at least 1 item")
			}
			if len(b.Elements) > MaxContextItems {
				add(ptr+"/elements", "no more than %d items allowed", MaxContextItems)
			}
			for j, e := range b.Elements {
				checkElement(add, fmt.Sprintf("%s/elements/%d", ptr, j), e, true)
			}
		case "actions":
			if len(b.Elements) == 0 {
				add(ptr+"/elements", "must provide at least 1 item")
			}
			if len(b.Elements) > MaxActionElements {
				add(ptr+"/elements", "no more than %d items allowed", MaxActionElements)
			}
			for j, e := range b.Elements {
				if e.Type != "button" {
					add(fmt.Sprintf("%s/elements/%d/type", ptr, j), "unsupported element type %q (the fake knows buttons)", e.Type)
					continue
				}
				checkElement(add, fmt.Sprintf("%s/elements/%d", ptr, j), e, false)
			}
		case "divider":
		case "image":
			checkImage(add, ptr, b.ImageURL, b.AltText)
		default:
			add(ptr+"/type", "unsupported type %q", b.Type)
		}
	}
	return p
}

func checkText(add func(string, string, ...any), ptr string, t TextObject, max int) {
	switch {
	case t.Type != "plain_text" && t.Type != "mrkdwn":
		add(ptr+"/type", "must be plain_text or mrkdwn")
	case t.Text == "":
		add(ptr+"/text", "must be more than 0 characters")
	case runes(t.Text) > max:
		add(ptr+"/text", "must be less than %d characters", max+1)
	}
}

func checkElement(add func(string, string, ...any), ptr string, e Element, inContext bool) {
	switch e.Type {
	case "image":
		checkImage(add, ptr, e.ImageURL, e.AltText)
	case "mrkdwn", "plain_text":
		if !inContext {
			add(ptr+"/type", "a text object is not an element here")
		}
		switch {
		case e.Text == "":
			add(ptr+"/text", "must be more than 0 characters")
		case runes(e.Text) > MaxSectionText:
			add(ptr+"/text", "must be less than %d characters", MaxSectionText+1)
		}
	case "button":
		if inContext {
			add(ptr+"/type", "a button is not allowed in a context block")
		}
		if e.Label == nil || e.Label.Type != "plain_text" {
			add(ptr+"/text", "must provide a plain_text object")
		} else {
			checkText(add, ptr+"/text", *e.Label, MaxButtonText)
		}
		if runes(e.ActionID) > MaxActionID {
			add(ptr+"/action_id", "must be less than %d characters", MaxActionID+1)
		}
		if runes(e.Value) > MaxButtonValue {
			add(ptr+"/value", "must be less than %d characters", MaxButtonValue+1)
		}
		if e.URL != "" && (runes(e.URL) > MaxURL || !isHTTP(e.URL)) {
			add(ptr+"/url", "must be a valid URL of at most %d characters", MaxURL)
		}
	default:
		add(ptr+"/type", "unsupported element type %q", e.Type)
	}
}

func checkImage(add func(string, string, ...any), ptr, imageURL, alt string) {
	switch {
	case imageURL == "":
		add(ptr+"/image_url", "must provide a string")
	case runes(imageURL) > MaxURL || !isHTTP(imageURL):
		add(ptr+"/image_url", "must be a valid URL of at most %d characters", MaxURL)
	}
	switch {
	case alt == "":
		add(ptr+"/alt_text", "must be more than 0 characters")
	case runes(alt) > MaxAltText:
		add(ptr+"/alt_text", "must be less than %d characters", MaxAltText+1)
	}
}

func isHTTP(u string) bool {
	return (strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")) && !strings.ContainsAny(u, " \n<>")
}

func runes(s string) int { return utf8.RuneCountInString(s) }

// specialRE matches Slack's control sequences in mrkdwn: <!channel>,
// <!here>, <!everyone>, <!subteam^ID|…>, <@U…>, <#C…>, <url|label>.
var specialRE = regexp.MustCompile(`<([^<>]+)>`)

// mentionsIn returns what mrkdwn text would notify, and the links it makes.
func mentionsIn(text string) (mentions, links []string) {
	for _, m := range specialRE.FindAllStringSubmatch(text, -1) {
		inner, _, _ := strings.Cut(m[1], "|")
		switch {
		case inner == "!channel" || inner == "!here" || inner == "!everyone":
			mentions = append(mentions, "@"+inner[1:])
		case strings.HasPrefix(inner, "!subteam^"):
			mentions = append(mentions, "subteam:"+strings.TrimPrefix(inner, "!subteam^"))
		case strings.HasPrefix(inner, "@"):
			mentions = append(mentions, "user:"+inner[1:])
		case strings.HasPrefix(inner, "!"), strings.HasPrefix(inner, "#"):
		default:
			links = append(links, inner)
		}
	}
	return mentions, links
}

// Links are the links the message's mrkdwn makes (<url|label> and <url>).
func (m Message) Links() []string {
	_, links := mentionsIn(m.mrkdwn())
	return links
}

// mrkdwn is every text of the message Slack parses for mentions and links:
// the top-level text and the mrkdwn objects of its blocks.
func (m Message) mrkdwn() string {
	parts := []string{m.Text}
	for _, b := range m.Blocks {
		if b.Text != nil && b.Text.Type == "mrkdwn" {
			parts = append(parts, b.Text.Text)
		}
		for _, f := range b.Fields {
			if f.Type == "mrkdwn" {
				parts = append(parts, f.Text)
			}
		}
		for _, e := range b.Elements {
			if e.Type == "mrkdwn" {
				parts = append(parts, e.Text)
			}
		}
	}
	return strings.Join(parts, "\n")
}
