package commands

import (
	"strings"
	"testing"
)

func TestCheckWatchName(t *testing.T) {
	for name, ok := range map[string]bool{
		"moldova": true, "eu-elections_2026.v2": true, "Выборы": true,
		"": false, "two words": false, "a/b": false, strings.Repeat("x", MaxWatchName+1): false,
	} {
		if got := CheckWatchName(name) == ""; got != ok {
			t.Errorf("CheckWatchName(%q) = %q", name, CheckWatchName(name))
		}
	}
}

func TestSearchesForgetsTheOldest(t *testing.T) {
	s := NewSearches(2)
	s.Put("a", SearchArgs{Query: "a"})
	s.Put("b", SearchArgs{Query: "b"})
	if _, ok := s.Get("a"); !ok { // a is now the most recent
		t.Fatal("a forgotten too early")
	}
	s.Put("c", SearchArgs{Query: "c"})
	if _, ok := s.Get("b"); ok {
		t.Error("b, the least recently used, is still remembered")
	}
	if got, ok := s.Get("a"); !ok || got.Query != "a" {
		t.Errorf("a: %+v %v", got, ok)
	}
}
