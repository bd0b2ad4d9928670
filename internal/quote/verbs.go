package quote

import "strings"

// Reporting verbs. The English list is derived from GenderGapTracker's
// quote-verb list (github.com/sfu-discourse-lab/GenderGapTracker, MIT licence,
// Copyright (c) 2021 Discourse Processing Lab), extended with further verbs
// that introduce speech in news copy (asked, conceded, chanted …). The short
// French, Spanish, German, Italian, Portuguese, Polish and Russian lists cover the
// commonest forms only.
var (
	cueVerbs = wordSet(`
complaining boasting joking quipping conceding promising urging mocking praising repeating stressing pleading lamenting demanding countering retorting scoffing bragging gloating muttering whispering cautioning
accept accepted acclaim acclaimed acclaiming acclaims accuse accused accuses acknowledge
acknowledged acknowledges acknowledging add added adding adds admit admits admitted admitting advise
advised advises advising agree agreed agrees allege alleged alleges announce announced announces
announcing answer answered answers argue argued argues arguing ask asked asking asks assert asserted
asserting asserts assure assured assures assuring attack attacked attacks began begin blast blasted
blasts blurt blurted blurts boast boasted boasts brand branded brands call called calling calls caution cautioned
cautions chant chanted chanting chants charge charged charges claim claimed claiming claims
clarified clarifies clarify clarifying comment commented commenting comments complain complained
complains concede conceded concedes conclude concluded concludes concluding confirm confirmed
confirming confirms contend contended contends continue continued continues continuing convince
convinced convinces convincing counter countered counters criticize criticized criticizes
criticizing declaim declaimed declaiming declaims declare declared declares declaring decried
decries decry decrying demonstrate demonstrated demonstrates demonstrating denounce denounced
denounces denouncing describe described describes describing disclaim disclaimed disclaiming
disclaims dispute disputed disputes disputing dub dubbed dubs email emailed emphasize emphasized
emphasizes ensure ensured ensures ensuring estimated estimates exclaim exclaimed exclaiming exclaims
explain explained explaining explains finding finds highlight highlighted highlighting highlights
hint hinted illustrate illustrated illustrates illustrating indicate indicated indicates indicating
inform informed informing informs insist insisted insisting insists interjected joke joked jokes
label labeled labelled labels lament lamented laments liken likened likens maintain maintained
maintains mention mentioned mentioning mentions muse mused muses note noted notes notified notifies
notify notifying noting observe observed observes offer offered offers opined persist persisted
persisting persists plead pleaded pleads pledge pledged pledges pledging point pointed pointing points post posted
posts praise praised praises preach preached preaches preaching predict predicted predicting
predicts present presenting presents proclaim proclaimed proclaiming proclaims promise promised
promises quip quipped quips rave raved raves raving read reads reassert reasserted reasserting
reasserts reassure reassured reassures reassuring recall recalled recalls reckon reckoned reckoning
reckons reconfirm reconfirmed reconfirming reconfirms recount recounted recounts release released
releases releasing remark remarked remarks remind reminded reminding reminds repeat repeated repeats
replied replies reply replying report reported reporting reports respond responded responding
responds restate restated restates restating retell retelling retells retold retort retorted retorts
rule ruled said sang say saying says scream screamed screaming screams shout shouted shouting shouts sing singing
sings slam slammed slams snapped state stated states stating stress stressed stresses suggest
suggested suggesting suggests sum summarize summarized summed tell telling tells testified testifies
testify testifying text texted think thinking thinks thought thundered told tweet tweeted tweeting
tweets urge urged urges vow vowed vowing vows warn warned warning warns went whisper whispered whispers
wonder wondered wonders write writes writing written wrote yell yelled yelling yells
bark barked barks brag bragged brags scoff scoffed scoffs mock mocked mocks sneer sneered gush gushed
fume fumed rage raged rant ranted gripe griped grumble grumbled marvel marveled marvelled beg begged
implore implored demand demanded demands crack cracked intone intoned lecture lectured reiterate
reiterated reiterates vent vented exult exulted reason reasoned speculate speculated surmise surmised
theorize theorized ponder pondered gloat gloated chide chided taunt taunted jeer jeered plead
beam beamed boom boomed grin grinned smile smiled laugh laughed chuckle chuckled sigh sighed shrug shrugged
retaliate retaliated gasp gasped hiss hissed mutter muttered murmur murmured roar roared growl growled bellow bellowed sob sobbed`)
	foreignCueVerbs = wordSet(`
acrescentou advirtió affermato affirme affirmé afirma afirmou afirmó aggiunto agregó ajoute ajouté
apuntó asegura aseguró assure assuré añade añadió betont betonte comenta comentó confie confié
declarou declaró detto dice dichiarato dijo disse dit déclare déclaré ergänzt ergänzte erklärt
erklärte erklärten estime estimé explica explicou explicó explique expliqué fügte indica indicó
indique indiqué lance lancé laut manifestó meint meinte précise précisé raconte raconté sagt sagte
sagten schildert schilderte berichtet berichtete kritisiert kritisierte fordert forderte mahnt mahnte
erläutert erläuterte bestätigt bestätigte schreibt schrieb según selon señala señaló sostuvo souligne souligné spiegato subrayó warnte
добавил добавила заявил заявила заявили написал написала отметил отметила подчеркнул подчеркнула
пояснил пояснила сказал сказала сказали сообщил сообщила
powiedział powiedziała powiedzieli stwierdził stwierdziła dodał dodała podkreślił podkreśliła zaznaczył
zaznaczyła ocenił oceniła oświadczył oświadczyła przekonywał przekonywała napisał napisała mówi mówił mówiła
preguntó respondió contestó exclamó insistió replicó gritó reconoció recordó concluyó murmuró
perguntou contou exclamou insistiu concluiu demande demandé répond répondu répondit ajouta
admitió admite reconoce destacó destaca sostiene expresó advierte enfatizó puntualizó aclaró relató opinó precisó
detalló reiteró denunció remarcó admitiu reconheceu destacou ressaltou garantiu sublinhou comentou salientou
ammette aggiunge spiega sottolinea sottolineato osservato dichiara afferma ribadisce ribadito commenta commentato
fragt fragte antwortet antwortete ruft rief erzählt erzählte kommentiert kommentierte unterstreicht unterstrich
admet reconnaît poursuit insiste insisté rappelle rappelé martèle lâche lâché tranche avoue avoué conclut résume glisse
δήλωσε δήλωσαν ανέφερε ανέφεραν είπε είπαν τόνισε τόνισαν σημείωσε πρόσθεσε υπογράμμισε εξήγησε`)
)

// wordSet builds a set from white-space separated words.
func wordSet(s string) map[string]struct{} {
	// Sized first and filled from the words in place: the package's sets
	// are built before main of every command, and a growing map and a
	// slice of the words were garbage there.
	n := 0
	for range strings.FieldsSeq(s) {
		n++
	}
	m := make(map[string]struct{}, n)
	for w := range strings.FieldsSeq(s) {
		m[w] = struct{}{}
	}
	return m
}

// isCue reports whether the lower-cased word w is a reporting verb.
func isCue(w string) bool {
	if _, ok := cueVerbs[w]; ok {
		return true
	}
	_, ok := foreignCueVerbs[w]
	return ok
}
