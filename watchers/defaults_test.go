package watchers

import (
	"strings"
	"testing"
	"time"

	"github.com/newshound/newshound/config"
	"github.com/newshound/newshound/internal/article"
	"github.com/newshound/newshound/internal/quote"
	"github.com/newshound/newshound/internal/story"
)

// TestDefaultsAgree: config is the one home of every default. The leaf
// packages, which cannot import it, keep fallbacks for zero options; each
// must be config's value, so that a caller that leaves a field zero gets
// what the configuration would have given.
func TestDefaultsAgree(t *testing.T) {
	tests := []struct {
		name         string
		leaf, config any
	}{
		{"article.DefaultMaxBody", int64(article.DefaultMaxBody), int64(config.DefaultMaxBody)},
		{"article.DefaultMaxConcurrent", article.DefaultMaxConcurrent, config.DefaultArticleConc},
		{"article.DefaultPerHost", article.DefaultPerHost, config.DefaultPerHost},
		{"article.DefaultHostDelay", time.Duration(article.DefaultHostDelay), time.Duration(config.DefaultHostDelay)},
		{"article.DefaultMinText", article.DefaultMinText, config.DefaultMinText},
		{"quote.DefaultMax", quote.DefaultMax, config.DefaultQuotes},
		{"story.DefaultWindow", time.Duration(story.DefaultWindow), time.Duration(config.DefaultStoryWindow)},
	}
	for _, tt := range tests {
		if tt.leaf != tt.config {
			t.Errorf("%s = %v, config's default is %v", tt.name, tt.leaf, tt.config)
		}
	}
	if ua := config.DefaultUserAgent("1.2.3"); !strings.HasPrefix(ua, article.DefaultUserAgent+"/1.2.3") {
		t.Errorf("config's user agent %q does not start with article's fallback %q and the version", ua, article.DefaultUserAgent)
	}
}
