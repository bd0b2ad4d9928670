package quote

import (
	"slices"
	"testing"
)

// Dialogue set off by dashes, as Spanish, Portuguese and French write it.
func TestDashDialogue(t *testing.T) {
	tests := []struct {
		name, text string
		parts      [][]string
		speakers   []string
	}{
		{
			name: "Spanish, the clause between dashes and speech after it",
			text: "El ministro de Hacienda habló con los periodistas al salir del Congreso.\n" +
				"—Esto no es así —dijo el ministro—. No vamos a subir los impuestos este año.\n" +
				"—¿Y las pensiones? —preguntó una periodista.",
			parts:    [][]string{{"Esto no es así", "No vamos a subir los impuestos este año."}, {"¿Y las pensiones?"}},
			speakers: []string{"el ministro", "una periodista"},
		},
		{
			name:     "Portuguese, an en dash and a name",
			text:     "A ministra falou com a imprensa depois da reunião.\n– Não é verdade – disse a ministra Ana Costa.",
			parts:    [][]string{{"Não é verdade"}},
			speakers: []string{"Ana Costa"},
		},
		{
			name:     "French, the clause after a comma",
			text:     "Le maire a reçu les habitants jeudi soir.\n— Nous ne fermerons pas l'école, a déclaré Paul Martin.",
			parts:    [][]string{{"Nous ne fermerons pas l'école"}},
			speakers: []string{"Paul Martin"},
		},
		{
			name:  "a list opened by dashes is no dialogue",
			text:  "Programa de la jornada:\n– Bienvenida del alcalde\n– Concierto de la banda municipal\n– 20 kg de fruta para el sorteo",
			parts: nil,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			qs := Extract(tc.text)
			if len(qs) != len(tc.parts) {
				t.Fatalf("got %d quotations %+v, want %d", len(qs), qs, len(tc.parts))
			}
			for k, q := range qs {
				if got := q.Texts(tc.text); !slices.Equal(got, tc.parts[k]) {
					t.Errorf("quotation %d: %q, want %q", k, got, tc.parts[k])
				}
				if q.Speaker != tc.speakers[k] {
					t.Errorf("quotation %d: speaker %q, want %q", k, q.Speaker, tc.speakers[k])
				}
			}
		})
	}
}
