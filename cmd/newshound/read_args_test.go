package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// read takes its flags after the page too, as the README writes it
// (newshound read URL|FILE|- [--format json]); they were taken for a second
// page and the command refused to run.
func TestReadFlagsAfterThePage(t *testing.T) {
	page := `<html lang="de"><head><title>Bahnstreik legt Fernverkehr lahm</title></head><body><article>` +
		`<p>Die Lokführergewerkschaft hat den Fernverkehr der Bahn am Montag weitgehend lahmgelegt, teilte das Unternehmen mit.</p>` +
		`<p>„Wir lassen uns nicht erpressen“, sagte Personalvorstand Martin Seiler am Morgen in Berlin vor Journalisten.</p>` +
		`<p>Der Streik soll bis Mittwoch dauern. Reisende müssen mit Ausfällen und Verspätungen rechnen.</p></article></body></html>`
	path := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs, code := runCmd(t, "", "read", path, "--format", "json", "--query", "Streik")
	if code != 0 {
		t.Fatalf("read PAGE --format json: exit %d: %s", code, errs)
	}
	var r readOutput
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("not JSON (%v): %s", err, out)
	}
	if r.Title != "Bahnstreik legt Fernverkehr lahm" || len(r.Quotes) != 1 || !strings.Contains(r.Text, "Fernverkehr") {
		t.Errorf("read: %+v", r)
	}
	if _, errs, code := runCmd(t, "", "read", path, path); code != 2 || !strings.Contains(errs, "one URL or FILE") {
		t.Errorf("two pages: exit %d, %q", code, errs)
	}
}

// read says when a page's text is its JSON-LD articleBody (the page draws
// the story by script and shows almost none of it): text_source "json-ld"
// in JSON, and a note on the text's heading in the text form; a page read
// from its visible text says nothing.
func TestReadSaysJSONLDText(t *testing.T) {
	path := filepath.Join("..", "..", "internal", "article", "testdata", "ld-shell.html")
	out, errs, code := runCmd(t, "", "read", "--format", "json", path)
	if code != 0 {
		t.Fatalf("read --format json: exit %d: %s", code, errs)
	}
	var r readOutput
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("not JSON (%v): %s", err, out)
	}
	if r.TextSource != "json-ld" || r.Text == "" {
		t.Errorf("text_source %q, text %q", r.TextSource, r.Text)
	}
	if out, errs, code = runCmd(t, "", "read", path); code != 0 || !strings.Contains(out, "JSON-LD articleBody") {
		t.Errorf("read: exit %d, %s%s", code, errs, out)
	}
	visible := filepath.Join(t.TempDir(), "page.html")
	page := `<html><head><title>T</title></head><body><article><p>` + strings.Repeat("The council met on Monday to vote on the budget for next year. ", 8) + `</p></article></body></html>`
	if err := os.WriteFile(visible, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, _, _ = runCmd(t, "", "read", "--format", "json", visible); strings.Contains(out, "text_source") {
		t.Errorf("a page's visible text has a text_source: %s", out)
	}
}
