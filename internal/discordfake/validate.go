package discordfake

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Discord's documented limits, counted in Unicode characters (code points).
const (
	MaxContent          = 2000
	MaxEmbeds           = 10
	MaxEmbedTitle       = 256
	MaxEmbedDescription = 4096
	MaxEmbedFields      = 25
	MaxFieldName        = 256
	MaxFieldValue       = 1024
	MaxFooterText       = 2048
	MaxAuthorName       = 256
	MaxEmbedTotal       = 6000 // title, description, field names and values, footer and author of all embeds
	MaxNonce            = 25
	MaxActionRows       = 5
	MaxRowComponents    = 5
	MaxCustomID         = 100
	MaxButtonLabel      = 80
)

// formErrors collects Discord's nested "errors" object of a 50035 response:
// {"embeds":{"0":{"title":{"_errors":[{"code":...,"message":...}]}}}}.
type formErrors map[string]any

type fieldError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (f formErrors) add(path []string, code, msg string) {
	m := map[string]any(f)
	for _, p := range path {
		next, ok := m[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[p] = next
		}
		m = next
	}
	list, _ := m["_errors"].([]fieldError)
	m["_errors"] = append(list, fieldError{Code: code, Message: msg})
}

func (f formErrors) maxLength(path []string, s string, max int) {
	if utf8.RuneCountInString(s) > max {
		f.add(path, "BASE_TYPE_MAX_LENGTH", fmt.Sprintf("Must be %d or fewer in length.", max))
	}
}

func (f formErrors) required(path []string, s string) {
	if strings.TrimSpace(s) == "" {
		f.add(path, "BASE_TYPE_REQUIRED", "This field is required")
	}
}

func (f formErrors) url(path []string, raw string, allowAttachment bool) {
	if raw == "" {
		return
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" && u.Scheme != "attachment" {
		f.add(path, "URL_TYPE_INVALID_URL", "Not a well formed URL.")
		return
	}
	switch {
	case u.Scheme == "http" || u.Scheme == "https":
	case allowAttachment && u.Scheme == "attachment":
	default:
		f.add(path, "URL_TYPE_INVALID_SCHEME", fmt.Sprintf("Scheme %q is not supported. Scheme must be one of ('http', 'https').", u.Scheme))
	}
	if len(raw) > 2048 {
		f.add(path, "BASE_TYPE_MAX_LENGTH", "Must be 2048 or fewer in length.")
	}
}

func idx(i int) string { return strconv.Itoa(i) }

// validateMessage checks a message body against Discord's limits. It returns
// the form errors (empty when valid).
func validateMessage(b *messageBody) formErrors {
	f := formErrors{}
	f.maxLength([]string{"content"}, b.content(), MaxContent)
	if len(b.Embeds) > MaxEmbeds {
		f.add([]string{"embeds"}, "BASE_TYPE_MAX_LENGTH", fmt.Sprintf("Must be %d or fewer in length.", MaxEmbeds))
	}
	total := 0
	for i, e := range b.Embeds {
		total += validateEmbed(f, []string{"embeds", idx(i)}, e)
	}
	if total > MaxEmbedTotal {
		f.add([]string{"embeds"}, "MAX_EMBED_SIZE_EXCEEDED", fmt.Sprintf("Embed size exceeds maximum size of %d", MaxEmbedTotal))
	}
	validateNonce(f, b.Nonce)
	if am := b.AllowedMentions; am != nil {
		validateAllowedMentions(f, am)
	}
	validateComponents(f, []string{"components"}, b.Components)
	return f
}

// validateEmbed checks one embed and returns the characters it counts
// towards the 6000 total.
func validateEmbed(f formErrors, path []string, e Embed) int {
	at := func(p ...string) []string { return append(append([]string(nil), path...), p...) }
	f.maxLength(at("title"), e.Title, MaxEmbedTitle)
	f.maxLength(at("description"), e.Description, MaxEmbedDescription)
	f.url(at("url"), e.URL, false)
	if e.Timestamp != "" {
		if _, err := time.Parse(time.RFC3339Nano, e.Timestamp); err != nil {
			f.add(at("timestamp"), "DATE_TIME_TYPE_PARSE", "Could not parse "+strconv.Quote(e.Timestamp)+". Should be ISO8601.")
		}
	}
	if e.Color < 0 || e.Color > 0xFFFFFF {
		f.add(at("color"), "NUMBER_TYPE_MAX", "int value should be less than or equal to 16777215.")
	}
	total := utf8.RuneCountInString(e.Title) + utf8.RuneCountInString(e.Description)
	if e.Footer != nil {
		f.required(at("footer", "text"), e.Footer.Text)
		f.maxLength(at("footer", "text"), e.Footer.Text, MaxFooterText)
		f.url(at("footer", "icon_url"), e.Footer.IconURL, true)
		total += utf8.RuneCountInString(e.Footer.Text)
	}
	if e.Author != nil {
		f.required(at("author", "name"), e.Author.Name)
		f.maxLength(at("author", "name"), e.Author.Name, MaxAuthorName)
		f.url(at("author", "url"), e.Author.URL, false)
		f.url(at("author", "icon_url"), e.Author.IconURL, true)
		total += utf8.RuneCountInString(e.Author.Name)
	}
	if e.Thumbnail != nil {
		f.url(at("thumbnail", "url"), e.Thumbnail.URL, true)
	}
	if e.Image != nil {
		f.url(at("image", "url"), e.Image.URL, true)
	}
	if len(e.Fields) > MaxEmbedFields {
		f.add(at("fields"), "BASE_TYPE_MAX_LENGTH", fmt.Sprintf("Must be %d or fewer in length.", MaxEmbedFields))
	}
	for i, fl := range e.Fields {
		f.required(at("fields", idx(i), "name"), fl.Name)
		f.maxLength(at("fields", idx(i), "name"), fl.Name, MaxFieldName)
		f.required(at("fields", idx(i), "value"), fl.Value)
		f.maxLength(at("fields", idx(i), "value"), fl.Value, MaxFieldValue)
		total += utf8.RuneCountInString(fl.Name) + utf8.RuneCountInString(fl.Value)
	}
	return total
}

func validateNonce(f formErrors, raw json.RawMessage) {
	if len(raw) == 0 || string(raw) == "null" {
		return
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		f.maxLength([]string{"nonce"}, s, MaxNonce)
		return
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err == nil {
		if _, err := n.Int64(); err == nil {
			return
		}
	}
	f.add([]string{"nonce"}, "BASE_TYPE_BAD_TYPE", "Must be a string or integer.")
}

func validateAllowedMentions(f formErrors, am *AllowedMentions) {
	for i, p := range am.Parse {
		switch p {
		case "users", "roles", "everyone":
		default:
			f.add([]string{"allowed_mentions", "parse", idx(i)}, "BASE_TYPE_CHOICES", "Value must be one of {'users', 'roles', 'everyone'}.")
		}
		if p == "roles" && len(am.Roles) > 0 || p == "users" && len(am.Users) > 0 {
			f.add([]string{"allowed_mentions"}, "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE", "parse:["+p+"] is mutually exclusive with "+p+" list.")
		}
	}
	if len(am.Roles) > 100 {
		f.add([]string{"allowed_mentions", "roles"}, "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.")
	}
	if len(am.Users) > 100 {
		f.add([]string{"allowed_mentions", "users"}, "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.")
	}
}

func validateComponents(f formErrors, path []string, rows []Component) {
	if len(rows) > MaxActionRows {
		f.add(path, "BASE_TYPE_MAX_LENGTH", fmt.Sprintf("Must be %d or fewer in length.", MaxActionRows))
	}
	for i, row := range rows {
		rp := append(append([]string(nil), path...), idx(i))
		if row.Type != 1 {
			f.add(append(rp, "type"), "COMPONENT_LAYOUT_WIDTH_EXCEEDED", "Top-level components must be action rows.")
			continue
		}
		if len(row.Components) == 0 || len(row.Components) > MaxRowComponents {
			f.add(append(rp, "components"), "BASE_TYPE_BAD_LENGTH", fmt.Sprintf("Must be between 1 and %d in length.", MaxRowComponents))
		}
		for j, c := range row.Components {
			cp := append(append([]string(nil), rp...), "components", idx(j))
			at := func(p string) []string { return append(append([]string(nil), cp...), p) }
			f.maxLength(at("custom_id"), c.CustomID, MaxCustomID)
			f.maxLength(at("label"), c.Label, MaxButtonLabel)
			if c.Type == 2 {
				if c.Style == 5 {
					f.required(at("url"), c.URL)
					f.url(at("url"), c.URL, false)
				} else if c.Style != 6 {
					f.required(at("custom_id"), c.CustomID)
				}
			}
		}
	}
}

// mentions works out who the content pings, as Discord does: mentions
// preceded by a backslash are text; allowed_mentions (when present) filters.
func mentions(content string, am *AllowedMentions) (everyone bool, users, roles []string) {
	parse := func(kind string) bool {
		if am == nil {
			return true
		}
		for _, p := range am.Parse {
			if p == kind {
				return true
			}
		}
		return false
	}
	listed := func(list []string, id string) bool {
		for _, x := range list {
			if x == id {
				return true
			}
		}
		return false
	}
	for i := 0; i < len(content); i++ {
		if i > 0 && content[i-1] == '\\' {
			continue
		}
		rest := content[i:]
		switch {
		case strings.HasPrefix(rest, "@everyone"), strings.HasPrefix(rest, "@here"):
			if parse("everyone") {
				everyone = true
			}
		case strings.HasPrefix(rest, "<@&"):
			if id, ok := snowflakeBefore(rest[3:], '>'); ok {
				if parse("roles") || am != nil && listed(am.Roles, id) {
					roles = appendUnique(roles, id)
				}
			}
		case strings.HasPrefix(rest, "<@"):
			body := strings.TrimPrefix(rest[2:], "!")
			if id, ok := snowflakeBefore(body, '>'); ok {
				if parse("users") || am != nil && listed(am.Users, id) {
					users = appendUnique(users, id)
				}
			}
		}
	}
	return everyone, users, roles
}

func snowflakeBefore(s string, end byte) (string, bool) {
	i := strings.IndexByte(s, end)
	if i <= 0 || i > 20 {
		return "", false
	}
	for _, c := range s[:i] {
		if c < '0' || c > '9' {
			return "", false
		}
	}
	return s[:i], true
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
