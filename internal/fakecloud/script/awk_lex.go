package script

import (
	"fmt"
	"strings"
)

// The lexer of the simulated awk.

type awkTokenKind int

const (
	awkEOF awkTokenKind = iota
	awkNewline
	awkNumberToken
	awkStringToken
	awkRegex
	awkName
	awkFuncName // a name followed at once by "("
	awkPunct
)

type awkToken struct {
	kind awkTokenKind
	text string
	num  float64
}

// awkPunctuation lists the operators, longest first so that they win.
var awkPunctuation = []string{
	"+=", "-=", "*=", "/=", "%=", "^=", "==", "<=", ">=", "!=", "++", "--", "&&", "||", "!~", ">>",
	"{", "}", "(", ")", "[", "]", ";", ",", "+", "-", "*", "/", "%", "^", "!", ">", "<", "|", "?", ":", "~", "$", "=",
}

// lexAwk splits program into tokens. A "/" starts a regular expression
// where an operand is expected, as in awk.
func lexAwk(program string) ([]awkToken, error) {
	var tokens []awkToken
	operandExpected := func() bool {
		if len(tokens) == 0 {
			return true
		}
		last := tokens[len(tokens)-1]
		switch last.kind {
		case awkNumberToken, awkStringToken, awkRegex, awkName:
			return false
		case awkPunct:
			return last.text != ")" && last.text != "]" && last.text != "++" && last.text != "--" && last.text != "$"
		}
		return true
	}
	for i := 0; i < len(program); {
		c := program[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			i++
		case c == '\\' && i+1 < len(program) && program[i+1] == '\n':
			i += 2
		case c == '#':
			for i < len(program) && program[i] != '\n' {
				i++
			}
		case c == '\n':
			tokens = append(tokens, awkToken{kind: awkNewline, text: "\n"})
			i++
		case c == '"':
			text, end, err := awkStringLiteral(program, i)
			if err != nil {
				return nil, err
			}
			tokens = append(tokens, awkToken{kind: awkStringToken, text: text})
			i = end
		case c == '/' && operandExpected():
			end := i + 1
			for end < len(program) && program[end] != '/' {
				if program[end] == '\\' {
					end++
				}
				if end < len(program) && program[end] == '\n' {
					return nil, fmt.Errorf("unterminated regexp")
				}
				end++
			}
			if end >= len(program) {
				return nil, fmt.Errorf("unterminated regexp")
			}
			tokens = append(tokens, awkToken{kind: awkRegex, text: strings.ReplaceAll(program[i+1:end], `\/`, "/")})
			i = end + 1
		case c >= '0' && c <= '9' || c == '.' && i+1 < len(program) && program[i+1] >= '0' && program[i+1] <= '9':
			end := i
			for end < len(program) && (program[end] >= '0' && program[end] <= '9' || program[end] == '.' ||
				program[end] == 'e' || program[end] == 'E' || (program[end] == '-' || program[end] == '+') && (program[end-1] == 'e' || program[end-1] == 'E')) {
				end++
			}
			var n float64
			if _, err := fmt.Sscan(program[i:end], &n); err != nil {
				return nil, fmt.Errorf("invalid number %q", program[i:end])
			}
			tokens = append(tokens, awkToken{kind: awkNumberToken, text: program[i:end], num: n})
			i = end
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			end := i
			for end < len(program) && (program[end] == '_' || program[end] >= 'a' && program[end] <= 'z' ||
				program[end] >= 'A' && program[end] <= 'Z' || program[end] >= '0' && program[end] <= '9') {
				end++
			}
			kind := awkName
			if end < len(program) && program[end] == '(' {
				kind = awkFuncName
			}
			tokens = append(tokens, awkToken{kind: kind, text: program[i:end]})
			i = end
		default:
			matched := false
			for _, p := range awkPunctuation {
				if strings.HasPrefix(program[i:], p) {
					tokens = append(tokens, awkToken{kind: awkPunct, text: p})
					i += len(p)
					matched = true
					break
				}
			}
			if !matched {
				return nil, fmt.Errorf("syntax error at %q", string(c))
			}
		}
	}
	return append(tokens, awkToken{kind: awkEOF}), nil
}

// awkStringLiteral reads the string starting at program[start], a quote.
func awkStringLiteral(program string, start int) (string, int, error) {
	escapes := map[byte]byte{'n': '\n', 't': '\t', 'r': '\r', '\\': '\\', '"': '"', '/': '/'}
	var b strings.Builder
	for i := start + 1; i < len(program); i++ {
		switch c := program[i]; {
		case c == '"':
			return b.String(), i + 1, nil
		case c == '\\' && i+1 < len(program):
			i++
			if e, ok := escapes[program[i]]; ok {
				b.WriteByte(e)
			} else {
				b.WriteByte('\\')
				b.WriteByte(program[i])
			}
		case c == '\n':
			return "", 0, fmt.Errorf("unterminated string")
		default:
			b.WriteByte(c)
		}
	}
	return "", 0, fmt.Errorf("unterminated string")
}
