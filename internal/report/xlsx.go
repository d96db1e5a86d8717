package report

import (
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Sheet names of the XLSX workbook, one per table.
const (
	SheetTable2 = "表二"
	SheetTable3 = "表三"
	SheetTable4 = "表四"
)

// XLSXTop is the spreadsheet row where each table starts (row 1 holds the title).
const XLSXTop = 2

// XLSX renders tables 二, 三 and 四 as a workbook with one sheet per table,
// laid out like the official Word tables: row 1 is the title, the table
// starts at A2, and the merged cells are those of the format (table 三: the
// 勾稽 note over A2:C4, 申请人情况 over D2:J2, 法人或其他组织 over E3:I3,
// 三、本年度办理结果 over its rows in column A, （三）–（六） over their
// sub-rows in column B). Numbers are numeric cells; 万元 amounts are decimals.
func XLSX(r Report) (_ []byte, err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("report.XLSX: %w", err)
		}
	}()
	f := excelize.NewFile()
	defer f.Close()
	st, err := newXLSXStyles(f)
	if err != nil {
		return nil, err
	}
	sheets := []struct {
		name    string
		section string
		g       grid
	}{
		{SheetTable2, sectionTitles[1], grid2(r)},
		{SheetTable3, sectionTitles[2], grid3(r)},
		{SheetTable4, sectionTitles[3], grid4(r)},
	}
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			return nil, err
		}
		if err := writeSheet(f, st, s.name, r.Title()+"　"+s.section, s.g); err != nil {
			return nil, err
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

type xlsxStyles struct{ title, head, label, num, amount int }

func newXLSXStyles(f *excelize.File) (xlsxStyles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "top", Color: "000000", Style: 1},
		{Type: "right", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	font := &excelize.Font{Family: "宋体", Size: 10}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	left := &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}
	var s xlsxStyles
	var err error
	mk := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	s.title = mk(&excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 14, Bold: true}, Alignment: center})
	s.head = mk(&excelize.Style{Border: border, Font: font, Alignment: center})
	s.label = mk(&excelize.Style{Border: border, Font: font, Alignment: left})
	s.num = mk(&excelize.Style{Border: border, Font: font, Alignment: center, NumFmt: 1})
	custom := "0.######"
	s.amount = mk(&excelize.Style{Border: border, Font: font, Alignment: center, CustomNumFmt: &custom})
	return s, err
}

func cellName(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col, row)
	return n
}

func writeSheet(f *excelize.File, st xlsxStyles, sheet, title string, g grid) error {
	last := cellName(g.cols, 1)
	if err := f.SetCellStr(sheet, "A1", title); err != nil {
		return err
	}
	if err := f.MergeCell(sheet, "A1", last); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", last, st.title); err != nil {
		return err
	}
	if err := f.SetRowHeight(sheet, 1, 30); err != nil {
		return err
	}
	// Borders on every position, merged or not, so merged areas print framed.
	if err := f.SetCellStyle(sheet, cellName(1, XLSXTop), cellName(g.cols, XLSXTop+g.rows-1), st.head); err != nil {
		return err
	}
	lines := make([]int, g.rows) // lines of text needed per row, for its height
	for _, c := range g.cells {
		tl := cellName(c.col+1, XLSXTop+c.row)
		br := cellName(c.col+c.cs, XLSXTop+c.row+c.rs-1)
		style := st.head
		switch {
		case c.num && c.amount:
			v, err := strconv.ParseFloat(FormatWan(c.n), 64)
			if err != nil {
				return err
			}
			if err := f.SetCellFloat(sheet, tl, v, -1, 64); err != nil {
				return err
			}
			style = st.amount
		case c.num:
			if err := f.SetCellInt(sheet, tl, c.n); err != nil {
				return err
			}
			style = st.num
		default:
			if err := f.SetCellStr(sheet, tl, c.text); err != nil {
				return err
			}
			if c.left {
				style = st.label
			}
			width := 0.0
			for x := c.col; x < c.col+c.cs; x++ {
				width += g.widths[x]
			}
			// A CJK character is about two width units.
			need := int(math.Ceil(float64(2*utf8.RuneCountInString(c.text)) / math.Max(width-1, 1)))
			if per := (need + c.rs - 1) / c.rs; per > lines[c.row] {
				lines[c.row] = per
			}
		}
		if c.rs > 1 || c.cs > 1 {
			if err := f.MergeCell(sheet, tl, br); err != nil {
				return err
			}
		}
		if err := f.SetCellStyle(sheet, tl, br, style); err != nil {
			return err
		}
	}
	for x, w := range g.widths {
		col, _ := excelize.ColumnNumberToName(x + 1)
		if err := f.SetColWidth(sheet, col, col, w); err != nil {
			return err
		}
	}
	for y, n := range lines {
		if n > 1 {
			if err := f.SetRowHeight(sheet, XLSXTop+y, float64(14*n+4)); err != nil {
				return err
			}
		}
	}
	landscape, a4 := "landscape", 9
	return f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, Size: &a4})
}
