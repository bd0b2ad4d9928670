package quote

import (
	"slices"
	"testing"
)

// speakerCase is one English quotation and the speakers acceptable for it.
type speakerCase struct {
	name, text, quote string
	ok                []string
}

func runSpeakerCases(t *testing.T, tests []speakerCase) {
	t.Helper()
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

// A bare role ("the senator") is the one person the article names in that
// role only when it mentions no other, unnamed holder of it ("a fellow
// senator"): then the role may be either of them.
func TestRoleWithUnnamedHolder(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name: "a fellow senator",
			text: "Senator Mary Holt voted against the farm bill on Tuesday.\n\n" +
				"A fellow senator said the vote had surprised the leadership.\n\n" +
				"“Nobody expected the bill to fail this way,” the senator said.",
			quote: "Nobody expected the bill to fail this way,",
			ok:    []string{"", "the senator"},
		},
		{
			name: "another senator",
			text: "Senator Mary Holt voted against the farm bill on Tuesday, and another senator from the West joined her.\n\n" +
				"“It was a long night,” the senator told reporters.",
			quote: "It was a long night,",
			ok:    []string{"", "the senator"},
		},
		{
			name: "the only senator, named",
			text: "Senator Mary Holt voted against the farm bill on Tuesday.\n\n" +
				"“It was a long night,” the senator told reporters.",
			quote: "It was a long night,",
			ok:    []string{"Mary Holt"},
		},
		{
			name: "a senator in apposition is the named one",
			text: "Mary Holt, a senator from Idaho, voted against the farm bill on Tuesday.\n\n" +
				"“It was a long night,” the senator told reporters.",
			quote: "It was a long night,",
			ok:    []string{"Mary Holt"},
		},
	})
}

// A writing — a statement, a report, a filing — with no owner named is the
// quotation's source and stays its speaker, as a reader takes it (and as
// PolNeAR's annotators do); a company or a spokeswoman is no writing.
func TestDocumentSpeaker(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name:  "the statement said",
			text:  "The mill will close in March. “We regret the loss of these jobs,” the statement said.",
			quote: "We regret the loss of these jobs,",
			ok:    []string{"the statement"},
		},
		{
			name:  "a release",
			text:  "The mill will close in March. “We regret the loss of these jobs,” a press release read.",
			quote: "We regret the loss of these jobs,",
			ok:    []string{""},
		},
		{
			name:  "according to the filing",
			text:  "“The defendant knowingly misled investors,” according to the filing in federal court.",
			quote: "The defendant knowingly misled investors,",
			ok:    []string{"the filing"},
		},
		{
			name:  "the annual report",
			text:  "Sales fell for a third year. “Demand remained weak in every region,” the annual report noted.",
			quote: "Demand remained weak in every region,",
			ok:    []string{""},
		},
		{
			name:  "the company is an organisation",
			text:  "The mill will close in March. “We regret the loss of these jobs,” the company said.",
			quote: "We regret the loss of these jobs,",
			ok:    []string{"the company"},
		},
		{
			name:  "a spokeswoman is a role",
			text:  "The mill will close in March. “We regret the loss of these jobs,” a spokeswoman said.",
			quote: "We regret the loss of these jobs,",
			ok:    []string{"a spokeswoman"},
		},
	})
}

// A writing its owner is named with is the owner's words: "the firm’s
// statement" is the firm's, "the IMF report" the IMF's; "its statement"
// names no one.
func TestDocumentOfItsOwner(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name:  "the firm’s statement",
			text:  "The mill will close in March. “We regret the loss of these jobs,” the firm’s statement said.",
			quote: "We regret the loss of these jobs,",
			ok:    []string{"the firm"},
		},
		{
			name:  "a named person's letter",
			text:  "Governor Ada Brandt wrote to the mill's owners on Monday. “Keep these jobs in the valley,” Brandt’s letter said.",
			quote: "Keep these jobs in the valley,",
			ok:    []string{"Ada Brandt"},
		},
		{
			name:  "an acronym before the report",
			text:  "Growth will slow next year. “Risks remain tilted to the downside,” the OECD report said.",
			quote: "Risks remain tilted to the downside,",
			ok:    []string{"OECD"},
		},
		{
			name:  "its statement",
			text:  "The mill will close in March. “We regret the loss of these jobs,” its statement said.",
			quote: "We regret the loss of these jobs,",
			ok:    []string{""},
		},
	})
}

// A name, an apposition set off by commas, then the verb: the name is the
// speaker, whether the role stands before it or the apposition is a
// description, an age or a participle — but not a name that is the object
// of a verb or a preposition, nor one when another name follows the verb.
func TestNameApposition(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name:  "role, name, apposition, verb after the quotation",
			text:  "Prices rose again in June. “We may finally see some wage growth,” the economist Lena Marsh, a former adviser to the mayor, said in an interview.",
			quote: "We may finally see some wage growth,",
			ok:    []string{"Lena Marsh"},
		},
		{
			name:  "a participle apposition before the verb",
			text:  "The row began after Mr. Okafor, asked about the closures, had said, “Every town has lost something.”",
			quote: "Every town has lost something.",
			ok:    []string{"Okafor", "Mr. Okafor"},
		},
		{
			name:  "an age and a description",
			text:  "Nadia Brook, 35, the daughter of the former governor, said on Monday, in a post about her son, “He starts school next week!”",
			quote: "He starts school next week!",
			ok:    []string{"Nadia Brook"},
		},
		{
			name:  "an object before the apposition",
			text:  "Mayor Tom Reed, speaking to Carl Pike, a farmer, said: “We will see what the spring brings.”",
			quote: "We will see what the spring brings.",
			ok:    []string{"Tom Reed"},
		},
		{
			name:  "had written",
			text:  "As the critic Anna Ruiz had written years before, “No studio could run without him.”",
			quote: "No studio could run without him.",
			ok:    []string{"Anna Ruiz"},
		},
	})
}

// A role the article gives one person twice, with the full name and with
// the last name (Gen. Ada Brandt … General Brandt), ties the bare role to
// that person.
func TestRoleOfOnePersonNamedTwice(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name: "the general",
			text: "Gen. Ada Brandt took command of the base in May.\n\n" +
				"General Brandt has since doubled the patrols.\n\n" +
				"“We will not be caught unprepared again,” the general said.",
			quote: "We will not be caught unprepared again,",
			ok:    []string{"Ada Brandt"},
		},
	})
}

// A middle initial is part of the name, even one that spells a function
// word of another language (E., A.): the speaker is the whole name, not
// the given name before the initial.
func TestNameWithInitial(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name:  "said, then a name with an initial",
			text:  "The rule takes effect in December. “We welcome a debate about wages,” said Tomas E. Ferreira, the labor secretary.",
			quote: "We welcome a debate about wages,",
			ok:    []string{"Tomas E. Ferreira"},
		},
		{
			name:  "a later mention by the last name",
			text:  "Rhonda A. Kessel runs the county's food bank. “The shelves are empty by noon,” Kessel said.",
			quote: "The shelves are empty by noon,",
			ok:    []string{"Rhonda A. Kessel"},
		},
		{
			name:  "a dash and a name with an initial",
			text:  "“The most unqualified man to ever run.” ― Marco Reyes\n“We will answer at the polls!” ― Julia A. Ruiz Vega.",
			quote: "We will answer at the polls!",
			ok:    []string{"Julia A. Ruiz Vega"},
		},
	})
}

// A heading, a dash and two names before a colon: both speak, as written.
func TestDashTwoNamesColon(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name:  "two authors after a dash",
			text:  "POLLS WERE NOT WRONG, JUST EARLY - Mara Quinn and Ted Oyelaran: “The polls did not fail; they simply ended too soon.”",
			quote: "The polls did not fail; they simply ended too soon.",
			ok:    []string{"Mara Quinn and Ted Oyelaran"},
		},
	})
}

// "the man shouted", "her son said": an English noun that spells a word of
// another language (German man, French son) is still the attribution, so
// the quotation does not take the previous speaker; the description is
// given out only when it passes as a speaker.
func TestEnglishNounSpellingForeignWord(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name:  "the man shouted",
			text:  "“We will win this state,” Sanders said.\n\n“They stole the country,” the man shouted.",
			quote: "They stole the country,",
			ok:    []string{"", "the man"},
		},
		{
			name:  "her son said",
			text:  "“We will win this state,” Sanders said. “They stole the country,” her son said.",
			quote: "They stole the country,",
			ok:    []string{"", "her son"},
		},
	})
}

// A pronoun after narration opened by a description with a name in
// apposition stands for that name, also when the name carries a title with
// "of" (former Secretary of State Dana Whitfield).
func TestPronounAfterDescribedSubject(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name: "a title with of",
			text: "Governor Paul Reyes defended the plan. But the other speaker at the forum, former Secretary of State Dana Whitfield, " +
				"drew a contrast, saying the risks to small employers were real.\n\n" +
				"“I take those warnings seriously,” she said.",
			quote: "I take those warnings seriously,",
			ok:    []string{"Dana Whitfield"},
		},
	})
}

// A he/she after narration whose subject is a description (the former
// Chilean president didn't stop there) stands for the one person the
// article introduced in that role — not when two hold it.
func TestPronounAfterRoleSubject(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name: "one president introduced",
			text: "Former Chilean President Tomas Vidal called the tariff a mistake. “We will not pay for it,” Vidal told reporters.\n\n" +
				"Senator Mark Hale, who wrote the tariff, has defended it for weeks.\n\n" +
				"But the former Chilean president didn’t stop there.\n\n" +
				"“The first loser of such a policy would be the buyer,” he continued.",
			quote: "The first loser of such a policy would be the buyer,",
			ok:    []string{"Tomas Vidal"},
		},
		{
			name: "two presidents introduced",
			text: "President Tomas Vidal met President Mario Ortiz on Monday. “We will not pay for it,” Vidal told reporters.\n\n" +
				"But the president didn’t stop there.\n\n" +
				"“The first loser of such a policy would be the buyer,” he continued.",
			quote: "The first loser of such a policy would be the buyer,",
			ok:    []string{"", "Tomas Vidal"},
		},
	})
}

// "Ana said no", "Melanie said yes": the verb reports its own word, not the
// quotation before it.
func TestVerbWithItsOwnAnswer(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name:  "said yes after a quotation in narration",
			text:  "As Governor Reyes went on about “our own struggling farmers,” Marta said yes, yes, yes, over and over again.",
			quote: "our own struggling farmers,",
			ok:    []string{"", "Reyes", "Governor Reyes"},
		},
	})
}

// An aside between commas (for one, for instance) stands between a speaker
// and the verb without ending the speaker's phrase.
func TestAsideBeforeVerb(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name:  "for one, called",
			text:  "The remark went too far for many, drawing charges that Dana Whitfield, for one, called “plain old fearmongering.”",
			quote: "plain old fearmongering.",
			ok:    []string{"Dana Whitfield"},
		},
		{
			name:  "for instance, told",
			text:  "Professor of nutrition Lena Ortiz, for instance, told the morning show, “Shaming never works.”",
			quote: "Shaming never works.",
			ok:    []string{"Lena Ortiz"},
		},
	})
}

// "state" before a title qualifies it (state Del. Anna Ruiz); it does not
// report, so the title is no speaker.
func TestStateBeforeTitle(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name:  "state Del.",
			text:  "“This is a big year for us,” the mayor's niece, state Del. Anna Ruiz (D-Richmond), shouted to the crowd.",
			quote: "This is a big year for us,",
			ok:    []string{"", "Anna Ruiz"},
		},
	})
}
