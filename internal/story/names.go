package story

import "slices"

// Names returns the learned names: for each term seen capitalised or in
// lower case inside sentences of text that capitalises only names, those
// counts (capital, lower), the ones that have decayed below one sighting
// left out. A clusterer given them back (SetNames) tells names as this one
// does.
func (c *Clusterer) Names() map[string][2]float64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string][2]float64)
	for i := range c.terms {
		t := &c.terms[i]
		if t.capital+t.lower >= 1 {
			out[t.fold] = [2]float64{t.capital, t.lower}
		}
	}
	return out
}

// SetNames sets the learned names' counts (as Names returns them), adding
// the terms it does not know; invalid counts are skipped.
func (c *Clusterer) SetNames(names map[string][2]float64) {
	folds := make([]string, 0, len(names))
	for f := range names {
		folds = append(folds, f)
	}
	slices.Sort(folds) // new terms get their ids in a fixed order
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, f := range folds {
		n := names[f]
		if f == "" || !finite(n[0]) || !finite(n[1]) || n[0] < 0 || n[1] < 0 {
			continue
		}
		t := c.termID(f)
		t.capital, t.lower = n[0], n[1]
	}
}
