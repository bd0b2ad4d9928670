package quote

import "testing"

// A place or an addressee after the speaker's name is never the speaker:
// Russian and Polish attributions name where it was said after the name
// («…», — заявил Дмитрий Песков в Кремле), Russian ones whom it was told.
func TestPlaceAfterSpeakerIsNoSpeaker(t *testing.T) {
	tests := []struct {
		name, text string
		want       []want
	}{
		{"ru place after the name",
			"«Инфляционное давление остается высоким», — заявила Эльвира Набиуллина на пресс-конференции в Москве.",
			[]want{{parts: []string{"Инфляционное давление остается высоким"}, speaker: "Эльвира Набиуллина"}}},
		{"ru addressee and place after the name",
			"«Мы не будем повышать налоги в этом году», — сказал министр финансов Антон Силуанов журналистам в Санкт-Петербурге.",
			[]want{{parts: []string{"Мы не будем повышать налоги в этом году"}, speaker: "Антон Силуанов"}}},
		{"ru a role, then when and where",
			"«Решение о строительстве моста уже принято», — сообщил губернатор области в пятницу в Екатеринбурге.",
			[]want{{parts: []string{"Решение о строительстве моста уже принято"}, speaker: ""}}},
		{"pl place after the name",
			"„Nie pozwolimy na to, żeby Polska płaciła za cudze błędy” – powiedział premier Donald Tusk w Brukseli.",
			[]want{{parts: []string{"Nie pozwolimy na to, żeby Polska płaciła za cudze błędy"}, speaker: "Donald Tusk"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkQuotes(t, tt.text, tt.want)
		})
	}
}

// The place or medium named before the speaker is passed over, and the name
// after it is the speaker.
func TestPrepositionBeforeSpeaker(t *testing.T) {
	tests := []struct {
		name, text string
		want       []want
	}{
		{"pl where it was written, then who",
			"Lekarze są bezradni. „Złe decyzje zawsze wracają do nas po latach” – pisał w swoim felietonie Paweł Nowicki.",
			[]want{{parts: []string{"Złe decyzje zawsze wracają do nas po latach"}, speaker: "Paweł Nowicki"}}},
		{"ru the medium, then who",
			"«Это очередная провокация, и ответ последует», — написал в соцсетях Дмитрий Медведев.",
			[]want{{parts: []string{"Это очередная провокация, и ответ последует"}, speaker: "Дмитрий Медведев"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkQuotes(t, tt.text, tt.want)
		})
	}
}

// "Chief Executive" is a title before the name, as "Chief Financial
// Officer" is: the speaker is the person, not "Executive Laura Kim".
func TestChiefExecutiveIsATitle(t *testing.T) {
	checkQuotes(t, "Vertex Semiconductor said on Wednesday it would cut about 4,000 jobs. “These are painful decisions, but necessary ones,” Chief Executive Laura Kim said in a memo to staff.",
		[]want{{parts: []string{"These are painful decisions, but necessary ones,"}, speaker: "Laura Kim"}})
}

// A Portuguese preposition after the speaker's name ends the name:
// "afirmou o presidente Lula da Silva em Porto Alegre" was credited to
// "o presidente Luiz Inácio Lula da Silva em".
func TestPortuguesePlaceAfterSpeaker(t *testing.T) {
	checkQuotes(t, "“Vamos reconstruir o estado inteiro”, afirmou o presidente Luiz Inácio Lula da Silva em Porto Alegre.",
		[]want{{parts: []string{"Vamos reconstruir o estado inteiro"}, speaker: "Luiz Inácio Lula da Silva"}})
}
