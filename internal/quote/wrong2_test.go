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
			ok:    append(full("Secretary of Labor", "Dana Whitfield"), "Secretary"),
		},
		{
			name:  "minister, said before",
			text:  "The budget passed late.\n\n“We have no more room,” said Minister of Finance Carl Ode.",
			quote: "We have no more room,",
			ok:    append(full("Minister of Finance", "Carl Ode"), "Minister"),
		},
	})
}
