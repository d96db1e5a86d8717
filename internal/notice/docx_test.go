package notice

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func mustDOCX(t *testing.T, h HTML) []byte {
	t.Helper()
	b, err := DOCX(h)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func docxPart(t *testing.T, docx []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open(name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// wellFormed parses an XML part strictly and fails on any error.
func wellFormed(t *testing.T, name string, b []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", name, err)
		}
	}
}

// docxParagraphs returns the text of each w:p of word/document.xml (tabs
// and breaks as "\n").
func docxParagraphs(t *testing.T, docx []byte) []string {
	t.Helper()
	type wt struct {
		Text string `xml:",chardata"`
	}
	dec := xml.NewDecoder(bytes.NewReader(docxPart(t, docx, "word/document.xml")))
	var out []string
	var cur *strings.Builder
	inT := false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			switch tk.Name.Local {
			case "p":
				cur = &strings.Builder{}
			case "t":
				inT = true
			case "br":
				if cur != nil {
					cur.WriteString("\n")
				}
			}
		case xml.EndElement:
			switch tk.Name.Local {
			case "p":
				out = append(out, cur.String())
				cur = nil
			case "t":
				inT = false
			}
		case xml.CharData:
			if inT && cur != nil {
				cur.Write(tk)
			}
		}
	}
	return out
}

// Each kind's DOCX is a complete package whose XML parses and whose
// paragraphs carry the notice's text.
func TestDOCXEachKind(t *testing.T) {
	for _, k := range Kinds() {
		t.Run(string(k), func(t *testing.T) {
			d := Sample(k)
			docx := mustDOCX(t, mustRender(t, k, d))
			zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, f := range zr.File {
				names = append(names, f.Name)
			}
			want := []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml"}
			if strings.Join(names, ",") != strings.Join(want, ",") {
				t.Errorf("parts %v, want %v", names, want)
			}
			for _, n := range want {
				wellFormed(t, n, docxPart(t, docx, n))
			}
			ct := string(docxPart(t, docx, "[Content_Types].xml"))
			for _, w := range []string{`PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"`,
				`PartName="/word/styles.xml"`, `Extension="rels"`} {
				if !strings.Contains(ct, w) {
					t.Errorf("content types lack %s", w)
				}
			}
			if !strings.Contains(string(docxPart(t, docx, "_rels/.rels")), `Target="word/document.xml"`) ||
				!strings.Contains(string(docxPart(t, docx, "word/_rels/document.xml.rels")), `Target="styles.xml"`) {
				t.Error("relationships wrong")
			}
			styles := string(docxPart(t, docx, "word/styles.xml"))
			for _, w := range []string{`w:eastAsia="宋体"`, `w:styleId="Title"`, `w:styleId="Normal"`, `<w:jc w:val="center"/>`, `<w:sz w:val="44"/>`} {
				if !strings.Contains(styles, w) {
					t.Errorf("styles lack %s", w)
				}
			}
			doc := string(docxPart(t, docx, "word/document.xml"))
			for _, w := range []string{`<w:pgSz w:w="11906" w:h="16838"/>`, `w:top="1417" w:right="1417" w:bottom="1417" w:left="1417"`,
				`<w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t xml:space="preserve">` + k.Title() + `</w:t></w:r>`,
				`<w:jc w:val="right"/></w:pPr><w:r><w:t xml:space="preserve">` + d.Number + `</w:t>`,
				`<w:jc w:val="right"/></w:pPr><w:r><w:t xml:space="preserve">2025年10月20日</w:t>`,
				`<w:ind w:firstLineChars="200"`} {
				if !strings.Contains(doc, w) {
					t.Errorf("document.xml lacks %s", w)
				}
			}
			if strings.HasSuffix(doc, "</w:sectPr></w:body></w:document>") == false {
				t.Error("sectPr is not last")
			}
			paras := docxParagraphs(t, docx)
			if len(paras) < 6 || paras[0] != d.Number || paras[1] != k.Title() {
				t.Fatalf("paragraphs: %q", paras)
			}
			// every block of the HTML is a paragraph of the DOCX, with the same text
			html := plain(mustRender(t, k, d))
			all := strings.Join(paras, "\n")
			for _, line := range strings.Split(html, "\n") {
				line = strings.TrimSpace(line)
				if line == "" || strings.Contains(line, "<") {
					continue
				}
				// (list items carry their number in the DOCX: "1．" + the text)
				if !strings.Contains(all, line) && !tableRow(line, paras) {
					t.Errorf("DOCX lacks %q", line)
				}
			}
			if strings.Contains(doc, "<w:pageBreakBefore/>") != (k == KindThirdParty) {
				t.Error("only the third party's reply slip starts a new page")
			}
			hasTable := strings.Contains(doc, "<w:tbl>")
			if hasTable != (k == KindAcknowledgement || k == KindThirdParty) {
				t.Errorf("table present: %v", hasTable)
			}
		})
	}
}

// a table row "登记编号JN-2025-0123" of the HTML text is two cells in the DOCX.
func tableRow(line string, paras []string) bool {
	for i := 0; i+1 < len(paras); i++ {
		if paras[i]+paras[i+1] == line {
			return true
		}
	}
	for _, p := range paras {
		if p == line {
			return true
		}
	}
	return false
}

func TestDOCXConversion(t *testing.T) {
	h := HTML(`<h1>标题</h1>
<p>第一段 <strong>加粗</strong>，
    换行后接着写。English  words
  stay apart.<br>第二行</p>
<p align="center">居中</p><p style="text-align: right">靠右</p><p class="to">张三：</p>
<ol><li>甲</li><li>乙</li></ol><ul><li>丙</li></ul>
<p>控制字符` + "\x01" + `和&amp;&lt;&gt;&#34;&nbsp;实体</p>
<table><thead><tr><th>项目</th><th>内容</th><th>备注</th></tr></thead><tbody><tr><td>a</td><td><p>b1</p><p>b2</p></td></tr></tbody></table>`)
	docx := mustDOCX(t, h)
	doc := string(docxPart(t, docx, "word/document.xml"))
	wellFormed(t, "document.xml", []byte(doc))
	paras := docxParagraphs(t, docx)
	want := []string{"标题", "第一段加粗，换行后接着写。English words stay apart.\n第二行", "居中", "靠右", "张三：",
		"1．甲", "2．乙", "• 丙", "控制字符\uFFFD和&<>\"\u00a0实体", "项目", "内容", "备注", "a", "b1", "b2", "", ""}
	if strings.Join(paras, "|") != strings.Join(want, "|") {
		t.Errorf("paragraphs\n got %q\nwant %q", paras, want)
	}
	for _, w := range []string{
		`<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">加粗</w:t></w:r>`,
		`<w:r><w:br/></w:r>`,
		`<w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve">居中`,
		`<w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:t xml:space="preserve">靠右`,
		`<w:p><w:r><w:t xml:space="preserve">张三：`,
		`<w:ind w:left="1280" w:hanging="640"/>`,
		`<w:gridCol w:w="3024"/><w:gridCol w:w="3024"/><w:gridCol w:w="3024"/>`,
		`<w:tcW w:w="3024" w:type="dxa"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl><w:p/><w:sectPr>`, // short row padded; paragraph after a final table
		`<w:insideV w:val="single"`,
	} {
		if !strings.Contains(doc, w) {
			t.Errorf("document.xml lacks %s", w)
		}
	}
	// signature spacing, ragged-right contact lines, a page break
	doc2 := string(docxPart(t, mustDOCX(t, `<p class="contact">联系</p><p class="sign">机关</p><p class="date">日期</p><p class="center newpage">回执</p>`), "word/document.xml"))
	for _, w := range []string{
		`<w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="left"/></w:pPr><w:r><w:t xml:space="preserve">联系`,
		`<w:pPr><w:spacing w:before="640"/><w:ind w:right="640"/><w:jc w:val="right"/></w:pPr><w:r><w:t xml:space="preserve">机关`,
		`<w:pPr><w:ind w:right="640"/><w:jc w:val="right"/></w:pPr><w:r><w:t xml:space="preserve">日期`,
		`<w:pPr><w:pageBreakBefore/><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve">回执`,
	} {
		if !strings.Contains(doc2, w) {
			t.Errorf("document.xml lacks %s in\n%s", w, doc2)
		}
	}
	// a complete page converts too: its head (title, style) is skipped
	page := mustDOCX(t, Page("标题页", HTML("<p>正文</p>")))
	if got := docxParagraphs(t, page); len(got) != 1 || got[0] != "正文" {
		t.Errorf("page paragraphs %q", got)
	}
	// deterministic
	if !bytes.Equal(docx, mustDOCX(t, h)) {
		t.Error("DOCX output not deterministic")
	}
	// empty body: still a valid document
	wellFormed(t, "empty", docxPart(t, mustDOCX(t, ""), "word/document.xml"))
}

// If LibreOffice is installed, it must open a notice: convert each kind's
// DOCX to PDF headless.
func TestLibreOfficeOpensDOCX(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if soffice, err = exec.LookPath("libreoffice"); err != nil {
			t.Skip("soffice not installed")
		}
	}
	if testing.Short() {
		t.Skip("-short")
	}
	dir := t.TempDir()
	var files []string
	for _, k := range Kinds() {
		p := filepath.Join(dir, string(k)+".docx")
		if err := os.WriteFile(p, mustDOCX(t, mustRender(t, k, Sample(k))), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	args := append([]string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		"--headless", "--norestore", "--convert-to", "pdf", "--outdir", filepath.Join(dir, "out")}, files...)
	cmd := exec.Command(soffice, args...)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	done := make(chan struct{})
	var out []byte
	go func() { out, err = cmd.CombinedOutput(); close(done) }()
	select {
	case <-done:
	case <-time.After(3 * time.Minute):
		_ = cmd.Process.Kill()
		<-done
		t.Fatal("soffice timed out")
	}
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for _, k := range Kinds() {
		pdf, err := os.ReadFile(filepath.Join(dir, "out", string(k)+".pdf"))
		if err != nil {
			t.Fatalf("%s: no PDF: %v\n%s", k, err, out)
		}
		if !bytes.HasPrefix(pdf, []byte("%PDF-")) || len(pdf) < 1000 {
			t.Errorf("%s: not a PDF (%d bytes)", k, len(pdf))
		}
		if n := bytes.Count(pdf, []byte("/Type /Page\n")) + bytes.Count(pdf, []byte("/Type/Page/")); n > 3 {
			t.Errorf("%s: %d pages", k, n)
		}
	}
}
