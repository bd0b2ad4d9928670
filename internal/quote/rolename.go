package quote

// A role is often followed by whose role it is and then, set off by a
// comma, by the person's name: le président de la CPME, François Asselin;
// el convencional UDI e integrante de la Comisión de Normas Transitorias,
// Pablo Toloza; der Vorstand Regionen der Bundesagentur für Arbeit (BA),
// Daniel Terzenbach. The whole is one speaker, and the name says who.

// maxComplement bounds the words between a role and the comma before the
// name that follows it.
const maxComplement = 12

// appositionAfter returns the name that follows, after a comma, the role
// phrase ending at end and its complement: a person's name of two words or
// more that closes the phrase (a comma, a full stop, a semicolon or a
// parenthesis after it, or the paragraph's end). Between the role and the
// comma there may be nothing but words and parentheses: a sentence end, a
// quotation mark or a colon stops the search, and so does a reporting verb
// (the role is then the subject of a clause of its own).
func (a *attributor) appositionAfter(end int) (phrase, bool) {
	if len(a.paras) == 0 {
		return phrase{}, false
	}
	p := a.paras[min(a.paraOf(end), len(a.paras)-1)]
	limit := min(p.End, end+400)
	if end >= limit {
		return phrase{}, false
	}
	toks := tokenize(a.src, end, limit)
	comma := -1
	for k, t := range toks {
		if k > maxComplement {
			return phrase{}, false
		}
		if t.s == "," {
			comma = k
			break
		}
		if t.word {
			if cueWord(t) {
				return phrase{}, false // le président de la CPME, qui a déclaré
			}
			continue
		}
		if t.s != "(" && t.s != ")" && t.s != "-" && t.s != "–" {
			return phrase{}, false
		}
	}
	if comma < 0 {
		return phrase{}, false
	}
	n, roles, e, ok := parseName(a.src, toks, comma+1)
	if !ok || len(n.words) < 2 || !personLike(n.words) {
		return phrase{}, false
	}
	if e < len(toks) {
		switch toks[e].s {
		case ",", ".", ";", ")":
		default:
			return phrase{}, false // un proche d'Edouard Philippe, Jean-Paul Delevoye se montre: a clause
		}
	}
	return phrase{kind: npName, toks: toks[comma+1 : e], name: n, roles: roles}, true
}
