package quote

import "testing"

// An unnamed person opening a sentence between a name and a pronoun of
// their gender (or of none the noun tells) may be whom the pronoun stands
// for: the speaker is left empty rather than given the name ("Then a woman
// stood up. “…,” she shouted" gave the senator named before); so does a
// role with "the" that the article ties to no one or someone else (The
// governor, … promised help. “…,” she told residents gave the teacher
// named before). An unnamed person of the other gender, an object (told a
// reporter), a name's apposition (a senator from Ohio) or the role of the
// name itself (the senator, after Sen. Ruth Alvarez) leave the name.
func TestUnnamedPersonBetween(t *testing.T) {
	const opening = "Senator Ruth Alvarez spoke for an hour. "
	tests := []speakerWant{
		{"a woman stood up", opening + "Then a woman stood up. “You have betrayed all of us!” she shouted.", "You have betrayed all of us!", ""},
		{"after an opening phrase of time", opening + "Moments later, an elderly woman near the stage began to cry. “You have betrayed all of us!” she shouted.", "You have betrayed all of us!", ""},
		{"a person noun of no gender", opening + "A protester interrupted twice. “We will win this race,” she said.", "We will win this race,", ""},
		{"a man, for she", opening + "Then a man stood up to leave. “We will win this race,” she said.", "We will win this race,", "Ruth Alvarez"},
		{"an object", "Senator Ruth Alvarez spoke for an hour and told a reporter about the plan. “We will win this race,” she said.", "We will win this race,", "Ruth Alvarez"},
		{"an apposition", "Ruth Alvarez, a senator from Ohio, spoke for an hour. “We will win this race,” she said.", "We will win this race,", "Ruth Alvarez"},
		{"a partitive", opening + "One of the party's oldest members, Tom Ruiz, sat in the front row. “We will win this race,” she said.", "We will win this race,", "Ruth Alvarez"},
		{"a role no one was named with", "Their neighbor, Carla Ruiz, a retired teacher, has watched the town shrink.\n\nThe governor, who visited the town last month, promised help. “We will not abandon you,” she told residents.", "We will not abandon you,", ""},
		{"the role of the name before", "Sen. Ruth Alvarez spoke on Monday. The senator later took questions from reporters. “We will win this race,” she said.", "We will win this race,", "Ruth Alvarez"},
	}
	checkSpeakers(t, tests)
}
