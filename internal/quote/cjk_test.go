package quote

import "testing"

// Sentences written in the style of Japanese and Chinese news reports.
func TestExtractChineseJapanese(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []want
	}{
		{
			name: "ja subject with title before the quotation",
			text: "岸田文雄首相は10日、首相官邸で記者団に「物価高に負けない賃上げを実現したい」と述べた。",
			want: []want{{parts: []string{"物価高に負けない賃上げを実現したい"}, speaker: "岸田文雄", cue: "述べ"}},
		},
		{
			name: "ja organisation before the name, title after",
			text: "日本銀行の植田和男総裁は記者会見で「金融緩和を粘り強く続ける」と強調した。",
			want: []want{{parts: []string{"金融緩和を粘り強く続ける"}, speaker: "植田和男", cue: "強調"}},
		},
		{
			name: "ja katakana name",
			text: "米国のバイデン大統領は声明で「同盟国と緊密に連携していく」と表明した。",
			want: []want{{parts: []string{"同盟国と緊密に連携していく"}, speaker: "バイデン", cue: "表明"}},
		},
		{
			name: "ja short name and title later resolve to the full name",
			text: "松野博一官房長官は11日の記者会見で、北朝鮮のミサイル発射について説明した。\n" +
				"松野長官は「断じて容認できない」と語った。\n" +
				"官房長官は「情報収集に全力を挙げる」とも述べた。",
			want: []want{
				{parts: []string{"断じて容認できない"}, speaker: "松野博一"},
				{parts: []string{"情報収集に全力を挙げる"}, speaker: "松野博一"},
			},
		},
		{
			name: "ja subject after the quotation",
			text: "「国民の信頼を回復したい」と、山田太郎議員は語った。",
			want: []want{{parts: []string{"国民の信頼を回復したい"}, speaker: "山田太郎", cue: "語"}},
		},
		{
			name: "ja san and a date before the subject",
			text: "3日、被災地で店を再開した佐藤花子さんは「また皆さんに会えてうれしい」と話した。",
			want: []want{{parts: []string{"また皆さんに会えてうれしい"}, speaker: "佐藤花子", cue: "話し"}},
		},
		{
			name: "ja institution's position",
			text: "気象庁は「引き続き土砂災害に警戒してほしい」としている。",
			want: []want{{parts: []string{"引き続き土砂災害に警戒してほしい"}, speaker: "気象庁"}},
		},
		{
			name: "ja title alone with no name in the article stays the title",
			text: "首相は「経済の再生に全力を尽くす」と述べた。",
			want: []want{{parts: []string{"経済の再生に全力を尽くす"}, speaker: "首相"}},
		},
		{
			name: "ja a title in brackets is no quotation",
			text: "作家の村上春樹さんは新作『街とその不確かな壁』を発表した。",
			want: nil,
		},
		{
			name: "ja no reporting verb: no speaker",
			text: "会場には「ようこそ未来の街へ」という看板が掲げられていた。",
			want: []want{{parts: []string{"ようこそ未来の街へ"}, speaker: ""}},
		},
		{
			name: "ja someone is nobody",
			text: "会場では誰かが「もう帰ろう」と言った。",
			want: []want{{parts: []string{"もう帰ろう"}, speaker: ""}},
		},
		{
			name: "zh spokesperson with name, colon",
			text: "外交部发言人毛宁在例行记者会上表示：“中方愿同各方一道，维护地区和平稳定。”",
			want: []want{{parts: []string{"中方愿同各方一道，维护地区和平稳定。"}, speaker: "毛宁", cue: "表示"}},
		},
		{
			name: "zh title, name, date and place before the verb",
			text: "国务院总理李强10日在北京出席论坛时指出：“要坚定不移扩大高水平对外开放。”",
			want: []want{{parts: []string{"要坚定不移扩大高水平对外开放。"}, speaker: "李强", cue: "指出"}},
		},
		{
			name: "zh attribution after the quotation",
			text: "“我们对明年的经济增长充满信心。”王建国说。",
			want: []want{{parts: []string{"我们对明年的经济增长充满信心。"}, speaker: "王建国", cue: "说"}},
		},
		{
			name: "zh transliterated name with a middle dot",
			text: "美国国务卿安东尼·布林肯称，“双方进行了坦诚的对话”。",
			want: []want{{parts: []string{"双方进行了坦诚的对话"}, speaker: "安东尼·布林肯", cue: "称"}},
		},
		{
			name: "zh title alone resolves to the person named with it",
			text: "外交部发言人毛宁主持了例行记者会。\n发言人表示：“有关报道不符合事实。”",
			want: []want{{parts: []string{"有关报道不符合事实。"}, speaker: "毛宁"}},
		},
		{
			name: "zh pronoun after a named speaker in the previous paragraph",
			text: "“这项政策将惠及数百万家庭。”张伟说。\n她表示：“我们会继续推进改革。”",
			want: []want{
				{parts: []string{"这项政策将惠及数百万家庭。"}, speaker: "张伟"},
				{parts: []string{"我们会继续推进改革。"}, speaker: "张伟"},
			},
		},
		{
			name: "zh pronoun with no speaker before stays empty",
			text: "会议于周一结束。\n他说：“结果令人满意。”",
			want: []want{{parts: []string{"结果令人满意。"}, speaker: ""}},
		},
		{
			name: "zh someone is nobody",
			text: "有人说：“这座桥早就该修了。”",
			want: []want{{parts: []string{"这座桥早就该修了。"}, speaker: ""}},
		},
		{
			name: "zh traditional characters, corner brackets",
			text: "行政院長卓榮泰表示：「政府將全力協助受災民眾。」",
			want: []want{{parts: []string{"政府將全力協助受災民眾。"}, speaker: "卓榮泰"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkQuotes(t, tt.text, tt.want)
		})
	}
}

// A Chinese speaker after the quotation behind a long description or an
// adverb of manner: the name, not the clause.
func TestChineseSpeakerAfterDescription(t *testing.T) {
	tests := []struct{ text, speaker string }{
		{"“每天都有好多人向我订货。”安化县乐安镇大禾村村民陈福香说。", "陈福香"},
		{"“每天都有好多人向我订货。”陈福香激动地说。", "陈福香"},
		{"“每天都有好多人向我订货。”村民陈福香笑着说。", "陈福香"},
		{"“我们常常被感动得泣不成声。”剧中雨田的扮演者王慧杰动情地说。", "王慧杰"},
		{"“我们对剧本做了较大的修改。”编剧张晓阳介绍说。", "张晓阳"},
	}
	for _, tc := range tests {
		qs := Extract(tc.text)
		if len(qs) != 1 || qs[0].Speaker != tc.speaker {
			t.Errorf("%s: got %+v, want speaker %q", tc.text, qs, tc.speaker)
		}
	}
}
