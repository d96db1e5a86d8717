package disclosure

import (
	"errors"
	"strings"
	"testing"
)

func TestIndexSchemeFormat(t *testing.T) {
	def, ym := DefaultIndexScheme{}, YearMonthIndexScheme{}
	tests := []struct {
		scheme IndexScheme
		in     IndexInput
		want   string // "" means an error
		msg    string
	}{
		{def, IndexInput{OrgCode: "11441700007280420Y", Year: 2021, Seq: 50}, "11441700007280420Y/2021-00050", ""},
		{def, IndexInput{OrgCode: "000014349", Year: 2019, Seq: 7}, "000014349/2019-00007", ""},
		{def, IndexInput{OrgCode: "000013338", Year: 2023, Month: 99, Seq: 79}, "000013338/2023-00079", ""}, // month ignored
		{def, IndexInput{OrgCode: "X", Year: 2021, Seq: 99999}, "X/2021-99999", ""},
		{def, IndexInput{OrgCode: "X", Year: 2021, Seq: 100000}, "X/2021-100000", ""}, // widens
		{def, IndexInput{OrgCode: "X", Year: 2021, Seq: 999999999}, "X/2021-999999999", ""},
		{def, IndexInput{OrgCode: "a.b_c-d", Year: 1949, Seq: 1}, "a.b_c-d/1949-00001", ""},
		{def, IndexInput{Year: 2021, Seq: 1}, "", "机构代码不能为空"},
		{def, IndexInput{OrgCode: "a/b", Year: 2021, Seq: 1}, "", "只能包含字母、数字"},
		{def, IndexInput{OrgCode: "机关", Year: 2021, Seq: 1}, "", "只能包含字母、数字"},
		{def, IndexInput{OrgCode: strings.Repeat("1", 33), Year: 2021, Seq: 1}, "", "最多32个字符"},
		{def, IndexInput{OrgCode: "X", Year: 1948, Seq: 1}, "", "年份应在1949至2100之间"},
		{def, IndexInput{OrgCode: "X", Year: 2101, Seq: 1}, "", "年份应在1949至2100之间"},
		{def, IndexInput{OrgCode: "X", Year: 2021, Seq: 0}, "", "流水号"},
		{def, IndexInput{OrgCode: "X", Year: 2021, Seq: -1}, "", "流水号"},
		{def, IndexInput{OrgCode: "X", Year: 2021, Seq: 1000000000}, "", "流水号"},
		{ym, IndexInput{OrgCode: "11341702486344515H", Year: 2021, Month: 10, Seq: 13}, "11341702486344515H/202110-00013", ""},
		{ym, IndexInput{OrgCode: "X", Year: 2021, Month: 1, Seq: 123456}, "X/202101-123456", ""},
		{ym, IndexInput{OrgCode: "X", Year: 2021, Month: 0, Seq: 1}, "", "月份应在1至12之间"},
		{ym, IndexInput{OrgCode: "X", Year: 2021, Month: 13, Seq: 1}, "", "月份应在1至12之间"},
		{ym, IndexInput{OrgCode: "X", Year: 0, Month: 1, Seq: 1}, "", "年份"},
	}
	for _, tt := range tests {
		got, err := tt.scheme.Format(tt.in)
		if tt.want != "" {
			if err != nil || got != tt.want {
				t.Errorf("%s.Format(%+v) = %q, %v, want %q", tt.scheme.Name(), tt.in, got, err, tt.want)
			}
			back, err := tt.scheme.Parse(got)
			want := tt.in
			if tt.scheme.Name() == "default" {
				want.Month = 0
			}
			if err != nil || back != want {
				t.Errorf("%s.Parse(%q) = %+v, %v, want %+v", tt.scheme.Name(), got, back, err, want)
			}
			continue
		}
		var ie *IndexNumberError
		if !errors.As(err, &ie) || !strings.Contains(ie.Error(), tt.msg) || !strings.HasPrefix(ie.Error(), "索引号") || got != "" {
			t.Errorf("%s.Format(%+v) = %q, %v, want *IndexNumberError containing %q", tt.scheme.Name(), tt.in, got, err, tt.msg)
		}
	}
}

func TestIndexSchemeParse(t *testing.T) {
	def, ym := DefaultIndexScheme{}, YearMonthIndexScheme{}
	tests := []struct {
		scheme IndexScheme
		in     string
		want   IndexInput
		msg    string // non-empty: an error containing this
	}{
		// Real index numbers (LEGAL.md §5.3 and data/gov-cn-state-council-sample).
		{def, "000014349/2019-00007", IndexInput{OrgCode: "000014349", Year: 2019, Seq: 7}, ""},
		{def, "11441700007280420Y/2021-00050", IndexInput{OrgCode: "11441700007280420Y", Year: 2021, Seq: 50}, ""},
		{ym, "11341702486344515H/202110-00013", IndexInput{OrgCode: "11341702486344515H", Year: 2021, Month: 10, Seq: 13}, ""},
		{def, "X/2021-123456", IndexInput{OrgCode: "X", Year: 2021, Seq: 123456}, ""},
		{def, "", IndexInput{}, "不符合"},
		{def, "11441700007280420Y", IndexInput{}, "不符合"},
		{def, "11441700007280420Y/2021", IndexInput{}, "不符合"},
		{def, "11441700007280420Y/2021-50", IndexInput{}, "不符合"},     // not padded
		{def, "11441700007280420Y/2021-000050", IndexInput{}, "不符合"}, // over-padded
		{def, "11441700007280420Y/21-00050", IndexInput{}, "不符合"},
		{def, "11441700007280420Y/202110-00013", IndexInput{}, "不符合"}, // the other scheme
		{def, " 11441700007280420Y/2021-00050", IndexInput{}, "只能包含字母、数字"},
		{def, "11441700007280420Y/2021-00050 ", IndexInput{}, "不符合"},
		{def, "11441700007280420Y/２０２１-00050", IndexInput{}, "不符合"},
		{def, "/2021-00050", IndexInput{}, "机构代码不能为空"},
		{def, "a/b/2021-00050", IndexInput{}, "只能包含字母、数字"},
		{def, "X/1900-00001", IndexInput{}, "年份应在1949至2100之间"},
		{def, "X/2021-00000", IndexInput{}, "流水号"},
		{def, "X/2021-1000000000", IndexInput{}, "流水号"},
		{def, "X/2021-99999999999999999999999", IndexInput{}, "流水号"},
		{def, "X/2021-+0001", IndexInput{}, "不符合"},
		{ym, "11441700007280420Y/2021-00050", IndexInput{}, "不符合"},
		{ym, "X/202113-00001", IndexInput{}, "月份应在1至12之间"},
		{ym, "X/202100-00001", IndexInput{}, "月份应在1至12之间"},
	}
	for _, tt := range tests {
		got, err := tt.scheme.Parse(tt.in)
		if tt.msg == "" {
			if err != nil || got != tt.want {
				t.Errorf("%s.Parse(%q) = %+v, %v, want %+v", tt.scheme.Name(), tt.in, got, err, tt.want)
			}
			if s, err := tt.scheme.Format(got); err != nil || s != tt.in {
				t.Errorf("%s.Format(%+v) = %q, %v, want %q", tt.scheme.Name(), got, s, err, tt.in)
			}
			continue
		}
		var ie *IndexNumberError
		if !errors.As(err, &ie) || ie.Input != tt.in || !strings.Contains(ie.Error(), tt.msg) || got != (IndexInput{}) {
			t.Errorf("%s.Parse(%q) = %+v, %v, want *IndexNumberError containing %q", tt.scheme.Name(), tt.in, got, err, tt.msg)
		}
	}
}

func TestSchemeByName(t *testing.T) {
	for _, s := range IndexSchemes() {
		got, err := SchemeByName(s.Name())
		if err != nil || got.Name() != s.Name() {
			t.Errorf("SchemeByName(%q) = %v, %v", s.Name(), got, err)
		}
	}
	if s, err := SchemeByName(""); err != nil || s.Name() != "default" {
		t.Errorf("SchemeByName(\"\") = %v, %v, want the default", s, err)
	}
	if IndexSchemes()[0].Name() != "default" {
		t.Error("the default scheme should come first")
	}
	var ie *IndexNumberError
	if s, err := SchemeByName("Default"); !errors.As(err, &ie) || s != nil || !strings.Contains(ie.Error(), "未知的索引号规则") {
		t.Errorf("SchemeByName(\"Default\") = %v, %v", s, err)
	}
}

func FuzzIndexSchemeParse(f *testing.F) {
	for _, s := range []string{
		"000014349/2019-00007", "11441700007280420Y/2021-00050", "11341702486344515H/202110-00013",
		"X/2021-123456", "", "/", "a/b/2021-00001", "X/202113-00001", "X/2021-000001",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, scheme := range IndexSchemes() {
			in, err := scheme.Parse(s)
			if err != nil {
				var ie *IndexNumberError
				if !errors.As(err, &ie) || ie.Reason == "" {
					t.Fatalf("%s.Parse(%q) error %#v is not an *IndexNumberError with a reason", scheme.Name(), s, err)
				}
				continue
			}
			out, err := scheme.Format(in)
			if err != nil || out != s {
				t.Fatalf("%s: Parse(%q) = %+v, Format = %q, %v", scheme.Name(), s, in, out, err)
			}
		}
	})
}
