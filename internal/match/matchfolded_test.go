package match

import (
	"reflect"
	"testing"
)

// checkMatchFolded checks that MatchFolded gives Match's results and Fold's folds of the title and
// the body.
func checkMatchFolded(t *testing.T, m *Matcher, doc Document) {
	t.Helper()
	got, title, body := m.MatchFolded(doc)
	if want := m.Match(doc); !reflect.DeepEqual(got, want) {
		t.Errorf("MatchFolded(%+v) results %+v, Match %+v", doc, got, want)
	}
	if want := Fold(doc.Title); title != want {
		t.Errorf("MatchFolded(%+v) title %q, Fold %q", doc, title, want)
	}
	if want := Fold(doc.Body); body != want {
		t.Errorf("MatchFolded(%+v) body %q, Fold %q", doc, body, want)
	}
}

// MatchFolded folds what the match read (title and body, or one of them when the watches read only
// that one) and folds the others itself: the same folds either way, after a field of another text,
// an empty field, and with no watch at all.
func TestMatchFolded(t *testing.T) {
	docs := []Document{
		{Title: "Putin’s Election-Interference", Body: "Officials met on Tuesday. U.S. growth 1,000 ＮＡＴＯ 東京タワー Рutin"},
		{Title: "", Body: "only a body, don't"},
		{Title: "only a title", Body: ""},
		{Title: "Größe Straße", Body: "naïve café", Feed: "Feed Name", Author: "A. Writer", Lang: "de"},
		{},
	}
	for _, query := range []string{`putin OR "election interference"`, `title:golf`, `text:golf`, `author:writer OR feed:name`, `東京 OR tow*`} {
		q, err := Parse(query, testAliases)
		if err != nil {
			t.Fatal(err)
		}
		m, err := Compile([]Watch{{Name: "w", Query: q}})
		if err != nil {
			t.Fatal(err)
		}
		for _, doc := range docs {
			checkMatchFolded(t, m, doc)
		}
	}
	none, err := Compile(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, doc := range docs {
		checkMatchFolded(t, none, doc)
	}
}

// BenchmarkMatchFolded is a poll's matching of one feed item with its folds for the full-text
// index, against Match and two Folds (b.Run "separate").
func BenchmarkMatchFolded(b *testing.B) {
	keywords := []string{"Putin", "election interference", "flood", "Story 7", "tariff", "strike", "wildfire", "ceasefire", "merger", "recall"}
	var ws []Watch
	for _, k := range keywords {
		q, err := Parse(`"`+k+`"`, nil)
		if err != nil {
			b.Fatal(err)
		}
		ws = append(ws, Watch{Name: k, Query: q})
	}
	m, err := Compile(ws)
	if err != nil {
		b.Fatal(err)
	}
	doc := Document{Title: "Story f0001-7-3 about the economy and the weather", Feed: "f0001", Lang: "en",
		Body: "Officials met on Tuesday to discuss the budget. The minister said growth would return next year. Analysts were less sure, pointing to weak exports and rising costs. Story 3 of feed f0001."}
	b.Run("folded", func(b *testing.B) {
		for b.Loop() {
			m.MatchFolded(doc)
		}
	})
	b.Run("separate", func(b *testing.B) {
		for b.Loop() {
			m.Match(doc)
			Fold(doc.Title)
			Fold(doc.Body)
		}
	})
}
