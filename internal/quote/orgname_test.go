package quote

import "testing"

// Speakers that were fragments of an organisation's name or a wrong name:
// party and title words opening an organisation's name (the Democratic
// National Committee gave "National Committee"), a name running on over
// "of" (the University of Chicago said gave "University"), a party's
// member described with "the" (the Ohio Republican, given as if a name), a
// role noun after an organisation's name (a committee member, not the
// committee), a new sentence in the passive after a quotation (Ruiz's move
// was first reported by …: what was reported, not who spoke), and a person
// named as the object of a negated verb before a colon (The result doesn't
// surprise pollster Maria Lindqvist:).
func TestOrganisationsAndObjects(t *testing.T) {
	tests := []speakerWant{
		{"party word opening an organisation", "The Democratic National Committee released a statement Tuesday, offering “a deep and sincere apology” to the senator.", "a deep and sincere apology", "Democratic National Committee"},
		{"title words opening an organisation", "The Republican Governors Association said the plan was “a reckless grab for power by the capital.”", "a reckless grab for power by the capital.", "Republican Governors Association"},
		{"of, forward", "Most recently, the Department of Homeland Security concluded that no method was “suited to the agents' needs in the field.”", "suited to the agents' needs in the field.", "Department of Homeland Security"},
		{"of, backward", "“We will fight this ruling in court,” the University of Chicago said in a statement.", "We will fight this ruling in court,", "University of Chicago"},
		{"a person of a place", "“We will fight this ruling in court,” Jeb Ruiz of Florida said.", "We will fight this ruling in court,", "Jeb Ruiz"},
		{"the Ohio Republican", "In an interview Thursday, the Ohio Republican criticized the plan and said it was “simply unworkable for farmers.”", "simply unworkable for farmers.", "the Ohio Republican"},
		{"a member of an organisation", "“The vote was rigged from the start,” said a prominent Republican National Committee member who backs the governor.", "The vote was rigged from the start,", "a prominent Republican National Committee member"},
		{"passive after the quotation", "Miller says the campaign will “compete vigorously for the nomination.” Ruiz's move was first reported by MSNBC.", "compete vigorously for the nomination.", "Miller"},
		{"object of a negated verb", "The result doesn't surprise pollster Maria Lindqvist: “Voters had made up their minds months ago.”", "Voters had made up their minds months ago.", ""},
		{"subject before a colon", "Mayor Ken Ortiz attacked the council: “They have wasted every dollar we gave them.”", "They have wasted every dollar we gave them.", "Ken Ortiz"},
	}
	checkSpeakers(t, tests)
}
