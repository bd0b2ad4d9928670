package discordfake

import (
	"slices"
	"testing"
)

func TestMentions(t *testing.T) {
	tests := []struct {
		name     string
		content  string
		am       *AllowedMentions
		everyone bool
		users    []string
		roles    []string
	}{
		{"default parses all", "@everyone <@1> <@!2> <@&3>", nil, true, []string{"1", "2"}, []string{"3"}},
		{"parse none", "@here <@1> <@&3>", &AllowedMentions{Parse: []string{}}, false, nil, nil},
		{"listed role only", "@everyone <@1> <@&3> <@&4>", &AllowedMentions{Parse: []string{}, Roles: []string{"3"}}, false, nil, []string{"3"}},
		{"escaped is text", `\<@1> \@everyone`, nil, false, nil, nil},
		{"not a snowflake", "<@abc> <@&> <@123", nil, false, nil, nil},
		{"users parse", "<@5> <@5>", &AllowedMentions{Parse: []string{"users"}}, false, []string{"5"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			everyone, users, roles := mentions(tt.content, tt.am)
			if everyone != tt.everyone || !slices.Equal(users, tt.users) || !slices.Equal(roles, tt.roles) {
				t.Errorf("got %v %v %v, want %v %v %v", everyone, users, roles, tt.everyone, tt.users, tt.roles)
			}
		})
	}
}

func TestValidateMessageRefusals(t *testing.T) {
	s := func(v string) *string { return &v }
	tests := []struct {
		name string
		body messageBody
		key  string
	}{
		{"parse and list conflict", messageBody{Content: s("x"), AllowedMentions: &AllowedMentions{Parse: []string{"roles"}, Roles: []string{"1"}}}, "allowed_mentions"},
		{"unknown parse value", messageBody{Content: s("x"), AllowedMentions: &AllowedMentions{Parse: []string{"all"}}}, "allowed_mentions"},
		{"nonce of wrong type", messageBody{Content: s("x"), Nonce: []byte(`{"a":1}`)}, "nonce"},
		{"link button without url", messageBody{Content: s("x"), Components: []Component{{Type: 1, Components: []Component{{Type: 2, Style: 5, Label: "go"}}}}}, "components"},
		{"six rows", messageBody{Content: s("x"), Components: make([]Component, 6)}, "components"},
		{"colour out of range", messageBody{Embeds: []Embed{{Title: "t", Color: 1 << 24}}}, "embeds"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := validateMessage(&tt.body)
			if _, ok := f[tt.key]; !ok {
				t.Errorf("errors %v lack %q", f, tt.key)
			}
		})
	}
	if f := validateMessage(&messageBody{Content: s("ok"), Nonce: []byte(`12345`)}); len(f) != 0 {
		t.Errorf("an integer nonce was refused: %v", f)
	}
}
