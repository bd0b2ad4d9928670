package quote

import (
	"slices"
	"testing"
)

// A definite role ("the senator", "el presidente") is the person the article
// ties to that role only when it ties one person to it; with two, it stays
// the role or is empty, never the more recent of them.
func TestRoleOfTwoPeople(t *testing.T) {
	tests := []struct {
		name, text, quote string
		ok                []string
	}{
		{
			name: "two senators",
			text: "Senator Mary Holt met Senator John Reyes on Tuesday to talk about the budget. " +
				"“We are not there yet,” the senator said.",
			quote: "We are not there yet,",
			ok:    []string{"", "the senator"},
		},
		{
			name: "one senator",
			text: "Senator Mary Holt met the governor on Tuesday to talk about the budget. " +
				"“We are not there yet,” the senator said.",
			quote: "We are not there yet,",
			ok:    []string{"Mary Holt"},
		},
		{
			name:  "el presidente, one president named",
			text:  "El presidente Gustavo Petro visitó Cali el lunes. «No vamos a retroceder», dijo el presidente.",
			quote: "No vamos a retroceder",
			ok:    []string{"Gustavo Petro"},
		},
		{
			name:  "el presidente, two presidents named",
			text:  "El presidente Gustavo Petro recibió al presidente Lula da Silva. «No vamos a retroceder», dijo el presidente.",
			quote: "No vamos a retroceder",
			ok:    []string{"", "el presidente"},
		},
		{
			name: "the president of another body is not the president named",
			text: "La ofensiva la inició el presidente Nayib Bukele el lunes. Este martes, el presidente de la Asamblea " +
				"continuó diciendo: «Él confesó que estuvo un año viviendo con ellos».",
			quote: "Él confesó que estuvo un año viviendo con ellos",
			ok:    []string{"", "el presidente", "el presidente de la Asamblea"},
		},
		{
			name:  "la ministra introduced in apposition",
			text:  "La ministra de Salud, Carolina Darias, compareció ayer en el Congreso. «La situación es grave», afirmó la ministra.",
			quote: "La situación es grave",
			ok:    []string{"Carolina Darias"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, q := range Extract(tc.text) {
				if q.Text == tc.quote {
					if !slices.Contains(tc.ok, q.Speaker) {
						t.Errorf("speaker %q, want one of %q", q.Speaker, tc.ok)
					}
					return
				}
			}
			t.Fatalf("quotation %q not found", tc.quote)
		})
	}
}
