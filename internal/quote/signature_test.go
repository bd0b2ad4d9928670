package quote

import "testing"

// A quotation opening a paragraph signed at its end with a dash and a name
// is the signer's, not the previous paragraph's signer's.
func TestParagraphSignature(t *testing.T) {
	text := "We asked readers what they thought of the debate.\n\n" +
		"“He never answered a single question. He just talked over everyone.” ― Ana Ortiz\n" +
		"“She had the facts and he had the jokes. To quote my grandmother ‘Talk is cheap.” And that is all he has “a loud voice’.” ― Carla Mendes.\n" +
		"“I was undecided before and I am undecided now.” ― Joe Park"
	runSpeakerCases(t, []speakerCase{
		{name: "signed right after", text: text, quote: "He never answered a single question. He just talked over everyone.", ok: []string{"Ana Ortiz"}},
		{name: "signed after more words", text: text, quote: "She had the facts and he had the jokes. To quote my grandmother ‘Talk is cheap.", ok: []string{"Carla Mendes", ""}},
		{name: "last", text: text, quote: "I was undecided before and I am undecided now.", ok: []string{"Joe Park"}},
		{
			name: "the writer's own verb before the signature",
			text: "Readers wrote in.\n\n“He never answered a single question.” ― Ana Ortiz\n" +
				"“She had the facts and he had the jokes,” one man wrote, and another agreed. ― Compiled by Joe Park",
			quote: "She had the facts and he had the jokes,",
			ok:    []string{"one man", ""},
		},
	})
}
