package quote

import "testing"

// A department after "Secretary of" or "Minister of" belongs to the title:
// the speaker is the name after it (or the whole title and name), never a
// name that starts with the department.
func TestTitleOfDepartment(t *testing.T) {
	full := func(title, name string) []string { return []string{name, title + " " + name} }
	runSpeakerCases(t, []speakerCase{
		{
			name:  "opener with colon",
			text:  "The rule was published on Friday.\n\nSecretary of Labor Dana Whitfield said: “The wage floor will rise in June.”",
			quote: "The wage floor will rise in June.",
			ok:    full("Secretary of Labor", "Dana Whitfield"),
		},
		{
			name:  "two-word department, verb after",
			text:  "The ports reopened on Monday.\n\n“The ports are open again,” Secretary of Homeland Security Dana Whitfield told reporters.",
			quote: "The ports are open again,",
			ok:    full("Secretary of Homeland Security", "Dana Whitfield"),
		},
		{
			name:  "said before the title",
			text:  "The rule was published on Friday.\n\n“The wage floor will rise in June,” said Secretary of Labor Dana Whitfield.",
			quote: "The wage floor will rise in June,",
			ok:    full("Secretary of Labor", "Dana Whitfield"),
		},
		{
			name:  "minister, said before",
			text:  "The budget passed late.\n\n“We have no more room,” said Minister of Finance Carl Ode.",
			quote: "We have no more room,",
			ok:    full("Minister of Finance", "Carl Ode"),
		},
	})
}

// The object of a verb in a clause whose subject is another name does not
// speak the clause's later "and … said": the subject does.
func TestObjectIsNotTheSpeaker(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name:  "met, apposition",
			text:  "The talks ran late.\n\nObama met Carl Pike, a senator, and later said: “We made progress on trade.”",
			quote: "We made progress on trade.",
			ok:    []string{"Obama", ""},
		},
		{
			name:  "thanked",
			text:  "The council voted on Monday.\n\nMayor Ann Lee thanked Tom Ruiz and said: “This park belongs to everyone.”",
			quote: "This park belongs to everyone.",
			ok:    []string{"Ann Lee", ""},
		},
		{
			name:  "criticised",
			text:  "The hearing was tense.\n\nSenator Ann Lee criticised Governor Tom Ruiz on Tuesday and told reporters: “The plan is a failure.”",
			quote: "The plan is a failure.",
			ok:    []string{"Ann Lee", ""},
		},
	})
}

// The reporting verb of a relative clause (", who said") has for its
// subject the person before "who", not the sentence's subject.
func TestRelativeClauseSpeaker(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name:  "spoke after",
			text:  "The talks ran late.\n\nAnn Lee spoke after Tom Ruiz, who said: “We made progress on trade.”",
			quote: "We made progress on trade.",
			ok:    []string{"Tom Ruiz", ""},
		},
		{
			name:  "object of called, adverb",
			text:  "The talks ran late.\n\nAnn Lee called Tom Ruiz, who later said: “We made progress on trade.”",
			quote: "We made progress on trade.",
			ok:    []string{"Tom Ruiz", ""},
		},
	})
}

// A one-word subject the package cannot classify stands between a pronoun
// and an earlier person: "he" is then nobody the article names for sure.
func TestUnknownOneWordSubjectBlocksPronoun(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name: "aide with a surname only",
			text: "Tom Ruiz chaired the committee on Monday.\n\n" +
				"The chairman's aide Kowalczyk said the budget was late, and he added: “We will need another week.”",
			quote: "We will need another week.",
			ok:    []string{"", "Kowalczyk"},
		},
		{
			name: "unknown subject then he said",
			text: "Tom Ruiz chaired the committee on Monday.\n\n" +
				"Kowalczyk also addressed the members.\n\n" +
				"“We will need another week,” he said.",
			quote: "We will need another week,",
			ok:    []string{"", "Kowalczyk"},
		},
	})
}
