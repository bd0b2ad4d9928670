package quote

import "testing"

// The -ing forms of reporting verbs whose other forms report (complained,
// quipped, boasted) report too: "…, complaining that the bill was “…”".
func TestParticipleCues(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name:  "complaining that",
			text:  "Senator Ann Ruiz spent the evening on the phone, complaining that the bill was “a gift to the banks.”",
			quote: "a gift to the banks.",
			ok:    []string{"Ann Ruiz"},
		},
		{
			name:  "boasting",
			text:  "Mayor Tom Reyes opened the bridge on Friday, boasting that it came in “on time and under budget.”",
			quote: "on time and under budget.",
			ok:    []string{"Tom Reyes"},
		},
	})
}
