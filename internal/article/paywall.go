package article

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A page behind a paywall shows the start of its story and a box that
// sells a subscription. The box is no part of the story, and when it is
// longer than what is left of the story the extractor takes it for the
// text: an alert would then quote the sales pitch, with no sign that the
// story was cut. So the paragraphs of such a box are dropped from the text,
// and the Article says the page is paywalled: its Text is only what the
// page shows.
//
// A page is paywalled when it says so in machine-readable form — JSON-LD
// "isAccessibleForFree": false (schema.org's markup for subscriber
// content), or <meta property="article:content_tier" content="locked"> —
// or when the extracted text held paragraphs of a paywall box: an element
// whose class or id names a paywall ("paywall", "pay-wall", "regwall"…).
// A class name alone says nothing: free blogs carry a paywall plug-in's
// class on every post, and sites name their log-in buttons for it.

// paywallBoxMax is the text (bytes) of a paywall-named element above which
// it is not a box but the story itself, which some pages send whole inside
// a container named for the paywall that a script later cuts: it is kept.
const paywallBoxMax = 1500

// dropPaywallText removes from paras the paragraphs whose text the page
// holds only inside paywall boxes, and reports whether it removed any.
func dropPaywallText(doc *html.Node, paras []string) ([]string, bool) {
	box, rest := map[string]bool{}, map[string]bool{}
	var visit func(n *html.Node, inBox bool) bool
	visit = func(n *html.Node, inBox bool) (hasBlock bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || unseen(c.DataAtom) || c.DataAtom == atom.Head {
				continue
			}
			b := inBox || namesPaywall(c) && textLen(c) <= paywallBoxMax
			if visit(c, b) || isBlock(c.DataAtom) || b != inBox {
				hasBlock = true
				if b != inBox && !hasBlockChild(c) {
					box[textOf(c)] = true // a box that is a leaf itself
				}
			}
		}
		if n.Type == html.ElementNode && isBlock(n.DataAtom) && !hasBlock {
			if inBox {
				box[textOf(n)] = true
			} else {
				rest[textOf(n)] = true
			}
		}
		return hasBlock
	}
	if !hasPaywallBox(doc) {
		return paras, false
	}
	visit(doc, false)
	kept := paras[:0:0]
	for _, p := range paras {
		t := clean(strings.ReplaceAll(p, "\n", " "))
		if box[t] && !rest[t] {
			continue
		}
		kept = append(kept, p)
	}
	return kept, len(kept) < len(paras)
}

// hasPaywallBox reports whether there is a paywall-named element under n.
func hasPaywallBox(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && !unseen(c.DataAtom) && (namesPaywall(c) || hasPaywallBox(c)) {
			return true
		}
	}
	return false
}

// namesPaywall reports whether one of n's class names or its id names a
// paywall: "paywall", "article-paywall", "piano-paywall-offer", "pay-wall",
// "regwall", "reg-wall"; not "no-paywall", "nopaywall" or "paywall-free",
// which mark what is free.
func namesPaywall(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Namespace != "" || (a.Key != "class" && a.Key != "id") {
			continue
		}
		for _, name := range strings.Fields(strings.ToLower(a.Val)) {
			if strings.HasPrefix(name, "no-") || strings.HasPrefix(name, "no_") || strings.HasPrefix(name, "nopay") ||
				strings.HasPrefix(name, "noreg") || strings.Contains(name, "free") {
				continue
			}
			for _, w := range []string{"paywall", "pay-wall", "pay_wall", "regwall", "reg-wall"} {
				if strings.Contains(name, w) {
					return true
				}
			}
		}
	}
	return false
}
