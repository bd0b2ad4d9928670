package quote

import "testing"

// A role tied to a person the article named once, paragraphs back, is not
// that person when the description comes much later: in a profile of Lena
// Moss, "jazz star Carl Hobbs" early on does not make "the star" of the
// last paragraph Hobbs. A cue word right after a determiner is the noun
// (read one comment: the comment is the source, not someone named before).
// A reporting verb in a clause of time opening the sentence (When the
// singer posted photos, she received comments including "…") does not
// report a quotation of the main clause.
func TestStaleRolesAndCommentNouns(t *testing.T) {
	profile := "Years ago, Lena Moss teamed up with jazz star Carl Hobbs to record a duet. The song was a hit.\n\n" +
		"Moss went on to sell millions of records. Moss married her manager in 1994.\n\n" +
		"Moss later launched a clothing line. Moss also started a charity.\n\n" +
		"Moss toured the world for a decade. Moss won four awards.\n\n"
	tests := []speakerWant{
		{"a role named long ago", profile + "Photos that the star posted online last week drew praise. The star said: “I have never felt better in my life.”", "I have never felt better in my life.", "The star"},
		{"a role named just before", "Jazz star Carl Hobbs played on Monday. The star said: “I have never felt better in my life.”", "I have never felt better in my life.", "Carl Hobbs"},
		{"read one comment", profile + "Photos that the star posted online in January drew a mixed response. “You look starved and tired!” read one comment.", "You look starved and tired!", "one comment"},
		{"a cue in a clause of time", "When the singer posted photos from the gala, she received comments including “Eat something please, you look ill.”", "Eat something please, you look ill.", ""},
		{"a cue in a clause of time, an aside", "When the singer posted photos from the gala, for example, she received comments including “Eat something please, you look ill.”", "Eat something please, you look ill.", ""},
		{"the main clause reports", "When asked about the plan, Tom Baxter said: “It is dead on arrival in this city.”", "It is dead on arrival in this city.", "Tom Baxter"},
		{"the main clause reports, a pronoun", "Tom Baxter met the council on Monday. When asked about the plan, he also said: “It is dead on arrival in this city.”", "It is dead on arrival in this city.", "Tom Baxter"},
	}
	checkSpeakers(t, tests)
}
