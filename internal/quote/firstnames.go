package quote

import (
	"strings"
	"sync"
)

// Common given names whose gender is not in doubt, so that "she" does not
// resolve to Ted Cruz when the article itself gives no gender. Names used
// for both (Jordan, Taylor, Jean, Robin, Lee …) are left out on purpose: an
// unknown gender fits either pronoun.
//
// The sets are built on first use (givenNamesOnce), not before the main of
// every command: 1,600 names were a third of this package's initialisation.
var (
	maleNames, femaleNames, femaleMore, maleIntl, femaleIntl map[string]struct{}
	givenNamesOnce                                           sync.Once
)

func buildGivenNames() {
	maleNames = wordSet(`james john robert michael william david richard joseph thomas charles christopher
daniel matthew anthony mark donald steven stephen paul andrew joshua kenneth kevin brian george timothy
ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan larry justin scott brandon benjamin
samuel gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas
zachary peter kyle ethan walter noah jeremy christian keith roger gerald harold sean austin carl arthur
lawrence dylan jesse bryan billy joe bruce gabriel logan albert willie alan juan wayne elijah randy roy
vincent ralph eugene russell bobby mason philip louis bill ted mike tom tim jim bob dan rick ron chris
jeb marco rand ben newt mitt barack bernie vladimir dmitry sergei sergey alexei viktor nikolai igor ivan
boris emmanuel francois jacques pierre hans karl klaus wolfgang olaf recep mohammed muhammad ahmed omar
hassan ali abdul carlos luis miguel jorge pedro manuel antonio francisco javier rafael ricardo fernando
giuseppe giovanni marco luca matteo xi jimmy harry lyndon dwight franklin herbert calvin woodrow mitch
chuck lindsey paul reince sean steve jared rudy rudolph newt kevin howard al dick colin rex jeff jake
josh ray reid tony tommy wesley warren marty martin luther malcolm kareem shaun
andy len lenny leonard leo leon fred freddie freddy frederick ed eddie edwin edgar greg doug phil phillip rob
robbie nick nicky matt danny dave davey don donnie ken kenny ernie ernest ron ronnie rod roderick stan stanley
stu herb hank harvey irv joel jon jonah lou lew louie mel melvin mickey nate neil norman norm oscar otto ralph
randolph reggie reginald rick ricky rich richie rudolph seth sid sol ted teddy terrence theodore todd troy vic
victor vince wilbur wilfred willard zach abe abraham alfred alvin andre archie barney barry bart bert bernie
brad brett bud buddy chad charlie clarence clint clyde cory darren dominic duane dwayne felix geoffrey hal
hugo ian isaac ivan jay jeffery jerald jeremiah jerold johnny jonathon justin karl keith lonnie luke max ned
omar orville pete roger russell sammy scott shane steve stevie ted toby tyrone warren wes`)
	// femaleMore extends femaleNames with more common English given
	// names, as maleNames's second part does: short forms (Andy, Len,
	// Carole) left speakers of unknown gender empty. Names that are also
	// common surnames (Graham, Nelson, Morgan) or places (Florence) are
	// left out, since a surname alone would then give a gender.
	femaleMore = wordSet(`carole caroline carolyn cathy kathy cathleen kathleen colleen connie cindy debbie deb dolores edith edna
eileen eleanor ella ellen eloise elsie erica erin esther ethel eva eve evelyn faye felicia flora fran francine
gail geraldine gertrude gina gladys glenda greta gwendolyn harriet heidi helene henrietta holly inez ingrid
irene jackie janice jeanette jeanne jenny joann joanna jocelyn josephine juanita judi julia karla katharine
kathryn kristen kristin kristina laurie leah lena lillian lily lorraine louise lucille lucy lydia mae maggie
marcy margie marguerite maria marianne marjorie marlene maureen maxine melanie mildred millie miriam molly
muriel nadine nancy naomi nellie nora pam patsy paula pauline penny phyllis polly priscilla rachael ramona
rebekah regina renee rhonda roberta robyn rosalind rosemary roxanne sabrina sadie sallie sherry shelly sheila
suzanne sylvia tamara tanya thelma tina trudy valerie vicki vicky viola vivian wanda wilma winifred yolanda`)
	// maleIntl and femaleIntl extend the lists across the languages the
	// package reads (English, German, French, Spanish, Italian,
	// Portuguese, Polish, Dutch, Scandinavian, Russian, Turkish and Arabic
	// transliterated): Gavin Newsom was of unknown gender, so "she" could
	// stand for him. Left out: names given to both (Andrea, Simone,
	// Gabriele and Michele are men in Italy and women elsewhere; Jean,
	// Kim, Sasha, Nicola, Kai, Jan, Dana, Leslie, Robin), names that are
	// also common words or places (Can, Per, Till, Ernst, Florence,
	// Mercedes, Marina, Salvador).
	maleIntl = wordSet(`gavin declan liam connor conor callum keir rishi nigel alastair alistair angus hamish ewan euan
fergus niall brendan eamon eamonn ciaran dermot enda sadiq kwasi nadhim sajid humza vivek elon hakeem raphael
jerome oliver rupert trevor tristan winston cecil cedric clifford darius derek desmond dexter donovan emmett
floyd gideon hector herman homer horace jasper lionel lucas marvin maurice neville percy quentin randall rhys
rodney terence kieran caleb cody dustin travis wyatt rahm ajit narendra rahul amit arvind
sanjay imran nawaz shehbaz naftali yair yitzhak ehud moshe avigdor itamar yoav shinzo fumio yoshihide jagmeet
friedrich heinrich dieter günter gunter günther jürgen jurgen rainer helmut gerhard manfred norbert markus
matthias tobias florian sebastian stefan christoph thorsten torsten jörg joachim hubert lothar volker winfried
wilfried armin heiko hendrik henning holger ingo lukas malte marcel nils ole philipp ralf reinhard rüdiger
sigmar siegfried thilo timo ulrich werner wilhelm björn bjorn detlef fritz hartmut heiner jochen johannes
knut bodo alois anton bernhard eckhard egon erwin franz georg gregor hannes harald hermann horst jakob josef
julian kilian konstantin leonhard ludwig moritz niklas oskar roland rolf rudolf gunnar hubertus
karsten carsten heinz kurt konrad gustav bernd uwe jens lars sven dirk cem
nicolas nicolás françois gérald édouard edouard olivier laurent sébastien sebastien julien thierry benoît
benoit yannick xavier didier gilles hervé herve jérôme arnaud mathieu rémi remi christophe philippe patrice
thibault guillaume alain bernard gérard gerard jean-luc jean-marie jean-pierre jean-claude jean-michel
jean-paul jean-yves jean-louis jean-françois jean-noël jean-baptiste jean-jacques jean-christophe
josé pablo alberto mariano andrés andres alejandro felipe gustavo enrique emilio ernesto esteban
eduardo diego ignacio íñigo iñigo jaime joaquín joaquin julio lorenzo marcelo óscar raúl raul
ramón ramon sergio víctor álvaro alvaro gonzalo guillermo rodrigo agustín agustin cristóbal hernán rubén
ruben vicente claudio mario fabio
silvio enrico giorgio paolo francesco alessandro roberto stefano massimo maurizio fabrizio carlo luigi
gianni riccardo federico giancarlo gianluca vincenzo salvatore pietro dario giulio renato umberto vittorio
beppe daniele
joão joao luiz luís paulo flávio flavio gilberto sérgio antónio antônio rui cristiano jair ciro geraldo
rogério rogerio aécio tarcísio henrique márcio marcio renan otávio otavio vitor augusto nuno tiago thiago
mário alexandre
andrzej jarosław jaroslaw mateusz lech radosław radoslaw tomasz krzysztof piotr paweł pawel marcin michał
michal grzegorz wojciech zbigniew jacek bartosz rafał rafal jakub łukasz lukasz szymon władysław wladyslaw
stanisław stanislaw czesław bogdan janusz ryszard waldemar witold zygmunt przemysław sławomir slawomir
mariusz dariusz tadeusz leszek kazimierz jerzy aleksander
geert wopke pieter willem johan jeroen joost sjoerd maarten wouter ruud gert kees klaas henk jaap
sander teun menno arjen bram gerrit joep koen lodewijk michiel niels rutger tjeerd wim diederik joris gijs
magnus erik mats ulf henrik fredrik kristoffer mikael søren soren torbjørn stig arne espen håkon
haakon leif sigurd sauli juha antti pekka matti mikko jyrki
dmitri dmitriy mikhail andrei andrey aleksandr alexandr yevgeny evgeny yevgeniy yuri yury pavel pyotr oleg
maxim leonid anatoly gennady vitaly vyacheslav arkady grigory ilya kirill ramzan sergiy volodymyr petro
vitali vitaliy oleksandr oleksiy mykola stanislav vadim vasily timur ruslan artem artyom fyodor eduard gleb
semyon yaroslav
tayyip ahmet mehmet mustafa ekrem mansur devlet binali abdullah mevlüt mevlut hakan hulusi süleyman
suleyman ibrahim ismail osman murat yusuf selahattin burak emre fatih ömer orhan ozan serkan volkan yasin
hüseyin huseyin halil kadir levent numan berat bülent bulent erdal ertuğrul
mohamed mohammad mahmoud mahmud abdallah khalid khaled youssef yousef hussein hussain hamad hamid
hamza saeed salman faisal fahd walid tarek tariq samir karim bashar hosni anwar gamal jamal nabil mostafa
osama usama ayman rashid majid adel adil ziad yasser yasir marwan najib mohsen hasan hossein qassem qasim
tamim abdel abdelaziz javad ebrahim`)
	femaleIntl = wordSet(`ingeborg kemi priti suella jacinda gretchen marsha kristi kyrsten elise betsy tiffany sophie annie
abby allison alison amelia anne audrey becky bonnie brooke caitlin kaitlyn claire clara daisy deirdre eliza
emilia fiona gabrielle gemma gillian imogen isabelle jasmine jenna jodi julianne justine karina katrina
kristy lorna mabel mandy margot marissa melinda mindy miranda natasha noelle norah patty penelope
petra philippa rosie selena sonya stella susie tabitha tessa vanessa violet yvette zara ilhan
alexandria ayanna rashida ketanji
annalena angelika katrin kathrin christiane manuela franziska svenja saskia ricarda sahra renate
brigitte ulrike heike silke anke birgit sabine susanne monika karin ute gisela helga hildegard elke dagmar
anja antje bettina britta cornelia dorothee elisabeth friederike gesine hannelore ilse inge irmgard jutta
kerstin katja magdalena marlies martina nadja regine stefanie steffi tanja ulla waltraud wiebke
verena annette beate carola christa gudrun hedwig johanna jana margarete sigrid sonja
ségolène valérie agnès agnes rachida najat aurore clémentine delphine sylvie nathalie véronique veronique
isabelle chantal martine mathilde amélie amelie céline celine sandrine geneviève françoise francoise
aurélie aurelie marlène emmanuelle pascale marie-france marie-christine marie-claire marie-hélène
marie-laure marie-pierre anne-marie
maría ximena gabriela cristina marta beatriz begoña inés ines lucía raquel rocío margarita alejandra
fernanda daniela valentina camila sofía sofia adriana nuria macarena leticia josefina consuelo cayetana
elly chiara francesca giulia federica silvia paola alessandra valeria stefania elisabetta mara raffaella
rosanna ilaria beatrice lorena mariastella simona
dilma gleisi luiza luísa luisa joana inês mariana catarina tereza
agnieszka małgorzata malgorzata katarzyna beata ewa elżbieta elzbieta krystyna dorota jadwiga aleksandra
urszula halina grażyna grazyna bożena bozena iwona zofia danuta renata jolanta
femke lilianne marieke mieke annemarie anneke marjolein hanneke lotte willemijn anouk janneke
mette erna ebba sanna astrid birgitta margrethe margareta lene sofie marit solveig tove hanne
elin frida malin linnea tarja anneli
natalya tatyana ekaterina yekaterina lyudmila ludmila galina lyubov nadezhda alina oksana yana daria
darya ksenia kseniya polina veronika larisa zoya inna nadia zhanna viktoriya iryna yuliya kateryna
olena oleksandra halyna
meral ayşe ayse fatma emine zeynep elif merve esra hatice hülya canan tansu pervin selin büşra özlem
ozlem aylin dilek sibel nilüfer songül
fatima aisha aicha ayesha khadija mariam maryam leila layla laila rania huda hoda amira yasmin yasmine
zainab zeinab salma samira noura hanan lina dina reem nawal soraya shirin farah malala`)
	femaleNames = wordSet(`mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy
betty margaret sandra ashley kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie
rebecca sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha
katherine christine debra rachel carolyn janet catherine maria heather diane ruth julie olivia joyce
virginia victoria kelly lauren christina joan evelyn judith megan cheryl hannah jacqueline martha
gloria teresa ann sara frances kathryn janice abigail alice judy sophia grace denise amber doris marilyn
danielle beverly isabella theresa diana natalie brittany charlotte marie kayla lori hillary chelsea
melania ivanka nikki carly elaine kellyanne huma hope kamala tulsi loretta condoleezza madeleine marine
ursula theresa elena irina olga natalia svetlana tatiana yulia anastasia giorgia claudia sonia ana
carmen lucia rosa isabel monica veronica valerie debbie jill jane joanne kirsten tammy susana
nina rita gwen marcia elaine oprah beyonce serena venus meryl katie kate liz beth peggy sally dianne
dianne barbara meghan megyn sheryl sonia stacey terri wendy yvonne zoe`)
}

// givenNameGender returns the gender a name's first word gives, or 0.
func givenNameGender(words []string) byte {
	if len(words) == 0 {
		return 0
	}
	givenNamesOnce.Do(buildGivenNames)
	w := strings.ToLower(words[0])
	if _, ok := femaleNames[w]; ok {
		return 'f'
	}
	if _, ok := femaleMore[w]; ok {
		return 'f'
	}
	if _, ok := maleNames[w]; ok {
		return 'm'
	}
	if _, ok := femaleIntl[w]; ok {
		return 'f'
	}
	if _, ok := maleIntl[w]; ok {
		return 'm'
	}
	// Hans-Peter, Marie-Agnes: a compound of two given names of one
	// gender has it; Al-Shabaab is no name.
	if i := strings.IndexByte(w, '-'); i > 0 {
		if g := givenNameGender([]string{w[:i]}); g != 0 && g == givenNameGender([]string{w[i+1:]}) {
			return g
		}
	}
	return 0
}

// germanRoleGender returns the gender a German role noun gives: the
// feminine ends in -in or -innen (Regierungssprecherin), the masculine is
// the same noun without it (Regierungssprecher, CDU-Chef, Vorsitzender);
// 0 for nouns that do not mark it (Mitglied, Vorsitzende, Experte). A bare
// role spelled as in English (Minister, Senator, Chef) gives no masculine,
// since Senator Elizabeth Warren is no man; its compounds do.
func germanRoleGender(w string) byte {
	lw := strings.ToLower(strings.Trim(w, ".,;:"))
	stem := strings.TrimSuffix(lw, "nen") // Sprecherinnen
	for _, suf := range germanRoleSuffixes {
		if !strings.HasSuffix(lw, suf) && !strings.HasSuffix(stem, suf) {
			continue
		}
		switch {
		case strings.HasSuffix(suf, "in"):
			return 'f'
		case !strings.HasSuffix(lw, suf) || strings.HasSuffix(suf, "e") || suf == "mitglied" || suf == "vorstand":
			continue
		case englishSpelled[suf] && (len(lw) == len(suf) || strings.ContainsAny(lw, "-‑")):
			continue
		case englishCompounds[suf]:
			continue // Photojournalist
		}
		return 'm'
	}
	return 0
}

// englishSpelled are German role suffixes spelled as the English word;
// englishCompounds those whose English compounds are common.
var (
	englishSpelled = map[string]bool{"minister": true, "senator": true, "professor": true, "pastor": true,
		"chef": true, "partner": true, "trainer": true, "analyst": true, "journalist": true}
	englishCompounds = map[string]bool{"partner": true, "trainer": true, "analyst": true, "journalist": true}
)

// roleGender returns the gender the words of a name give: a German role
// noun among them (Regierungssprecher Stefan Kornelius), else the first
// known given name before the surname, past roles and titles the lists do
// not know (Treasurer Liam Okafor); 0 when none tells.
func roleGender(words []string) byte {
	for i, w := range words {
		if i == len(words)-1 {
			break // the last word is the surname: Meister, Richter
		}
		if g := germanRoleGender(w); g != 0 {
			return g
		}
		if germanRole(w) {
			continue
		}
		if g := givenNameGender(words[i:]); g != 0 {
			return g
		}
	}
	return givenNameGender(words)
}
