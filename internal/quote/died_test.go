package quote

import "testing"

// A person the narration has just said died is not whom a later "he said"
// stands for.
func TestDeadSayNothing(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name: "was dead",
			text: "In 1977, Donald Ruiz asked his brother Freddy to be the best man at his wedding. But the drinking continued, and four years later, Freddy was dead.\n\n" +
				"“He would have been an amazing peacemaker if he did not have the problem,” he said.",
			quote: "He would have been an amazing peacemaker if he did not have the problem,",
			ok:    []string{"Donald Ruiz", ""},
		},
		{
			name:  "died, no one else",
			text:  "The fire started before dawn. Tom Ruiz died in the blaze.\n\n“He was the kindest man on this street,” he said.",
			quote: "He was the kindest man on this street,",
			ok:    []string{""},
		},
		{
			name:  "a living subject still counts",
			text:  "The fire started before dawn. Tom Ruiz dialed 911 at once.\n\n“I saw smoke coming out of every window,” he said.",
			quote: "I saw smoke coming out of every window,",
			ok:    []string{"Tom Ruiz"},
		},
	})
}
