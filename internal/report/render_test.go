package report

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"html"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func fixtureReport(year int) Report {
	return Compute("青山县人民政府办公室", year, buildFixture(year).in)
}

func col(n int) string { s, _ := excelize.ColumnNumberToName(n); return s }

// TestXLSX reads the workbook back and compares every cell with the golden
// JSON, and every merged range with the official layout.
func TestXLSX(t *testing.T) {
	for _, year := range goldenYears {
		r := fixtureReport(year)
		j := readGolden(t, year)
		b, err := XLSX(r)
		if err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if got := f.GetSheetList(); !slices.Equal(got, []string{SheetTable2, SheetTable3, SheetTable4}) {
			t.Fatalf("sheets %v", got)
		}
		get := func(sheet, cell string) string {
			t.Helper()
			v, err := f.GetCellValue(sheet, cell)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		expect := func(sheet, cell, want string) {
			t.Helper()
			if got := get(sheet, cell); got != want {
				t.Errorf("%d %s!%s = %q, want %q", year, sheet, cell, got, want)
			}
		}
		merges := func(sheet string) []string {
			ms, err := f.GetMergeCells(sheet)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, m := range ms {
				out = append(out, m.GetStartAxis()+":"+m.GetEndAxis())
			}
			slices.Sort(out)
			return out
		}
		expectMerges := func(sheet string, want ...string) {
			t.Helper()
			slices.Sort(want)
			if got := merges(sheet); !slices.Equal(got, want) {
				t.Errorf("%d %s merged ranges\n%v\nwant\n%v", year, sheet, got, want)
			}
		}

		// Table 三: header, then one spreadsheet row per JSON row, from row 5.
		s := SheetTable3
		expect(s, "A1", r.Title()+"　三、收到和处理政府信息公开申请情况")
		expect(s, "A2", j.Table3.Note)
		expect(s, "D2", "申请人情况")
		expect(s, "D3", "自然人")
		expect(s, "E3", "法人或其他组织")
		expect(s, "J3", "总计")
		for k, c := range j.Table3.Columns[1:6] {
			expect(s, col(5+k)+"4", c.Label)
		}
		for i, row := range j.Table3.Rows {
			y := strconv.Itoa(5 + i)
			switch {
			case row.Group != "":
				expect(s, "C"+y, row.Label)
			case row.Parent != "":
				expect(s, "B"+y, row.Label)
			default:
				expect(s, "A"+y, row.Label)
			}
			for k, v := range row.Cells {
				expect(s, col(4+k)+y, strconv.Itoa(v))
			}
			if typ, _ := f.GetCellType(s, "D"+y); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
				t.Errorf("%s!D%s is not a number (%v)", s, y, typ)
			}
		}
		expect(s, "A7", "三、本年度办理结果")
		expect(s, "B9", "（三）不予公开")
		expect(s, "B17", "（四）无法提供")
		expect(s, "B20", "（五）不予处理")
		if year >= 2021 {
			expect(s, "B25", "（六）其他处理")
			expectMerges(s, "A1:J1", "A2:C4", "D2:J2", "D3:D4", "E3:I3", "J3:J4",
				"A5:C5", "A6:C6", "A7:A28", "B7:C7", "B8:C8", "B9:B16", "B17:B19", "B20:B24", "B25:B27", "B28:C28", "A29:C29")
		} else {
			expect(s, "B25", "（六）其他处理")
			expectMerges(s, "A1:J1", "A2:C4", "D2:J2", "D3:D4", "E3:I3", "J3:J4",
				"A5:C5", "A6:C6", "A7:A26", "B7:C7", "B8:C8", "B9:B16", "B17:B19", "B20:B24", "B25:C25", "B26:C26", "A27:C27")
		}

		// Table 四.
		s = SheetTable4
		expect(s, "A2", "行政复议")
		expect(s, "F2", "行政诉讼")
		expect(s, "F3", "未经复议直接起诉")
		expect(s, "K3", "复议后起诉")
		for k, c := range j.Table4.Columns {
			if k < 5 {
				expect(s, col(1+k)+"3", c.Label)
			} else {
				expect(s, col(1+k)+"4", c.Label)
			}
			expect(s, col(1+k)+"5", strconv.Itoa(j.Table4.Cells[k]))
		}
		expectMerges(s, "A1:O1", "A2:E2", "F2:O2", "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:J3", "K3:O3")

		// Table 二: each sub-table is item, header, rows; a narrow sub-table's last column spans to D.
		s = SheetTable2
		y := 2
		var want []string
		want = append(want, "A1:D1")
		for _, g := range j.Table2.Groups {
			expect(s, "A"+strconv.Itoa(y), g.Item)
			want = append(want, "A"+strconv.Itoa(y)+":D"+strconv.Itoa(y))
			y++
			expect(s, "A"+strconv.Itoa(y), "信息内容")
			last := len(g.Columns) - 1
			if last < 2 {
				want = append(want, col(2+last)+strconv.Itoa(y)+":D"+strconv.Itoa(y))
			}
			for k, c := range g.Columns {
				expect(s, col(2+k)+strconv.Itoa(y), c.Label)
			}
			y++
			for _, row := range g.Rows {
				expect(s, "A"+strconv.Itoa(y), row.Label)
				if last < 2 {
					want = append(want, col(2+last)+strconv.Itoa(y)+":D"+strconv.Itoa(y))
				}
				for k, v := range row.Cells {
					expect(s, col(2+k)+strconv.Itoa(y), v.String())
				}
				y++
			}
		}
		expectMerges(s, want...)
		if year >= 2021 {
			expect(s, "B15", "12.35") // 行政事业性收费, 万元
			expectMerges(s, "A1:D1", "A2:D2", "A6:D6", "B7:D7", "B8:D8", "A9:D9", "B10:D10", "B11:D11", "B12:D12", "A13:D13", "B14:D14", "B15:D15")
		} else {
			expect(s, "C19", "123.4567") // 采购总金额
			expectMerges(s, "A1:D1", "A2:D2", "A6:D6", "A10:D10", "A14:D14", "C15:D15", "C16:D16", "A17:D17", "C18:D18", "C19:D19")
		}
		f.Close()
	}
}

// docxCell is a table cell read back from document.xml.
type docxCell struct {
	text   string
	span   int
	vmerge string // "", "restart" or "continue"
}

func readDOCX(t *testing.T, b []byte) (tables [][][]docxCell, paras []string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]bool{}
	var doc []byte
	for _, zf := range zr.File {
		parts[zf.Name] = true
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		// Every part is well-formed XML.
		dec := xml.NewDecoder(bytes.NewReader(data))
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s: %v", zf.Name, err)
			}
		}
		if zf.Name == "word/document.xml" {
			doc = data
		}
	}
	for _, p := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/_rels/document.xml.rels"} {
		if !parts[p] {
			t.Errorf("missing part %s", p)
		}
	}
	dec := xml.NewDecoder(bytes.NewReader(doc))
	var (
		rows  [][]docxCell
		cell  *docxCell
		text  strings.Builder
		inTbl int
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			attr := func(name string) string {
				for _, a := range e.Attr {
					if a.Name.Local == name {
						return a.Value
					}
				}
				return ""
			}
			switch e.Name.Local {
			case "tbl":
				inTbl++
				rows = nil
			case "tr":
				rows = append(rows, nil)
			case "tc":
				cell = &docxCell{span: 1}
			case "gridSpan":
				cell.span, _ = strconv.Atoi(attr("val"))
			case "vMerge":
				cell.vmerge = attr("val")
				if cell.vmerge == "" {
					cell.vmerge = "continue"
				}
			case "p":
				text.Reset()
			}
		case xml.CharData:
			text.Write(e)
		case xml.EndElement:
			switch e.Name.Local {
			case "p":
				if cell != nil {
					cell.text += text.String()
				} else if inTbl == 0 {
					paras = append(paras, text.String())
				}
			case "tc":
				rows[len(rows)-1] = append(rows[len(rows)-1], *cell)
				cell = nil
			case "tbl":
				inTbl--
				tables = append(tables, rows)
			}
		}
	}
	return tables, paras
}

func TestDOCX(t *testing.T) {
	for _, year := range goldenYears {
		r := fixtureReport(year)
		j := readGolden(t, year)
		b, err := DOCX(r)
		if err != nil {
			t.Fatal(err)
		}
		b2, _ := DOCX(r)
		if !bytes.Equal(b, b2) {
			t.Error("DOCX output is not stable")
		}
		tables, paras := readDOCX(t, b)
		if len(tables) != 3 {
			t.Fatalf("%d tables", len(tables))
		}
		for _, s := range SectionTitles() {
			if !slices.Contains(paras, s) {
				t.Errorf("no heading %s", s)
			}
		}
		if !slices.Contains(paras, r.Title()) {
			t.Error("no title")
		}
		if strings.Contains(strings.Join(paras, "\n"), "alert") {
			t.Error("script text leaked into the DOCX")
		}
		widths := []int{1 + Width2, 3 + Cols3, Cols4}
		for k, tbl := range tables {
			for y, row := range tbl {
				w := 0
				for _, c := range row {
					w += c.span
				}
				if w != widths[k] {
					t.Errorf("table %d row %d spans %d grid columns, want %d", k, y, w, widths[k])
				}
			}
		}
		// Table 三: header rows, then the data rows with their values.
		t3 := tables[1]
		if len(t3) != 3+len(j.Table3.Rows) {
			t.Fatalf("table 三 has %d rows", len(t3))
		}
		if c := t3[0][0]; c.text != Note3 || c.span != 3 || c.vmerge != "restart" {
			t.Errorf("note cell %+v", c)
		}
		if c := t3[1][0]; c.vmerge != "continue" || c.span != 3 {
			t.Errorf("note continuation %+v", c)
		}
		if c := t3[1][2]; c.text != "法人或其他组织" || c.span != 5 {
			t.Errorf("法人或其他组织 %+v", c)
		}
		for i, row := range j.Table3.Rows {
			cells := t3[3+i]
			var vals []string
			for _, c := range cells[len(cells)-Cols3:] {
				vals = append(vals, c.text)
			}
			var want []string
			for _, v := range row.Cells {
				want = append(want, strconv.Itoa(v))
			}
			if !slices.Equal(vals, want) {
				t.Errorf("table 三 row %s: %v, want %v", row.ID, vals, want)
			}
			label := cells[len(cells)-Cols3-1].text
			if label != row.Label {
				t.Errorf("table 三 row %s label %q", row.ID, label)
			}
		}
		if c := t3[5][0]; c.text != Parent3 || c.vmerge != "restart" {
			t.Errorf("三、本年度办理结果 %+v", c)
		}
		// Table 四 values.
		t4 := tables[2]
		var vals []string
		for _, c := range t4[3] {
			vals = append(vals, c.text)
		}
		var want []string
		for _, v := range j.Table4.Cells {
			want = append(want, strconv.Itoa(v))
		}
		if !slices.Equal(vals, want) {
			t.Errorf("table 四 %v, want %v", vals, want)
		}
	}
}

func TestHTML(t *testing.T) {
	for _, year := range goldenYears {
		r := fixtureReport(year)
		h := string(HTML(r))
		text := html.UnescapeString(h)
		for _, s := range SectionTitles() {
			if !strings.Contains(h, "<h2>"+s+"</h2>") {
				t.Errorf("no heading %s", s)
			}
		}
		for _, row := range r.Format.Rows3() {
			if !strings.Contains(text, ">"+row.Label+"</th>") {
				t.Errorf("%d: no row label %s", year, row.Label)
			}
		}
		for _, g := range r.Format.Groups2() {
			for _, row := range g.Rows {
				if !strings.Contains(text, ">"+row.Label+"</th>") {
					t.Errorf("no table 二 row %s", row.Label)
				}
			}
		}
		for _, s := range []string{`<th rowspan="3" colspan="3">` + Note3, `<th colspan="7">申请人情况`, `<th colspan="5">法人或其他组织`,
			`<th rowspan="2">总计`, `<th rowspan="8">（三）不予公开`, `<th rowspan="5">（五）不予处理`, `<th colspan="10">行政诉讼`} {
			if !strings.Contains(text, s) {
				t.Errorf("%d: no %s", year, s)
			}
		}
		rs := `<th rowspan="22">三、本年度办理结果`
		if year < 2021 {
			rs = `<th rowspan="20">三、本年度办理结果`
		}
		if !strings.Contains(text, rs) {
			t.Errorf("%d: no %s", year, rs)
		}
		if strings.Contains(h, "<script") {
			t.Error("script not removed")
		}
		if !strings.Contains(h, "本年度收取政府信息公开信息处理费3件，金额150.00元。") {
			t.Error("no fee facts")
		}
		rows2 := 0
		for _, g := range r.Format.Groups2() {
			rows2 += 2 + len(g.Rows)
		}
		if strings.Count(h, "<tr>") != rows2+3+len(r.Format.Rows3())+4 {
			t.Errorf("%d: %d table rows", year, strings.Count(h, "<tr>"))
		}
	}
	// Links: every non-empty computed cell links to its records.
	r := fixtureReport(2023)
	h := string(HTMLWithLinks(r, func(ref Ref) string { return "/records?cell=" + ref.String() }))
	n := strings.Count(h, `<a href="/records?cell=`)
	want := len(r.Format.Rows3())*Cols3 + Cols4 + 6 // all of 三 and 四 are non-zero; 二 has 6 computed cells
	if n != want {
		t.Errorf("%d links, want %d", n, want)
	}
	if !strings.Contains(h, `data-cell="三:三(三)4:2"><a href="/records?cell=`) {
		t.Errorf("link of 三(三)4 商业企业 missing")
	}
}

// TestWriteSamples writes the fixture's report in every output to the folder
// named by GONGKAI_REPORT_SAMPLES, for opening in Word, WPS or LibreOffice.
func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("GONGKAI_REPORT_SAMPLES")
	if dir == "" {
		t.Skip("set GONGKAI_REPORT_SAMPLES to a folder to write sample outputs")
	}
	for _, year := range goldenYears {
		r := fixtureReport(year)
		r.Overview = DraftOverview(r)
		x, err := XLSX(r)
		if err != nil {
			t.Fatal(err)
		}
		d, err := DOCX(r)
		if err != nil {
			t.Fatal(err)
		}
		page := "<!doctype html><meta charset=utf-8><style>table{border-collapse:collapse}th,td{border:1px solid #000;padding:2px 4px}</style>" + string(HTML(r))
		base := filepath.Join(dir, "report"+itoa(year))
		for ext, data := range map[string][]byte{".xlsx": x, ".docx": d, ".html": []byte(page)} {
			if err := os.WriteFile(base+ext, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
