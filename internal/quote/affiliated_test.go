package quote

import "testing"

// A name set off by commas with where its bearer works after "of" is the
// subject of the verb after the commas, and a later "he" stands for it.
func TestNameOfPlaceInApposition(t *testing.T) {
	runSpeakerCases(t, []speakerCase{
		{
			name: "pastor of a church, he said later",
			text: "Tom Ruiz, a farmer, sat in the front row.\n\n" +
				"One pastor supporting Mr. Cole, Dale Whitney of Grace Church in Ames, said he had made 150 calls. " +
				"He has made announcements since last month, he said.\n\n" +
				"“Find your polling place and get there,” he tells parishioners.",
			quote: "Find your polling place and get there,",
			ok:    []string{"Dale Whitney", ""},
		},
		{
			name: "quotation after the apposition",
			text: "The caucuses are on Monday.\n\n" +
				"Another organizer, Ana Lee of the Iowa Faith Coalition, said: “We will bring out every church in the county.”",
			quote: "We will bring out every church in the county.",
			ok:    []string{"Ana Lee"},
		},
		{
			name: "a clause after the name is no place",
			text: "The caucuses are on Monday.\n\n" +
				"Another organizer, Ana Lee of Ames, who met Tom Ruiz, said: “We will bring out every church in the county.”",
			quote: "We will bring out every church in the county.",
			ok:    []string{"Ana Lee", ""},
		},
	})
}
