package main

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"html"
	"io"
	"math/rand/v2"
	"os"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"gongkai/internal/disclosure"
	"gongkai/internal/ingest"
	"gongkai/internal/richtext"
	"gongkai/internal/search"
	"gongkai/internal/workday"
)

// corpus is what the generator draws from: the real titles and the real articles of the laws
// corpus (SEARCH-SCALE.md §Corpus).
type corpus struct {
	titles   []string
	articles [][]string // each article as paragraphs: the 第…条 line and its continuation lines
	runes    []int      // characters of each article
}

// articleStart matches the first line of an article.
var articleStart = regexp.MustCompile(`^第[一二三四五六七八九十百千零〇两0-9０-９]+条`)

// loadCorpus reads laws.jsonl.gz through ingest.ReadLaws and splits the bodies into articles:
// a paragraph starting with 第…条 and the paragraphs after it, up to the next article or heading.
func loadCorpus(path string) (*corpus, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(bufio.NewReaderSize(f, 1<<20))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	c := &corpus{}
	err = ingest.ReadLaws(zr, func(r ingest.Record) error {
		c.titles = append(c.titles, r.Fields.Title)
		var cur []string
		n := 0
		flush := func() {
			if len(cur) > 0 {
				c.articles = append(c.articles, cur)
				c.runes = append(c.runes, n)
			}
			cur, n = nil, 0
		}
		for _, line := range strings.Split(r.Fields.BodyHTML, "\n") {
			if !strings.HasPrefix(line, "<p>") || !strings.HasSuffix(line, "</p>") {
				flush() // a heading ends the article
				continue
			}
			text := html.UnescapeString(line[len("<p>") : len(line)-len("</p>")])
			if articleStart.MatchString(text) {
				flush()
				cur = []string{text}
				n = utf8.RuneCountInString(text)
			} else if cur != nil {
				cur = append(cur, text)
				n += utf8.RuneCountInString(text)
			}
		}
		flush()
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(c.titles) == 0 || len(c.articles) == 0 {
		return nil, fmt.Errorf("%s: no titles or articles", path)
	}
	return c, nil
}

func (c *corpus) meanArticleRunes() float64 {
	t := 0
	for _, n := range c.runes {
		t += n
	}
	return float64(t) / float64(len(c.runes))
}

// Years of the synthetic documents: the year rises with the id, so id order is publication order.
const (
	firstYear = 1995
	years     = 30
)

// 文号 parts: a province, an office and a kind of document, as in 琼发改投资〔1997〕8号.
var (
	provinces = []string{"京", "津", "沪", "渝", "冀", "晋", "辽", "吉", "黑", "苏", "浙", "皖", "闽", "赣", "鲁", "豫",
		"鄂", "湘", "粤", "琼", "川", "贵", "云", "陕", "甘", "青", "蒙", "桂", "藏", "宁", "新"}
	offices = []string{"政", "政办", "发改", "财", "教", "卫健", "人社", "自然资", "住建", "交通", "农", "商务", "文旅",
		"市监", "环", "应急", "民", "公", "司", "水", "工信", "科", "审计", "统计", "林"}
	kinds  = []string{"发", "函", "规", "字", "投资", "预算", "综", "办"}
	genres = []disclosure.Genre{disclosure.GenrePolicy, disclosure.GenreNormative, disclosure.GenreNotice,
		disclosure.GenreLocalRegulation, disclosure.GenreRule}
)

// generator makes synthetic document i of n, deterministically (seeded by i alone, so any
// document can be made again, in any order, by any goroutine).
type generator struct {
	c       *corpus
	n       int
	seed    uint64
	orgCode string
}

// doc is one synthetic document.
type doc struct {
	i                      int
	title                  string
	docNumber, indexNumber string
	paras                  []string
	date                   workday.Date
	inForce                bool
	genre                  disclosure.Genre
}

func (g *generator) year(i int) int { return firstYear + i*years/g.n }

// firstOfYear is the first i whose year is y.
func (g *generator) firstOfYear(y int) int { return ((y-firstYear)*g.n + years - 1) / years }

func (g *generator) doc(i int) doc {
	r := rand.New(rand.NewPCG(g.seed, uint64(i)))
	d := doc{i: i, title: g.c.titles[r.IntN(len(g.c.titles))]}
	target := 1200 + r.IntN(601)
	for n := 0; n < target; {
		a := r.IntN(len(g.c.articles))
		d.paras = append(d.paras, g.c.articles[a]...)
		n += g.c.runes[a]
	}
	y := g.year(i)
	lo, hi := g.firstOfYear(y), g.firstOfYear(y+1)
	day := 0
	if hi > lo {
		day = (i - lo) * 365 / (hi - lo)
	}
	t := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, day)
	d.date = workday.Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}
	prefix := provinces[r.IntN(len(provinces))] + offices[r.IntN(len(offices))] + kinds[r.IntN(len(kinds))]
	d.docNumber = prefix + "〔" + strconv.Itoa(y) + "〕" + strconv.Itoa(1+r.IntN(200)) + "号"
	idx, err := disclosure.DefaultIndexScheme{}.Format(disclosure.IndexInput{OrgCode: g.orgCode, Year: y, Seq: i - lo + 1})
	if err != nil {
		panic(err) // the inputs are in range by construction
	}
	d.indexNumber = idx
	d.inForce = r.IntN(100) < 80
	d.genre = genres[r.IntN(len(genres))]
	return d
}

func (d doc) bodyHTML() string {
	var b strings.Builder
	for _, p := range d.paras {
		b.WriteString("<p>")
		b.WriteString(html.EscapeString(p))
		b.WriteString("</p>\n")
	}
	return b.String()
}

// record is the document as an import record: escaped body in <p> paragraphs, a unique source
// key, its own 索引号 (so that the exported tokens are exactly the indexed ones).
func (d doc) record() ingest.Record {
	v := disclosure.ValidityInForce
	if !d.inForce {
		v = disclosure.ValidityExpired
	}
	return ingest.Record{
		SourceKey:   "bench:" + strconv.Itoa(d.i),
		IndexNumber: d.indexNumber,
		PublishedAt: d.date.Time().Add(9 * time.Hour),
		EscapedBody: true,
		Fields: disclosure.Fields{
			Title: d.title, DocNumber: d.docNumber, WrittenOn: d.date, Topic: "综合政务",
			Genre: d.genre, Validity: v, BodyHTML: d.bodyHTML(),
		},
	}
}

// tokenTexts returns what the store indexes for the document (store.indexText): the title with
// its 文号 and 索引号, and the body's text, as search.TokenText.
func (d doc) tokenTexts() (title, body string) {
	return search.TokenText(d.title + " " + d.docNumber + " " + d.indexNumber), search.TokenText(richtext.Text(d.bodyHTML()))
}

// export writes the corpus as TSV for Xapian: id (the store's document id, i+1), title tokens,
// body tokens, year. Tokens never contain tabs or newlines. Documents are tokenized by all
// cores in blocks and written in order.
func (g *generator) export(w io.Writer, progress func(done int)) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	const block = 1000
	workers := runtime.GOMAXPROCS(0)
	type job struct {
		start int
		out   chan []byte
	}
	jobs := make(chan job, workers)
	pending := make(chan job, workers*2)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				var b []byte
				for i := j.start; i < min(j.start+block, g.n); i++ {
					d := g.doc(i)
					tt, bt := d.tokenTexts()
					b = strconv.AppendInt(b, int64(i+1), 10)
					b = append(b, '\t')
					b = append(b, tt...)
					b = append(b, '\t')
					b = append(b, bt...)
					b = append(b, '\t')
					b = strconv.AppendInt(b, int64(d.date.Year), 10)
					b = append(b, '\n')
				}
				j.out <- b
			}
		}()
	}
	go func() {
		for s := 0; s < g.n; s += block {
			j := job{start: s, out: make(chan []byte, 1)}
			pending <- j
			jobs <- j
		}
		close(jobs)
		close(pending)
	}()
	var err error
	for j := range pending {
		b := <-j.out
		if err == nil {
			_, err = bw.Write(b)
		}
		if progress != nil {
			progress(min(j.start+block, g.n))
		}
	}
	wg.Wait()
	if err != nil {
		return err
	}
	return bw.Flush()
}
