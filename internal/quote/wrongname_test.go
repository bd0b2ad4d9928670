package quote

import "testing"

// Rules that keep a wrong name out: each case is a pattern of news copy
// where a name other than the speaker's stood close to the quotation.
func TestNoWrongName(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []want
	}{
		{
			name: "a sentence's opening phrase is no speaker (Al respecto, Al final: not the name Al)",
			text: "La ministra de Vivienda presentó el plan el lunes en Santiago.\n\n" +
				"Al respecto, señaló: \"Este es un momento histórico para las familias\".\n\n" +
				"Al final, afirmó que \"todo saldrá bien\".\n\n" +
				"\"No vamos a subir los impuestos\", dijo Al Gore.",
			want: []want{
				{parts: []string{"Este es un momento histórico para las familias"}, speaker: ""},
				{parts: []string{"todo saldrá bien"}, speaker: ""},
				{parts: []string{"No vamos a subir los impuestos"}, speaker: "Al Gore"},
			},
		},
		{
			name: "a verb before a place makes no person of it",
			text: "(Mr. Grant was referring to his rival's account of coming under fire while visiting Bosnia, later admitting she had not.)\n\n" +
				"Mr. Grant said that even if new videos surfaced, he would not change his position. “I think my words represent strength,” he said.",
			want: []want{{parts: []string{"I think my words represent strength,"}, speaker: "Grant"}},
		},
		{
			name: "a place after a verb is no person for a pronoun",
			text: "The delegation spent the week touring Bosnia, where aid workers showed them the camps.\n\n" +
				"“It was the hardest week of my career,” she said.",
			want: []want{{parts: []string{"It was the hardest week of my career,"}, speaker: ""}},
		},
		{
			name: "a middle initial keeps a name a person's",
			text: "The senator from Ohio, Robert Kane, spoke on Tuesday.\n\n" +
				"Donald J. Whitfield said he would not change his position on the tariff. “My words represent strength,” he said.",
			want: []want{{parts: []string{"My words represent strength,"}, speaker: "Donald J. Whitfield"}},
		},
		{
			name: "a pronoun does not reach back over a live report's time stamp",
			text: "“We will win this state,” said Maria Gonzalez, a campaign volunteer.\n\n___\n\n4:10 p.m.\n\n" +
				"The crowd in Nashua waited two hours in the cold.\n\n“This is the most exciting race of my lifetime,” she said.",
			want: []want{{parts: []string{"We will win this state,"}, speaker: "Maria Gonzalez"},
				{parts: []string{"This is the most exciting race of my lifetime,"}, speaker: ""}},
		},
		{
			name: "a people is no person",
			text: "Secretary of State John Kerry said the Iranians released by the United States were close to finishing their sentences. " +
				"“What we gave up were people who were about to get out anyway,” he told Fox News.",
			want: []want{{parts: []string{"What we gave up were people who were about to get out anyway,"}, speaker: "John Kerry"}},
		},
		{
			name: "a place in apposition is no person",
			text: "Both candidates visited Wilmington, the state's biggest city, on Monday. Turnout was expected to be light.\n\n" +
				"“I want to mention someone who is not here tonight,” she said.",
			want: []want{{parts: []string{"I want to mention someone who is not here tonight,"}, speaker: ""}},
		},
		{
			name: "a name inside a quotation gives no fuller form",
			text: "Trump said, “Working that microphone was harder than working Crooked Hillary Clinton.”\n\n" +
				"Clinton answered on Twitter on Friday. She tweeted: “When something gets under his skin, he lashes out.”",
			want: []want{{parts: []string{"Working that microphone was harder than working Crooked Hillary Clinton."}, speaker: "Trump"},
				{parts: []string{"When something gets under his skin, he lashes out."}, speaker: "Clinton"}},
		},
		{
			name: "an item's title is no name",
			text: "12\n\nUnivision Anchor Expressed Fear For Her Daughter\n\nThe network fired a host over his remarks, and its evening anchor answered with a letter. " +
				"“As part of a minority within a minority, I am concerned,” she tweeted.",
			want: []want{{parts: []string{"As part of a minority within a minority, I am concerned,"}, speaker: "its evening anchor"}},
		},
		{
			name: "a name after a verb is its object, not a subject",
			text: "“We want this gun off the market,” said Laura Fenwick, a spokeswoman for the family.\n\n" +
				"George Pratt is selling the rifle he used to shoot Trevor Martin, an unarmed teenager, during a 2012 confrontation.\n\n" +
				"“I'm a free American,” he told a local station.",
			want: []want{{parts: []string{"We want this gun off the market,"}, speaker: "Laura Fenwick"},
				{parts: []string{"I'm a free American,"}, speaker: "George Pratt"}},
		},
		{
			name: "someone who may be a woman opens the narration before: she, not the man quoted before",
			text: "“He was the greatest, and he knew it,” said Andy Morrow, a boxing promoter.\n\n" +
				"Billie Jean Kaye, a tennis great, remembered the champion as fun to be around, and saw him fight at the Garden in 1971.\n\n" +
				"“He always whispered in my ear,” she said.",
			want: []want{{parts: []string{"He was the greatest, and he knew it,"}, speaker: "Andy Morrow"},
				{parts: []string{"He always whispered in my ear,"}, speaker: "Billie Jean Kaye"}},
		},
		{
			name: "a state between the speaker and the pronoun does not hide him",
			text: "Sen. Mark Udall spoke at a rally in Colorado on Monday. Colorado has voted for Democrats in recent years.\n\n" +
				"“We will win this state again,” he said.",
			want: []want{{parts: []string{"We will win this state again,"}, speaker: "Mark Udall"}},
		},
		{
			name: "the name before of speaks, not the state after it",
			text: "“There is no place for this in our party,” former Gov. Jeb Barton of Florida said on Twitter.",
			want: []want{{parts: []string{"There is no place for this in our party,"}, speaker: "Jeb Barton"}},
		},
		{
			name: "a possessive is no subject",
			text: "“We will keep fighting for these workers,” said Maria Lopez, a union organizer.\n\n" +
				"Jordan Blake's remarks drew criticism from both parties on Monday.\n\n“No one should talk like that,” she said.",
			want: []want{{parts: []string{"We will keep fighting for these workers,"}, speaker: "Maria Lopez"},
				{parts: []string{"No one should talk like that,"}, speaker: "Maria Lopez"}},
		},
		{
			name: "a name with 's for has is a subject",
			text: "Chris Christie's been making the case for weeks that the senator is not ready.\n\n" +
				"“You have not been involved in a consequential decision,” he said.",
			want: []want{{parts: []string{"You have not been involved in a consequential decision,"}, speaker: "Chris Christie"}},
		},
		{
			name: "a relative described before the name is a subject",
			text: "“He will get us into a war,” said Jesse Elkin, 68, a Vietnam veteran.\n\n" +
				"His cousin James York, 40, cited the candidate's fondness for strongmen as a danger. “That worries me,” he said.",
			want: []want{{parts: []string{"He will get us into a war,"}, speaker: "Jesse Elkin"},
				{parts: []string{"That worries me,"}, speaker: "James York"}},
		},
		{
			name: "a home town between commas describes the name before it",
			text: "Johnnie Walsh, of Springfield, Va., said he had fought in Vietnam. “We made major contributions to America,” he said.",
			want: []want{{parts: []string{"We made major contributions to America,"}, speaker: "Johnnie Walsh"}},
		},
		{
			name: "a name after a is no subject of the noun after it, and a role governs a preposition",
			text: "The 30-second spot features a New York Times report from the weekend. “You work hard. You pay your taxes,” a narrator in the ad asks.",
			want: []want{{parts: []string{"You work hard. You pay your taxes,"}, speaker: "a narrator in the ad"}},
		},
		{
			name: "a woman named just before makes a speaker of unknown gender a guess",
			text: "“The losses would outstrip the gains for some,” said Lee Batchelder, a tax expert.\n\n" +
				"It has become a major issue in the campaign, with Hillary Rodham lambasting the plan.\n\n" +
				"“It would be trickle-down economics all over again,” she said in the first debate.",
			want: []want{{parts: []string{"The losses would outstrip the gains for some,"}, speaker: "Lee Batchelder"},
				{parts: []string{"It would be trickle-down economics all over again,"}, speaker: ""}},
		},
		{
			name: "a name after a verb in an opening clause is no speaker",
			text: "In response to the governor's proposal to bar refugees from entering the United States, the senator's top aide rallied supporters, saying: “We have to be ready to stop him.”",
			want: []want{{parts: []string{"We have to be ready to stop him."}, speaker: ""}},
		},
		{
			name: "a body after a preposition and an article is no speaker",
			text: "The first incident came during a speech at the State University of New York, when protesters interrupted her speech, shouting “She wins, we lose!”",
			want: []want{{parts: []string{"She wins, we lose!"}, speaker: ""}},
		},
		{
			name: "a preposition opening a sentence is no name, and a worker named someone is a subject",
			text: "“We will not move production,” said Carl Rubel, a company spokesman.\n\n" +
				"Outside Acme's plant in the suburb of Santa Catarina, a worker named Antonio Arroyo has nothing but praise for his job. " +
				"“The atmosphere is relaxed,” he said.",
			want: []want{{parts: []string{"We will not move production,"}, speaker: "Carl Rubel"},
				{parts: []string{"The atmosphere is relaxed,"}, speaker: "Antonio Arroyo"}},
		},
		{
			name: "whom it was told is no speaker",
			text: "“It's his general position, and it is coherent,” the Vatican spokesman, Federico Lombardi, told Vatican Radio.",
			want: []want{{parts: []string{"It's his general position, and it is coherent,"}, speaker: "Federico Lombardi"}},
		},
		{
			name: "her as an object gives the name before it no gender",
			text: "“Hostile actors gained access to the accounts,” said James Comey, the FBI director.\n\n" +
				"President Obama backed her up in an interview last October. “I don't think it posed a national security problem,” he said.",
			want: []want{{parts: []string{"Hostile actors gained access to the accounts,"}, speaker: "James Comey"},
				{parts: []string{"I don't think it posed a national security problem,"}, speaker: "Obama"}},
		},
		{
			name: "a name inside a sentence whose subject is the pronoun already",
			text: "Mr. Lou said there was nothing wrong with the Treasury secretary's raising the problem in the talks. " +
				"But he suggested that Mr. Lew had his eyes on critics back home. “He has to show he is tough,” he said.",
			want: []want{{parts: []string{"He has to show he is tough,"}, speaker: "Lou"}},
		},
		{
			name: "a name after but and before an auxiliary opens a clause",
			text: "“He knows exactly what he is doing,” said Marco Rubio.\n\n" +
				"The moderators were ready to move on, but Chris Christie wasn't having it.\n\n" +
				"“You see, everybody, that is what Washington does,” he said.",
			want: []want{{parts: []string{"He knows exactly what he is doing,"}, speaker: "Marco Rubio"},
				{parts: []string{"You see, everybody, that is what Washington does,"}, speaker: "Chris Christie"}},
		},
		{
			name: "a name after its role noun and before an auxiliary is a subject",
			text: "Mitch McConnell has said the Senate will take its time.\n\n" +
				"McConnell spokesman Don Stewart wouldn't say when the Senate will vote on the nominees.\n\n" +
				"“I don't have any new announcements yet,” he said.",
			want: []want{{parts: []string{"I don't have any new announcements yet,"}, speaker: "Don Stewart"}},
		},
		{
			name: "a name after an opening phrase and before an auxiliary is a subject",
			text: "“To bring them here is a suspension of intellect,” Mr. Carson declared Sunday.\n\n" +
				"The day before, at a rally in Beaumont, Tex., Mr. Trump was just as blunt. “You'd have to be insane,” he said.",
			want: []want{{parts: []string{"To bring them here is a suspension of intellect,"}, speaker: "Carson"},
				{parts: []string{"You'd have to be insane,"}, speaker: "Trump"}},
		},
		{
			name: "a columnist named after her paper is the subject",
			text: "Republican candidates, including Carly Fiorina, have followed his lead, though Mrs. Fiorina said she doubted voters would care.\n\n" +
				"The Washington Post columnist Ruth Marcus has been critical of Mr. Trump. “Trump has smeared women because of their looks,” she wrote.",
			want: []want{{parts: []string{"Trump has smeared women because of their looks,"}, speaker: "Ruth Marcus"}},
		},
		{
			name: "no clause subject inside what is reported",
			text: "Retired Gen. Norman Ham is speaking out about why he believes GOP nominee Donald Trump has the best plan for the military.\n\n" +
				"“It was demoralizing to work for Obama,” he told the host.",
			want: []want{{parts: []string{"It was demoralizing to work for Obama,"}, speaker: "Norman Ham"}},
		},
		{
			name: "the person a sentence opening with To gives the view of",
			text: "“I think he will do great things,” Ada Fisher said.\n\n" +
				"To Florida consultant Rick Wilson, the official party line on Trump is just plain silly.\n\n" +
				"“This is them trying to whistle past the graveyard,” he said.",
			want: []want{{parts: []string{"I think he will do great things,"}, speaker: "Ada Fisher"},
				{parts: []string{"This is them trying to whistle past the graveyard,"}, speaker: "Rick Wilson"}},
		},
		{
			name: "no other subject in a sentence opening with For and a name",
			text: "Kevin Williamson wrote that the white working class had failed itself.\n\n" +
				"For Jonathan Chait, Williamson is exposing the perverse moral logic of hardline libertarianism. " +
				"“The marketplace hasn't failed the white working class,” he mocks.",
			want: []want{{parts: []string{"The marketplace hasn't failed the white working class,"}, speaker: "Jonathan Chait"}},
		},
		{
			name: "a thing that cannot speak is no speaker",
			text: "Brafman, however, could not have been more delighted. His face darted from side to side, his eyes gleaming, " +
				"as if to say, “Did you see me pull that off?”\n\n" +
				"Vigo County has only miscalculated twice since 1888. That record prompted the atlas, which examines bellwether counties, " +
				"to state, “Vigo County is the most prominent bellwether of presidential elections in the country.”",
			want: []want{{parts: []string{"Did you see me pull that off?"}, speaker: ""},
				{parts: []string{"Vigo County is the most prominent bellwether of presidential elections in the country."}, speaker: ""}},
		},
		{
			name: "a description of a writing or of a person stays the speaker",
			text: "“We will not be intimidated,” the statement said. “Our members stand together,” one Latino conservative told reporters.",
			want: []want{{parts: []string{"We will not be intimidated,"}, speaker: "the statement"},
				{parts: []string{"Our members stand together,"}, speaker: "one Latino conservative"}},
		},
		{
			name: "a last name the article gives two people stays the last name",
			text: "Jeb Bush campaigned in South Carolina with his brother, former President George W. Bush, on Monday.\n\n" +
				"“He is the most qualified person on this stage,” Bush said of his brother. Hillary Clinton and Bill Clinton were in Nevada. " +
				"“We are going to win this,” Hillary Clinton said.",
			want: []want{{parts: []string{"He is the most qualified person on this stage,"}, speaker: "Bush"},
				{parts: []string{"We are going to win this,"}, speaker: "Hillary Clinton"}},
		},
		{
			name: "in a round-up the name between a dash and the colon speaks",
			text: "Pollsters agree - Carl Bialik: “One of the biggest lessons was a simple one: keep on contacting voters as late as possible.” [538]\n\n" +
				"The demographic interplay has been important for Republican contests - Philip Bump: “Two weeks ago, his strongest territory had been the South.”",
			want: []want{{parts: []string{"One of the biggest lessons was a simple one: keep on contacting voters as late as possible."}, speaker: "Carl Bialik"},
				{parts: []string{"Two weeks ago, his strongest territory had been the South."}, speaker: "Philip Bump"}},
		},
		{
			name: "a reporting verb after an article and before a noun is no verb",
			text: "Gov. Chris Christie of New Jersey, a Trump ally, rebounded with a call to arms against Mrs. Clinton.\n\n" +
				"Casting himself as her prosecutor in a mock trial, Mr. Christie roused the crowd to spontaneous chants of “Lock her up!”",
			want: []want{{parts: []string{"Lock her up!"}, speaker: ""}},
		},
		{
			name: "a reply with back after the quotation",
			text: "“Look at all these Bernie supporters here,” Paradis said with a smirk, looking over at Bennett.\n\n" +
				"“They're all here because he's promising to give them all this free stuff,” Bennett shot back with a laugh.",
			want: []want{{parts: []string{"Look at all these Bernie supporters here,"}, speaker: "Paradis"},
				{parts: []string{"They're all here because he's promising to give them all this free stuff,"}, speaker: "Bennett"}},
		},
		{
			name: "a he opening the next sentence outweighs a she in what was told",
			text: "“She used to give lectures,” Mariam Emara told CNN.\n\n" +
				"Monique Dalle, a member of the congregation, was traveling to Cairo. Dexter Wakefield, a minister with the church in North Carolina, " +
				"told the paper that she was a regular at their congregation. He said her family asked for privacy. " +
				"“She's a very pleasant and outgoing woman dedicated to her faith,” he added.",
			want: []want{{parts: []string{"She used to give lectures,"}, speaker: "Mariam Emara"},
				{parts: []string{"She's a very pleasant and outgoing woman dedicated to her faith,"}, speaker: "Dexter Wakefield"}},
		},
		{
			name: "a month shortened in a dateline is no name",
			text: "WASHINGTON, Dec. 8 (UPI) — In response to the proposal to bar Muslims from entering the United States, " +
				"Hillary Clinton's right-hand woman rallied supporters, saying: “We have to be ready to stop him.”",
			want: []want{{parts: []string{"We have to be ready to stop him."}, speaker: ""}},
		},
		{
			name: "a name before a group's noun describes the group",
			text: "Hillary Clinton aggressively took on protesters loyal to her opponent Sen. Bernie Sanders on Thursday. " +
				"The first incident came during a speech at the State University of New York, when Sanders protesters interrupted her speech, " +
				"shouting “she wins, we lose!”",
			want: []want{{parts: []string{"she wins, we lose!"}, speaker: "Sanders protesters"}},
		},
		{
			name: "the subject of what is reported is no antecedent",
			text: "The conservative radio host Hugh Hewitt challenged Donald Trump about this line of attack.\n\n" +
				"“I don't care. He was the founder,” Trump said.\n\n" +
				"Hewitt argued that liberals allowed terrorism to flourish, but suggested Trump went too far.\n\n" +
				"“But by using the term, they're hitting you on this again. Mistake?” he asked.",
			want: []want{{parts: []string{"I don't care. He was the founder,"}, speaker: "Donald Trump"},
				{parts: []string{"But by using the term, they're hitting you on this again. Mistake?"}, speaker: "Hugh Hewitt"}},
		},
		{
			name: "the subject of a clause of cause is no antecedent; the sentence's subject is",
			text: "Ms. Carver said the studio wanted the old cast back.\n\n" +
				"Mr. Olsen said he signed on only because Mr. Drake agreed to direct. (“We asked the old writers to come back as well,” he said.)",
			want: []want{{parts: []string{"We asked the old writers to come back as well,"}, speaker: "Olsen"}},
		},
		{
			name: "a sentence opened by a clause of time has no subject to stand for",
			text: "“The outreach feels forced to me,” said Mr. Lang, a county organizer.\n\n" +
				"While Mr. Obama had famous friends recording songs for him, that is not happening this year, which worries Peter Brandt, chairman of the local party.\n\n" +
				"“Nobody is writing songs for her,” he said.",
			want: []want{{parts: []string{"The outreach feels forced to me,"}, speaker: "Lang"},
				{parts: []string{"Nobody is writing songs for her,"}, speaker: ""}},
		},
		{
			name: "a role ties no one introduced in an earlier item of a list",
			text: "4\nNadia Ferro Talked About Being Called \"Exotic.\"\n\nGetty.\n\n" +
				"\"Night Shift\" star Nadia Ferro opened up about being described as \"exotic\" in a magazine profile. The actress explained why the word is a backhanded compliment.\n\n" +
				"5\nCarla Mendes Asked Men To Rethink Their Names.\n\nGetty.\n\n" +
				"Fans were stunned when Carla Mendes said her husband had taken her name. After the news spread, the \"Harbor\" star posted a long message on her page: " +
				"\"Men, you will not vanish by taking your partner's name,\" she wrote.",
			want: []want{{parts: []string{"Men, you will not vanish by taking your partner's name,"}, speaker: ""}},
		},
		{
			name: "a reporting clause with its subject after the verb gives a later pronoun its person",
			text: "“Turnout will be high,” said Sean Mills, a party strategist.\n\n" +
				"The debates rarely change a race this late, noted CBS’s Aldo Ferrante.\n\n" +
				"“By then most voters have made up their minds,” he wrote.",
			want: []want{{parts: []string{"Turnout will be high,"}, speaker: "Sean Mills"},
				{parts: []string{"By then most voters have made up their minds,"}, speaker: "Aldo Ferrante"}},
		},
		{
			name: "… but not when someone of the pronoun's gender is named since",
			text: "Some families would pay more under the plan, said Lily Marsh.\n\n" +
				"It has become an issue in the race, with Hillary Clinton lambasting the plan.\n\n" +
				"“It is the same old story,” she said in the debate.",
			want: []want{{parts: []string{"It is the same old story,"}, speaker: ""}},
		},
		{
			name: "a name after a participle is its object, not the speaker",
			text: "“The crowd was bigger than anyone expected,” Tom Baxter said. Rural voters backing Kessler announced " +
				"“a new mood, and that is what everyone here talked about for weeks. Nobody saw it coming.”",
			want: []want{{parts: []string{"The crowd was bigger than anyone expected,"}, speaker: "Tom Baxter"},
				{parts: []string{"a new mood, and that is what everyone here talked about for weeks. Nobody saw it coming."}, speaker: "Rural voters"}},
		},
		{
			name: "a quotation set off by dashes after a name is that person's, not the sentence subject's",
			text: "A chorus of prominent economists has said the same thing, including the former Fed governor Alan Brisk -- " +
				"''Raising rates now would be a serious mistake for the economy'' -- and the bank's own research staff.",
			want: []want{{parts: []string{"Raising rates now would be a serious mistake for the economy"}, speaker: "Alan Brisk"}},
		},
		{
			name: "… but not after a name that is a verb's object",
			text: "The economists have said so for months. The mayor hired Alan Brisk -- ''That was a serious mistake for the city, believe me'' -- in May.",
			want: []want{{parts: []string{"That was a serious mistake for the city, believe me"}, speaker: ""}},
		},
		{
			name: "a numbered item's title gives no fuller name",
			text: "9 (More) Rude Things Dana Whitlock Has Said About Cats.\n\n" +
				"Dana Whitlock spoke at a rally in Ohio on Monday. “Cats are overrated and everyone knows it,” Whitlock said.",
			want: []want{{parts: []string{"Cats are overrated and everyone knows it,"}, speaker: "Dana Whitlock"}},
		},
		{
			name: "the subject of a clause of concession is the sentence's only person",
			text: "The rents on the block have doubled since 2012.\n\n" +
				"Though Ms. Ortega has spent all her life on the block, the new buildings have brought more police, she said. " +
				"“Now they ask me for ID in my own lobby,” she said.",
			want: []want{{parts: []string{"Now they ask me for ID in my own lobby,"}, speaker: "Ortega"}},
		},
		{
			name: "a place after a preposition and its article is no person",
			text: "The rents on the block have doubled since 2012.\n\n" +
				"Though Ms. Ortega has spent all her life in the Washington Heights neighborhood, the new buildings have brought more police, she said. " +
				"“Now they ask me for ID in my own lobby,” she said.",
			want: []want{{parts: []string{"Now they ask me for ID in my own lobby,"}, speaker: "Ortega"}},
		},
		{
			name: "a reporting verb's bare form after a possessive description is a noun",
			text: "Jo Hale, the head of a watchdog group, charged that the mayor hid the records because they appeared to contradict her official pledge in 2019 to stay out of the deal.\n\n" +
				"The records show, she said in an interview, that “the city and the developer worked hand in hand on the zoning.”\n\n" +
				"“There was no line between them at all, and that broke her promise,” she added.",
			want: []want{{parts: []string{"the city and the developer worked hand in hand on the zoning."}, speaker: "Jo Hale"},
				{parts: []string{"There was no line between them at all, and that broke her promise,"}, speaker: "Jo Hale"}},
		},
		{
			name: "a sentence opened by its reporting verb names the speaker after it",
			text: "The small house on Elm Street became a museum last year.\n\n" +
				"Said Dora Pratt, who grew up with him on the street, “We were all so proud of him back then.”",
			want: []want{{parts: []string{"We were all so proud of him back then."}, speaker: "Dora Pratt"}},
		},
		{
			name: "a pronoun after a quotation introduced by a colon stands for the opener of the clause before it",
			text: "“You answer it when someone asks you a question,” Gov. Holt said recently.\n\n" +
				"C. Dwyer Lane, who served as counsel under Gov. Holt's predecessor, George Brandt, ticked through the code of conduct: " +
				"“Good manners were simply assumed,” he said.",
			want: []want{{parts: []string{"You answer it when someone asks you a question,"}, speaker: "Holt"},
				{parts: []string{"Good manners were simply assumed,"}, speaker: "C. Dwyer Lane"}},
		},
		{
			name: "in someone's words names whose words the quotation is",
			text: "“Prices will rise next year,” said Dana Whitlock, an economist at the bank. The fair moved to Lyon this spring because, in Fortune’s words, " +
				"“it is the most inventive city on the continent, with more startups per head than anywhere.”",
			want: []want{{parts: []string{"Prices will rise next year,"}, speaker: "Dana Whitlock"},
				{parts: []string{"it is the most inventive city on the continent, with more startups per head than anywhere."}, speaker: "Fortune"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkQuotes(t, tt.text, tt.want)
		})
	}
}
