package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"unicode"

	"gongkai/internal/search"
)

// The five query classes of SEARCH-SCALE.md, in report order.
var classes = []string{"common", "phrase", "multi", "docnum", "long"}

// classCount is how many queries each class gets (100 in all).
var classCount = map[string]int{"common": 30, "phrase": 30, "multi": 20, "docnum": 10, "long": 10}

// commonWords are the 30 common words: frequent in government text, most of them in a large
// share of the documents.
var commonWords = []string{"规定", "管理", "公开", "规划", "预算", "债务", "应当", "人民政府", "安全", "监督",
	"服务", "建设", "发展", "保护", "责任", "环境", "企业", "资金", "教育", "卫生",
	"交通", "信息", "标准", "审批", "许可", "处罚", "组织", "工作", "社会", "经济"}

// benchQuery is one query as the engines run it. Terms are the token lists of the query's
// positive terms as search.ParseQuery makes them, so that Xapian searches exactly the same
// phrases.
type benchQuery struct {
	Class     string     `json:"class"`
	Text      string     `json:"text"`
	Terms     [][]string `json:"terms"`
	DocNumber string     `json:"doc_number,omitempty"`
}

// makeQueries makes the 100 queries with a fixed seed: 30 common words, 30 phrases of 4–8
// characters cut from real articles, 20 AND queries of 2–3 fragments of 2–4 characters from one
// article, 10 exact 文号 of generated documents, and 10 sentences of 15–25 characters. Only the
// 文号 depend on the number of documents.
func makeQueries(c *corpus, g *generator, seed uint64) ([]benchQuery, error) {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	var texts []struct{ class, text string }
	add := func(class, text string) { texts = append(texts, struct{ class, text string }{class, text}) }
	seen := map[string]bool{}
	unique := func(s string) bool {
		if seen[s] {
			return false
		}
		seen[s] = true
		return true
	}
	for _, w := range commonWords {
		add("common", w)
	}
	// A random paragraph of a random article, as runes.
	para := func() []rune {
		a := c.articles[r.IntN(len(c.articles))]
		return []rune(a[r.IntN(len(a))])
	}
	// hanRun cuts n Han characters at a random place of p, or reports false.
	hanRun := func(p []rune, n int) ([]rune, int, bool) {
		if len(p) < n {
			return nil, 0, false
		}
		for range 20 {
			s := r.IntN(len(p) - n + 1)
			ok := true
			for _, x := range p[s : s+n] {
				if !unicode.Is(unicode.Han, x) {
					ok = false
					break
				}
			}
			if ok {
				return p[s : s+n], s, true
			}
		}
		return nil, 0, false
	}
	for n := 0; n < classCount["phrase"]; {
		if f, _, ok := hanRun(para(), 4+r.IntN(5)); ok && unique(string(f)) {
			add("phrase", string(f))
			n++
		}
	}
	for n := 0; n < classCount["multi"]; {
		p := para()
		k := 2 + r.IntN(2)
		var frags []string
		used := make([]bool, len(p))
		for tries := 0; len(frags) < k && tries < 50; tries++ {
			f, s, ok := hanRun(p, 2+r.IntN(3))
			if !ok {
				break
			}
			free := true
			for i := s; i < s+len(f); i++ {
				free = free && !used[i]
			}
			if !free {
				continue
			}
			for i := s; i < s+len(f); i++ {
				used[i] = true
			}
			frags = append(frags, string(f))
		}
		if len(frags) == k {
			if q := strings.Join(frags, " "); unique(q) {
				add("multi", q)
				n++
			}
		}
	}
	for n := 0; n < classCount["docnum"]; {
		if d := g.doc(r.IntN(g.n)); unique(d.docNumber) {
			add("docnum", d.docNumber)
			n++
		}
	}
	for n := 0; n < classCount["long"]; {
		p := para()
		if loc := articleStart.FindStringIndex(string(p)); loc != nil {
			p = []rune(strings.TrimLeftFunc(string(p)[loc[1]:], unicode.IsSpace))
		}
		// Start at a clause: the paragraph's start or after a Chinese punctuation mark.
		var starts []int
		for i := range p {
			if i == 0 || strings.ContainsRune("，。；：、", p[i-1]) {
				starts = append(starts, i)
			}
		}
		s := starts[r.IntN(len(starts))]
		l := 15 + r.IntN(11)
		if s+l > len(p) {
			continue
		}
		q := strings.TrimRightFunc(string(p[s:s+l]), func(x rune) bool { return !unicode.Is(unicode.Han, x) })
		if len([]rune(q)) >= 15 && unique(q) {
			add("long", q)
			n++
		}
	}
	out := make([]benchQuery, 0, len(texts))
	for _, t := range texts {
		q, err := search.ParseQuery(t.text)
		if err != nil {
			return nil, fmt.Errorf("query %q: %w", t.text, err)
		}
		bq := benchQuery{Class: t.class, Text: t.text, DocNumber: q.DocNumber}
		for _, term := range q.Positive() {
			bq.Terms = append(bq.Terms, term.Tokens)
		}
		if len(bq.Terms) == 0 {
			return nil, fmt.Errorf("query %q has no terms", t.text)
		}
		if t.class == "docnum" && q.DocNumber != t.text {
			return nil, fmt.Errorf("文号 query %q parses as %q", t.text, q.DocNumber)
		}
		out = append(out, bq)
	}
	return out, nil
}

func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}
