package quote

import "testing"

// A person named in a reporting phrase — "as noted by registered dietitian
// Lena Moss", "according to nurse Lena Moss" — speaks a later "she said",
// though no subject: "she" went back to the previous paragraph's speaker.
// Someone who asked (was asked by host Gerard Baker) or a name that may be
// no person (according to Gallup) does not.
func TestReportingAgents(t *testing.T) {
	const before = "“Take it with food,” says dietitian Ana Ruiz.\n\n"
	tests := []speakerWant{
		{"noted by", before + "But there's one thing a multivitamin will do for sure, as noted by registered dietitian Lena Moss. “You will be more nourished than before,” she told us.", "You will be more nourished than before,", "Lena Moss"},
		{"according to", before + "Vitamins can help the eyes, according to nurse Lena Moss. “You will be more nourished than before,” she told us.", "You will be more nourished than before,", "Lena Moss"},
		{"asked by", "Sen. Tom Ruiz spoke first.\n\nRuiz was asked by moderator Carl Baker whether the plan would cost too much. “The family is what matters most to me,” he said.", "The family is what matters most to me,", "Tom Ruiz"},
		{"according to no person", before + "Vitamin sales rose ten percent, according to Gallup. “You will be more nourished than before,” she told us.", "You will be more nourished than before,", "Ana Ruiz"},
	}
	checkSpeakers(t, tests)
}
