package summary

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
)

// equivTexts are written fixtures of varied size, language and shape.
var equivTexts = map[string]string{
	"article": article,
	"feed short": "Firefighters battled a blaze at a warehouse in the docks on Monday night. " +
		"Nobody was hurt, the fire service said. Police have closed the harbour road until further notice.",
	"feed heading":      "Fire closes main road through town centre",
	"feed one sentence": "The central bank raised its key interest rate by a quarter point on Wednesday.",
	"empty":             "",
	"furniture only":    "By Jane Doe\n\nRead more: other news\n\nSign up for our newsletter.",
	"german": "Der Stadtrat hat am Dienstag den Haushalt für das kommende Jahr beschlossen. " +
		"Die Ausgaben für Straßen steigen um zehn Prozent, die für Schulen bleiben gleich.\n\n" +
		"Bürgermeisterin Müller sagte, die Stadt könne sich nicht mehr leisten. " +
		"Die Opposition kritisierte den Beschluss am 3. Oktober scharf. " +
		"Die Wahl im nächsten Jahr wird zeigen, ob die Wähler das auch so sehen.",
	"french": "Le conseil municipal a adopté mardi le budget de l'année prochaine après un long débat. " +
		"Les dépenses pour les routes augmentent de dix pour cent. « Nous ne pouvons pas faire plus », a déclaré Mme. Dupont. " +
		"L'opposition a dénoncé un budget « sans ambition » pour les écoles de la ville.",
	"spanish": "El ayuntamiento aprobó el martes el presupuesto del próximo año tras un largo debate. " +
		"¿Qué cambiará para los vecinos? El gasto en carreteras sube un diez por ciento. " +
		"La Sra. Gómez dijo que la ciudad no podía permitirse más. La oposición criticó la decisión.",
	"russian": "Городской совет во вторник утвердил бюджет на следующий год после долгих споров. " +
		"Расходы на дороги вырастут на десять процентов. Мэр заявил, что город не может позволить себе больше. " +
		"Оппозиция раскритиковала решение совета и пообещала обратиться в суд.",
	"chinese": "市议会周二批准了明年的预算。道路支出将增加百分之十。市长说，这是城市能负担的最好预算。反对派批评了这一决定。",
	"quotes": "\"We will appeal,\" Smith said. \"Stop!\" the officer shouted at the crowd outside. " +
		"The U.S. Department of Justice declined to comment on Tuesday. Acme Inc. The company said it would cooperate fully with investigators.",
	"duplicates": "The river burst its banks on Sunday and flooded the old town. " +
		"On Sunday the river burst its banks and flooded the old town. " +
		"Rescue teams evacuated two hundred residents by boat overnight. " +
		"The weather service expects more rain later in the week.",
	"long sentence": "The committee, which met for three days in a row behind closed doors, finally agreed on a plan that will change how the region pays for its hospitals, schools and roads for the next decade, " +
		"although several members said they had doubts about whether the money would ever arrive and whether the plan could survive the next election. It was short.",
}

// equivLong is a long written text of over maxSentences sentences, so that
// the candidate cap is exercised.
func equivLong() string {
	subjects := []string{"The council", "Police", "The mayor", "Investigators", "Residents", "The court"}
	verbs := []string{"approved", "questioned", "rejected", "examined", "praised", "delayed"}
	objects := []string{"the budget for road repairs", "the election interference claims", "the bridge closure",
		"the school funding plan", "the new harbour project", "the consultants' contracts"}
	var b strings.Builder
	for i := range 450 {
		fmt.Fprintf(&b, "%s %s %s on day %d of the inquiry.", subjects[i%len(subjects)], verbs[i*7%len(verbs)], objects[i*5%len(objects)], i)
		if i%5 == 4 {
			b.WriteString("\n\n")
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// equivOptions are the option sets every text is summarized with.
var equivOptions = []Options{
	{},
	{Terms: []string{"police"}},
	{Terms: []string{"election interference", "Budget", "budget", " "}, Title: "Council approves budget"},
	{Sentences: 1, MaxChars: 80},
	{Sentences: 5, MaxChars: 2000, Terms: []string{"Straßen", "carreteras", "дороги", "routes"}},
	{Sentences: 2, MaxChars: 150, Title: "Ёлка and Élysée"},
}

type equivCase struct {
	Name string
	Text string `json:"-"`
	Opts Options
	Out  []string
}

// equivCases returns the written fixtures and, when the evaluation data is
// present, its first 40 articles, each with every option set.
func equivCases(t *testing.T) []equivCase {
	t.Helper()
	texts := map[string]string{"long": equivLong()}
	for k, v := range equivTexts {
		texts[k] = v
	}
	if f, err := os.Open("/work/shared/data/summaries/pairs.validation.jsonl"); err == nil {
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
		for n := 0; n < 40 && sc.Scan(); n++ {
			var p struct{ Article string }
			if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
				t.Fatal(err)
			}
			texts[fmt.Sprintf("validation %02d", n)] = p.Article
		}
	}
	names := make([]string, 0, len(texts))
	for k := range texts {
		names = append(names, k)
	}
	slices.Sort(names)
	var cases []equivCase
	for _, name := range names {
		for k, o := range equivOptions {
			cases = append(cases, equivCase{Name: fmt.Sprintf("%s/%d", name, k), Text: texts[name], Opts: o})
		}
	}
	return cases
}

// TestSummarizeStable checks that Summarize is deterministic and safe for
// concurrent use: every case summarized concurrently, twice, gives the same
// verbatim output. With SUMMARY_GOLDEN set to a file it also compares the
// outputs with that file, or writes it when SUMMARY_GOLDEN_WRITE=1, so that
// an optimisation can be checked against an earlier version of the package.
func TestSummarizeStable(t *testing.T) {
	cases := equivCases(t)
	for i := range cases {
		cases[i].Out = Summarize(cases[i].Text, cases[i].Opts)
	}
	var wg sync.WaitGroup
	again := make([][]string, len(cases))
	for i := range cases {
		wg.Go(func() { again[i] = Summarize(cases[i].Text, cases[i].Opts) })
	}
	wg.Wait()
	for i, c := range cases {
		if !slices.Equal(c.Out, again[i]) {
			t.Errorf("%s: not deterministic: %q then %q", c.Name, c.Out, again[i])
		}
		if len(c.Out) == 1 && strings.HasSuffix(c.Out[0], ellipsis) && !strings.Contains(c.Text, c.Out[0]) {
			continue // the documented cut of a lone long sentence
		}
		from := 0
		for _, s := range c.Out {
			k := strings.Index(c.Text[from:], s)
			if k < 0 {
				t.Errorf("%s: %q not verbatim in order", c.Name, s)
				break
			}
			from += k + len(s)
		}
	}

	path := os.Getenv("SUMMARY_GOLDEN")
	if path == "" {
		return
	}
	if os.Getenv("SUMMARY_GOLDEN_WRITE") == "1" {
		data, err := json.MarshalIndent(cases, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %d cases to %s", len(cases), path)
		return
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var golden []equivCase
	if err := json.Unmarshal(data, &golden); err != nil {
		t.Fatal(err)
	}
	if len(golden) != len(cases) {
		t.Fatalf("golden file has %d cases, want %d", len(golden), len(cases))
	}
	for i, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			g := golden[i]
			if g.Name != c.Name {
				t.Fatalf("golden case %d is %q", i, g.Name)
			}
			if !slices.Equal(g.Out, c.Out) {
				t.Errorf("got %q\nwant %q", c.Out, g.Out)
			}
		})
	}
}
