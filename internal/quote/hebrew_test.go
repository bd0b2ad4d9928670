package quote

import "testing"

// Hebrew reporting constructions (sentences written for the test): the
// speaker is a name or a role, never a pronoun, a function word, a place or
// whom it was said to; empty when the words do not say.
func TestHebrewSpeakers(t *testing.T) {
	tests := []struct {
		name, text, quote, speaker string
	}{
		{"subject, verb, colon", `ראש הממשלה בנימין נתניהו אמר: "נפעל בכל הכוח נגד הטרור".`,
			"נפעל בכל הכוח נגד הטרור", "ראש הממשלה בנימין נתניהו"},
		{"feminine verb, role", `שרת התחבורה מירי רגב אמרה: “הכביש ייפתח בשבוע הבא”.`,
			"הכביש ייפתח בשבוע הבא", "שרת התחבורה מירי רגב"},
		{"a role with gershayim", `דובר צה"ל הבהיר: "הכוחות פועלים באזור".`,
			"הכוחות פועלים באזור", `דובר צה"ל`},
		{"a role with a Hebrew gershayim", `דובר צה״ל מסר: „האירוע הסתיים ללא נפגעים“.`,
			"האירוע הסתיים ללא נפגעים", "דובר צה״ל"},
		{"verb, subject, colon", `בישיבת הממשלה אמר נתניהו: "לא נעצור עד הניצחון".`,
			"לא נעצור עד הניצחון", "נתניהו"},
		{"subject, verb and when, colon", `שר האוצר אמר הבוקר: "התקציב יאושר בזמן".`,
			"התקציב יאושר בזמן", "שר האוצר"},
		{"whom it was said to is no speaker", `יאיר לפיד אמר לכתבים: "הממשלה הזאת נכשלה".`,
			"הממשלה הזאת נכשלה", "יאיר לפיד"},
		{"a minister's title with ל", `השר לביטחון לאומי איתמר בן גביר הוסיף: "נגביר את האכיפה".`,
			"נגביר את האכיפה", "השר לביטחון לאומי איתמר בן גביר"},
		{"verb and subject after the quotation", `"המצב בצפון מורכב", אמר ראש המועצה.`,
			"המצב בצפון מורכב", "ראש המועצה"},
		{"feminine verb and subject after the quotation", `"לא נוותר על הילדים", אמרה רונית כהן.`,
			"לא נוותר על הילדים", "רונית כהן"},
		{"כך אמר, and the addressee after the name", `"אנחנו ערוכים לכל תרחיש", כך אמר שר הביטחון לכתבים.`,
			"אנחנו ערוכים לכל תרחיש", "שר הביטחון"},
		{"subject and verb after the quotation", `"נמשיך לפעול בכל הכוח", נתניהו אמר.`,
			"נמשיך לפעול בכל הכוח", "נתניהו"},
		{"according to, before", `לדברי מנהל בית החולים, "יש עומס חריג במחלקות".`,
			"יש עומס חריג במחלקות", "מנהל בית החולים"},
		{"according to, after", `"יש עומס חריג במחלקות", לדברי מנהל בית החולים.`,
			"יש עומס חריג במחלקות", "מנהל בית החולים"},
		{"verb followed by כי", `שר החוץ טען כי "העולם שותק מול הטבח".`,
			"העולם שותק מול הטבח", "שר החוץ"},
		{"a pronoun is no speaker", `הוא אמר: "נמשיך לפעול בכל הכוח".`, "נמשיך לפעול בכל הכוח", ""},
		{"a pronoun after the verb is no speaker", `"נמשיך לפעול בכל הכוח", אמרה היא.`, "נמשיך לפעול בכל הכוח", ""},
		{"לדבריו is a pronoun", `"נמשיך לפעול בכל הכוח", לדבריו.`, "נמשיך לפעול בכל הכוח", ""},
		{"a function word is no speaker", `עוד אמר: "נמשיך לפעול בכל הכוח".`, "נמשיך לפעול בכל הכוח", ""},
		{"a place before the verb is no speaker", `בישיבת הממשלה אמר: "נמשיך לפעול בכל הכוח".`, "נמשיך לפעול בכל הכוח", ""},
		{"the addressee alone after the verb is no speaker", `"נמשיך לפעול בכל הכוח", אמר לכתבים.`, "נמשיך לפעול בכל הכוח", ""},
		{"a time alone after the verb is no speaker", `"נמשיך לפעול בכל הכוח", אמר היום.`, "נמשיך לפעול בכל הכוח", ""},
		{"a feminine verb takes no minister in the masculine", `"נמשיך לפעול בכל הכוח", אמרה השר.`, "נמשיך לפעול בכל הכוח", ""},
		{"a masculine verb takes no spokeswoman", `"נמשיך לפעול בכל הכוח", אמר הדוברת.`, "נמשיך לפעול בכל הכוח", ""},
		{"a role with gershayim after the quotation", `"הכוחות פועלים באזור כבר שעות", כך אמר דובר צה"ל לכתבים.`,
			"הכוחות פועלים באזור כבר שעות", `דובר צה"ל`},
		{"a lone name opening with ב reads as a preposition", `בנט אמר: "נמשיך לפעול בכל הכוח".`, "נמשיך לפעול בכל הכוח", ""},
		{"a statement is no speaker", `בהודעה נמסר: "נמשיך לפעול בכל הכוח".`, "נמשיך לפעול בכל הכוח", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var found []string
			for _, q := range Extract(tc.text) {
				if q.Text == tc.quote {
					if q.Speaker != tc.speaker {
						t.Errorf("speaker %q, want %q", q.Speaker, tc.speaker)
					}
					return
				}
				found = append(found, q.Text)
			}
			t.Fatalf("quotation %q not found among %q", tc.quote, found)
		})
	}
}

// Gershayim inside a word, written as ״ or as a straight quotation mark,
// neither opens nor closes a quotation; ״ around words is a quotation mark.
func TestHebrewMarks(t *testing.T) {
	tests := []struct {
		name, text string
		quotes     []string
	}{
		{"gershayim inside a quotation", `הוא אמר: "דובר צה"ל מסר כי הכוחות בדרך" והמשיך.`,
			[]string{`דובר צה"ל מסר כי הכוחות בדרך`}},
		{"gershayim before a quotation", `הרמטכ"ל אמר: "אנחנו מוכנים לכל מה שיבוא".`, []string{"אנחנו מוכנים לכל מה שיבוא"}},
		{"two abbreviations and no quotation", `צה"ל ושב"כ פעלו יחד במבצע.`, nil},
		{"Hebrew gershayim as quotation marks", `השר אמר: ״אנחנו מוכנים לכל תרחיש״.`, []string{"אנחנו מוכנים לכל תרחיש"}},
		{"Hebrew gershayim inside Hebrew quotation marks", `השר אמר: ״צה״ל מוכן לכל תרחיש״.`, []string{"צה״ל מוכן לכל תרחיש"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, q := range Extract(tc.text) {
				got = append(got, q.Text)
			}
			if len(got) != len(tc.quotes) {
				t.Fatalf("quotes %q, want %q", got, tc.quotes)
			}
			for i := range got {
				if got[i] != tc.quotes[i] {
					t.Errorf("quote %d %q, want %q", i, got[i], tc.quotes[i])
				}
			}
		})
	}
}
