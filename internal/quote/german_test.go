package quote

import (
	"slices"
	"testing"
)

// German capitalises every noun: a common noun next to a reporting verb or
// a colon is no speaker, and neither is an adverb opening the sentence.
// Each case gives the speakers that are right; anything else is a wrong name.
func TestGermanSpeakers(t *testing.T) {
	tests := []struct {
		name, text, quote string
		ok                []string
	}{
		{
			name: "heißt es names no one",
			text: "Der Roman beginnt leise und bleibt dabei. Das Tempo des Erzählens gibt die erste Seite vor: " +
				"„Ein Schritt nach dem anderen ist das Äußerste, was man verlangen kann“, heißt es da. So geht es weiter.",
			quote: "Ein Schritt nach dem anderen ist das Äußerste, was man verlangen kann",
			ok:    []string{""},
		},
		{
			name: "the object after the name is no speaker",
			text: "Die Gewerkschaft hat ihre Umfrage unter Beschäftigten vorgestellt. Viele arbeiten inzwischen mobil. " +
				"„Die Pandemie hat einen regelrechten Schub ausgelöst“, erklärte Vorsitzende Jana Brecht weitere Ergebnisse der Umfrage.",
			quote: "Die Pandemie hat einen regelrechten Schub ausgelöst",
			ok:    []string{"", "Vorsitzende Jana Brecht", "Jana Brecht"},
		},
		{
			name:  "a noun before the colon is no speaker",
			text:  "Die Zeitung wurde an alle Haushalte verteilt. Am Ende steht die Empfehlung: „Wollen wir so leben? Besser anders wählen.“",
			quote: "Wollen wir so leben? Besser anders wählen.",
			ok:    []string{""},
		},
		{
			name: "a preposition's noun after the name is no speaker",
			text: "Der Abgeordnete Stefan Kerner bestreitet die Vorwürfe. " +
				"„Ich kann mir nicht vorstellen, dass jemand so etwas tut“, schreibt Kerner auf Anfrage.",
			quote: "Ich kann mir nicht vorstellen, dass jemand so etwas tut",
			ok:    []string{"", "Stefan Kerner"},
		},
		{
			name:  "an adverb opening the sentence is no speaker",
			text:  "Die Präses der Synode, Anna Lindqvist, lobte die Gemeinden. Zugleich mahnte sie: „Die Debatte darf uns nicht lähmen.“",
			quote: "Die Debatte darf uns nicht lähmen.",
			ok:    []string{"", "Anna Lindqvist"},
		},
		{
			name: "the subject after the verb speaks when a phrase opens the sentence",
			text: "Das Turnier hat ein starkes Feld. Zur Qualität des Teilnehmerfeldes sagt Verbandspräsident Peter Aurich: " +
				"„Wir haben seit Jahren kein so gutes Turnier gesehen.“",
			quote: "Wir haben seit Jahren kein so gutes Turnier gesehen.",
			ok:    []string{"Verbandspräsident Peter Aurich", "Peter Aurich"},
		},
		{
			name:  "a place after a preposition is no speaker",
			text:  "Auf dem roten Teppich bei der Premiere in Toronto sagten Sie, dass „Stärke oft als Waffe eingesetzt wird“.",
			quote: "Stärke oft als Waffe eingesetzt wird",
			ok:    []string{""},
		},
		{
			name:  "a role and a name stay the speaker",
			text:  "Der Zulieferer meldet volle Auftragsbücher. „Wir haben einen gewaltigen Auftragseingang“, sagte Konzernchef Robert Maierhofer am Dienstag.",
			quote: "Wir haben einen gewaltigen Auftragseingang",
			ok:    []string{"Konzernchef Robert Maierhofer"},
		},
		{
			name:  "where the speaker wrote is no speaker",
			text:  "Viele Kollegen meldeten sich. „Gute Besserung, Champ“, schrieb der deutsche Radprofi Simon Gerber auf Twitter.",
			quote: "Gute Besserung, Champ",
			ok:    []string{"Radprofi Simon Gerber", "Simon Gerber"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			qs := Extract(tc.text)
			for _, q := range qs {
				if q.Text == tc.quote {
					if !slices.Contains(tc.ok, q.Speaker) {
						t.Errorf("speaker %q, want one of %q", q.Speaker, tc.ok)
					}
					return
				}
			}
			t.Fatalf("quotation %q not found in %+v", tc.quote, qs)
		})
	}
}
