package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Normalize folds s for indexing and matching. It is a cheap, hand-written
// subset of NFKC plus traditional→simplified folding:
//
//   - full-width ASCII U+FF01–U+FF5E becomes ASCII (ＣＯＶＩＤ－１９ → covid-19),
//     and the ideographic space U+3000 becomes a space;
//   - letters are lower-cased (ASCII, and other cased scripts through
//     unicode.ToLower);
//   - Kangxi radicals and the simplified-form radicals that PDF extraction
//     produces (⼈⺠) become the ideographs they stand for;
//   - about a thousand frequent traditional characters become simplified
//     (國務院辦公廳 → 国务院办公厅); the table is deliberately partial, see
//     t2s.go;
//   - zero-width characters (U+200B–U+200D, U+2060, U+FEFF) and the soft
//     hyphen are removed, so that 预\u200b算 still reads 预算;
//   - each invalid UTF-8 byte becomes U+FFFD.
//
// Every other character maps to itself, one rune to one rune, and
// Normalize(Normalize(s)) == Normalize(s). When nothing changes, s itself is
// returned without allocating.
func Normalize(s string) string {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				return normalizeFrom(s, i)
			}
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if foldRune(r) != r || (r == utf8.RuneError && w == 1) {
			return normalizeFrom(s, i)
		}
		i += w
	}
	return s
}

// normalizeFrom builds the normalized string; s[:i] is known to be
// unchanged.
func normalizeFrom(s string, i int) string {
	b := make([]byte, 0, len(s)+8)
	b = append(b, s[:i]...)
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		i += w
		if f := foldRune(r); f >= 0 {
			b = utf8.AppendRune(b, f)
		}
	}
	return string(b)
}

// foldRune folds one rune as Normalize does; it returns -1 for a rune that
// is dropped. utf8.RuneError folds to itself.
func foldRune(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	case r >= hanBase && r <= hanLast:
		return simplify(r)
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
		r -= 0xFEE0
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	case r == 0x3000:
		return ' '
	case r == 0x200B, r == 0x200C, r == 0x200D, r == 0x2060, r == 0xFEFF, r == 0x00AD:
		return -1
	case r >= 0x2F00 && r <= 0x2FD5:
		return simplify(kangxiRunes[r-0x2F00])
	case r >= 0x2E80 && r <= 0x2EFF:
		if f, ok := radicalSupplement[r]; ok {
			return f
		}
		return r
	case r >= 0x2000 && r <= 0x206F: // general punctuation: no case
		return r
	case r < 0x3000:
		return unicode.ToLower(r)
	}
	return r
}

var kangxiRunes = []rune(kangxi)

func init() {
	if len(kangxiRunes) != 0x2FD5-0x2F00+1 {
		panic("search: Kangxi table has the wrong length")
	}
}

// isHan reports whether r is a Chinese character: the Han script (which
// includes 〇 U+3007 and the iteration mark 々) and the CJK ideograph
// blocks.
func isHan(r rune) bool {
	switch {
	case r < 0x2E80:
		return false
	case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3400 && r <= 0x4DBF:
		return true
	case r >= 0x3000 && r <= 0x303F:
		return r == 0x3005 || r == 0x3006 || r == 0x3007 || r >= 0x3021 && r <= 0x3029 || r >= 0x3038 && r <= 0x303B
	case r >= 0xFF00 && r <= 0xFFEF:
		return false
	}
	return unicode.Is(unicode.Han, r)
}

// isWordRune reports whether a non-Han rune belongs to a word: a letter or
// a decimal digit of any script.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z'
	}
	return !isHan(r) && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// A Token is one indexed unit of text.
//
// Text is an overlapping Han bigram (专项债券 → 专项 项债 债券), a single Han
// character standing alone (a unigram: 第5条 → 第 5 条), or a lower-cased run
// of letters and digits kept as typed (covid19, 2021, gb). Digit runs inside
// a letter run are not split out: covid19 is one token and a search for 19
// does not find it, just as a search for 2021 does not find 20211231.
//
// Pos counts tokens from 0 within the text, with no gaps: punctuation and
// spaces end a run of characters but take no position. The positions are
// therefore the same ones SQLite FTS5 (unicode61) and PostgreSQL
// (to_tsvector('simple', …)) assign to the words of TokenText, and a
// phrase matches where its tokens have consecutive positions. A bigram
// never spans punctuation, a space or a Latin run, so 预算，执行 does not
// contain the phrase 预算执行 (there is no 算执 token).
type Token struct {
	Text string
	Pos  int
}

// Tokens returns the tokens of text (after Normalize). Token texts share
// memory with the normalized text.
func Tokens(text string) []Token {
	return AppendTokens(make([]Token, 0, len(text)/3+1), text)
}

// AppendTokens appends the tokens of text to dst and returns the extended
// slice; Pos counts from 0 for this text. Reuse dst across calls to avoid
// allocating.
func AppendTokens(dst []Token, text string) []Token {
	norm := Normalize(text)
	sc := scanner{s: norm}
	for pos := 0; ; pos++ {
		start, end, ok := sc.next()
		if !ok {
			return dst
		}
		dst = append(dst, Token{Text: norm[start:end], Pos: pos})
	}
}

// TokenText returns the tokens of text joined by single spaces: the text to
// index with SQLite FTS5's unicode61 tokenizer or PostgreSQL's
// to_tsvector('simple', …), which split it back into exactly these tokens
// at the same positions.
func TokenText(text string) string {
	norm := Normalize(text)
	var b strings.Builder
	b.Grow(len(norm)*7/3 + 8)
	sc := scanner{s: norm}
	for {
		start, end, ok := sc.next()
		if !ok {
			return b.String()
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(norm[start:end])
	}
}

// tokenTexts returns the token texts of text.
func tokenTexts(text string) []string {
	norm := Normalize(text)
	var out []string
	sc := scanner{s: norm}
	for {
		start, end, ok := sc.next()
		if !ok {
			return out
		}
		out = append(out, norm[start:end])
	}
}

// A scanner yields the byte spans of the tokens of normalized text.
type scanner struct {
	s       string
	i       int  // next byte to look at
	prevHan bool // s[:i] ends with a Han character that began a bigram
}

// next returns the span of the next token.
func (sc *scanner) next() (start, end int, ok bool) {
	s := sc.s
	for sc.i < len(s) {
		i := sc.i
		c := s[i]
		if c < utf8.RuneSelf {
			sc.prevHan = false
			if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || 'A' <= c && c <= 'Z' {
				sc.i = wordEnd(s, i+1)
				return i, sc.i, true
			}
			sc.i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if isHan(r) {
			j := i + w
			if j < len(s) && s[j] >= utf8.RuneSelf {
				if r2, w2 := utf8.DecodeRuneInString(s[j:]); isHan(r2) {
					sc.i, sc.prevHan = j, true
					return i, j + w2, true
				}
			}
			sc.i = j
			if sc.prevHan { // the last character of a run: already in a bigram
				sc.prevHan = false
				continue
			}
			return i, j, true // a character standing alone
		}
		sc.prevHan = false
		if isWordRune(r) {
			sc.i = wordEnd(s, i+w)
			return i, sc.i, true
		}
		sc.i = i + w
	}
	return 0, 0, false
}

// wordEnd returns the end of the word run that continues at s[j:].
func wordEnd(s string, j int) int {
	for j < len(s) {
		c := s[j]
		if c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || 'A' <= c && c <= 'Z' {
				j++
				continue
			}
			return j
		}
		r, w := utf8.DecodeRuneInString(s[j:])
		if !isWordRune(r) {
			return j
		}
		j += w
	}
	return j
}

// isHanToken reports whether a token is made of Han characters.
func isHanToken(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return isHan(r)
}
