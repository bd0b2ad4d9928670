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
