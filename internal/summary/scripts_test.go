package summary

import (
	"strings"
	"testing"
)

// Articles in scripts with their own sentence marks: the summary is made of
// whole sentences of the article, never one paragraph taken whole.
func TestSummarizeOwnSentenceMarks(t *testing.T) {
	tests := []struct {
		name, text, end string
	}{
		{"hi", "केंद्र सरकार ने मंगलवार को किसानों के लिए नई सिंचाई योजना की घोषणा की। कृषि मंत्री ने कहा कि इससे देश के लाखों किसानों को सीधा लाभ होगा। योजना के तहत अगले पांच वर्षों में हजारों नहरों की मरम्मत की जाएगी। विपक्षी दलों ने योजना के बजट पर सवाल उठाए। संसद में इस पर अगले सप्ताह बहस होगी।", "।"},
		{"ur", "وفاقی حکومت نے منگل کو نیا بجٹ قومی اسمبلی میں پیش کیا۔ وزیر خزانہ نے کہا کہ تنخواہ دار طبقے پر نیا ٹیکس نہیں لگے گا۔ اپوزیشن نے بجٹ کو عوام دشمن قرار دیا۔ اجلاس جمعرات تک ملتوی کر دیا گیا۔", "۔"},
		{"hy", "Կառավարությունը հինգշաբթի հաստատել է հաջորդ տարվա պետական բյուջեն։ Ֆինանսների նախարարը հայտարարել է, որ աշխատավարձերը կբարձրանան։ Ընդդիմությունը քննադատել է որոշումը խորհրդարանում։ Քվեարկությունը տեղի կունենա հաջորդ շաբաթ։", "։"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Summarize(tt.text, Options{Sentences: 2})
			if len(got) != 2 {
				t.Fatalf("got %d sentences, want 2: %q", len(got), got)
			}
			for _, s := range got {
				if !strings.HasSuffix(s, tt.end) || strings.Count(s, tt.end) != 1 || !strings.Contains(tt.text, s) {
					t.Errorf("not one verbatim sentence: %q", s)
				}
			}
		})
	}
}

// Teasers and notices in other languages ("Lee también: …", "यह भी पढ़ें: …",
// "관련기사", "无断转载", a Chinese editor's credit) are page furniture, never a
// summary sentence, even when they end like one.
func TestSummarizeSkipsForeignFurniture(t *testing.T) {
	tests := []struct{ lang, text, furniture string }{
		{"es", "El Gobierno aprobó el martes la reforma de las pensiones tras meses de negociación con los sindicatos.\n\nLee también: La oposición anuncia un recurso ante el Tribunal Constitucional.\n\nLa reforma entrará en vigor el próximo mes de enero, según el ministerio.", "Lee también"},
		{"hi", "सरकार ने मंगलवार को संसद में किसानों के लिए नई सिंचाई योजना की घोषणा की।\n\nयह भी पढ़ें: विपक्ष ने बजट को बताया किसान विरोधी।\n\nयोजना के तहत अगले पांच वर्षों में हजारों नहरों की मरम्मत की जाएगी।", "यह भी पढ़ें"},
		{"ko", "한국은행은 11일 기준금리를 연 3.50%로 동결했다고 밝혔다.\n\n관련기사 금리 인하 기대감에 증시가 크게 올랐다.\n\n시장에서는 연내 금리 인하 가능성에 주목하고 있다.", "관련기사"},
		{"zh", "商务部新闻发言人13日表示，中方坚决反对欧盟对中国电动汽车加征关税。\n\n双方仍有通过谈判解决分歧的空间。\n\n（责任编辑：王小明 张丽）。", "责任编辑"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			for _, s := range Summarize(tt.text, Options{Sentences: 3}) {
				if strings.Contains(s, tt.furniture) {
					t.Errorf("summary sentence %q is page furniture", s)
				}
			}
		})
	}
}
