package summary

import (
	"reflect"
	"strings"
	"testing"
)

// Chinese and Japanese sentences end at 。！？ without a space, and a
// quotation closed after its full stop stays with its attribution.
func TestSplitChineseJapanese(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"ja quotation then attribution",
			"首相は会見で「賃上げを必ず実現する。」と述べた。野党は反発している。",
			[]string{"首相は会見で「賃上げを必ず実現する。」と述べた。", "野党は反発している。"}},
		{"ja closing bracket after stop",
			"「明日は休校です。」市の教育委員会が発表した。保護者からは不安の声が上がった。",
			[]string{"「明日は休校です。」", "市の教育委員会が発表した。", "保護者からは不安の声が上がった。"}},
		{"ja exclamation and question",
			"本当に大丈夫なのか？住民の不安は消えない！説明会は来月開かれる。",
			[]string{"本当に大丈夫なのか？", "住民の不安は消えない！", "説明会は来月開かれる。"}},
		{"zh quotation then attribution",
			"“我们将继续加大投入。”市长说。会议持续了三个小时。",
			[]string{"“我们将继续加大投入。”市长说。", "会议持续了三个小时。"}},
		{"zh quotation, comma, attribution",
			"“这是最好的方案！”，她表示。反对派不同意。",
			[]string{"“这是最好的方案！”，她表示。", "反对派不同意。"}},
		{"zh quotation then new sentence",
			"“工厂下个月关闭。”工人们对此感到震惊，许多人已经开始找工作。工会将召开会议。",
			[]string{"“工厂下个月关闭。”", "工人们对此感到震惊，许多人已经开始找工作。", "工会将召开会议。"}},
		{"zh ascii marks", "价格上涨了!居民很不满?政府将回应。",
			[]string{"价格上涨了!", "居民很不满?", "政府将回应。"}},
		// Japanese official and scientific writing ends sentences with the
		// full-width full stop "．" (and commas "，"); between digits it is
		// a decimal point, after a digit a list number.
		{"ja full-width full stop",
			"政府は５日、新たな経済対策を決定した．総額は約３．５兆円に上る．首相は記者会見で，対策の早期実施を指示した．",
			[]string{"政府は５日、新たな経済対策を決定した．", "総額は約３．５兆円に上る．", "首相は記者会見で，対策の早期実施を指示した．"}},
		{"ja full-width full stop after a list number", "１．概要を説明した．２．質疑に入った．",
			[]string{"１．概要を説明した．", "２．質疑に入った．"}},
	}
	for _, tt := range tests {
		if got := sentencesOf(tt.text); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

// Summaries of Chinese and Japanese stories are not empty, and their
// sentences are verbatim.
func TestSummarizeChineseJapanese(t *testing.T) {
	texts := map[string]string{
		"ja": "岸田文雄首相は10日、首相官邸で記者団の取材に応じた。首相は「物価高に負けない賃上げを実現したい」と述べた。" +
			"政府は来週にも経済対策を閣議決定する方針だ。野党は対策の規模が不十分だと批判している。" +
			"経済対策には電気代やガス代の補助の延長も盛り込まれる見通しだ。",
		"zh": "国务院总理李强10日在北京主持召开国务院常务会议。会议指出，要加大宏观政策调控力度，稳定市场预期！" +
			"会议研究了进一步促进消费的措施。外交部发言人表示：“中方愿与各方共同努力，维护地区和平稳定。”" +
			"分析人士认为，新的措施将有助于提振消费信心。",
	}
	for lang, text := range texts {
		got := Summarize(text, Options{})
		if len(got) == 0 {
			t.Errorf("%s: empty summary", lang)
			continue
		}
		for _, s := range got {
			if !strings.Contains(text, s) {
				t.Errorf("%s: %q is not in the text", lang, s)
			}
		}
		if len(got) < 2 {
			t.Errorf("%s: %d sentences, want 2 or 3: %q", lang, len(got), got)
		}
	}
}

// Chinese and Japanese words count by characters, and their terms are
// character pairs, so that sentences about the same thing are similar.
func TestCJKTerms(t *testing.T) {
	if n := countWords(fold("経済対策を閣議決定する方針だ")); n < 6 {
		t.Errorf("countWords = %d, want about 7", n)
	}
	voc := vocab{}
	a := appendTermIDs(nil, voc, fold("政府は経済対策を決定した"))
	b := appendTermIDs(nil, voc, fold("経済対策の規模が小さい"))
	_, va := appendVector(nil, a)
	_, vb := appendVector(nil, b)
	va.normalize()
	vb.normalize()
	if va.dot(vb) == 0 {
		t.Error("two sentences about 経済対策 share no term")
	}
}

// A Chinese photo's caption is not a summary sentence; a lead that opens
// with its date is.
func TestSummarizeChineseCaption(t *testing.T) {
	text := "12月5日，游客在哈尔滨冰雪大世界游玩。新华社记者 王建威 摄\n\n" +
		"12月5日，第二十七届哈尔滨冰雪大世界开园，园区总面积达100万平方米，用冰用雪总量约30万立方米。\n\n" +
		"据介绍，今年冰雪大世界新增了多个互动项目，预计整个冰雪季将接待游客超过300万人次。"
	got := Summarize(text, Options{Sentences: 2})
	want := []string{"12月5日，第二十七届哈尔滨冰雪大世界开园，园区总面积达100万平方米，用冰用雪总量约30万立方米。",
		"据介绍，今年冰雪大世界新增了多个互动项目，预计整个冰雪季将接待游客超过300万人次。"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
