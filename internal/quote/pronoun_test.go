package quote

import "testing"

// A pronoun stands for the subject of the reporting clause it follows,
// and a definite role for the person the article names in it.
func TestPronounFollowsReportingClause(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []want
	}{
		{
			name: "role subject introduced with a name",
			text: "Kremlin spokesman Dmitry Peskov spoke to ABC's George Stephanopoulos on Sunday.\n\n" +
				"Stephanopoulos asked whether Moscow had tried to influence the vote. To this, the Kremlin spokesman assured that Russia never interferes.\n\n" +
				"“For more than a year, American audience have been a target for severe anti-Russian propaganda,” he said.",
			want: []want{{parts: []string{"For more than a year, American audience have been a target for severe anti-Russian propaganda,"}, speaker: "Dmitry Peskov"}},
		},
		{
			name: "role subject never named stays the role",
			text: "In an interview with George Stephanopoulos, the questions turned to the election.\n\n" +
				"To this, the Kremlin spokesman assured that Russia never interferes.\n\n" +
				"“For more than a year, American audience have been a target for severe anti-Russian propaganda,” he said.",
			want: []want{{parts: []string{"For more than a year, American audience have been a target for severe anti-Russian propaganda,"}, speaker: "the Kremlin spokesman"}},
		},
		{
			name: "two men named just before: empty rather than a guess",
			text: "John Miller met Robert Brown on Monday. Miller and Brown talked for an hour.\n\n" +
				"“We agreed on nothing at all today,” he said.",
			want: []want{{parts: []string{"We agreed on nothing at all today,"}, speaker: ""}},
		},
		{
			name: "short fragment carried by a reporting verb",
			text: "Asked about Trump and Putin, South Carolina Gov. Nikki Haley, blurted that \"there's no love\" in the relationship.",
			want: []want{{parts: []string{"there's no love"}, speaker: "Nikki Haley"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkQuotes(t, tt.text, tt.want)
		})
	}
}

// Attributions seen unread on unseen articles.
func TestMoreAttributions(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []want
	}{
		{
			name: "a reporting verb of manner",
			text: "The anchor tried to ask about immigration.\n\n“Go back to your network and sit down,” Trump barked at him.",
			want: []want{{parts: []string{"Go back to your network and sit down,"}, speaker: "Trump"}},
		},
		{
			name: "name with a party label between commas",
			text: "After winning the state primary, Gov. John Kasich (R-OH), said, “I’m getting ready to rent a covered wagon.”",
			want: []want{{parts: []string{"I’m getting ready to rent a covered wagon."}, speaker: "John Kasich"}},
		},
		{
			name: "two authors and a colon",
			text: "Mark Blumenthal and Jon Cohen: “The polls did not fail; they simply ended too early.”",
			want: []want{{parts: []string{"The polls did not fail; they simply ended too early."}, speaker: "Mark Blumenthal and Jon Cohen"}},
		},
		{
			name: "a possessive name owns the role, the later name speaks",
			text: "“This has to be the first time a candidate has done this,” said Clinton’s top foreign policy aide Jake Sullivan.",
			want: []want{{parts: []string{"This has to be the first time a candidate has done this,"}, speaker: "Jake Sullivan"}},
		},
		{
			name: "a possessive name with a role and no name: the role, not the owner",
			text: "“We will not comment on rumours about the schedule,” said Clinton’s spokesman.",
			want: []want{{parts: []string{"We will not comment on rumours about the schedule,"}, speaker: "Clinton’s spokesman"}},
		},
		{
			name: "a name, a description and the speaker's name",
			text: "“Anyone who refuses to follow the law should not serve,” said Cruz constituent Dan Golvach.",
			want: []want{{parts: []string{"Anyone who refuses to follow the law should not serve,"}, speaker: "Dan Golvach"}},
		},
		{
			name: "a reply with back: the nearest clause speaks",
			text: "After former Gov. Jerry Brown criticized her husband during a debate, Hillary shot back, “I suppose I could have stayed home and baked cookies.”",
			want: []want{{parts: []string{"I suppose I could have stayed home and baked cookies."}, speaker: "Hillary"}},
		},
		{
			name: "passive: the speaker follows by",
			text: "Sanders was asked by host Bill Maher, who supports him, “Now, you famously said you were tired of hearing about the emails?”",
			want: []want{{parts: []string{"Now, you famously said you were tired of hearing about the emails?"}, speaker: "Bill Maher"}},
		},
		{
			name: "passive without by: the subject is only asked",
			text: "Sanders was asked, “Will you endorse her before the convention?”",
			want: []want{{parts: []string{"Will you endorse her before the convention?"}, speaker: ""}},
		},
		{
			name: "a gerund after the quotation opens another clause",
			text: "Donald Trump has delivered a defense of “New York values,” saying the city embodied courage.",
			want: []want{{parts: []string{"New York values,"}, speaker: ""}},
		},
		{
			name: "a preposition ends the subject",
			text: "She was defending the organization against recent attacks, but admitted “one or two instances” where donations slipped through.",
			want: []want{{parts: []string{"one or two instances"}, speaker: ""}},
		},
		{
			name: "the sentence after a quotation is its attribution, not a new speaker",
			text: "“You have two billionaires who started a super PAC,” Hillary Clinton said, referencing a super PAC called Future45. “So they clearly think I will do what I say.”",
			want: []want{
				{parts: []string{"You have two billionaires who started a super PAC,"}, speaker: "Hillary Clinton"},
				{parts: []string{"So they clearly think I will do what I say."}, speaker: "Hillary Clinton"},
			},
		},
		{
			name: "an opening phrase is not the subject",
			text: "In line with his fellow Americans, Sen. Ted Cruz was also critical, telling reporters: “The comments today are typical of this administration.”",
			want: []want{{parts: []string{"The comments today are typical of this administration."}, speaker: "Ted Cruz"}},
		},
		{
			name: "a description with a preposition before the name and verb",
			text: "“They have to decide whether to feed themselves or their kids,” Fight for $15 organizing director Kendall Fells told Fox News.",
			want: []want{{parts: []string{"They have to decide whether to feed themselves or their kids,"}, speaker: "Kendall Fells"}},
		},
		{
			name: "a verb of manner after the quotation",
			text: "A man climbed onto his chair.\n\n“This is fantastic!” beamed Donald Hartley of Madison.",
			want: []want{{parts: []string{"This is fantastic!"}, speaker: "Donald Hartley"}},
		},
		{
			name: "a day in a description is no function word",
			text: "“There are invertebrates with more spine than the senator,” said a Wednesday caller to the local station.",
			want: []want{{parts: []string{"There are invertebrates with more spine than the senator,"}, speaker: "a Wednesday caller"}},
		},
		{
			name: "a description with a company name before the verb",
			text: "“We are shocked, he was a friend to us,” one Acme Amiens employee told French television.",
			want: []want{{parts: []string{"We are shocked, he was a friend to us,"}, speaker: "one Acme Amiens employee"}},
		},
		{
			name: "a comma before the name is no coordination",
			text: "Members of Congress have disavowed Trump, Helen Aguirre Ferre said on Monday. She pointed to the primary results.\n“I think that speaks volumes,” she said.",
			want: []want{{parts: []string{"I think that speaks volumes,"}, speaker: "Helen Aguirre Ferre"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkQuotes(t, tt.text, tt.want)
		})
	}
}

// The subject of a reporting verb named only by surname is a person for a
// later pronoun.
func TestSurnameSubject(t *testing.T) {
	checkQuotes(t, "Donald Trump went with the odds.\n\nCruz openly admitted that his pick was political. “With an eye to the primary, Carolina,” he said.",
		[]want{{parts: []string{"With an eye to the primary, Carolina,"}, speaker: "Cruz"}})
}

func TestClauseAfterVerbIsNoSpeaker(t *testing.T) {
	checkQuotes(t, "Trump said France had lost its identity.\n“France will always be France,” an angry Hollande retaliated.",
		[]want{{parts: []string{"France will always be France,"}, speaker: "Hollande"}})
	checkQuotes(t, "Mr. Manafort, citing “the unique magic of our campaign,” said the candidate could win in the fall.",
		nil) // a fragment no reporting verb carries: not "the candidate"'s
}

func TestColonIntroducesTheNextQuotation(t *testing.T) {
	checkQuotes(t, "The couple worried about the attacks.\n\n''We are refugees,'' Ms. Alawee said. ''We are not terrorists.'' Mr. Zahed said: ''The attack that happened today is the work of terrorists.''",
		[]want{
			{parts: []string{"We are refugees,"}, speaker: "Alawee"},
			{parts: []string{"We are not terrorists."}, speaker: "Alawee"},
			{parts: []string{"The attack that happened today is the work of terrorists."}, speaker: "Zahed"},
		})
}

func TestPossessiveIsNoClauseSubject(t *testing.T) {
	checkQuotes(t, "On television, Mr. Trump's campaign chairman, Paul Manafort, dismissed the criticism, calling it “nothing but talking points from the other side.”",
		[]want{{parts: []string{"nothing but talking points from the other side."}, speaker: "Paul Manafort"}})
}

func TestSentenceAdverbIsNoName(t *testing.T) {
	checkQuotes(t, "The debate began late.\n\nNonetheless, Donald Trump kept interrupting the moderator. “This is not how a debate works,” he said.",
		[]want{{parts: []string{"This is not how a debate works,"}, speaker: "Donald Trump"}})
}

func TestPlaceAfterPlaceIsNoSubject(t *testing.T) {
	checkQuotes(t, "At a recent event in Coralville, Iowa, Mr. Bush rejected the notion that he was part of the establishment.\n\n''I got married when I was 21 years old,'' he said.",
		[]want{{parts: []string{"I got married when I was 21 years old,"}, speaker: "Bush"}})
}

func TestSubjectAfterOpeningPhrase(t *testing.T) {
	checkQuotes(t, "“It is incredible that such a society could produce such candidates,” former Mexican President Felipe Calderon said.\n\n"+
		"Since launching his White House bid, Donald Trump has taken a firm stance against illegal immigration.\n\n"+
		"“When Mexico sends its people, they’re not sending their best,” he said.",
		[]want{
			{parts: []string{"It is incredible that such a society could produce such candidates,"}, speaker: "Felipe Calderon"},
			{parts: []string{"When Mexico sends its people, they’re not sending their best,"}, speaker: "Donald Trump"},
		})
}

func TestPhraseOfPlaceIsNoApposition(t *testing.T) {
	checkQuotes(t, "Sandy Phillips, who lost her daughter during the shooting in Aurora, Colorado, in July 2012, said that the senator had been disrespectful.\n\n“He promised to meet with us face to face,” she said.",
		[]want{{parts: []string{"He promised to meet with us face to face,"}, speaker: "Sandy Phillips"}})
}
