package ingest

import (
	"compress/gzip"
	"os"
	"strings"
	"testing"

	"gongkai/internal/disclosure"
)

func TestParseLaw(t *testing.T) {
	line := `{"path":"行政法规/示例条例(2019-03-24).md","group":"行政法规","region":null,"title":"示例登记暂行条例","info":["2014年11月24日 中华人民共和国国务院令第656号公布"],"level":"行政法规","publish":"2019-03-24","valid_from":"2019-05-01","expired":false,"text":"## 第一章 总则\n\n第一条 为了规范登记行为，<制定>本条例。\n"}`
	rec, err := ParseLaw([]byte(line))
	if err != nil {
		t.Fatal(err)
	}
	f := rec.Fields
	if f.Genre != disclosure.GenreRegulation || f.DocNumber != "国务院令第656号" || f.WrittenOn.String() != "2019-03-24" ||
		f.EffectiveOn.String() != "2019-05-01" || f.Validity != disclosure.ValidityInForce || rec.SourceKey != "laws:行政法规/示例条例(2019-03-24).md" {
		t.Fatalf("record: %+v", rec)
	}
	if !strings.Contains(f.BodyHTML, "<h3>第一章 总则</h3>") || !strings.Contains(f.BodyHTML, "&lt;制定&gt;") {
		t.Fatalf("body: %s", f.BodyHTML)
	}
	if err := f.Validate(); err != nil {
		t.Fatalf("fields do not validate: %v", err)
	}
	for _, bad := range []string{``, `{}`, `[1,2]`, `{"path":"x","title":""}`, `{"path":1}`} {
		if _, err := ParseLaw([]byte(bad)); err == nil {
			t.Errorf("ParseLaw(%q) accepted", bad)
		}
	}
	expired := `{"path":"a.md","group":"地方性法规","region":"上海","title":"某市条例","level":null,"publish":"1999-13-01","expired":true,"text":""}`
	rec, err = ParseLaw([]byte(expired))
	if err != nil || rec.Fields.Genre != disclosure.GenreLocalRegulation || rec.Fields.Validity != disclosure.ValidityExpired || rec.Region != "上海" || !rec.Fields.WrittenOn.IsZero() {
		t.Fatalf("expired local regulation: %+v %v", rec, err)
	}
}

func TestParsePolicy(t *testing.T) {
	line := `{"url":"http://www.gov.cn/x.htm","title":"国务院关于示例工作的意见","index_number":"000014349/2019-00007","issuing_agency":"国务院办公厅、中央军委办公厅","doc_number":"国办发[2019]5号","subject_category":"市场监管、安全生产监管\\工商","written_date":"2019-01-27","publish_date":"2019-02-15","text":"国务院关于示例工作的意见\n各省、自治区、直辖市人民政府：\n"}`
	rec, err := ParsePolicy([]byte(line))
	if err != nil {
		t.Fatal(err)
	}
	f := rec.Fields
	if rec.IndexNumber != "000014349/2019-00007" || f.DocNumber != "国办发〔2019〕5号" || len(f.Issuers) != 2 || f.Topic != `市场监管、安全生产监管\工商` ||
		rec.PublishedAt.IsZero() || !strings.Contains(f.BodyHTML, "<p>各省、自治区、直辖市人民政府：</p>") {
		t.Fatalf("record: %+v", rec)
	}
	if err := f.Validate(); err != nil {
		t.Fatalf("fields do not validate: %v", err)
	}
}

func open(t *testing.T, path string, gz bool) *os.File {
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("real corpus absent (%s): %v", path, err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// TestRealCorpus reads the shared data sets end to end.
func TestRealCorpus(t *testing.T) {
	f := open(t, "../../../shared/data/laws-lawrefbook/laws.jsonl.gz", true)
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	genres := map[disclosure.Genre]int{}
	n, invalid := 0, 0
	if err := ReadLaws(zr, func(r Record) error {
		n++
		genres[r.Fields.Genre]++
		if err := r.Fields.Validate(); err != nil {
			invalid++
			t.Logf("%s: %v", r.SourceKey, err)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if n != 3475 || invalid != 0 || genres[disclosure.GenreLocalRegulation] != 1911 || genres[disclosure.GenreRegulation] != 683 {
		t.Fatalf("laws: %d read, %d invalid, genres %v", n, invalid, genres)
	}
	p := open(t, "../../../shared/data/gov-cn-state-council-sample/state_council_docs_2019-02.jsonl", false)
	n = 0
	if err := ReadPolicies(p, func(r Record) error {
		n++
		if r.IndexNumber == "" || r.Fields.Validate() != nil {
			t.Errorf("policy %s: index %q, %v", r.SourceKey, r.IndexNumber, r.Fields.Validate())
		}
		return nil
	}); err != nil || n != 60 {
		t.Fatalf("policies: %d, %v", n, err)
	}
}

func FuzzParseLaw(f *testing.F) {
	f.Add([]byte(`{"path":"a.md","title":"条例","info":["国务院令第1号"],"text":"## 一\n第一条"}`))
	f.Add([]byte(`{"path":"a","title":"t","publish":"2020-02-30","valid_from":"1900-01-01","expired":true}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		rec, err := ParseLaw(b)
		if err == nil && (rec.Fields.Title == "" || rec.SourceKey == "") {
			t.Fatalf("accepted a record without title or key: %+v", rec)
		}
		if err == nil && strings.Contains(rec.Fields.BodyHTML, "<script") {
			t.Fatal("body not escaped")
		}
	})
}

func FuzzParsePolicy(f *testing.F) {
	f.Add([]byte(`{"url":"u","title":"t","index_number":"1/2019-1","doc_number":"国发〔2019〕5号","subject_category":"其他","text":"a\nb"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		rec, err := ParsePolicy(b)
		if err == nil && rec.Fields.Title == "" {
			t.Fatal("accepted a record without title")
		}
	})
}
