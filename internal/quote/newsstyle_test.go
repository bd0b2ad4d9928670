package quote

import "testing"

// News passages in styles PolNeAR lacks (wire copy, AP titles, a press
// conference with several speakers, profiles interleaving two people,
// British "said Mr X", "said X, who …", "according to a statement from X",
// a quotation inside a quotation, "he added" after another man): every
// quotation is found and none is given a wrong name. Each quotation lists
// the speakers that are right (or, where the passage leaves it open, "").
func TestNewsStyles(t *testing.T) {
	type want struct {
		quote string
		ok    []string
	}
	tests := []struct {
		name, text string
		quotes     []want
	}{
		{
			name: "wire copy, said on Tuesday",
			text: "WASHINGTON (AP) — Senate Majority Leader Harold Jensen said on Tuesday that the spending bill would pass before the recess.\n" +
				"\n" +
				"\"We have the votes, and we will use them,\" Jensen said on Tuesday. \"Nobody wants a shutdown in August.\"\n" +
				"\n" +
				"The White House did not immediately respond. Rep. Maria Castillo, D-Texas, said the bill shortchanged border towns.\n" +
				"\n" +
				"\"This bill leaves my district behind,\" Castillo said in an interview.",
			quotes: []want{
				{"We have the votes, and we will use them,", []string{"Harold Jensen"}},
				{"Nobody wants a shutdown in August.", []string{"Harold Jensen"}},
				{"This bill leaves my district behind,", []string{"Maria Castillo"}},
			},
		},
		{
			name: "AP titles, she in a separate statement",
			text: "Treasury Secretary Alan Brooks told reporters Monday that the dollar's strength was a sign of confidence.\n" +
				"\n" +
				"\"Markets are telling us something,\" Brooks said. He added that the administration had no plans to intervene.\n" +
				"\n" +
				"Brooks spoke after a meeting with Federal Reserve Chair Ellen Marsh, who has warned about inflation for months.\n" +
				"\n" +
				"\"We remain vigilant,\" she said in a separate statement.",
			quotes: []want{
				{"Markets are telling us something,", []string{"Alan Brooks"}},
				{"We remain vigilant,", []string{"Ellen Marsh", ""}},
			},
		},
		{
			name: "press conference, several speakers",
			text: "At the news conference, Police Chief Dana Kerr took questions from reporters.\n" +
				"\n" +
				"Asked whether the suspect had been known to police, Kerr said: \"We are not going to discuss that today.\"\n" +
				"\n" +
				"Mayor Lionel Hart then stepped to the microphone. \"This city will not be intimidated,\" Hart said.\n" +
				"\n" +
				"A reporter asked when the road would reopen. \"Probably by the weekend,\" the chief said.\n" +
				"\n" +
				"Fire Commissioner Paula Nunez added: \"Our crews worked through the night.\"",
			quotes: []want{
				{"We are not going to discuss that today.", []string{"Dana Kerr"}},
				{"This city will not be intimidated,", []string{"Lionel Hart"}},
				{"Probably by the weekend,", []string{"Dana Kerr", "the chief"}},
				{"Our crews worked through the night.", []string{"Paula Nunez"}},
			},
		},
		{
			name: "profile of two siblings",
			text: "Grace Okafor opened her bakery in 1998 with a loan from her brother, Daniel.\n" +
				"\n" +
				"\"I didn't know anything about running a business,\" she said. \"I just knew how to bake.\"\n" +
				"\n" +
				"Daniel Okafor, now a lawyer in Atlanta, remembers it differently. \"She knew exactly what she was doing,\" he said. \"She had a plan on a napkin.\"\n" +
				"\n" +
				"The bakery now employs 40 people. \"We grew one oven at a time,\" Grace Okafor said.\n" +
				"\n" +
				"Her brother laughed at that. \"One oven and a lot of debt,\" he said.",
			quotes: []want{
				{"I didn't know anything about running a business,", []string{"Grace Okafor"}},
				{"I just knew how to bake.", []string{"Grace Okafor"}},
				{"She knew exactly what she was doing,", []string{"Daniel Okafor"}},
				{"She had a plan on a napkin.", []string{"Daniel Okafor"}},
				{"We grew one oven at a time,", []string{"Grace Okafor"}},
				{"One oven and a lot of debt,", []string{"Daniel Okafor", "Her brother", ""}},
			},
		},
		{
			name: "he added after a man who has spoken",
			text: "\"The plant will stay open through the winter,\" said Mark Feller, the company's chief executive.\n" +
				"\n" +
				"The union's president, Joe Danvers, had warned that 300 jobs were at risk and that workers would strike.\n" +
				"\n" +
				"\"We are pleased with the outcome,\" he added.",
			quotes: []want{
				{"The plant will stay open through the winter,", []string{"Mark Feller"}},
				{"We are pleased with the outcome,", []string{"Joe Danvers", "Mark Feller", ""}},
			},
		},
		{
			name: "said X, who",
			text: "\"It was a difficult season, but we learned a lot,\" said coach Brian Tully, who took over the team in March.\n" +
				"\n" +
				"\"The players never gave up,\" said Amy Chen, who captains the women's squad.",
			quotes: []want{
				{"It was a difficult season, but we learned a lot,", []string{"Brian Tully"}},
				{"The players never gave up,", []string{"Amy Chen"}},
			},
		},
		{
			name: "according to a statement from X",
			text: "The company denied wrongdoing. \"We have always complied with every regulation,\" according to a statement from chief executive Laura Pines.\n" +
				"\n" +
				"\"The allegations are baseless,\" according to a statement released by the Ministry of Defence.\n" +
				"\n" +
				"\"Safety is our highest priority,\" according to a letter signed by Gov. Ray Donnelly.",
			quotes: []want{
				{"We have always complied with every regulation,", []string{"Laura Pines"}},
				{"The allegations are baseless,", []string{"Ministry of Defence", "a statement", ""}},
				{"Safety is our highest priority,", []string{"Ray Donnelly"}},
			},
		},
		{
			name: "British, said Mr X",
			text: "The Chancellor struck a confident note in the Commons. \"The economy is turning the corner,\" said Mr Hammond.\n" +
				"\n" +
				"\"That is simply not true,\" said Mr McDonnell, the shadow chancellor, who accused the government of complacency.\n" +
				"\n" +
				"Sir Keir Starmer was more measured. \"We will study the figures carefully,\" he said.",
			quotes: []want{
				{"The economy is turning the corner,", []string{"Hammond"}},
				{"That is simply not true,", []string{"McDonnell"}},
				{"We will study the figures carefully,", []string{"Keir Starmer"}},
			},
		},
		{
			name: "a quote inside a quote",
			text: "Sen. Tom Harkin said Smith told him the deal was dead.\n" +
				"\n" +
				"\"He told me, 'It's over, there's nothing left to negotiate,'\" Harkin said.\n" +
				"\n" +
				"Lisa Grant, a spokeswoman for the senator, said the account was accurate.",
			quotes: []want{
				{"He told me, 'It's over, there's nothing left to negotiate,'", []string{"Tom Harkin"}},
			},
		},
		{
			name: "a friend of X said",
			text: "A friend of Carlos Mendez said the singer had been ill for weeks.\n" +
				"\n" +
				"\"He didn't want anyone to know,\" the friend said.\n" +
				"\n" +
				"Mendez's manager, Ruth Cole, declined to comment.",
			quotes: []want{
				{"He didn't want anyone to know,", []string{"the friend", ""}},
			},
		},
		{
			name: "governor and predecessor",
			text: "Governor Ellen Park signed the bill on Friday. Her predecessor, Frank Doyle, had vetoed a similar measure in 2014.\n" +
				"\n" +
				"\"This is a good day for working families,\" Park said at the signing.\n" +
				"\n" +
				"Doyle, reached by phone, was unimpressed. \"It's the same bill with a new coat of paint,\" he said.",
			quotes: []want{
				{"This is a good day for working families,", []string{"Ellen Park"}},
				{"It's the same bill with a new coat of paint,", []string{"Frank Doyle"}},
			},
		},
		{
			name: "Reuters, foreign minister",
			text: "LONDON (Reuters) - Britain's foreign minister, James Aldridge, said on Wednesday that talks with Iran would resume next month.\n" +
				"\n" +
				"\"We have made real progress,\" Aldridge told reporters in London, adding that sanctions would stay in place.\n" +
				"\n" +
				"Iran's foreign ministry spokesman, Nasser Kanani, said Tehran was ready to talk. \"The ball is in their court,\" Kanani said.",
			quotes: []want{
				{"We have made real progress,", []string{"James Aldridge"}},
				{"The ball is in their court,", []string{"Nasser Kanani"}},
			},
		},
		{
			name: "profile of a couple",
			text: "Mike Reyes, 54, lost his job at the mill last year. His wife, Teresa, works two shifts at a hospital.\n" +
				"\n" +
				"\"We're getting by,\" he said. \"But it's not the life we planned.\"\n" +
				"\n" +
				"Teresa Reyes said she worries most about their son. \"He wants to go to college, and I don't know how we'll pay,\" she said.",
			quotes: []want{
				{"We're getting by,", []string{"Mike Reyes"}},
				{"But it's not the life we planned.", []string{"Mike Reyes"}},
				{"He wants to go to college, and I don't know how we'll pay,", []string{"Teresa Reyes"}},
			},
		},
		{
			name: "study author and outside expert",
			text: "Dr. Anita Rao, who led the study, said the results surprised her team.\n" +
				"\n" +
				"\"We expected a small effect,\" Rao said. \"What we found was enormous.\"\n" +
				"\n" +
				"Other researchers were cautious. Dr. Paul Lin of Stanford University, who was not involved in the research, said the sample was small.\n" +
				"\n" +
				"\"It's an interesting result, but I'd want to see it replicated,\" he said.",
			quotes: []want{
				{"We expected a small effect,", []string{"Anita Rao"}},
				{"What we found was enormous.", []string{"Anita Rao"}},
				{"It's an interesting result, but I'd want to see it replicated,", []string{"Paul Lin"}},
			},
		},
		{
			name: "Q and opponent",
			text: "Q: Will you run again?\n" +
				"\n" +
				"\"I haven't decided,\" Sen. Maria Lopez told reporters after the vote. \"My family comes first.\"\n" +
				"\n" +
				"Her opponent, businessman Kyle Barnes, was quick to respond. \"She has decided,\" Barnes said. \"She just won't tell voters.\"",
			quotes: []want{
				{"I haven't decided,", []string{"Maria Lopez"}},
				{"My family comes first.", []string{"Maria Lopez"}},
				{"She has decided,", []string{"Kyle Barnes"}},
				{"She just won't tell voters.", []string{"Kyle Barnes"}},
			},
		},
		{
			name: "coach and quarterback",
			text: "The coach, Dan Marino, praised his quarterback after the game.\n" +
				"\n" +
				"\"He made every throw tonight,\" Marino said of Tyler Hicks, who passed for 300 yards.\n" +
				"\n" +
				"Hicks was more modest. \"The line gave me all day,\" he said.",
			quotes: []want{
				{"He made every throw tonight,", []string{"Dan Marino"}},
				{"The line gave me all day,", []string{"Tyler Hicks"}},
			},
		},
		{
			name: "witnesses, husband and wife",
			text: "Witnesses described a chaotic scene. \"People were running everywhere,\" said Janet Moore, who was shopping nearby.\n" +
				"\n" +
				"Her husband, Rick Moore, said he heard three shots.\n" +
				"\n" +
				"\"I grabbed my wife and we ran,\" he said.",
			quotes: []want{
				{"People were running everywhere,", []string{"Janet Moore"}},
				{"I grabbed my wife and we ran,", []string{"Rick Moore"}},
			},
		},
		{
			name: "according to a transcript",
			text: "\"We will not negotiate with terrorists,\" the president said in a televised address, according to a transcript released by the White House.\n" +
				"\n" +
				"Vice President Carla Diaz echoed the message on Sunday. \"Our resolve is unshaken,\" Diaz said.",
			quotes: []want{
				{"We will not negotiate with terrorists,", []string{"the president", ""}},
				{"Our resolve is unshaken,", []string{"Carla Diaz"}},
			},
		},
		{
			name: "chief executive and analyst",
			text: "Chief Executive Robert Hale said in a statement that the merger would close in June. \"This combination creates the leading company in our field,\" Hale said.\n" +
				"\n" +
				"Analysts were skeptical. \"The numbers don't add up,\" said Sandra Wu, an analyst at Morgan Stanley.\n" +
				"\n" +
				"Hale dismissed the concern. \"We have done our homework,\" he said in an interview.",
			quotes: []want{
				{"This combination creates the leading company in our field,", []string{"Robert Hale"}},
				{"The numbers don't add up,", []string{"Sandra Wu"}},
				{"We have done our homework,", []string{"Robert Hale"}},
			},
		},
		{
			name: "British, she added",
			text: "Mr Johnson told the BBC that his critics were wrong. \"I have always been honest with the public,\" Mr Johnson said.\n" +
				"\n" +
				"But Labour's deputy leader, Angela Rayner, said: \"He has been caught out again.\"\n" +
				"\n" +
				"\"The public can see through this,\" she added.",
			quotes: []want{
				{"I have always been honest with the public,", []string{"Johnson"}},
				{"He has been caught out again.", []string{"Angela Rayner"}},
				{"The public can see through this,", []string{"Angela Rayner"}},
			},
		},
		{
			name: "chief of staff speaks for the senator",
			text: "The senator's chief of staff, Mark Ellis, said the senator had not seen the letter.\n" +
				"\n" +
				"\"She was traveling all week,\" Ellis said. \"She'll respond when she's back.\"",
			quotes: []want{
				{"She was traveling all week,", []string{"Mark Ellis"}},
				{"She'll respond when she's back.", []string{"Mark Ellis"}},
			},
		},
		{
			name: "Korean surnames",
			text: "Kim told the committee that he had warned his superiors twice. Park, his deputy, backed that account.\n" +
				"\n" +
				"\"I sent two emails and made a phone call,\" Kim said.\n" +
				"\n" +
				"The agency's director, Lee Soo-min, said she never received them. \"There was no warning,\" Lee said.",
			quotes: []want{
				{"I sent two emails and made a phone call,", []string{"Kim"}},
				{"There was no warning,", []string{"Lee", "Lee Soo-min"}},
			},
		},
		{
			name: "nested and relational speakers",
			text: "Mayor Tom Ruiz said his aide, Carla Benton, had told him the money was gone. \"She said, 'There is nothing left,'\" Ruiz said.\n" +
				"\n" +
				"A friend of Tom Ruiz said the mayor had been stunned. \"He couldn't believe it,\" the friend said.\n" +
				"\n" +
				"A spokesman for Governor Ann Lee said: \"The governor is monitoring the situation.\"\n" +
				"\n" +
				"A lawyer for Mr. Ruiz, Paul Ortega, said the mayor had done nothing wrong.\n" +
				"\n" +
				"\"My client is cooperating fully,\" he said.",
			quotes: []want{
				{"She said, 'There is nothing left,'", []string{"Tom Ruiz"}},
				{"He couldn't believe it,", []string{"the friend", "A friend of Tom Ruiz", ""}},
				{"The governor is monitoring the situation.", []string{"A spokesman for Governor Ann Lee", ""}},
				{"My client is cooperating fully,", []string{"Paul Ortega"}},
			},
		},
		{
			name: "mayor, aide and spokeswoman",
			text: "Senator Ann Lee met Tom Ruiz, the mayor, on Monday. She said the city would get its money.\n" +
				"\n" +
				"Mr. Ruiz thanked her. \"We are grateful,\" he said.\n" +
				"\n" +
				"Then Lee's chief of staff, Dale Ortiz, told reporters the deal was done. \"It's final,\" Ortiz said.\n" +
				"\n" +
				"The governor's spokeswoman, Ellen Marsh, disputed that. \"Nothing is final until the governor signs,\" she said.",
			quotes: []want{
				{"We are grateful,", []string{"Tom Ruiz"}},
				{"It's final,", []string{"Dale Ortiz"}},
				{"Nothing is final until the governor signs,", []string{"Ellen Marsh"}},
			},
		},
		{
			name: "the Prime Minister in apposition",
			text: "The Prime Minister, Theresa May, said the deal was the best available. Her rival, Jeremy Corbyn, called it a failure.\n" +
				"\n" +
				"\"This is a deal that works for the whole country,\" she said.\n" +
				"\n" +
				"\"It is a botched deal,\" Mr Corbyn said.",
			quotes: []want{
				{"This is a deal that works for the whole country,", []string{"Theresa May", ""}},
				{"It is a botched deal,", []string{"Jeremy Corbyn"}},
			},
		},
		{
			name: "said X, who represents Y",
			text: "Tom Ruiz recalled the call from his boss. \"She said, 'You are fired,' and hung up on me,\" he said.\n" +
				"\n" +
				"\"We will appeal the ruling next week,\" said Lisa Grant, who represents Tom Ruiz and two other former employees.\n" +
				"\n" +
				"Ruiz's former boss, Ellen Marsh, declined to comment. Her lawyer, Paul Ortega, said: \"The dismissal was lawful.\"",
			quotes: []want{
				{"She said, 'You are fired,' and hung up on me,", []string{"Tom Ruiz"}},
				{"We will appeal the ruling next week,", []string{"Lisa Grant"}},
				{"The dismissal was lawful.", []string{"Paul Ortega"}},
			},
		},
		{
			name: "Kremlin and State Department",
			text: "MOSCOW (Reuters) - Kremlin spokesman Dmitry Peskov said on Tuesday that Moscow had not been consulted.\n" +
				"\n" +
				"\"Nobody asked us,\" Peskov told reporters on a conference call.\n" +
				"\n" +
				"Asked about the sanctions, U.S. State Department spokesman Ned Price said Washington would \"respond in kind.\" Price added: \"We have made our position clear.\"",
			quotes: []want{
				{"Nobody asked us,", []string{"Dmitry Peskov"}},
				{"respond in kind.", []string{"Ned Price"}},
				{"We have made our position clear.", []string{"Ned Price"}},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := map[string]string{}
			for _, q := range Extract(tc.text) {
				got[q.Text] = q.Speaker
			}
			listed := map[string]bool{}
			for _, w := range tc.quotes {
				listed[w.quote] = true
				sp, ok := got[w.quote]
				if !ok {
					t.Errorf("quotation %q not found", w.quote)
					continue
				}
				right := false
				for _, o := range w.ok {
					right = right || sp == o
				}
				if !right {
					t.Errorf("%q: speaker %q, want one of %q", w.quote, sp, w.ok)
				}
			}
			for q, sp := range got {
				if !listed[q] && sp != "" {
					t.Errorf("unexpected quotation %q given %q", q, sp)
				}
			}
		})
	}
}
