package summary

// Abbreviation lists for the sentence splitter. Keys are lower-case and
// carry no dots: "u.s." is looked up as "us" only when written with dots
// (see isAbbreviation), "z.B." as "zb".
//
// titles precede a name and never end a sentence ("Mr. Smith", "Sra. Gómez").
// others usually continue the sentence but may end it; after them a boundary
// is placed only when the next word is a common sentence opener
// ("… Acme Inc. The company said" splits, "Acme Inc. Chief" does not).

// titleAbbrevs never end a sentence when followed by a capitalised word.
var titleAbbrevs = map[string]bool{
	// English
	"mr": true, "mrs": true, "ms": true, "messrs": true, "dr": true, "prof": true,
	"gen": true, "lt": true, "col": true, "maj": true, "sgt": true, "capt": true,
	"cpt": true, "cmdr": true, "adm": true, "gov": true, "sen": true, "rep": true,
	"rev": true, "hon": true, "pres": true, "supt": true, "det": true, "insp": true,
	"cpl": true, "pvt": true, "brig": true, "atty": true, "mt": true,
	"ft": true, "amb": true, "treas": true, "lieut": true,
	// German
	"hr": true, "hrn": true, "fr": true, "frl": true, "dipl": true, "ing": true,
	"bzw": true, "vgl": true, "sog": true, "hl": true,
	// French
	"mm": true, "mme": true, "mmes": true, "mlle": true, "mlles": true,
	"mgr": true, "pr": true, "ste": true,
	// Spanish / Portuguese / Italian
	"sr": true, "sra": true, "srta": true, "sres": true, "sras": true, "dra": true,
	"ud": true, "uds": true, "lic": true, "gral": true, "arq": true, "sto": true,
	"sta": true, "avda": true, "av": true, "dña": true, "dª": true, "sig": true,
	"sigg": true, "dott": true,
	// Russian
	"им": true, "ул": true, "пр": true, "просп": true, "акад": true, "проф": true,
	"гр": true, "тов": true, "пл": true, "пер": true, "наб": true, "обл": true,
	// Turkish
	"yrd": true, "doç": true, "sn": true, "müh": true,
	// Polish
	"ul": true, "św": true, "ks": true, "płk": true, "mec": true, "red": true,
	"hab": true, "inż": true, // "prof. dr hab. Jan Kowalski", "mgr inż. Anna Nowak"
}

// weekdays (lower-case) after "a.m." or "p.m." go on with the time (AP
// style: "at 10 p.m. Tuesday").
var weekdays = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true,
}

// otherAbbrevs usually continue the sentence; see sentenceOpeners.
var otherAbbrevs = map[string]bool{
	// English
	"jr": true, "inc": true, "ltd": true, "co": true, "corp": true,
	"st":  true, // Saint before a name ("St. Louis"), Street at the end of one ("Downing St. The talks")
	"plc": true, "llc": true, "bros": true, "etc": true, "vs": true, "v": true,
	"approx": true, "dept": true,
	"ave": true, "blvd": true, "rd": true, "hwy": true, "ed": true, "eds": true, "al": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true,
	"aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"mon": true, "tue": true, "tues": true, "thu": true, "thur": true,
	"thurs": true, "fri": true,
	"ala": true, "ariz": true, "ark": true, "calif": true, "colo": true,
	"conn": true, "fla": true, "ga": true, "ind": true,
	"kan": true, "kans": true, "ky": true, "la": true, "md": true,
	"mich": true, "minn": true, "mo": true, "mont": true,
	"neb": true, "nev": true, "okla": true, "pa": true, "penn": true,
	"tenn": true, "tex": true, "va": true, "vt": true, "wis": true,
	"wyo": true,
	// German
	"str": true, "ca": true, "usw": true, "evtl": true, "ggf": true,
	"inkl": true, "zzgl": true, "bspw": true, "jh": true, "jhd": true,
	"mio": true, "mrd": true, "tsd": true, "bd": true, "bzgl": true, "dt": true,
	"gegr": true, "geb": true, "gest": true, "evang": true, "kath": true,
	// French
	"cf": true, "env": true, "éd": true, "chap": true,
	"janv": true, "févr": true, "avr": true, "juil": true, "déc": true,
	// Spanish
	"aprox": true, "tel": true,
	"ee": true, "uu": true, "ene": true, "dic": true, "cía": true,
	// Russian
	"г": true, "гг": true, "т": true, "тыс": true, "млн": true, "млрд": true,
	"руб": true, "коп": true, "см": true, "др": true,
	"мин": true, "сек": true, "ч": true, "э": true, "н": true, "кв": true,
	"янв": true, "февр": true, "апр": true, "авг": true, "сент": true,
	"окт": true, "нояб": true, "дек": true,
	// Polish
	"ok": true, "godz": true, "np": true, "tzw": true, "tys": true,
	"mln": true, "mld": true, "wg": true, "jw": true, "ds": true, "woj": true, "pow": true,
}

// sentenceOpeners are words (lower-case) that commonly begin a sentence. A
// non-title abbreviation, an initial or a dotted acronym ("U.S.") ends the
// sentence only when one of these follows it.
var sentenceOpeners = map[string]bool{
	// English
	"the": true, "a": true, "an": true, "he": true, "she": true, "it": true,
	"they": true, "we": true, "i": true, "you": true, "this": true, "that": true,
	"these": true, "those": true, "there": true, "his": true, "her": true,
	"its": true, "their": true, "our": true, "my": true, "but": true, "and": true,
	"so": true, "yet": true, "however": true, "in": true, "on": true, "at": true,
	"for": true, "from": true, "as": true, "after": true, "before": true,
	"when": true, "while": true, "if": true, "although": true, "though": true,
	"meanwhile": true, "some": true, "many": true, "most": true, "police": true,
	"according": true, "mr": true, "mrs": true, "ms": true,
	"dr": true, "what": true, "who": true, "why": true, "how": true,
	"now": true, "then": true, "still": true, "also": true, "since": true,
	// German
	"der": true, "die": true, "das": true, "ein": true, "eine": true, "er": true,
	"sie": true, "es": true, "wir": true, "ich": true, "aber": true, "und": true,
	"doch": true, "im": true, "am": true, "auf": true, "mit": true, "nach": true,
	"bei": true, "seit": true, "diese": true, "dieser": true, "dieses": true,
	"auch": true, "dann": true, "damit": true, "zudem": true,
	// French
	"le": true, "la": true, "les": true, "l": true, "un": true, "une": true, "il": true,
	"elle": true, "ils": true, "elles": true, "nous": true, "je": true,
	"mais": true, "et": true, "en": true, "au": true, "aux": true, "ce": true,
	"cette": true, "ces": true, "selon": true, "dans": true, "pour": true,
	// Spanish
	"el": true, "los": true, "las": true, "una": true, "él": true,
	"ella": true, "ellos": true, "nosotros": true, "yo": true, "pero": true,
	"y": true, "al": true, "este": true, "esta": true, "estos": true,
	"según": true, "con": true,
	// Russian
	"он": true, "она": true, "они": true, "мы": true, "я": true, "это": true,
	"но": true, "и": true, "в": true, "на": true, "по": true, "с": true,
	"этот": true, "эта": true, "однако": true, "также": true, "при": true,
	// Polish
	"w": true, "na": true, "to": true, "ten": true, "ta": true,
	"jak": true, "nie": true, "ale": true, "jednak": true, "według": true,
	"ona": true, "oni": true,
}

// yearAbbrevs follow a year ("в 2024 г.", "w 2024 r.") and end the
// sentence when a capitalised word follows: "… в 2024 г. Власти …".
var yearAbbrevs = map[string]bool{"г": true, "гг": true, "r": true}

// ordinalLeads (lower-case) are German articles and contractions before an
// ordinal number: "aus dem 12. Jahrhundert", "im 3. Quartal", "zum 70.
// Geburtstag", "der 2. Weltkrieg". A number after them and a full stop
// ends the sentence only when a sentence opener follows.
var ordinalLeads = map[string]bool{
	"der": true, "die": true, "das": true, "dem": true, "den": true, "des": true,
	"im": true, "am": true, "zum": true, "zur": true, "vom": true, "beim": true,
	"ins": true, "ans": true, "seinem": true, "seinen": true, "seiner": true,
	"ihrem": true, "ihren": true, "ihrer": true, "einem": true, "einer": true,
}

// monthNames (lower-case) after a one- or two-digit number and a dot mark a
// German-style date ("am 3. Oktober"), not a sentence end.
var monthNames = map[string]bool{
	"januar": true, "jänner": true, "februar": true, "märz": true, "april": true,
	"mai": true, "juni": true, "juli": true, "august": true, "september": true,
	"oktober": true, "november": true, "dezember": true,
	"jan": true, "feb": true, "mär": true, "apr": true, "jun": true, "jul": true,
	"aug": true, "sep": true, "sept": true, "okt": true, "nov": true, "dez": true,
	"january": true, "february": true, "march": true, "may": true, "june": true,
	"july": true, "october": true, "december": true,
}

// numberAbbrevs precede a number ("No. 1", "Nr. 5", "p. 12", "стр. 3") and
// end no sentence when a digit follows them.
var numberAbbrevs = map[string]bool{
	"no": true, "nos": true, "p": true, "pp": true, "vol": true, "vols": true,
	"art": true, "fig": true, "figs": true, "ch": true, "para": true, "nr": true,
	"nº": true, "núm": true, "pág": true, "págs": true, "abs": true, "стр": true,
	"n": true, "s": true, "bd": true, "kap": true, "tel": true, "tab": true,
	"apt": true, "ste": true, "tz": true, "max": true, "min": true, "rdn": true, "rn": true, "ziff": true, "std": true, "bauj": true, "hnr": true,
}
