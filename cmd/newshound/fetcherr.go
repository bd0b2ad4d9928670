package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newshound/newshound/internal/httpclient"
)

// errUndescribed is an error httpclient.Describe has no words for: what it
// says of it is its fallback sentence.
var errUndescribed = errors.New("undescribed")

// fetchFailed is a failed fetch told in plain words after op and the
// address: what happened as httpclient.Describe tells it ("discover
// https://news.example/: the site refused the connection"), with the limit
// when it took too long. An error it has no words for (a feed that does
// not parse) is kept as it is; either way the error is wrapped.
func fetchFailed(op, rawURL string, timeout time.Duration, err error) error {
	d := httpclient.Describe(err)
	if d == "" || d == httpclient.Describe(errUndescribed) {
		return fmt.Errorf("%s %s: %w", op, rawURL, err)
	}
	d = lowerFirst(d[:len(d)-len(".")])
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout() {
		d += fmt.Sprintf(" (in %s: --timeout sets the limit)", timeout)
	}
	return &describedError{msg: op + " " + rawURL + ": " + d, err: err}
}

// describedError says msg and wraps the error it describes.
type describedError struct {
	msg string
	err error
}

func (e *describedError) Error() string { return e.msg }
func (e *describedError) Unwrap() error { return e.err }

// lowerFirst lowers the first letter of a sentence that goes on after a
// colon, unless it is a word of one capital ("I") or an abbreviation.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	next, _ := utf8.DecodeRuneInString(s[n:])
	if !unicode.IsLower(next) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}
