package config

// The identifiers a configuration names (Discord snowflakes, webhook ids and
// tokens, Slack IDs, colours, public keys) are checked by loops, not by
// regular expressions: a counted repetition such as `[A-Za-z0-9_.-]{1,200}`
// compiles to one copy of its class per count, and the package's seven such
// expressions cost every command 0.33 MB and 4,000 allocations before main.
// Each function matches exactly what the expression in its comment matches.

// charsIn reports whether s is min to max bytes long and every byte is in
// class: `^[class]{min,max}$` for a class of ASCII characters.
func charsIn(s string, min, max int, class func(byte) bool) bool {
	if len(s) < min || len(s) > max {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !class(s[i]) {
			return false
		}
	}
	return true
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

func isHex(b byte) bool { return isDigit(b) || 'a' <= b && b <= 'f' || 'A' <= b && b <= 'F' }

func isUpperOrDigit(b byte) bool { return isDigit(b) || 'A' <= b && b <= 'Z' }

func isTokenByte(b byte) bool {
	return isDigit(b) || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || b == '_' || b == '-' || b == '.'
}

// isSnowflake: `^[0-9]{17,20}$`, a Discord ID.
func isSnowflake(s string) bool { return charsIn(s, 17, 20, isDigit) }

// isColor: `^#[0-9a-fA-F]{6}$`.
func isColor(s string) bool { return len(s) == 7 && s[0] == '#' && charsIn(s[1:], 6, 6, isHex) }

// isPublicKey: `^[0-9a-fA-F]{64}$`, a Discord application's public key.
func isPublicKey(s string) bool { return charsIn(s, 64, 64, isHex) }

// isWebhookID: `^[0-9]{1,20}$`.
func isWebhookID(s string) bool { return charsIn(s, 1, 20, isDigit) }

// isWebhookToken: `^[A-Za-z0-9_\-.]{1,200}$`.
func isWebhookToken(s string) bool { return charsIn(s, 1, 200, isTokenByte) }

// Slack IDs: channels (C…, G… for older private ones), user groups (S…),
// users (U…, W… on Enterprise Grid).

// isSlackChannel: `^[CG][A-Z0-9]{8,23}$`.
func isSlackChannel(s string) bool {
	return s != "" && (s[0] == 'C' || s[0] == 'G') && charsIn(s[1:], 8, 23, isUpperOrDigit)
}

// isSlackGroup: `^S[A-Z0-9]{2,23}$`.
func isSlackGroup(s string) bool {
	return s != "" && s[0] == 'S' && charsIn(s[1:], 2, 23, isUpperOrDigit)
}

// isSlackUser: `^[UW][A-Z0-9]{2,23}$`.
func isSlackUser(s string) bool {
	return s != "" && (s[0] == 'U' || s[0] == 'W') && charsIn(s[1:], 2, 23, isUpperOrDigit)
}
