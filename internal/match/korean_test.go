package match

import "testing"

// Korean writes its particles on the noun: a watch for 대통령 must find
// 대통령은, 윤석열 must find 윤석열이. Read as whole space-separated words,
// Korean watches silently missed most mentions in running text.
func TestKoreanParticles(t *testing.T) {
	text := "윤석열 대통령은 11일 국무회의에서 한국은행의 기준금리 동결에 대해 말했다. 삼성전자가 신제품을 발표했다."
	for _, q := range []string{"대통령", "윤석열", "기준금리", "한국은행", "삼성전자", `"기준금리 동결"`} {
		query, err := Parse(q, nil)
		if err != nil {
			t.Fatal(err)
		}
		m, err := Compile([]Watch{{Name: "w", Query: query}})
		if err != nil {
			t.Fatal(err)
		}
		if got := m.Match(Document{Body: text}); len(got) != 1 {
			t.Errorf("%s: %d matches in %q, want 1", q, len(got), text)
		}
	}
}
