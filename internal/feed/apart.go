package feed

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// Items of one document that share an identity are one item, unless they
// are different posts: a live blog whose entries all link to its page
// (each with a GUID of its own), a feed that gives every link-less item the
// same GUID, press releases without GUIDs that all link to the index page.
// Such items are told apart by what the identity left out — their GUIDs,
// else their title and text — all of them, not the later ones
// only: a feed that puts new items first would otherwise give the new item
// the identity the store already holds for the old one, and lose it.

// differentPosts reports whether b, whose identity is a's, is another post:
// for a GUID, another title or text; for a link, another GUID (both given)
// and another title or text, or with no GUIDs another title (press releases
// that all link to the index page). A post listed twice (under two
// categories' GUIDs, say, or with two teasers) has the same title.
//
// Titles and texts are compared as the feed gave them, mojibake and all
// (Item.AsGiven), as versions before its repair did: a repair must not
// make two posts one, or one post two, and so give them identities the
// store does not hold.
func differentPosts(a, b Item) bool {
	aTitle, aText := a.AsGiven()
	bTitle, bText := b.AsGiven()
	switch {
	case aTitle == bTitle && aText == bText, strings.HasPrefix(a.Identity, "text:"):
		return false
	case strings.HasPrefix(a.Identity, "guid:"):
		return true
	case a.GUID != "" && b.GUID != "":
		return a.GUID != b.GUID
	}
	return a.GUID == "" && b.GUID == "" && aTitle != "" && bTitle != "" && aTitle != bTitle
}

// tellApart gives the items whose identity is shared (an identity the
// document gives several different posts) the identity of the next kind —
// their GUID for a link, else a digest of their title (and for a GUID of
// their text too) — and
// merges those that are still one (a repeat of one post), counted in
// repeated.
func tellApart(items []Item, shared map[string]bool, feedAddress string, repeated int) ([]Item, int) {
	seen := map[string]bool{}
	out := items[:0]
	for _, it := range items {
		if shared[it.Identity] {
			switch {
			case !strings.HasPrefix(it.Identity, "guid:") && it.GUID != "":
				it.Identity = "guid:" + it.GUID
				if !globalID(it.GUID) {
					it.Identity += " @" + feedAddress
				}
			default:
				// a link's posts without GUIDs differ by title, a GUID's by title or text
				// (as the feed gave them: the identities earlier versions stored)
				title, text := it.AsGiven()
				what := title
				if strings.HasPrefix(it.Identity, "guid:") {
					what += "\n" + text
				}
				h := sha256.Sum256([]byte(feedAddress + "\n" + it.Identity + "\n" + what))
				it.Identity = "text:" + hex.EncodeToString(h[:16]) + " @" + feedAddress
			}
		}
		if seen[it.Identity] {
			repeated++
			continue
		}
		seen[it.Identity] = true
		out = append(out, it)
	}
	return out, repeated
}
