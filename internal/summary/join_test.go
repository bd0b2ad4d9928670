package summary

import "testing"

func TestJoin(t *testing.T) {
	for _, c := range []struct {
		in   []string
		want string
	}{
		{[]string{"Putin spoke.", "He left."}, "Putin spoke. He left."},
		{[]string{"日本銀行は利上げを決めた。", "利上げは1月以来となる。"}, "日本銀行は利上げを決めた。利上げは1月以来となる。"},
		{[]string{"他说：“我们会继续努力。”", "外交部没有回应。"}, "他说：“我们会继续努力。”外交部没有回应。"},
		{[]string{"「反対だ」と述べた。", "「賛成だ」と述べた。"}, "「反対だ」と述べた。「賛成だ」と述べた。"},
		{[]string{"首相は述べた。", "2025年に始まる。"}, "首相は述べた。2025年に始まる。"},
		// Korean writes a space between sentences, as Latin text does; a
		// Japanese sentence before an English one keeps the space.
		{[]string{"정부는 발표했다.", "내일 시작된다."}, "정부는 발표했다. 내일 시작된다."},
		{[]string{"首相は述べた。", "The yen rose."}, "首相は述べた。 The yen rose."},
		{nil, ""},
	} {
		if got := Join(c.in); got != c.want {
			t.Errorf("Join(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
