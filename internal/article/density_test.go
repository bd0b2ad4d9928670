package article

import (
	"strings"
	"testing"
)

// A short Chinese, Japanese or Korean story — four paragraphs, some 150–250
// characters, as much news as 600 characters of English — keeps its
// paragraphs, and its headline stays out of the text: go-trafilatura
// counts characters, and below 250 of them replaced the text with the
// page's flattened article, headline glued to the lead.
func TestShortCJKStoryKeepsParagraphs(t *testing.T) {
	tests := []struct {
		lang, title string
		paras       []string
	}{
		{"ko", "한국은행, 기준금리 동결", []string{
			"한국은행 금융통화위원회는 11일 기준금리를 연 3.50%로 동결했다. 이는 여덟 차례 연속 동결이다.",
			"이창용 한국은행 총재는 기자간담회에서 \"물가 상승률이 목표 수준으로 안정될 때까지 긴축 기조를 유지하겠다\"고 말했다.",
			"시장에서는 연내 금리 인하 가능성에 주목하고 있다. 전문가들은 하반기 인하를 전망했다."}},
		{"ja", "首相、経済対策の策定を指示", []string{
			"首相は10日、首相官邸で閣僚らに対し、物価高に対応する新たな経済対策を月内に取りまとめるよう指示した。",
			"首相は「国民の暮らしを守るため、あらゆる手段を講じる。」と述べた。対策には給付金や電気料金の補助が盛り込まれる見通しだ。",
			"一方、野党の代表は記者団に対し「遅すぎる対応だ」と批判した。",
			"政府は対策の裏付けとなる補正予算案を臨時国会に提出する方針だ。"}},
		{"zh", "统计局：前三季度经济增长4.8%", []string{
			"国家统计局15日发布数据显示，今年前三季度国内生产总值同比增长4.8%。其中，第三季度增长4.6%，略低于市场预期。",
			"统计局新闻发言人表示：“国民经济运行总体平稳，稳中有进。”他说，四季度经济有望继续回升。",
			"分析人士指出，房地产市场的调整仍是影响经济增长的主要因素。"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			var b strings.Builder
			b.WriteString(`<!DOCTYPE html><html lang="` + tt.lang + `"><head><meta charset="utf-8"><title>` + tt.title + ` | 新闻</title></head><body>`)
			b.WriteString(`<header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header><main><article><h1>` + tt.title + `</h1>`)
			for _, p := range tt.paras {
				b.WriteString("<p>" + p + "</p>\n")
			}
			b.WriteString(`</article></main><footer>(c) Example News</footer></body></html>`)
			a, err := Extract(strings.NewReader(b.String()), "https://news.example.com/a.html")
			if err != nil {
				t.Fatal(err)
			}
			if want := strings.Join(tt.paras, "\n\n"); a.Text != want {
				t.Errorf("text\n got %q\nwant %q", a.Text, want)
			}
		})
	}
}
