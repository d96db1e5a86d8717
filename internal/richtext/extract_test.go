package richtext

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
)

func docx(t testing.TB, body string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body + `</w:body></w:document>`))
	zw.Close()
	return buf.Bytes()
}

func TestExtractText(t *testing.T) {
	d := docx(t, `<w:p><w:r><w:t>一般公共预算</w:t></w:r><w:r><w:t>收支表</w:t></w:r></w:p><w:p><w:r><w:t>单位：万元</w:t></w:r></w:p>`)
	tests := []struct {
		ct   string
		data []byte
		want []string
	}{
		{"text/plain; charset=utf-8", []byte("预算说明"), []string{"预算说明"}},
		{"text/csv; charset=utf-8", []byte("科目,金额\n教育,100"), []string{"教育,100"}},
		{"text/html", []byte("<p>政务<b>公开</b></p><script>x</script>"), []string{"政务公开"}},
		{"application/vnd.openxmlformats-officedocument.wordprocessingml.document", d, []string{"一般公共预算收支表", "单位：万元"}},
		{"application/pdf", []byte("%PDF-1.4"), nil},
		{"application/vnd.openxmlformats-officedocument.wordprocessingml.document", []byte("PK\x03\x04broken"), nil},
		{"text/plain", []byte{0xff, 0xfe}, nil},
	}
	for _, tt := range tests {
		got := ExtractText(tt.ct, tt.data)
		if tt.want == nil && got != "" {
			t.Errorf("ExtractText(%s) = %q, want nothing", tt.ct, got)
		}
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("ExtractText(%s) = %q, lacks %q", tt.ct, got, w)
			}
		}
	}
}

func FuzzExtractDocx(f *testing.F) {
	f.Add(docx(f, `<w:p><w:r><w:t>文本</w:t></w:r></w:p>`))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ExtractText("application/vnd.openxmlformats-officedocument.wordprocessingml.document", data)
	})
}
