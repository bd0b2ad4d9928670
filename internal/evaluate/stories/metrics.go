package stories

import "math"

// Scores are the clustering metrics of the data's README for one prediction.
type Scores struct {
	Pair      PRF // over unordered item pairs placed in the same cluster
	CrossPair PRF // the same, over pairs of items of different outlets only
	DayPair   PRF // the same, with predicted and gold clusters first cut by UTC date
	B3        PRF // B-cubed, averaged over items
	DayB3     PRF // B-cubed with clusters cut by date
	Clusters  int // predicted clusters
	Gold      int // gold clusters
}

// PRF is a precision, recall and F1.
type PRF struct{ P, R, F float64 }

func prf(p, r float64) PRF {
	f := 0.0
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return PRF{p, r, f}
}

// score compares predicted cluster labels with the items' gold stories.
func score(items []Item, pred []string) Scores {
	gold := make([]string, len(items))
	outlet := make([]string, len(items))
	dayPred := make([]string, len(items))
	dayGold := make([]string, len(items))
	for i, it := range items {
		gold[i], outlet[i] = it.Story, it.Publisher
		dayPred[i] = pred[i] + "\x00" + it.Date
		dayGold[i] = it.Story + "\x00" + it.Date
	}
	s := Scores{
		Pair:      pairs(pred, gold, nil),
		CrossPair: pairs(pred, gold, outlet),
		DayPair:   pairs(dayPred, dayGold, nil),
		B3:        bcubed(pred, gold),
		DayB3:     bcubed(dayPred, dayGold),
		Clusters:  distinct(pred),
		Gold:      distinct(gold),
	}
	return s
}

func distinct(labels []string) int {
	m := make(map[string]bool)
	for _, l := range labels {
		m[l] = true
	}
	return len(m)
}

// pairs counts the pairwise precision and recall; with outlets, pairs of two items of one outlet are
// left out.
func pairs(pred, gold, outlet []string) PRF {
	type cell struct{ p, g string }
	type cellOutlet struct{ p, g, o string }
	np := map[string]int{}
	ng := map[string]int{}
	nc := map[cell]int{}
	npo := map[[2]string]int{}
	ngo := map[[2]string]int{}
	nco := map[cellOutlet]int{}
	for i := range pred {
		np[pred[i]]++
		ng[gold[i]]++
		nc[cell{pred[i], gold[i]}]++
		if outlet != nil {
			npo[[2]string{pred[i], outlet[i]}]++
			ngo[[2]string{gold[i], outlet[i]}]++
			nco[cellOutlet{pred[i], gold[i], outlet[i]}]++
		}
	}
	c2 := func(n int) float64 { return float64(n) * float64(n-1) / 2 }
	var tp, pp, gp float64
	for _, n := range nc {
		tp += c2(n)
	}
	for _, n := range np {
		pp += c2(n)
	}
	for _, n := range ng {
		gp += c2(n)
	}
	for _, n := range nco {
		tp -= c2(n)
	}
	for _, n := range npo {
		pp -= c2(n)
	}
	for _, n := range ngo {
		gp -= c2(n)
	}
	return prf(ratio(tp, pp), ratio(tp, gp))
}

// bcubed averages, over items, the share of an item's predicted cluster that is in its gold cluster
// (precision) and the share of its gold cluster that is in its predicted cluster (recall).
func bcubed(pred, gold []string) PRF {
	type cell struct{ p, g string }
	np := map[string]int{}
	ng := map[string]int{}
	nc := map[cell]int{}
	for i := range pred {
		np[pred[i]]++
		ng[gold[i]]++
		nc[cell{pred[i], gold[i]}]++
	}
	var p, r float64
	for i := range pred {
		both := float64(nc[cell{pred[i], gold[i]}])
		p += both / float64(np[pred[i]])
		r += both / float64(ng[gold[i]])
	}
	n := float64(len(pred))
	return prf(ratio(p, n), ratio(r, n))
}

func ratio(a, b float64) float64 {
	if b == 0 || math.IsNaN(a) {
		return 0
	}
	return a / b
}
