package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Chinese and Japanese are written without spaces and mark the speaker
// with particles and verbs rather than with word order and capitals, so
// their quotations are attributed by patterns of their own:
//
//   - Japanese: 岸田文雄首相は「…」と述べた, 「…」と首相は語った: the topic
//     or subject (the phrase before は or が) of the sentence holding the
//     quotation, when と or って and a reporting verb (述べた, 語った,
//     強調した, 明らかにした, …, or とした and としている for an
//     institution's position) follow it;
//   - Chinese: 外交部发言人毛宁表示：“…”, “…”李强说。: the subject of the
//     clause whose reporting verb (说, 表示, 称, 指出, 强调, …) introduces or
//     follows the quotation.
//
// A name is given without its title: Japanese puts titles after the name
// (首相, 官房長官, 大統領, 氏, さん), Chinese before it (国务院总理李强,
// 外交部发言人毛宁). A subject that is only a title (首相は, 发言人说) is
// the person the article earlier named with that title, or the title itself
// when it named no one so. A shortened name (岸田首相) is given in the
// fullest form the article uses (岸田文雄). A pronoun (他, 她, 彼, 彼女) is
// the speaker of the quotation before when that one is a named person in the
// same or the previous paragraph; otherwise, and for words such as 有人
// (someone) or 同社 (the company), the speaker is empty.

// cjkWindow bounds how far the Chinese and Japanese rules look for the
// name that goes with a title or a shortened name.
const cjkWindow = 16 << 10

// isCJKRune reports whether r is a Chinese or Japanese character.
func isCJKRune(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) || r == 'ー' || r == '々'
}

// isKana reports whether r is Japanese kana.
func isKana(r rune) bool { return unicode.In(r, unicode.Hiragana, unicode.Katakana) }

// isNameRune reports whether r may be part of a Chinese or Japanese name or
// title: Han, katakana, the long-vowel mark, the iteration mark and the
// middle dots that join the parts of a transliterated foreign name.
func isNameRune(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Katakana, r) || r == 'ー' || r == '々' ||
		r == '・' || r == '·' || r == '•' || r == '‧'
}

// cjkStop reports whether r ends a Chinese or Japanese sentence.
func cjkStop(r rune) bool { return r == '。' || r == '！' || r == '？' || r == '!' || r == '?' }

// cjkClauseBreak reports whether r ends a clause: a sentence end, a comma,
// a colon or a semicolon, full-width or not.
func cjkClauseBreak(r rune) bool {
	switch r {
	case '，', '、', '：', '；', ',', ':', ';', '（', '）', '(', ')':
		return true
	}
	return cjkStop(r)
}

// cjkContext reports whether candidate c sits in Chinese or Japanese text:
// it opens with a corner bracket, or a Chinese or Japanese character stands
// just before or after its marks.
func (a *attributor) cjkContext(c *candidate) bool {
	if c.raw.open == '「' || c.raw.open == '『' {
		return true
	}
	p := a.paras[c.para]
	before, _ := utf8.DecodeLastRuneInString(a.src[p.Start:c.raw.start])
	lp := a.paras[c.lastPara]
	after, _ := utf8.DecodeRuneInString(a.src[c.raw.end:lp.End])
	inner, _ := utf8.DecodeRuneInString(a.src[c.raw.parts[0].Start:c.raw.parts[0].End])
	return isCJKRune(before) || isCJKRune(after) || isCJKRune(inner) && (before == utf8.RuneError || after == utf8.RuneError || !unicode.IsLetter(before) && !unicode.IsLetter(after))
}

// japanese reports whether paragraph p holds kana, which Chinese never has.
func (a *attributor) japanese(p int) bool {
	if v, ok := a.kana[p]; ok {
		return v
	}
	found := false
	for _, r := range a.src[a.paras[p].Start:a.paras[p].End] {
		if isKana(r) && r != 'ー' {
			found = true
			break
		}
	}
	if a.kana == nil {
		a.kana = map[int]bool{}
	}
	a.kana[p] = found
	return found
}

// cjkSpeaker is a speaker phrase found by the Chinese and Japanese patterns.
type cjkSpeaker struct {
	phrase string // as written, without particles
	cue    string
	cuePos int
}

// attributeCJK finds the speaker of a quotation in Chinese or Japanese text.
func (a *attributor) attributeCJK(prev, c *candidate) {
	p := a.paras[c.para]
	from := p.Start
	if prev != nil && prev.raw.end > from && prev.raw.end <= c.raw.start {
		from = prev.raw.end
	}
	before := a.src[from:c.raw.start]
	// The sentence holding the quotation, before it.
	if i := lastIndexFunc(before, cjkStop); i >= 0 {
		_, n := utf8.DecodeRuneInString(before[i:])
		from += i + n
		before = before[i+n:]
	}
	lp := a.paras[c.lastPara]
	after := a.src[c.raw.end:lp.End]
	if i := strings.IndexFunc(after, cjkStop); i >= 0 {
		after = after[:i]
	}
	if k := strings.IndexAny(after, "「『“\""); k >= 0 {
		after = after[:k]
	}
	var sp cjkSpeaker
	var ok bool
	ja := a.japanese(c.para)
	if ja {
		sp, ok = japaneseAttribution(before, after, from, c.raw.end)
	} else {
		sp, ok = chineseAttribution(before, after, from, c.raw.end)
	}
	c.sentenceIn = strings.TrimSpace(before) == ""
	if !ok {
		a.inherit(prev, c)
		return
	}
	c.attributed, c.own, c.adjacent = true, true, true
	c.afterAttr = sp.cuePos >= c.raw.end
	c.cue, c.cuePos = sp.cue, sp.cuePos
	a.resolveCJK(c, sp.phrase, ja, from)
}

// lastIndexFunc is strings.LastIndexFunc.
func lastIndexFunc(s string, f func(rune) bool) int { return strings.LastIndexFunc(s, f) }

// japaneseVerbs are the reporting verbs after と or って, by their stems.
var japaneseVerbs = []string{"述べ", "語", "話し", "話す", "強調", "説明", "指摘", "明らかにし", "明らかにする", "訴え",
	"言っ", "言い", "言う", "いう", "い、", "答え", "発言", "主張", "表明", "批判", "呼びかけ", "呼び掛け", "明かし",
	"振り返", "書い", "書き", "記し", "投稿", "発表", "報告", "コメント", "締めくく", "意気込", "力を込め", "述懐",
	"強調", "反論", "否定", "要請", "求め", "問いかけ", "語気を強め", "話した", "とした", "としている", "とする", "としており",
	"との認識", "との見方", "との考え", "と述べ", "ツイート", "つぶや", "謝罪", "宣言", "約束", "断言", "警告", "応じ", "分析"}

// japaneseAttribution reads 「…」と述べた with the subject before the
// quotation (Xは「…」) or after と (「…」とXは述べた).
func japaneseAttribution(before, after string, beforePos, afterPos int) (cjkSpeaker, bool) {
	rest := after
	switch {
	case strings.HasPrefix(rest, "と"):
		rest = rest[len("と"):]
	case strings.HasPrefix(rest, "って"):
		rest = rest[len("って"):]
	case strings.HasPrefix(rest, "などと"):
		rest = rest[len("などと"):]
	default:
		return cjkSpeaker{}, false
	}
	cue, cueAt := "", -1
	for _, v := range japaneseVerbs {
		if k := strings.Index(rest, v); k >= 0 && (cueAt < 0 || k < cueAt) {
			cue, cueAt = v, k
		}
	}
	// 「…」とした and 「…」としている: the position of the subject.
	if cueAt < 0 && (strings.HasPrefix(rest, "し") || strings.HasPrefix(rest, "する")) {
		cue, cueAt = "と"+firstRunes(rest, 2), 0
	}
	if cueAt < 0 {
		return cjkSpeaker{}, false
	}
	cuePos := afterPos + (len(after) - len(rest)) + cueAt
	// 「…」と岸田首相は述べた: a subject between と and the verb.
	if np, ok := lastTopic(strings.TrimLeft(rest[:cueAt], "、，, ")); ok {
		return cjkSpeaker{phrase: np, cue: cue, cuePos: cuePos}, true
	}
	if np, ok := lastTopic(before); ok {
		return cjkSpeaker{phrase: np, cue: cue, cuePos: cuePos}, true
	}
	return cjkSpeaker{cue: cue, cuePos: cuePos}, true
}

// firstRunes returns the first n runes of s.
func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// lastTopic returns the last phrase in s marked as topic or subject by は
// or が: the run of Han and katakana just before the particle, when it reads
// as a name, a title or an organisation (not a time: 10日は, 今回は).
func lastTopic(s string) (string, bool) {
	for end := len(s); end > 0; {
		k := strings.LastIndexAny(s[:end], "はが")
		if k < 0 {
			return "", false
		}
		end = k
		// The particle must not be followed by more kana of a word
		// (はじめ, がっかり) and must follow a name character.
		head, suffix := s[:k], ""
		for _, hon := range []string{"さん", "ちゃん", "くん", "さま"} {
			if strings.HasSuffix(head, hon) {
				head, suffix = head[:len(head)-len(hon)], hon
				break
			}
		}
		np := nameRunBefore(head)
		if np == "" || timeWord(np) {
			continue
		}
		return np + suffix, true
	}
	return "", false
}

// nameRunBefore returns the run of name characters that ends s.
func nameRunBefore(s string) string {
	i := len(s)
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if !isNameRune(r) {
			break
		}
		i -= n
	}
	return strings.TrimLeft(s[i:], "・·•‧")
}

// timeWord reports whether a phrase names a time or is a word that is never
// a speaker (今回は, 10日は, 一方は).
func timeWord(np string) bool {
	last, _ := utf8.DecodeLastRuneInString(np)
	switch last {
	case '日', '月', '年', '時', '週', '朝', '夜', '後', '前', '中', '間', '度', '回', '点', '上', '下', '内', '外':
		return true
	}
	_, stop := cjkNotSpeakers[np]
	return stop
}

// cjkNotSpeakers are subjects that never name a speaker: words for
// someone, everyone, this and that, and for the story's own subject matter.
var cjkNotSpeakers = wordSet(`有人 大家 人们 人們 对方 對方 这 這 那 其 此 这些 那些 其中 之一 本报 本報 记者 記者
外界 舆论 輿論 网友 網友 它 它们 我 我们 我們 你 你们 你們 您 咱们 自己 本人 谁 誰 一些 部分 许多 許多 不少
今日 昨日 明日 今回 今後 一方 同日 現在 当時 当日 私 僕 俺 我々 われわれ 誰 皆 みんな 彼ら 彼女ら これ それ あれ
記者団 本紙 同紙`)

// chineseVerbs are Chinese reporting verbs, longest first.
var chineseVerbs = []string{"告诉记者", "告訴記者", "对记者说", "對記者說", "对媒体说", "對媒體說", "接受采访时说",
	"接受采访时表示", "在声明中说", "在聲明中說", "在声明中表示", "在聲明中表示", "在推特上写道", "写道", "寫道",
	"表示", "指出", "强调", "強調", "介绍", "介紹", "认为", "認為", "透露", "回应", "回應", "坦言", "直言", "补充", "補充",
	"宣布", "宣佈", "呼吁", "呼籲", "警告", "问道", "問道", "答道", "说道", "說道", "承认", "承認", "解释", "解釋",
	"称", "稱", "说", "說", "道", "问", "問", "表態", "表态", "重申", "声称", "聲稱", "提到", "感叹", "感嘆"}

// chineseAttribution reads X表示：“…”, X说，“…” and “…”X说。.
func chineseAttribution(before, after string, beforePos, afterPos int) (cjkSpeaker, bool) {
	// X表示：“…” — the verb ends the text before the quotation, but for a colon or comma.
	b := strings.TrimRight(before, "：:，, ")
	for _, v := range chineseVerbs {
		if strings.HasSuffix(b, v) {
			clause := b[:len(b)-len(v)]
			if i := strings.LastIndexFunc(clause, cjkClauseBreak); i >= 0 {
				_, n := utf8.DecodeRuneInString(clause[i:])
				clause = clause[i+n:]
			}
			if v == "道" && !strings.HasSuffix(clause, "说") && !strings.HasSuffix(clause, "說") && !strings.HasSuffix(clause, "问") && !strings.HasSuffix(clause, "写") {
				// 道 alone is a noun (the road, the way) more often than a verb.
				if len(b) == len(before) {
					continue
				}
			}
			return cjkSpeaker{phrase: chineseSubject(clause), cue: v, cuePos: beforePos + len(b) - len(v)}, true
		}
	}
	// “…”X说。 — a short clause after the quotation ending in the verb.
	a := strings.TrimLeft(after, "，, ")
	if i := strings.IndexFunc(a, cjkClauseBreak); i >= 0 {
		a = a[:i]
	}
	a = strings.TrimSpace(a)
	if utf8.RuneCountInString(a) > 24 {
		return cjkSpeaker{}, false
	}
	for _, v := range chineseVerbs {
		if v == "道" || v == "问" || v == "問" {
			continue
		}
		if strings.HasSuffix(a, v) {
			clause := a[:len(a)-len(v)]
			pos := afterPos + strings.Index(after, a) + len(clause)
			return cjkSpeaker{phrase: chineseSubject(clause), cue: v, cuePos: pos}, true
		}
	}
	return cjkSpeaker{}, false
}

// chineseBreakers open the part of a Chinese clause after its subject: a
// time, a place, an adverb (李强10日在北京表示 → 李强).
var chineseBreakers = []string{"在", "于", "於", "对", "對", "向", "也", "还", "還", "则", "則", "并", "並", "更", "又",
	"曾", "今天", "昨天", "日前", "近日", "当天", "當天", "上午", "下午", "晚间", "晚間", "早些时候", "随后", "隨後",
	"接受", "通过", "通過", "就", "同时", "同時", "再次", "一再", "明确", "明確", "最近", "此前", "当时", "當時", "后来", "後來",
	"周一", "周二", "周三", "周四", "周五", "周六", "周日", "週一", "週二", "週三", "週四", "週五", "週六", "週日", "亦", "均", "都", "们都"}

// chineseActions are verbs that may stand between a subject and the
// reporting verb (李强主持会议并表示); the subject ends before them.
var chineseActions = []string{"主持", "出席", "会见", "會見", "会晤", "會晤", "访问", "訪問", "发表", "發表", "召开", "召開",
	"举行", "舉行", "参加", "參加", "签署", "簽署", "回答", "答", "致辞", "致辭", "讲话", "講話", "发言", "發言", "在场", "到场",
	"视察", "視察", "考察", "率团", "率領", "率领", "抵达", "抵達", "前往", "表示", "说", "說", "指出", "称", "稱",
	"介绍", "介紹", "回忆", "回憶", "透露", "坦言", "笑称", "笑稱", "补充", "補充"}

// chineseOrgEnds end the names of Chinese organisations (外交部, 国务院,
// 中国人民银行): a subject ending so may be longer than a person's name.
var chineseOrgEnds = []string{"部", "局", "院", "会", "會", "委", "厅", "廳", "办", "辦", "府", "党", "黨", "国", "國",
	"公司", "集团", "集團", "银行", "銀行", "大学", "大學", "协会", "協會", "组织", "組織", "中心", "署", "处", "處",
	"社", "台", "报", "報", "军", "軍", "队", "隊", "警方", "法院", "检察院", "政府", "方", "馆", "館", "所", "团", "團"}

// plausibleChinese reports whether a subject without a title reads as a
// name: a person's (two to four characters, or a transliteration joined by
// middle dots) or an organisation's.
func plausibleChinese(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 2 {
		return false
	}
	if n <= 4 || strings.ContainsAny(s, "·・•‧") && n <= 16 {
		return true
	}
	for _, e := range chineseOrgEnds {
		if strings.HasSuffix(s, e) {
			return n <= 16
		}
	}
	return false
}

// chineseSubject cuts the subject from the clause before a Chinese
// reporting verb: up to a digit, a Latin letter or a word that opens an
// adverbial (在, 对, 也, 今天 …).
func chineseSubject(clause string) string {
	end := len(clause)
	for i, r := range clause {
		if !isNameRune(r) {
			end = i
			break
		}
	}
	s := clause[:end]
	// Titles may hold a breaker's characters (发言人 holds 发言): a breaker
	// counts only outside them.
	var titles []Span
	for _, t := range chineseTitles {
		for off := 0; ; {
			k := strings.Index(s[off:], t)
			if k < 0 {
				break
			}
			titles = append(titles, Span{off + k, off + k + len(t)})
			off += k + len(t)
		}
	}
	// 陈福香激动地说, 陈福香笑着说: an adverb of manner before the verb
	// (two characters and 地, or a verb and 着) is no part of the subject.
	if r := []rune(s); len(r) >= 4 && r[len(r)-1] == '地' {
		s = string(r[:len(r)-3])
	} else if len(r) >= 3 && r[len(r)-1] == '着' {
		s = string(r[:len(r)-2])
	}
	cut := len(s)
	for _, br := range chineseBreakers {
		cut = firstOutside(s, br, titles, cut)
	}
	for _, br := range chineseActions {
		cut = firstOutside(s, br, titles, cut)
	}
	return s[:cut]
}

// firstOutside returns the first offset below limit where w occurs in s
// outside every span of skip, or limit.
func firstOutside(s, w string, skip []Span, limit int) int {
	for off := 0; off < limit; {
		k := strings.Index(s[off:], w)
		if k < 0 || off+k >= limit {
			return limit
		}
		k += off
		inside := false
		for _, sp := range skip {
			if k < sp.End && k+len(w) > sp.Start {
				inside = true
				break
			}
		}
		if !inside {
			return k
		}
		off = k + len(w)
	}
	return limit
}

// japaneseTitles follow a Japanese name, longest first.
var japaneseTitles = []string{"官房長官", "官房副長官", "事務総長", "国務長官", "幹事長", "委員長", "政調会長", "総務会長",
	"報道官", "大統領", "副大統領", "首席", "総書記", "国家主席", "主席", "総統", "首相", "総理大臣", "総理", "大臣",
	"長官", "外相", "財務相", "防衛相", "経産相", "厚労相", "文科相", "法相", "国交相", "農相", "環境相", "経済再生相",
	"知事", "市長", "区長", "町長", "村長", "議長", "議員", "代表", "党首", "総裁", "副総裁", "会長", "社長", "頭取",
	"理事長", "学長", "校長", "教授", "准教授", "監督", "選手", "容疑者", "被告", "弁護士", "氏", "さん", "さま", "様", "君",
	"くん", "ちゃん", "先生", "医師", "記者", "次官", "大使", "司令官", "書記長", "共同代表", "代表理事", "最高経営責任者", "CEO"}

// chineseTitles come before a Chinese name, longest first.
var chineseTitles = []string{"外交部发言人", "外交部發言人", "国防部发言人", "國防部發言人", "商务部发言人", "發言人", "发言人",
	"国务院总理", "國務院總理", "国家主席", "國家主席", "总书记", "總書記", "国务卿", "國務卿", "首席执行官", "首席執行官",
	"总理", "總理", "主席", "总统", "總統", "副总统", "副總統", "部长", "部長", "外长", "外長", "防长", "防長", "首相",
	"大使", "书记", "書記", "省长", "省長", "市长", "市長", "董事长", "董事長", "总裁", "總裁", "总经理", "總經理",
	"经理", "經理", "主任", "局长", "局長", "院长", "院長", "教授", "研究员", "研究員", "委员", "委員", "议员", "議員",
	"秘书长", "秘書長", "负责人", "負責人", "官员", "官員", "司令", "律师", "律師", "医生", "醫生", "分析师", "分析師",
	"创始人", "創始人", "行长", "行長", "校长", "校長", "教练", "教練", "会长", "會長", "社长", "社長", "法官", "专家", "專家",
	"学者", "學者", "主持人", "代表", "议长", "議長", "州长", "州長", "首席经济学家", "经济学家", "經濟學家", "先生", "女士", "小姐",
	"村民", "居民", "市民", "村支书", "编剧", "編劇", "导演", "導演", "演员", "演員", "扮演者", "记者", "記者", "员工", "員工",
	"工人", "农民", "農民", "志愿者", "志願者", "店主", "老板", "老闆", "球员", "球員", "运动员", "運動員", "选手", "選手"}

// splitTitle separates a name from its titles: 岸田文雄首相 → 岸田文雄,
// 首相; 外交部发言人毛宁 → 毛宁, 外交部发言人. name is "" when the phrase is
// only a title (首相, 外交部发言人).
func splitTitle(np string, ja bool) (name, title string) {
	if ja {
		for changed := true; changed; {
			changed = false
			for _, t := range japaneseTitles {
				if strings.HasSuffix(np, t) {
					np, title = np[:len(np)-len(t)], t+title
					changed = true
					break
				}
			}
		}
		// 米国のバイデン: an organisation before the name with の was cut
		// with the particle; 日銀総裁 style prefixes stay with the title.
		return np, title
	}
	// Chinese: a courtesy title follows the name (王先生), others precede it.
	for _, t := range []string{"先生", "女士", "小姐"} {
		if strings.HasSuffix(np, t) && len(np) > len(t) {
			return np[:len(np)-len(t)], t
		}
	}
	best := -1
	for _, t := range chineseTitles {
		if k := strings.LastIndex(np, t); k >= 0 && k+len(t) > best {
			best = k + len(t)
		}
	}
	if best < 0 {
		return np, ""
	}
	return np[best:], np[:best]
}

// cjkPronouns map a pronoun to the gender it gives ('m', 'f' or 0).
var cjkPronouns = map[string]byte{"他": 'm', "她": 'f', "彼": 'm', "彼女": 'f', "同氏": 0}

// resolveCJK sets c's speaker from the subject phrase np, found in the
// sentence starting at sentence.
func (a *attributor) resolveCJK(c *candidate, np string, ja bool, sentence int) {
	np = strings.TrimSpace(np)
	if np == "" {
		return
	}
	if g, ok := cjkPronouns[np]; ok {
		c.speaker = a.cjkAntecedent(c, g)
		c.person = c.speaker != ""
		c.gender = g
		return
	}
	if _, stop := cjkNotSpeakers[np]; stop || strings.HasPrefix(np, "同") && utf8.RuneCountInString(np) == 2 || cjkIndefinite(np) {
		return // 有人 (someone), 同社 (the company), 一名居民 (a resident): no name
	}
	name, title := splitTitle(np, ja)
	switch {
	case name == "":
		// A title alone: the person the article named with it, else the title.
		if n := a.cjkRole(title, sentence, ja); n != "" {
			c.speaker, c.person = n, true
		} else {
			c.speaker = title
		}
	case !ja && title != "" && utf8.RuneCountInString(name) > 4 && !strings.ContainsAny(name, "·・•‧"):
		// 外交部发言人毛宁主持例行记者会: where the name ends is unknown.
		c.speaker = title
	case !ja && title == "" && !plausibleChinese(name):
		return
	case utf8.RuneCountInString(name) == 1 && !strings.ContainsAny(title, "氏さん様君"):
		// One character is no name (国は, 党が); keep the whole phrase.
		c.speaker = np
	default:
		c.speaker = a.cjkFullName(name, ja)
		c.person = title != "" || !ja && utf8.RuneCountInString(name) <= 4
	}
	if c.speaker != "" {
		a.speakers = append(a.speakers, antecedent{pos: c.cuePos, name: c.speaker, person: c.person})
	}
}

// cjkCounted are the numerals and indefinite words that count people
// before a classifier (一, 两, 几, 某, 每 …); cjkClassifiers the
// classifiers for people (人, 位, 名, 个 …).
const (
	cjkCounted     = "一二两兩三四五六七八九十几幾数數多某每各另"
	cjkClassifiers = "人位名个個些群批"
)

// cjkIndefinite reports whether a subject counts people rather than names
// them: a numeral or an indefinite word and a classifier (一人, 一位官员,
// 一名居民, 某人, 几位专家), or 人 alone (ある人は, where the kana leave 人).
func cjkIndefinite(np string) bool {
	r := []rune(np)
	if len(r) == 1 && r[0] == '人' {
		return true
	}
	return len(r) >= 2 && strings.ContainsRune(cjkCounted, r[0]) && strings.ContainsRune(cjkClassifiers, r[1])
}

// cjkAntecedent returns the speaker a Chinese or Japanese pronoun stands
// for: the previous quotation's named person, when it is in the same or the
// previous paragraph and no other person spoke between; "" otherwise.
func (a *attributor) cjkAntecedent(c *candidate, g byte) string {
	var last *candidate
	for _, o := range a.cands {
		if o == c || o.raw.start >= c.raw.start {
			break
		}
		if o.speaker != "" {
			last = o
		}
	}
	if last == nil || !last.person || c.para-last.lastPara > 1 {
		return ""
	}
	if last.gender != 0 && g != 0 && last.gender != g {
		return ""
	}
	return last.speaker
}

// cjkRole returns the name the article introduced with a title before pos
// (岸田文雄首相 for 首相, 外交部发言人毛宁 for 发言人), the most recent
// first, or "".
func (a *attributor) cjkRole(title string, pos int, ja bool) string {
	text := a.src[:pos]
	if len(text) > cjkWindow {
		// Look back a bounded stretch, so that many quotations in a
		// long text stay linear.
		text = text[len(text)-cjkWindow:]
		for len(text) > 0 && !utf8.RuneStart(text[0]) {
			text = text[1:]
		}
	}
	for end, tries := len(text), 0; end > 0 && tries < 8; tries++ {
		k := strings.LastIndex(text[:end], title)
		if k < 0 {
			return ""
		}
		end = k
		var name string
		if ja {
			name = nameRunBefore(text[:k])
			name, _ = splitTitle(name, true)
		} else {
			rest := text[k+len(title):]
			if len(rest) > 64 {
				rest = rest[:64] // a name is a few characters
			}
			e := strings.IndexFunc(rest, func(r rune) bool { return !isNameRune(r) })
			if e < 0 {
				e = len(rest)
			}
			name = chineseSubject(rest[:e])
			if n := utf8.RuneCountInString(name); n > 4 && !strings.ContainsAny(name, "·・•‧") {
				name = "" // where the name ends is unknown: keep the title
			}
		}
		if n := utf8.RuneCountInString(name); n >= 2 && n <= 12 {
			if _, stop := cjkNotSpeakers[name]; !stop {
				return a.cjkFullName(name, ja)
			}
		}
	}
	return ""
}

// cjkFullName returns the fullest form of name the article uses before
// pos: 岸田 → 岸田文雄 when the article wrote 岸田文雄 (followed by a title
// or particle) earlier.
func (a *attributor) cjkFullName(name string, ja bool) string {
	if !ja || utf8.RuneCountInString(name) > 3 {
		return name // Chinese news gives the full name
	}
	best := name
	text := a.src
	if len(text) > cjkWindow {
		text = text[:cjkWindow] // names are introduced early
	}
	for off := 0; ; {
		k := strings.Index(text[off:], name)
		if k < 0 {
			return best
		}
		k += off
		off = k + len(name)
		if k > 0 {
			if r, _ := utf8.DecodeLastRuneInString(text[:k]); unicode.Is(unicode.Han, r) {
				continue // inside a longer word
			}
		}
		// The name's run continued by given-name characters, then a title.
		run := text[k:]
		e := strings.IndexFunc(run, func(r rune) bool { return !isNameRune(r) })
		if e < 0 {
			e = len(run)
		}
		// Only a run that ends in a title proves where the name ends.
		full, _ := splitTitle(run[:e], ja)
		if full != run[:e] && strings.HasPrefix(full, name) {
			if n := utf8.RuneCountInString(full); n > utf8.RuneCountInString(best) && n <= 5 {
				best = full
			}
		}
	}
}
