package quote

import "testing"

// Speakers that were left empty though the text names them plainly: each
// case is a pattern of news copy whose attribution the rules did not read.
func TestRecoveredSpeakers(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []want
	}{
		{
			name: "a question mark closes the quotation, not the sentence",
			text: "Maria Lopez, the mayor of Riverton, spoke to reporters on Friday.\n\n" +
				"“Who pays for the new bridge if the state walks away?” Lopez told the Riverton Gazette in an interview published on Sunday.",
			want: []want{{parts: []string{"Who pays for the new bridge if the state walks away?"}, speaker: "Maria Lopez"}},
		},
		{
			name: "an exclamation mark closes the quotation, not the sentence",
			text: "“The great state of Vermont is proud to cast its votes!” State Senator Paul Dufresne said as he opened the roll call.",
			want: []want{{parts: []string{"The great state of Vermont is proud to cast its votes!"}, speaker: "Paul Dufresne"}},
		},
		{
			name: "after a full stop a name and a verb with more words open a new sentence",
			text: "“The bridge will be finished next year.” Lopez said the state had promised the money twice before and paid neither time.",
			want: []want{{parts: []string{"The bridge will be finished next year."}, speaker: ""}},
		},
		{
			name: "as someone put it",
			text: "The mill closed in March.\n\nOr, as Ruth Calder, a former union steward at the plant, put it: “They took the work and left us the bills.”",
			want: []want{{parts: []string{"They took the work and left us the bills."}, speaker: "Ruth Calder", cue: "put it"}},
		},
		{
			name: "as someone put it somewhere",
			text: "As the company's chief executive, Dana Whitcomb, put it in a letter to shareholders, “We are not for sale at any price.”",
			want: []want{{parts: []string{"We are not for sale at any price."}, speaker: "Dana Whitcomb", cue: "put it"}},
		},
		{
			name: "putting a thing somewhere reports nothing",
			text: "The clerk put it on the counter and waited. Then the manager arrived, “Closing time, folks.”",
			want: []want{{parts: []string{"Closing time, folks."}, speaker: ""}},
		},
		{
			name: "two apostrophes reopen a quotation in the next paragraph",
			text: "''Voters hear a lot of promises,'' Ms. Okafor said, sounding tired. ''And how are they to judge them? Are they real?\n\n" +
				"''That is why I show what each plan costs.''\n\nThe debate is on Tuesday.",
			want: []want{
				{parts: []string{"Voters hear a lot of promises,"}, speaker: "Okafor"},
				{parts: []string{"And how are they to judge them? Are they real?", "That is why I show what each plan costs."}, speaker: "Okafor"},
			},
		},
		{
			name: "three apostrophes close an inner and an outer quotation",
			text: "''I remember the day it first aired on 'Morning Report,''' said Dan Whitby, a former aide to the governor.\n\n" +
				"''It was the start of a long quarrel,'' Mr. Whitby added.",
			want: []want{
				{parts: []string{"I remember the day it first aired on 'Morning Report,'"}, speaker: "Dan Whitby"},
				{parts: []string{"It was the start of a long quarrel,"}, speaker: "Dan Whitby"},
			},
		},
		{
			name: "a relative clause inside the apposition",
			text: "Grace Odum, a longtime neighbor of the family who was sitting in the second row at the hearing on Monday, said, “Nobody here believed the first story.”",
			want: []want{{parts: []string{"Nobody here believed the first story."}, speaker: "Grace Odum"}},
		},
		{
			name: "a clause in the apposition without who is no apposition",
			text: "The review, the board was told last week, said, “The contract was never put out to tender.”",
			want: []want{{parts: []string{"The contract was never put out to tender."}, speaker: ""}},
		},
		{
			name: "before saying shares the clause's subject",
			text: "On Thursday, Gov. Alan Pryce dodged several questions about the budget before saying, “We will not raise taxes this year.”",
			want: []want{{parts: []string{"We will not raise taxes this year."}, speaker: "Alan Pryce"}},
		},
		{
			name: "someone named by age",
			text: "The former teacher stood at the lectern for twenty minutes.\n\n“I never thought I would run for anything,” said the 58-year-old. “Now here I am.”",
			want: []want{
				{parts: []string{"I never thought I would run for anything,"}, speaker: "the 58-year-old"},
				{parts: []string{"Now here I am."}, speaker: "the 58-year-old"},
			},
		},
		{
			name: "a description with a senior official in it",
			text: "Officials disagree on what the troops will do. “This is not a combat mission,” one senior defense official said, speaking on the condition of anonymity. “This is to train partners.”",
			want: []want{
				{parts: []string{"This is not a combat mission,"}, speaker: "one senior defense official"},
				{parts: []string{"This is to train partners."}, speaker: "one senior defense official"},
			},
		},
		{
			name: "a clause of time after the quotation has no speaker",
			text: "The ad closes on a clip of Mayor Dana Holt saying at the forum, “That is just good business,” when Hector Ruiz blasted him over the tax bill.",
			want: []want{{parts: []string{"That is just good business,"}, speaker: "Dana Holt"}},
		},
		{
			name: "an attribution after a clause of cause",
			text: "“The ruling is stunning,” since so many cases were decided by one vote, said Lena Ortiz, who teaches law at Tulane.",
			want: []want{{parts: []string{"The ruling is stunning,"}, speaker: "Lena Ortiz"}},
		},
		{
			name: "a dash attribution with an initial is read, not the previous speaker's",
			text: "“The most unqualified man to ever run.” ― Marco Reyes\n" +
				"“He woke our communities from their slumber, and we will answer at the polls!” ― Ana A. Ortiz Vega.",
			want: []want{
				{parts: []string{"The most unqualified man to ever run."}, speaker: "Marco Reyes"},
				{parts: []string{"He woke our communities from their slumber, and we will answer at the polls!"}, speaker: "Ana A. Ortiz Vega"},
			},
		},
		{
			name: "a plural title before a list of names",
			text: "Among those invited are Senators Ruth Calloway, the committee's chair, and Tom Brandt.\n\n" +
				"“We expect answers by Friday,” Ms. Calloway said.",
			want: []want{{parts: []string{"We expect answers by Friday,"}, speaker: "Ruth Calloway"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkQuotes(t, tt.text, tt.want)
		})
	}
}

// Words next to a name that are not the speaker's: a German clause opened
// by its object, and the Russian body a person heads in the genitive.
func TestObjectAndGenitiveAreNoSpeakers(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []want
	}{
		{
			name: "a German object opening the clause is no speaker",
			text: "Den Satz wiederholte er am Abend vor den Delegierten: „Wir lassen niemanden zurück.“",
			want: []want{{parts: []string{"Wir lassen niemanden zurück."}, speaker: ""}},
		},
		{
			name: "a German object with an adjective is no speaker",
			text: "Den letzten Absatz schrieb sie selbst: „Die Schule bleibt offen.“",
			want: []want{{parts: []string{"Die Schule bleibt offen."}, speaker: ""}},
		},
		{
			name: "after a German object the subject follows the verb",
			text: "Diesen Brief schrieb Katrin Albers im Januar an den Stadtrat: „Die Schule bleibt offen.“",
			want: []want{{parts: []string{"Die Schule bleibt offen."}, speaker: "Katrin Albers"}},
		},
		{
			name: "a German object after the quotation is no speaker",
			text: "„Die Schule bleibt offen“, den Satz sagte die Bürgermeisterin dreimal.",
			want: []want{{parts: []string{"Die Schule bleibt offen"}, speaker: ""}},
		},
		{
			name: "a German passive says nothing, the reporting verb after the quotation does",
			text: "Die Studie zeigt, wie die Unterschiede mit einer einfachen Beziehung erklärt werden können. " +
				"„Wir haben jedes Teilchen einzeln betrachtet“, schildert Lena Brunner, die Erstautorin der Studie.",
			want: []want{{parts: []string{"Wir haben jedes Teilchen einzeln betrachtet"}, speaker: "Lena Brunner"}},
		},
		{
			name: "a German noun after a preposition is no speaker",
			text: "Am Telefon berichtet sie mir von einem Paket, das ihr jemand ins Büro geschickt hat, mit den Worten: „Wir müssen zusammenhalten.“",
			want: []want{{parts: []string{"Wir müssen zusammenhalten."}, speaker: ""}},
		},
		{
			name: "a Russian body in the genitive is not part of the name",
			text: "«Бюджет будет исполнен без дефицита», — заявил глава Минфина Антон Силуанов.",
			want: []want{{parts: []string{"Бюджет будет исполнен без дефицита"}, speaker: "Антон Силуанов"}},
		},
		{
			name: "a Russian body in the genitive before the verb",
			text: "Глава Минобороны Андрей Белоусов заявил: «Учения пройдут по плану».",
			want: []want{{parts: []string{"Учения пройдут по плану"}, speaker: "Андрей Белоусов"}},
		},
		{
			name: "a Russian patronymic stays in the name",
			text: "«Учения пройдут по плану», — сказал Сергей Кужугетович Шойгу.",
			want: []want{{parts: []string{"Учения пройдут по плану"}, speaker: "Сергей Кужугетович Шойгу"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkQuotes(t, tt.text, tt.want)
		})
	}
}

// A pronoun stands for the name that opens the narration just before its
// quotation, even when the article never shows that person's gender.
func TestPronounTakesTheNarrationsOpener(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []want
	}{
		{
			name: "a one-word name with a relative clause",
			text: "In her remarks, Okonkwo praised the volunteers: “You carried this city,” she said.\n\n" +
				"Meanwhile Zendaya, who was honored with the youth award, spoke about her first job. “Nobody owes you a break,” she said.",
			want: []want{
				{parts: []string{"You carried this city,"}, speaker: "Okonkwo"},
				{parts: []string{"Nobody owes you a break,"}, speaker: "Zendaya"},
			},
		},
		{
			name: "someone of unknown gender named inside the sentence",
			text: "Visitors left flowers at the gate all morning.\n\n" +
				"Darrel Quint took his son, Milo, to the gate on Sunday to show him where Ali trained.\n\n" +
				"He said: “He was the bravest man I ever saw.”",
			want: []want{{parts: []string{"He was the bravest man I ever saw."}, speaker: "Darrel Quint"}},
		},
		{
			name: "the reporting subject of the sentence, not its opener",
			text: "“We will win in March,” said Tom Reyes, the campaign manager.\n\n" +
				"Ted Cruz is the strongest debater in the field, Kowalczyk argues. “He has never lost an argument,” he said.",
			want: []want{
				{parts: []string{"We will win in March,"}, speaker: "Tom Reyes"},
				{parts: []string{"He has never lost an argument,"}, speaker: "Kowalczyk"},
			},
		},
		{
			name: "the subject after an opening phrase of place",
			text: "“We need the jobs back,” said Carl Voss, a retired welder.\n\n" +
				"At a rally in Marietta, Ohio, 58-year-old Dana Whitlock also railed against the trade deal, and explained what it had cost her town. “Half my street is for sale,” she said.",
			want: []want{
				{parts: []string{"We need the jobs back,"}, speaker: "Carl Voss"},
				{parts: []string{"Half my street is for sale,"}, speaker: "Dana Whitlock"},
			},
		},
		{
			name: "a pronoun opening the narration stands for the opener before it",
			text: "“He was the greatest,” said Andy Morrow, a promoter.\n\n" +
				"Track great Jordan Ellery remembered the champion as fun to be around. She saw him fight at the Garden in 1971 and again in 1999.\n\n" +
				"“He always whispered in my ear,” she said.",
			want: []want{
				{parts: []string{"He was the greatest,"}, speaker: "Andy Morrow"},
				{parts: []string{"He always whispered in my ear,"}, speaker: "Jordan Ellery"},
			},
		},
		{
			name: "a caption in the present tense is no narration",
			text: "“The rifle is fully functional,” Mr. Deane wrote in the listing.\n\n" +
				"Police officer Ray Ochoa holds up the rifle during the 2013 trial.\n\n" +
				"“The bidding opens on Thursday,” he added.",
			want: []want{
				{parts: []string{"The rifle is fully functional,"}, speaker: "Deane"},
				{parts: []string{"The bidding opens on Thursday,"}, speaker: "Deane"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkQuotes(t, tt.text, tt.want)
		})
	}
}
