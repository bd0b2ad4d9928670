package quote

import "testing"

// Wrong names in styles PolNeAR has little of (wire copy, British and
// broadcast reports): a new sentence whose verb runs on into the next
// quotation is that quotation's attribution, not the one before (…,
// saying it would “…” Opposition leader Jeremy Corbyn called it “…” gave
// Corbyn the minister's words; Japan branded … Russia insisted that …
// gave Russia Japan's); a reporter's name before "in" and a place (The
// BBC's Jane Smith in Lagos says gave "Lagos"); a place after "in" and a
// lower-case word (a spokesman for the mayor in Denver said gave
// "Denver").
func TestWireStyleNames(t *testing.T) {
	tests := []speakerWant{
		{"next sentence's verb", "The minister defended the budget on Tuesday. Her deputy, Tom Hale, said it would “protect the poorest households in the country.” Opposition leader Jeremy Corbyn called it “a con on working families.”", "protect the poorest households in the country.", "Tom Hale"},
		{"next sentence's verb, its own quotation", "The minister defended the budget on Tuesday. Her deputy said it would “protect the poorest households in the country.” Opposition leader Jeremy Corbyn called it “a con on working families.”", "a con on working families.", "Jeremy Corbyn"},
		{"one country after another", "Norway branded the test “a reckless provocation in the region.” Chile insisted that the state “halt its dangerous launches.”", "a reckless provocation in the region.", "Norway"},
		{"a bare attribution after a closed sentence", "“We will not waver in this,” Kishida told reporters. “We stand with our allies.”", "We will not waver in this,", "Kishida"},
		{"a reporter in a place", "The BBC's Jane Smith in Lagos says the mood is “tense but calm across the city.”", "tense but calm across the city.", "Jane Smith"},
		{"a person in a place, after", "“The vote is too close to call,” said Maria Lopez in Denver.", "The vote is too close to call,", "Maria Lopez"},
		{"a place after a lower-case word", "A spokesman for the mayor in Denver said the plan was “under review by the council.”", "under review by the council.", "A spokesman"},
		{"a place at a rally", "The crowd at the rally in Dayton chanted “lock him up now” for minutes.", "lock him up now", "The crowd"},
	}
	checkSpeakers(t, tests)
}

// A place right after a preposition is no part of the name that follows
// it (Earlier in Iowa Sanders said gave "Iowa Sanders"), nor, alone, a
// speaker (Supporters of Clinton in Ohio said gave "Ohio"); a speaker
// ending in a possessive is its owner (The Florida senator's answer was
// that "…" gave "The Florida senator's").
func TestPlacesAndPossessives(t *testing.T) {
	tests := []speakerWant{
		{"place before a name", "Earlier in Iowa Sanders said the race was “far from over for anyone.”", "far from over for anyone.", "Sanders"},
		{"place before a name, after a date", "On Monday in Ohio Clinton said the plan was “a gift to the wealthy few.”", "a gift to the wealthy few.", "Clinton"},
		{"a place alone", "Supporters of Clinton in Ohio said the ad was “a cheap shot at the candidate.”", "a cheap shot at the candidate.", "Supporters"},
		{"New York is one place", "Speaking in New York, Mayor Ana Diaz said the plan was “a gift to the wealthy few.”", "a gift to the wealthy few.", "Ana Diaz"},
		{"a possessive", "The Florida senator's answer was that “the family is the most important institution of all.”", "the family is the most important institution of all.", "The Florida senator"},
	}
	checkSpeakers(t, tests)
}
