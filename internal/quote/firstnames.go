package quote

import "strings"

// Common given names whose gender is not in doubt, so that "she" does not
// resolve to Ted Cruz when the article itself gives no gender. Names used
// for both (Jordan, Taylor, Jean, Robin, Lee …) are left out on purpose: an
// unknown gender fits either pronoun.
var (
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
	femaleNames = wordSet(`mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy
betty margaret sandra ashley kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie
rebecca sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha
katherine christine debra rachel carolyn janet catherine maria heather diane ruth julie olivia joyce
virginia victoria kelly lauren christina joan evelyn judith megan andrea cheryl hannah jacqueline martha
gloria teresa ann sara frances kathryn janice abigail alice judy sophia grace denise amber doris marilyn
danielle beverly isabella theresa diana natalie brittany charlotte marie kayla lori hillary chelsea
melania ivanka nikki carly elaine kellyanne huma hope kamala tulsi loretta condoleezza madeleine marine
ursula theresa elena irina olga natalia svetlana tatiana yulia anastasia giorgia claudia sonia ana
carmen lucia rosa isabel monica veronica valerie debbie jill jane joanne kirsten tammy susana michele
nina rita gwen marcia elaine oprah beyonce serena venus meryl katie kate liz beth peggy sally dianne
dianne barbara meghan megyn sheryl sonia stacey terri wendy yvonne zoe`)
)

// givenNameGender returns the gender a name's first word gives, or 0.
func givenNameGender(words []string) byte {
	if len(words) == 0 {
		return 0
	}
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
	return 0
}
