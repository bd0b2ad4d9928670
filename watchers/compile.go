package watchers

import (
	"errors"
	"fmt"
	"strings"

	"github.com/newshound/newshound/config"
	"github.com/newshound/newshound/internal/match"
)

// CompileWatches parses every watch of c — its keywords, excludes and query —
// and compiles them into one matcher. Query errors come back as
// config.Errors pointing at the fault inside the file, with the query and a
// caret under it.
func CompileWatches(c *config.Config) (*match.Matcher, error) {
	var errs config.Errors
	watches := make([]match.Watch, 0, len(c.Watches))
	aliases := match.NewAliases(c.Aliases)
	for i, w := range c.Watches {
		q, err := WatchQuery(w, aliases)
		if errors.Is(err, errNothingToMatch) {
			continue // config's validation reports it, with its position
		}
		if err != nil {
			errs = append(errs, queryError(c, i, w, err))
			continue
		}
		watches = append(watches, match.Watch{Name: w.Name, Query: q})
	}
	if len(errs) > 0 {
		return nil, errs
	}
	m, err := match.Compile(watches)
	var we *match.WatchError
	if errors.As(err, &we) {
		for i, w := range c.Watches {
			if w.Name == we.Watch {
				path := fmt.Sprintf("watches[%d]", i)
				if strings.TrimSpace(w.Query) != "" {
					path += ".query"
				}
				return nil, config.Errors{c.Errorf(path, "%s: watch %q: %v", path, w.Name, we.Err)}
			}
		}
	}
	if err != nil {
		return nil, fmt.Errorf("watches: %w", err)
	}
	return m, nil
}

// WatchQuery builds the query of one watch: its keywords (any of them), its
// query, and its excludes (none of them), joined by AND. Queries built with
// the same aliases share their terms.
func WatchQuery(w config.Watch, aliases *match.Aliases) (*match.Query, error) {
	if len(w.Keywords) == 0 && strings.TrimSpace(w.Query) == "" {
		return nil, errNothingToMatch
	}
	var parts []string
	if len(w.Keywords) > 0 {
		kw, err := match.Keywords(w.Keywords, w.Exclude)
		if err != nil {
			return nil, &keywordError{err}
		}
		parts = append(parts, "("+kw.String()+")")
	}
	if strings.TrimSpace(w.Query) != "" {
		q, err := match.ParseWith(w.Query, aliases)
		if err != nil {
			return nil, err // reported against the text the user wrote
		}
		parts = append(parts, "("+q.String()+")")
		if len(w.Keywords) == 0 {
			for _, ex := range w.Exclude {
				parts = append(parts, `-"`+strings.ReplaceAll(ex, `"`, " ")+`"`)
			}
		}
	}
	if len(parts) == 1 && len(w.Keywords) > 0 {
		return match.Keywords(w.Keywords, w.Exclude)
	}
	// The canonical forms of the parts re-parse to the same queries.
	return match.ParseWith(strings.Join(parts, " AND "), aliases)
}

// errNothingToMatch: a watch without keywords and query.
var errNothingToMatch = errors.New("the watch has nothing to match: give it keywords or a query")

type keywordError struct{ err error }

func (e *keywordError) Error() string { return e.err.Error() }

func queryError(c *config.Config, i int, w config.Watch, err error) *config.Error {
	path := fmt.Sprintf("watches[%d]", i)
	var se *match.SyntaxError
	var ke *keywordError
	switch {
	case errors.As(err, &ke):
		e := c.Errorf(path+".keywords", "%s.keywords: %v", path, ke.err)
		return e
	case errors.As(err, &se) && se.Query == w.Query:
		line, col := c.ValuePosition(path+".query", w.Query, se.Offset)
		return &config.Error{File: c.Path, Line: line, Col: col, Msg: fmt.Sprintf("%s.query: %v", path, se)}
	default:
		return c.Errorf(path, "%s: watch %q: %v", path, w.Name, err)
	}
}
