package search

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"gongkai/internal/disclosure"
)

// Limits of a query.
const (
	// MaxQueryRunes bounds the canonical form of a query (Query.String).
	// Terms past it are dropped and the last one that partly fits is cut;
	// Query.Truncated is then set.
	MaxQueryRunes = 256
	// MaxTerms bounds the number of terms; further terms are dropped and
	// Query.Truncated is set.
	MaxTerms = 32
	// MaxQueryBytes bounds the input. Longer input is not parsed at all:
	// ParseQuery returns a *QueryError.
	MaxQueryBytes = 64 << 10
)

// FieldTitle is the Term.Field of a title-only term (title:词 or 标题:词).
const FieldTitle = "title"

// A QueryError says why a query cannot be used. Error returns a Chinese
// message for users.
type QueryError struct {
	Reason string
}

func (e *QueryError) Error() string { return e.Reason }

// A Term is one condition of a query: all of Tokens must occur, at
// consecutive positions (phrase semantics), in the document or, if Field is
// FieldTitle, in its title. Negated terms exclude the documents they match.
type Term struct {
	// Tokens are the term's tokens as Tokens makes them; never empty.
	Tokens []string
	// Phrase reports that the term was typed in quotes (or is a 文号,
	// 索引号 or an excluded group of words), so its tokens may come from
	// text separated by spaces or punctuation. A term typed without quotes
	// is one run of characters; its tokens must be adjacent all the same:
	// 预算执行 typed without spaces is matched as the phrase 预算 算执 执行.
	Phrase bool
	// Field is "" (anywhere) or FieldTitle.
	Field string
	// Negated terms exclude documents (-词, -"短语").
	Negated bool
	// Near and Offsets are set by ReduceLong. Offsets[i] is the position
	// of Tokens[i] relative to Tokens[0] and Near is the last offset (the
	// distance between the first and the last token). Near == 0 and
	// Offsets == nil mean ordinary adjacency.
	Near    int
	Offsets []int
	// Number is the canonical 文号 (国办发〔2021〕12号) or 索引号
	// (11441700007280420Y/2021-00050) when the term is one; then Text is
	// Number, Tokens are its tokens and Phrase is true.
	Number string
	// Text is the normalized text the tokens come from, with each stretch
	// of spaces and punctuation reduced to one space (政务 公开 for
	// "政務，公开"), or to a comma where punctuation separates Han from a
	// letter or digit (2021,年度). Tokens(Text) gives Tokens, and String
	// shows Text.
	Text string
	// Raw is the text the term was made from, as typed (for a run inside a
	// longer word, normalized). It is informational: String ignores it.
	Raw string
}

// A Query is a parsed search query. Terms are ANDed.
type Query struct {
	Terms []Term
	// DocNumber is the canonical form of the first 文号 among the positive
	// terms without a field (国办发〔2021〕12号, whatever brackets, digits or
	// spaces were typed), for an exact lookup that ranks first.
	// DocNumberTyped is what was typed for it.
	DocNumber, DocNumberTyped string
	// IndexNumber is the first 索引号 among the positive terms without a
	// field, with letters upper-cased and spaces removed, for an exact
	// lookup.
	IndexNumber string
	// Truncated reports that terms were dropped or cut to respect
	// MaxQueryRunes or MaxTerms.
	Truncated bool
}

// Empty reports whether the query has nothing to search for: no terms, or
// only exclusions (an index cannot list "everything except …" cheaply).
// A query made only of punctuation or stop characters is empty.
func (q Query) Empty() bool {
	for _, t := range q.Terms {
		if !t.Negated {
			return false
		}
	}
	return true
}

// Positive returns the terms that are not negated.
func (q Query) Positive() []Term {
	var out []Term
	for _, t := range q.Terms {
		if !t.Negated {
			out = append(out, t)
		}
	}
	return out
}

// Negative returns the negated terms.
func (q Query) Negative() []Term {
	var out []Term
	for _, t := range q.Terms {
		if t.Negated {
			out = append(out, t)
		}
	}
	return out
}

// DocNumberSuggestion returns the canonical 文号 when the query holds one
// that was typed differently (other brackets, full-width digits, leading
// zeros, spaces), for a "您要找的是不是 国办发〔2021〕12号" hint, and ""
// otherwise.
func (q Query) DocNumberSuggestion() string {
	if q.DocNumber == "" || strings.TrimSpace(q.DocNumberTyped) == q.DocNumber {
		return ""
	}
	return q.DocNumber
}

// String returns the canonical form of the query: terms separated by single
// spaces, exclusions as -词, title terms as title:词, phrases in ASCII
// quotes with their text normalized, 文号 and 索引号 in canonical form. It
// is at most MaxQueryRunes runes long and ParseQuery(q.String()) yields the
// same terms, so it can serve as a cache key and in links to further pages.
func (q Query) String() string {
	var b strings.Builder
	for i, t := range q.Terms {
		if i > 0 {
			b.WriteByte(' ')
		}
		t.write(&b)
	}
	return b.String()
}

// String returns the canonical form of the term as in Query.String. Near
// and Offsets are not represented. A term made by hand, without Text, is
// shown as a phrase of its tokens.
func (t Term) String() string {
	var b strings.Builder
	t.write(&b)
	return b.String()
}

func (t Term) write(b *strings.Builder) {
	if t.Negated {
		b.WriteByte('-')
	}
	if t.Field == FieldTitle {
		b.WriteString(FieldTitle + ":")
	}
	switch {
	case t.Number != "":
		b.WriteString(t.Number)
	case t.Text == "":
		b.WriteByte('"')
		b.WriteString(strings.Join(t.Tokens, " "))
		b.WriteByte('"')
	case t.Phrase:
		b.WriteByte('"')
		b.WriteString(phraseText(t.Text))
		b.WriteByte('"')
	default:
		b.WriteString(t.Text)
	}
}

// phraseText returns the inside of a quoted phrase: its text, unless that
// reads as a 文号 although the phrase is not one (typed as "国务院令，第711号",
// whose text 国务院令 第711号 is one once spaces are ignored): then the
// spaces become commas, which keep the tokens and defeat the 文号 parser.
func phraseText(text string) string {
	if _, ok := parseNumber(text); ok {
		return strings.ReplaceAll(text, " ", ",")
	}
	return text
}

// collapse returns normalized text with each stretch of characters that
// are neither Han nor letters nor digits reduced to one space, or to a
// comma where it separates Han from a letter or digit and is not all white
// space (the tokenizer treats white space there differently), trimmed. It
// has the same tokens as norm.
func collapse(norm string) string {
	var b strings.Builder
	var prev rune // last rune written
	sep, punct := false, false
	for _, r := range norm {
		if isEdge(r) {
			sep = true
			punct = punct || !unicode.IsSpace(r)
			continue
		}
		if sep && b.Len() > 0 {
			if punct && isHan(prev) != isHan(r) {
				b.WriteByte(',')
			} else {
				b.WriteByte(' ')
			}
		}
		sep, punct = false, false
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// ParseQuery parses a search query:
//
//	预算 债务            both words (AND); a word typed without spaces, such as
//	                    预算执行, must match as a whole (adjacent tokens)
//	"政务 公开"          a phrase ("", “”, ＂＂, 「」 or 『』); an unclosed quote
//	                    runs to the end of the query
//	-预算  -"短语"       exclusion
//	title:规划  标题:"国土空间规划"   title only (title:, 标题: or 标题：)
//	国办发[2021]12号     a 文号, in any brackets ([] 【】 () （） ［］ 〔〕 ﹝﹞ 〖〗),
//	                    also typed with spaces when it is the whole query
//	                    (豫政办 〔2021〕68 号); sets Query.DocNumber
//	11441700007280420Y/2021-00050   an 索引号; sets Query.IndexNumber
//
// Words are split at punctuation: 政务公开，预算 is the two terms 政务公开 and
// 预算, and covid-19 is covid and 19 (but -covid-19 excludes the phrase).
// A single stop character standing alone (的, 和, 与 …) is ignored. The
// input is folded with Normalize, so full-width, upper-case and traditional
// input finds the same documents.
//
// Any input of at most MaxQueryBytes bytes gives a Query, never an error:
// invalid UTF-8 and control characters are treated as separators, and
// queries past MaxQueryRunes or MaxTerms are cut (Query.Truncated). Only
// longer input gives a *QueryError.
func ParseQuery(q string) (Query, error) {
	if len(q) > MaxQueryBytes {
		return Query{}, &QueryError{Reason: fmt.Sprintf("检索词过长，请输入%d个字以内的检索词", MaxQueryRunes)}
	}
	if !utf8.ValidString(q) {
		q = strings.ToValidUTF8(q, "\uFFFD")
	}
	p := parser{budget: MaxQueryRunes}
	// A 文号 typed with spaces (豫政办 〔2021〕68 号) is recognised only as the
	// whole query and only with brackets, where the spaces cannot belong to
	// anything else.
	trimmed := strings.TrimFunc(q, isQuerySpace)
	first, _ := utf8.DecodeRuneInString(trimmed)
	if num, ok := parseNumber(Normalize(trimmed)); ok && strings.ContainsAny(num, "〔") && strings.ContainsFunc(trimmed, isQuerySpace) &&
		first != '-' && first != '－' {
		p.add(Normalize(trimmed), true, false, "", trimmed)
	} else {
		p.parse(q)
	}
	return p.finish(), nil
}

// parser collects terms within the limits.
type parser struct {
	terms     []Term
	seen      map[string]bool
	budget    int // runes of the canonical form still available
	full      bool
	truncated bool
}

func (p *parser) parse(s string) {
	i := 0
	for i < len(s) && !p.full {
		r, w := utf8.DecodeRuneInString(s[i:])
		if isQuerySpace(r) {
			i += w
			continue
		}
		neg := false
		if r == '-' || r == '－' {
			if r2, _ := utf8.DecodeRuneInString(s[i+w:]); i+w < len(s) && !isQuerySpace(r2) {
				neg = true
				i += w
			}
		}
		field := ""
		if n := fieldPrefix(s[i:]); n > 0 {
			field = FieldTitle
			i += n
			for i < len(s) { // 标题： 规划
				r, w := utf8.DecodeRuneInString(s[i:])
				if !isQuerySpace(r) {
					break
				}
				i += w
			}
		}
		if i < len(s) {
			if r, w := utf8.DecodeRuneInString(s[i:]); isOpenQuote(r) {
				j := i + w
				k := strings.IndexFunc(s[j:], isCloseQuote)
				content := s[j:]
				if k >= 0 {
					content = s[j : j+k]
					_, cw := utf8.DecodeRuneInString(s[j+k:])
					i = j + k + cw
				} else {
					i = len(s)
				}
				p.add(strings.TrimFunc(Normalize(content), isQuerySpace), true, neg, field, content)
				continue
			}
		}
		j := i
		for j < len(s) {
			r, w := utf8.DecodeRuneInString(s[j:])
			if isQuerySpace(r) {
				break
			}
			j += w
		}
		p.chunk(s[i:j], neg, field)
		i = j
	}
}

// chunk adds the terms of a word typed without quotes.
func (p *parser) chunk(raw string, neg bool, field string) {
	norm := Normalize(raw)
	if _, ok := parseNumber(norm); ok {
		p.add(norm, true, neg, field, raw)
		return
	}
	runs := splitRuns(norm)
	switch {
	case len(runs) == 0:
	case neg && len(runs) > 1: // -covid-19 excludes the phrase, not each part
		p.add(norm, true, neg, field, raw)
	default:
		for _, run := range runs {
			if p.full {
				return
			}
			src := run
			if len(runs) == 1 {
				src = raw
			}
			p.add(run, false, neg, field, src)
		}
	}
}

// add makes a term from normalized text and adds it within the limits,
// cutting it if only part of it fits.
func (p *parser) add(norm string, quoted, neg bool, field, raw string) {
	if p.full {
		p.truncated = true
		return
	}
	t, ok := makeTerm(norm, quoted, neg, field, raw)
	if !ok {
		return
	}
	s := t.String()
	if p.seen[s] {
		return
	}
	if len(p.terms) == MaxTerms {
		p.truncated, p.full = true, true
		return
	}
	avail := p.budget
	if len(p.terms) > 0 {
		avail-- // the separating space
	}
	n := utf8.RuneCountInString(s)
	if n > avail {
		p.truncated, p.full = true, true
		if t.Number != "" { // a 文号 is not cut: a part of it is another number
			return
		}
		if t, ok = cutTerm(norm, quoted, neg, field, raw, avail); !ok {
			return
		}
		if s = t.String(); p.seen[s] {
			return
		}
		n = utf8.RuneCountInString(s)
	}
	if p.seen == nil {
		p.seen = make(map[string]bool)
	}
	p.seen[s] = true
	p.terms = append(p.terms, t)
	p.budget = avail - n
}

// cutTerm makes a term from the longest prefix of norm whose canonical form
// fits in avail runes. A prefix that reads as a 文号 or 索引号 is skipped: it
// would name a number that was not typed.
func cutTerm(norm string, quoted, neg bool, field, raw string, avail int) (Term, bool) {
	rs := []rune(norm)
	for l := min(len(rs), avail); l > 0; l-- {
		if t, ok := makeTerm(string(rs[:l]), quoted, neg, field, raw); ok && t.Number == "" && utf8.RuneCountInString(t.String()) <= avail {
			return t, true
		}
	}
	return Term{}, false
}

// makeTerm makes a term from normalized text: a 文号 or 索引号, a quoted
// phrase, or (quoted false) one run of characters. It reports false when
// the text has no tokens or is a single stop character.
func makeTerm(norm string, quoted, neg bool, field, raw string) (Term, bool) {
	t := Term{Field: field, Negated: neg, Raw: raw}
	if num, ok := parseNumber(norm); ok {
		t.Number, t.Text, t.Phrase, t.Tokens = num, num, true, tokenTexts(num)
		return t, true
	}
	t.Text = collapse(norm)
	t.Tokens = tokenTexts(t.Text)
	if len(t.Tokens) == 0 {
		return Term{}, false
	}
	t.Phrase = quoted
	if !quoted && len(t.Tokens) == 1 && isStopChar(t.Tokens[0]) {
		return Term{}, false
	}
	return t, true
}

func (p *parser) finish() Query {
	q := Query{Terms: p.terms, Truncated: p.truncated}
	for _, t := range q.Terms {
		if t.Number == "" || t.Negated || t.Field != "" {
			continue
		}
		if strings.Contains(t.Number, "/") {
			if q.IndexNumber == "" {
				q.IndexNumber = t.Number
			}
		} else if q.DocNumber == "" {
			q.DocNumber, q.DocNumberTyped = t.Number, strings.TrimFunc(t.Raw, func(r rune) bool { return isEdge(foldRune(r)) })
		}
	}
	return q
}

// splitRuns splits normalized text into maximal runs of Han characters,
// letters and digits.
func splitRuns(norm string) []string {
	var runs []string
	start := -1
	for i, r := range norm {
		in := isHan(r) || isWordRune(r)
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			runs = append(runs, norm[start:i])
			start = -1
		}
	}
	if start >= 0 {
		runs = append(runs, norm[start:])
	}
	return runs
}

// parseNumber recognises normalized text (spaces allowed) as a 文号 or an
// 索引号 and returns its canonical form. Punctuation around it is ignored,
// as in （国办发〔2021〕12号） copied from under a title.
func parseNumber(norm string) (string, bool) {
	norm = strings.TrimFunc(norm, isEdge)
	if norm == "" || len(norm) > 256 {
		return "", false
	}
	if s, ok := parseIndexNumber(norm); ok {
		return s, true
	}
	return parseDocNumber(norm)
}

// parseDocNumber accepts what disclosure.ParseDocNumber accepts, provided
// the 发文机关代字 is made of letters only and typed without spaces, so that
// 政务 公开 国办发〔2021〕12号 or title:国办发〔2021〕12号 are not taken for a
// 文号 with a strange prefix.
func parseDocNumber(norm string) (string, bool) {
	d, err := disclosure.ParseDocNumber(norm)
	if err != nil || !strings.HasPrefix(norm, d.Prefix) {
		return "", false
	}
	for _, r := range d.Prefix {
		if !unicode.IsLetter(r) {
			return "", false
		}
	}
	return d.String(), true
}

// parseIndexNumber recognises an 索引号: <code>/<yyyy or yyyymm>-<seq>,
// where the code (an organisation code such as a 统一社会信用代码, or digits)
// has 6 to 32 letters, digits, '.', '_' or '-' and at least one digit, and
// the sequence has 1 to 9 digits. The canonical form removes spaces and
// upper-cases letters; zero padding is kept as typed.
func parseIndexNumber(norm string) (string, bool) {
	if !strings.ContainsRune(norm, '/') {
		return "", false
	}
	s := strings.Map(func(r rune) rune {
		if isQuerySpace(r) {
			return -1
		}
		return r
	}, norm)
	slash := strings.LastIndexByte(s, '/')
	code, rest := s[:slash], s[slash+1:]
	period, seq, ok := strings.Cut(rest, "-")
	if !ok || len(code) < 6 || len(code) > 32 || len(seq) < 1 || len(seq) > 9 || !allDigits(seq) || !allDigits(period) {
		return "", false
	}
	digit := false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case '0' <= c && c <= '9':
			digit = true
		case 'a' <= c && c <= 'z', c == '.', c == '_', c == '-':
		default:
			return "", false
		}
	}
	if !digit {
		return "", false
	}
	year, month := 0, 1
	switch len(period) {
	case 4:
		year = atoi(period)
	case 6:
		year, month = atoi(period[:4]), atoi(period[4:])
	default:
		return "", false
	}
	if year < disclosure.DocNumberMinYear || year > disclosure.DocNumberMaxYear || month < 1 || month > 12 {
		return "", false
	}
	return strings.ToUpper(code) + "/" + period + "-" + seq, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// fieldPrefix returns the length of a field prefix (title: or 标题:, any
// case, full-width colon or traditional 標題 allowed) at the start of s, or
// 0.
func fieldPrefix(s string) int {
	for _, name := range [...]string{"title", "标题"} {
		i, ok := 0, true
		for _, want := range name {
			r, w := utf8.DecodeRuneInString(s[i:])
			if i >= len(s) || foldRune(r) != want {
				ok = false
				break
			}
			i += w
		}
		if !ok || i >= len(s) {
			continue
		}
		if r, w := utf8.DecodeRuneInString(s[i:]); r == ':' || r == '：' {
			return i + w
		}
	}
	return 0
}

// isEdge reports whether r is neither Han nor a letter or digit (-1, for a
// dropped rune, included).
func isEdge(r rune) bool { return !isHan(r) && !isWordRune(r) }

// isQuerySpace reports whether r separates words in a query: white space,
// control characters (NUL included) and the replacement character.
func isQuerySpace(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r) || r == utf8.RuneError
}

func isOpenQuote(r rune) bool {
	switch r {
	case '"', '＂', '“', '”', '「', '『':
		return true
	}
	return false
}

func isCloseQuote(r rune) bool {
	switch r {
	case '"', '＂', '”', '“', '」', '』':
		return true
	}
	return false
}

// stopChars are characters that, standing alone in a query, carry no
// meaning for search. Standing alone, a Han character only matches the same
// character standing alone in a document (the index holds bigrams), so
// keeping them would only lose results.
var stopChars = map[string]bool{
	"的": true, "了": true, "和": true, "与": true, "及": true, "或": true, "在": true, "是": true,
	"之": true, "等": true, "对": true, "为": true, "于": true, "将": true, "把": true, "被": true,
	"而": true, "并": true, "也": true, "都": true, "就": true, "其": true, "以": true, "由": true,
	"从": true, "向": true, "个": true, "这": true, "那": true, "有": true, "着": true, "过": true,
	"地": true, "得": true, "所": true, "吗": true, "呢": true, "啊": true, "吧": true, "即": true,
}

func isStopChar(tok string) bool { return stopChars[tok] }
