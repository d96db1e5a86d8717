// Package ingest reads outside collections of published documents — the laws and regulations
// corpus and State Council document dumps — into records that the store can import.
package ingest

import (
	"bufio"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"regexp"
	"strings"
	"time"

	"gongkai/internal/disclosure"
	"gongkai/internal/workday"
)

// Record is one document to import, already published at its source.
type Record struct {
	SourceKey   string // stable key of the source record, so that a repeated import skips it
	IndexNumber string // the source's 索引号, or "" to have one generated
	Region      string // province of a local regulation ("" for national documents)
	PublishedAt time.Time
	Fields      disclosure.Fields
	// EscapedBody says that Fields.BodyHTML was built here from HTML-escaped text inside a fixed
	// set of tags (p, h2–h5), so it needs no sanitising.
	EscapedBody bool
}

// maxLine bounds one JSON line (the largest law is about 200,000 characters).
const maxLine = 16 << 20

// eachLine calls fn for every non-empty line of r, with its line number.
func eachLine(r io.Reader, fn func(n int, line []byte) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), maxLine)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Bytes()
		if len(strings.TrimSpace(string(line))) == 0 {
			continue
		}
		if err := fn(n, line); err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("line %d: %w", n+1, err)
	}
	return nil
}

// law is a line of laws.jsonl (LawRefBook).
type law struct {
	Path      string   `json:"path"`
	Group     string   `json:"group"`
	Category  string   `json:"category"`
	Region    *string  `json:"region"`
	Title     string   `json:"title"`
	Info      []string `json:"info"`
	Level     *string  `json:"level"`
	Publish   *string  `json:"publish"`
	ValidFrom *string  `json:"valid_from"`
	Expired   *bool    `json:"expired"`
	Text      string   `json:"text"`
}

var orderNumberRE = regexp.MustCompile(`[\p{Han}]{1,20}令第[0-9０-９]+号`)

// ParseLaw turns one line of the laws corpus into a record.
func ParseLaw(line []byte) (Record, error) {
	var l law
	if err := json.Unmarshal(line, &l); err != nil {
		return Record{}, fmt.Errorf("not a JSON object: %w", err)
	}
	title := strings.TrimSpace(l.Title)
	if title == "" || l.Path == "" {
		return Record{}, fmt.Errorf("record without title or path")
	}
	level := l.Group
	if l.Level != nil && *l.Level != "" {
		level = *l.Level
	}
	rec := Record{SourceKey: "laws:" + l.Path, EscapedBody: true}
	if l.Region != nil {
		rec.Region = *l.Region
	}
	f := &rec.Fields
	f.Title = truncate(title, 200)
	f.Genre = lawGenre(level, l.Group)
	f.Topic = "公安、安全、司法"
	if f.Genre == disclosure.GenreLocalRegulation {
		f.Topic = "综合政务"
	}
	f.Validity = disclosure.ValidityInForce
	if l.Expired != nil && *l.Expired {
		f.Validity = disclosure.ValidityExpired
	}
	if d, ok := date(l.Publish); ok {
		f.WrittenOn = d
		rec.PublishedAt = d.Time()
	}
	if d, ok := date(l.ValidFrom); ok {
		f.EffectiveOn = d
		if !f.WrittenOn.IsZero() && d.Before(f.WrittenOn) {
			f.EffectiveOn = workday.Date{} // dates out of order in the source: keep the written date only
		}
	}
	for _, info := range l.Info {
		if m := strings.TrimPrefix(orderNumberRE.FindString(info), "中华人民共和国"); m != "" {
			if dn, err := disclosure.ParseDocNumber(m); err == nil {
				f.DocNumber = dn.String()
			}
		}
	}
	f.Summary = truncate(strings.Join(l.Info, "；"), 480)
	f.BodyHTML = markdownToHTML(l.Text)
	return rec, nil
}

func lawGenre(level, group string) disclosure.Genre {
	switch {
	case level == "法律" || level == "宪法":
		return disclosure.GenreLaw
	case level == "行政法规":
		return disclosure.GenreRegulation
	case level == "地方性法规" || group == "地方性法规":
		return disclosure.GenreLocalRegulation
	case level == "部门规章":
		return disclosure.GenreRule
	case level == "司法解释":
		return disclosure.GenreJudicial
	}
	return disclosure.GenreOther
}

func date(s *string) (workday.Date, bool) {
	if s == nil || *s == "" {
		return workday.Date{}, false
	}
	d, err := workday.ParseDate(*s)
	if err != nil || d.Year < 1949 || d.Year > 2100 {
		return workday.Date{}, false
	}
	return d, true
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}

// markdownToHTML renders the corpus' plain Markdown (headings and paragraphs) as HTML.
func markdownToHTML(md string) string {
	var b strings.Builder
	b.Grow(len(md) + len(md)/8)
	for _, line := range strings.Split(md, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "" || line == "<!-- INFO END -->":
		case strings.HasPrefix(line, "#"):
			level := len(line) - len(strings.TrimLeft(line, "#"))
			if level > 4 {
				level = 4
			}
			text := strings.TrimSpace(strings.TrimLeft(line, "#"))
			fmt.Fprintf(&b, "<h%d>%s</h%d>\n", level+1, html.EscapeString(text), level+1)
		default:
			b.WriteString("<p>")
			b.WriteString(html.EscapeString(line))
			b.WriteString("</p>\n")
		}
	}
	return b.String()
}

// ReadLaws reads laws.jsonl (already decompressed) and calls fn for each record.
func ReadLaws(r io.Reader, fn func(Record) error) error {
	return eachLine(r, func(_ int, line []byte) error {
		rec, err := ParseLaw(line)
		if err != nil {
			return err
		}
		return fn(rec)
	})
}

// policy is a line of the State Council sample.
type policy struct {
	URL         string `json:"url"`
	Title       string `json:"title"`
	IndexNumber string `json:"index_number"`
	Agency      string `json:"issuing_agency"`
	DocNumber   string `json:"doc_number"`
	Topic       string `json:"subject_category"`
	Written     string `json:"written_date"`
	Published   string `json:"publish_date"`
	Text        string `json:"text"`
}

// ParsePolicy turns one line of the State Council sample into a record.
func ParsePolicy(line []byte) (Record, error) {
	var p policy
	if err := json.Unmarshal(line, &p); err != nil {
		return Record{}, fmt.Errorf("not a JSON object: %w", err)
	}
	title := strings.TrimSpace(p.Title)
	if title == "" {
		return Record{}, fmt.Errorf("record without title")
	}
	rec := Record{SourceKey: "policy:" + p.URL, IndexNumber: strings.TrimSpace(p.IndexNumber), EscapedBody: true}
	if p.URL == "" {
		rec.SourceKey = "policy:" + rec.IndexNumber
	}
	f := &rec.Fields
	f.Title = truncate(title, 200)
	f.Genre = disclosure.GenrePolicy
	if strings.Contains(p.DocNumber, "令") {
		f.Genre = disclosure.GenreRegulation
	}
	if dn, err := disclosure.ParseDocNumber(p.DocNumber); err == nil {
		f.DocNumber = dn.String()
	}
	f.Topic = p.Topic
	if len([]rune(f.Topic)) > 60 || !knownTopic(f.Topic) {
		f.Topic = "其他"
	}
	for _, a := range strings.Split(p.Agency, "、") {
		if a = strings.TrimSpace(a); a != "" {
			f.Issuers = append(f.Issuers, a)
		}
	}
	if d, ok := date(&p.Written); ok {
		f.WrittenOn = d
	}
	if d, ok := date(&p.Published); ok {
		rec.PublishedAt = d.Time()
	}
	var b strings.Builder
	for _, line := range strings.Split(p.Text, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			b.WriteString("<p>" + html.EscapeString(line) + "</p>\n")
		}
	}
	f.BodyHTML = b.String()
	return rec, nil
}

func knownTopic(t string) bool {
	top := disclosure.TopTopic(t)
	for _, x := range disclosure.Topics {
		if x == top {
			return true
		}
	}
	return false
}

// ReadPolicies reads the State Council sample and calls fn for each record.
func ReadPolicies(r io.Reader, fn func(Record) error) error {
	return eachLine(r, func(_ int, line []byte) error {
		rec, err := ParsePolicy(line)
		if err != nil {
			return err
		}
		return fn(rec)
	})
}
