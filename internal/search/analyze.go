package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// AnalyzerVersion changes whenever Normalize or Tokens change what they
// produce for some text. An index records the version it was built with
// and is rebuilt when it differs: queries are analyzed with the current
// version and would no longer match old tokens.
const AnalyzerVersion = 1

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
	var b strings.Builder // used from the first change on
	last := 0             // s[last:i] is unchanged and not yet copied
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				if b.Cap() == 0 {
					b.Grow(len(s) + 8)
				}
				b.WriteString(s[last:i])
				b.WriteByte(c + 'a' - 'A')
				last = i + 1
			}
			i++
			continue
		}
		r, w := decodeRune(s, i)
		if f := foldRune(r); f != r || (r == utf8.RuneError && w == 1) {
			if b.Cap() == 0 {
				b.Grow(len(s) + 8)
			}
			b.WriteString(s[last:i])
			if f >= 0 {
				b.WriteRune(f)
			}
			last = i + w
		}
		i += w
	}
	if b.Cap() == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
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
	switch {
	case r < utf8.RuneSelf:
		return 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z'
	// Fast answers for the punctuation of Chinese text.
	case r >= 0x2000 && r <= 0x206F, // general punctuation: “”‘’—…
		r >= 0x3000 && r <= 0x3004, r >= 0x3008 && r <= 0x3020, // 、。《》「」【】〔〕
		r >= 0xFF01 && r <= 0xFF0F, r >= 0xFF1A && r <= 0xFF20, r >= 0xFF3B && r <= 0xFF40, r >= 0xFF5B && r <= 0xFF65:
		return false
	}
	return !isHan(r) && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// decodeRune decodes the rune at s[i:] like utf8.DecodeRuneInString, with
// a fast path for the three-byte sequences of Chinese text. It returns
// (utf8.RuneError, 0) at the end of s.
func decodeRune(s string, i int) (rune, int) {
	if i+2 < len(s) {
		// E1–EC and EE–EF lead bytes: no overlong or surrogate forms.
		if c0 := s[i]; c0 >= 0xE1 && c0 <= 0xEF && c0 != 0xED {
			if c1, c2 := s[i+1], s[i+2]; c1&0xC0 == 0x80 && c2&0xC0 == 0x80 {
				return rune(c0&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F), 3
			}
		}
	}
	return utf8.DecodeRuneInString(s[i:])
}

// A Token is one indexed unit of text.
//
// Text is an overlapping Han bigram (专项债券 → 专项 项债 债券), a single Han
// character (a unigram), or a lower-cased run of letters and digits kept as
// typed (covid19, 2021, gb). A Han character is a unigram when it stands
// alone (第5条 → 第 5 条) and, in addition to its bigram, at the edge of a
// run that touches a letter or digit run, directly or across white space
// (2021年度 and 2021 年度 → 2021 年 年度; 依照第5条 → 依照 照第 第 5 条): a
// query such as 2021年 or 12号 then finds 2021年度 and 12号文件, and 第5条
// finds 第 5 条 as PDF extraction spaces it. Digit runs inside a letter run
// are not split out: covid19 is one token and a search for 19 does not find
// it, just as a search for 2021 does not find 20211231.
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
	s        string
	i        int  // next byte to look at
	prevHan  bool // s[:i] ends with a Han character that began a bigram
	prevWord bool // s[:i] ends with a word token

	// The Han rune after a bigram's first character, decoded at
	// position cached-1 (0: nothing cached).
	cached int
	cr     rune
	cw     int
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
				sc.i, sc.prevWord = wordEnd(s, i+1), true
				return i, sc.i, true
			}
			sc.i = i + 1
			if c != ' ' && (c < '\t' || c > '\r') {
				sc.prevWord = false // white space keeps a word adjacent
			}
			continue
		}
		var r rune
		var w int
		han := false
		if sc.cached == i+1 {
			r, w, han = sc.cr, sc.cw, true
		} else {
			r, w = decodeRune(s, i)
			han = isHan(r)
		}
		if han {
			j := i + w
			r2, w2 := decodeRune(s, j)
			if j < len(s) && isHan(r2) {
				if !sc.prevHan && sc.prevWord {
					// A run after a word starts with its first character
					// alone too (2021年度 → 2021 年 年度), so that 2021年
					// finds it.
					sc.prevWord = false
					return i, j, true
				}
				sc.i, sc.prevHan, sc.prevWord = j, true, false
				sc.cached, sc.cr, sc.cw = j+1, r2, w2
				return i, j + w2, true
			}
			sc.i, sc.prevWord = j, false
			if sc.prevHan { // the last character of a run of two or more
				sc.prevHan = false
				if wordFollows(s, j) {
					// Before a word it is also alone (依照第5条 → … 照第 第 5 条),
					// so that 第5条 finds it.
					return i, j, true
				}
				continue
			}
			return i, j, true // a character standing alone
		}
		sc.prevHan = false
		if isWordRune(r) {
			sc.i, sc.prevWord = wordEnd(s, i+w), true
			return i, sc.i, true
		}
		sc.i = i + w
		if !unicode.IsSpace(r) {
			sc.prevWord = false
		}
	}
	return 0, 0, false
}

// wordFollows reports whether s[j:] starts with a word, after white space.
func wordFollows(s string, j int) bool {
	for j < len(s) {
		r, w := decodeRune(s, j)
		if !unicode.IsSpace(r) {
			return isWordRune(r)
		}
		j += w
	}
	return false
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
		r, w := decodeRune(s, j)
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
