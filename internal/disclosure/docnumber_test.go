package disclosure

import (
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseDocNumber(t *testing.T) {
	tests := []struct {
		in    string
		want  DocNumber // Raw is not compared
		canon string
	}{
		{"国办发〔2021〕12号", DocNumber{Prefix: "国办发", Year: 2021, Seq: 12}, "国办发〔2021〕12号"},
		{"国发〔2019〕5号", DocNumber{Prefix: "国发", Year: 2019, Seq: 5}, "国发〔2019〕5号"},
		{"京政办发〔2023〕1号", DocNumber{Prefix: "京政办发", Year: 2023, Seq: 1}, "京政办发〔2023〕1号"},
		{"粤府函〔2020〕100号", DocNumber{Prefix: "粤府函", Year: 2020, Seq: 100}, "粤府函〔2020〕100号"},
		{"财预〔2021〕4号", DocNumber{Prefix: "财预", Year: 2021, Seq: 4}, "财预〔2021〕4号"},
		{"国务院令第711号", DocNumber{Prefix: "国务院令", Seq: 711, Kind: DocOrder}, "国务院令第711号"},
		{"省政府令 第95号", DocNumber{Prefix: "省政府令", Seq: 95, Kind: DocOrder}, "省政府令第95号"},
		{"重庆市人民政府令第 359 号", DocNumber{Prefix: "重庆市人民政府令", Seq: 359, Kind: DocOrder}, "重庆市人民政府令第359号"},
		{"国家税务总局公告2015年第41号", DocNumber{Prefix: "国家税务总局公告", Year: 2015, Seq: 41, Kind: DocYearly}, "国家税务总局公告2015年第41号"},
		{"交通运输部令2019年第1号", DocNumber{Prefix: "交通运输部令", Year: 2019, Seq: 1, Kind: DocYearly}, "交通运输部令2019年第1号"},
		// Brackets, digits and spacing as found in published data.
		{"晋政办发[2002]58号", DocNumber{Prefix: "晋政办发", Year: 2002, Seq: 58}, "晋政办发〔2002〕58号"},
		{"国办发【2021】12号", DocNumber{Prefix: "国办发", Year: 2021, Seq: 12}, "国办发〔2021〕12号"},
		{"国办发（2021）12号", DocNumber{Prefix: "国办发", Year: 2021, Seq: 12}, "国办发〔2021〕12号"},
		{"晋政发(2003)1号", DocNumber{Prefix: "晋政发", Year: 2003, Seq: 1}, "晋政发〔2003〕1号"},
		{"国办发［2021］12号", DocNumber{Prefix: "国办发", Year: 2021, Seq: 12}, "国办发〔2021〕12号"},
		{"国办发﹝2021﹞12号", DocNumber{Prefix: "国办发", Year: 2021, Seq: 12}, "国办发〔2021〕12号"},
		{"晋政办发(2017〕109号", DocNumber{Prefix: "晋政办发", Year: 2017, Seq: 109}, "晋政办发〔2017〕109号"},
		{"国办发〔２０２１〕１２号", DocNumber{Prefix: "国办发", Year: 2021, Seq: 12}, "国办发〔2021〕12号"},
		{"  国办发〔2021〕12号\u3000", DocNumber{Prefix: "国办发", Year: 2021, Seq: 12}, "国办发〔2021〕12号"},
		{"豫政办 〔 2021 〕68 号", DocNumber{Prefix: "豫政办", Year: 2021, Seq: 68}, "豫政办〔2021〕68号"},
		{"\u200b渝府办发〔2018〕145号\u200b", DocNumber{Prefix: "渝府办发", Year: 2018, Seq: 145}, "渝府办发〔2018〕145号"},
		{"晋政办发〔2012〕18", DocNumber{Prefix: "晋政办发", Year: 2012, Seq: 18}, "晋政办发〔2012〕18号"},
		{"国办发〔2021〕012号", DocNumber{Prefix: "国办发", Year: 2021, Seq: 12}, "国办发〔2021〕12号"},
		{"国办发明电〔2020〕1号", DocNumber{Prefix: "国办发明电", Year: 2020, Seq: 1}, "国办发明电〔2020〕1号"},
		{"国函〔1949〕1号", DocNumber{Prefix: "国函", Year: 1949, Seq: 1}, "国函〔1949〕1号"},
		{"国函〔2100〕999999号", DocNumber{Prefix: "国函", Year: 2100, Seq: 999999}, "国函〔2100〕999999号"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDocNumber(tt.in)
			if err != nil {
				t.Fatalf("ParseDocNumber(%q): %v", tt.in, err)
			}
			if got.Raw != tt.in {
				t.Errorf("Raw = %q, want %q", got.Raw, tt.in)
			}
			got.Raw = ""
			if got != tt.want {
				t.Errorf("ParseDocNumber(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
			if s := got.String(); s != tt.canon {
				t.Errorf("String() = %q, want %q", s, tt.canon)
			}
			if n, ok := NormalizeDocNumber(tt.in); !ok || n != tt.canon {
				t.Errorf("NormalizeDocNumber(%q) = %q, %v", tt.in, n, ok)
			}
		})
	}
}

func TestParseDocNumberErrors(t *testing.T) {
	tests := []struct{ in, msg string }{
		{"", "文号不能为空"},
		{" \u3000 ", "文号不能为空"},
		{"国办发12号", "缺少年份"},
		{"国办发", "缺少年份"},
		{"号", "格式无法识别"},
		{"12号", "格式无法识别"},
		{"国办发〔〕12号", "缺少年份"},
		{"国办发〔2021〕号", "缺少序号"},
		{"国办发〔2021〕", "缺少序号"},
		{"国办发〔2021〕0号", "序号应为"},
		{"国办发〔2021〕000号", "序号应为"},
		{"国办发〔2021〕1000000号", "序号应为"},
		{"国办发〔2021〕99999999999999999999999号", "序号应为"},
		{"国办发〔1948〕1号", "年份应在1949至2100之间"},
		{"国办发〔2101〕1号", "年份应在1949至2100之间"},
		{"国办发〔21〕1号", "年份应在1949至2100之间"},
		{"国办发〔02021〕1号", "年份应在1949至2100之间"},
		{"国办发〔二〇二一〕1号", "应为4位数字"},
		{"〔2021〕12号", "缺少发文机关代字"},
		{"…〔2021〕12号", "缺少发文机关代字"},
		{"令第5号", "缺少发文机关代字"},
		{"国办发2021〕12号", "括号不完整"},
		{"晋政发〔2014〕号16", "格式无法识别"},
		{"渝府发〔2000〕48号〔〕", "格式无法识别"},
		{"国办发〔2021〕12号号", "格式无法识别"},
		{"国2办发〔2021〕12号", "不能含有数字或括号"},
		{"国办〔发〔2021〕12号", "格式无法识别"},
		{"公告12015年第41号", "年份应在1949至2100之间"},
		{"公告x1〔2015〕41号", "不能含有数字或括号"},
		{"公告年第41号", "缺少年份"},
		{"国办发第12号", "缺少年份"},
		{strings.Repeat("国", 41) + "〔2021〕1号", "过长"},
		{"国办发〔2021〕" + strings.Repeat(" ", 300) + "1号", "过长"},
		{"国办\x00发〔2021〕1号", "无效字符"},
		{"国办\xff发〔2021〕1号", "无效字符"},
		{"hello world", "缺少年份"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, err := ParseDocNumber(tt.in)
			var de *DocNumberError
			if !errors.As(err, &de) {
				t.Fatalf("ParseDocNumber(%q) = %+v, %v, want *DocNumberError", tt.in, d, err)
			}
			if de.Input != tt.in || !strings.Contains(de.Error(), tt.msg) || !strings.HasPrefix(de.Error(), "文号") {
				t.Errorf("ParseDocNumber(%q) error = %q (input %q), want it to contain %q", tt.in, de.Error(), de.Input, tt.msg)
			}
			if d != (DocNumber{}) {
				t.Errorf("ParseDocNumber(%q) returned %+v with an error", tt.in, d)
			}
			if n, ok := NormalizeDocNumber(tt.in); ok {
				t.Errorf("NormalizeDocNumber(%q) = %q, true", tt.in, n)
			}
		})
	}
}

func TestNormalizeDocNumberUnparsable(t *testing.T) {
	// Unparsable numbers still compare equal regardless of spacing.
	a, okA := NormalizeDocNumber("晋政发〔2014〕号 16")
	b, okB := NormalizeDocNumber(" 晋政发〔２０１４〕号16")
	if okA || okB || a != b || a != "晋政发〔2014〕号16" {
		t.Errorf("got %q %v, %q %v", a, okA, b, okB)
	}
}

// TestParseDocNumberPublished parses every 文号 of the policy-document data
// set in ../shared (43,000 numbers from the State Council and 11 provinces);
// it is skipped when the data is not there.
func TestParseDocNumberPublished(t *testing.T) {
	path := filepath.Join("..", "..", "..", "shared", "data", "gov-policy-doc-metadata", "policy_docs_metadata.csv")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("no shared data: %v", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for i, h := range header {
		if h == "doc_number" {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("no doc_number column in %v", header)
	}
	total, failed := 0, 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		s := rec[col]
		if strings.TrimSpace(s) == "" {
			continue
		}
		total++
		d, err := ParseDocNumber(s)
		if err != nil {
			failed++
			if failed <= 10 {
				t.Logf("not parsed: %q: %v", s, err)
			}
			continue
		}
		again, err := ParseDocNumber(d.String())
		if err != nil || again.Prefix != d.Prefix || again.Year != d.Year || again.Seq != d.Seq || again.Kind != d.Kind {
			t.Errorf("%q → %q does not re-parse to the same value: %+v, %v", s, d.String(), again, err)
		}
	}
	t.Logf("%d of %d published 文号 parsed", total-failed, total)
	if total == 0 || failed*1000 > total { // at most 0.1 % may be malformed
		t.Errorf("%d of %d published 文号 not parsed", failed, total)
	}
}

func FuzzParseDocNumber(f *testing.F) {
	for _, s := range []string{
		"国办发〔2021〕12号", "国务院令第711号", "财政部公告2015年第3号", "晋政办发[2002]58号",
		"豫政办 〔 2021 〕68 号", "国办发〔２０２１〕１２号", "", "〔〕", "令第", "年第号", "\xff〔2021〕1号",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDocNumber(s)
		if err != nil {
			var de *DocNumberError
			if !errors.As(err, &de) || de.Reason == "" {
				t.Fatalf("ParseDocNumber(%q) error %#v is not a *DocNumberError with a reason", s, err)
			}
			return
		}
		if d.Raw != s || d.Prefix == "" || d.Seq < 1 || (d.Kind == DocOrder) != (d.Year == 0) {
			t.Fatalf("ParseDocNumber(%q) = %+v", s, d)
		}
		canon := d.String()
		again, err := ParseDocNumber(canon)
		if err != nil {
			t.Fatalf("String() %q of %q does not re-parse: %v", canon, s, err)
		}
		again.Raw, d.Raw = "", ""
		if again != d {
			t.Fatalf("%q → %q → %+v, want %+v", s, canon, again, d)
		}
		if n, ok := NormalizeDocNumber(s); !ok || n != canon {
			t.Fatalf("NormalizeDocNumber(%q) = %q, %v, want %q", s, n, ok, canon)
		}
	})
}
