package discord

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"net/http"
	"strconv"
	"time"
)

// Discord's 429s. discordgo reads a 429's JSON body (retry_after) and
// honours the global limit only when the answer also carries
// X-RateLimit-Reset-After, which Discord's global 429 does not: the other
// channels would each run into the limit once more. And a 429 from
// Cloudflare in front of Discord (error 1015, the ban that follows too many
// invalid requests) is an HTML page: discordgo fails to decode it and the
// Retry-After header is lost, so the outbox would retry within seconds,
// after reading the channel as if a post might have landed. normalize429
// turns every 429 into what discordgo understands: a JSON body with
// retry_after (from the body, else the Retry-After header, else a minute),
// and for a global limit — Discord's, or any answer that is not Discord's
// JSON — the reset of the global lock, which holds every channel's bucket.

// defaultRetryAfter is the wait after a 429 that says nothing of when.
const defaultRetryAfter = time.Minute

// max429Body bounds the body read from a 429.
const max429Body = 64 << 10

func normalize429(resp *http.Response) {
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, max429Body))
	resp.Body.Close()
	var body struct {
		Message    string   `json:"message"`
		RetryAfter *float64 `json:"retry_after"`
		Global     bool     `json:"global"`
	}
	isJSON := json.Unmarshal(raw, &body) == nil
	after := retryAfterHeader(resp.Header)
	if isJSON && body.RetryAfter != nil && *body.RetryAfter >= 0 && !math.IsInf(*body.RetryAfter, 0) {
		after = *body.RetryAfter
	}
	if after < 0 {
		after = defaultRetryAfter.Seconds()
	}
	global := resp.Header.Get("X-RateLimit-Global") != "" || body.Global || !isJSON
	if !isJSON || body.RetryAfter == nil {
		msg := body.Message
		if !isJSON {
			msg = "rate limited (an answer that is not Discord's JSON: Cloudflare in front of Discord)"
		}
		raw, _ = json.Marshal(map[string]any{"message": msg, "retry_after": after, "global": global})
		resp.Header.Set("Content-Type", "application/json")
	}
	if global && resp.Header.Get("X-RateLimit-Reset-After") == "" {
		resp.Header.Set("X-RateLimit-Global", "true")
		resp.Header.Set("X-RateLimit-Reset-After", strconv.FormatFloat(after, 'f', 3, 64))
	}
	resp.Body = io.NopCloser(bytes.NewReader(raw))
	resp.ContentLength = int64(len(raw))
	resp.Header.Del("Content-Length")
}

// retryAfterHeader is Retry-After in seconds (a number; Discord and
// Cloudflare send no dates), or -1 when absent or unreadable.
func retryAfterHeader(h http.Header) float64 {
	v, err := strconv.ParseFloat(h.Get("Retry-After"), 64)
	if err != nil || v < 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return -1
	}
	return v
}
