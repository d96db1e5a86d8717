package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	"gongkai/internal/richtext"
)

// The JSON document. Field names are part of the API: change them only
// with a new Schema.

type jsonReport struct {
	Schema     string      `json:"schema"`
	Format     Format      `json:"format"`
	FormatName string      `json:"format_name"`
	Org        string      `json:"org"`
	Year       int         `json:"year"`
	Title      string      `json:"title"`
	Sections   []string    `json:"sections"`
	Overview   string      `json:"overview"` // 一 (HTML, sanitised)
	Table2     jsonTable2  `json:"table2"`   // 二
	Table3     jsonTable3  `json:"table3"`   // 三
	Table4     jsonTable4  `json:"table4"`   // 四
	Problems   string      `json:"problems"` // 五 (HTML, sanitised)
	Other      jsonOther   `json:"other"`    // 六
	Anomalies  []Anomaly   `json:"anomalies"`
	Totals     jsonSummary `json:"summary"`
}

type jsonTable2 struct {
	Title       string       `json:"title"`
	LabelHeader string       `json:"label_header"`
	Groups      []jsonGroup2 `json:"groups"`
}

type jsonGroup2 struct {
	Item    string     `json:"item"`
	Columns []Column2  `json:"columns"`
	Rows    []jsonRow2 `json:"rows"`
}

type jsonRow2 struct {
	ID     string        `json:"id"`
	Label  string        `json:"label"`
	Source string        `json:"source"` // "documents" or "entered"
	Cells  []json.Number `json:"cells"`  // amounts in 万元, exact decimals
}

type jsonTable3 struct {
	Title   string     `json:"title"`
	Note    string     `json:"note"`
	Header  string     `json:"header"`
	Parent  string     `json:"results_label"`
	Columns []Column3  `json:"columns"`
	Rows    []jsonRow3 `json:"rows"`
}

type jsonRow3 struct {
	ID     string `json:"id"`
	Parent string `json:"parent,omitempty"` // "三、本年度办理结果" for the rows inside it
	Group  string `json:"group,omitempty"`  // e.g. "（三）不予公开" for a numbered sub-row
	Label  string `json:"label"`
	Cells  []int  `json:"cells"` // 7: 自然人 … 其他, 总计
}

type jsonTable4 struct {
	Title   string    `json:"title"`
	Columns []Column4 `json:"columns"`
	Cells   []int     `json:"cells"` // 15
}

type jsonOther struct {
	Facts  []string    `json:"facts"`
	Fees   FeeFacts    `json:"fees"`
	Ledger LedgerFacts `json:"ledger"`
	Text   string      `json:"text"`
}

type jsonSummary struct {
	Received int `json:"received"` // 一 总计
	Carried  int `json:"carried"`  // 二 总计
	Decided  int `json:"decided"`  // 三(七) 总计
	Pending  int `json:"pending"`  // 四 总计
	Appeals  int `json:"appeals"`  // table 四: the three 总计 cells
}

// JSON renders the report as an indented JSON document with stable field
// names (see the jsonReport type): table 三 as rows with id, label and the
// seven cells. The records behind the cells are not included (Records).
func JSON(r Report) ([]byte, error) {
	j := jsonReport{
		Schema: r.Format.Schema(), Format: r.Format, FormatName: r.Format.Label(),
		Org: r.Org, Year: r.Year, Title: r.Title(), Sections: SectionTitles(),
		Overview: richtext.Sanitize(r.Overview), Problems: richtext.Sanitize(r.Problems), Anomalies: r.Anomalies,
	}
	if j.Anomalies == nil {
		j.Anomalies = []Anomaly{}
	}
	j.Table2 = jsonTable2{Title: "主动公开政府信息情况", LabelHeader: LabelHeader2}
	for _, g := range r.Format.Groups2() {
		jg := jsonGroup2{Item: g.Item, Columns: g.Columns}
		for _, row := range g.Rows {
			jr := jsonRow2{ID: row.ID, Label: row.Label, Source: "entered"}
			if row.Computed {
				jr.Source = "documents"
			}
			for k, col := range g.Columns {
				v := r.Table2.Get(row.ID, k+1)
				s := strconv.FormatInt(v, 10)
				if col.Unit != "" {
					s = FormatWan(v)
				}
				jr.Cells = append(jr.Cells, json.Number(s))
			}
			jg.Rows = append(jg.Rows, jr)
		}
		j.Table2.Groups = append(j.Table2.Groups, jg)
	}
	j.Table3 = jsonTable3{Title: "收到和处理政府信息公开申请情况", Note: Note3, Header: Header3, Parent: Parent3, Columns: Columns3()}
	for i, row := range r.Format.Rows3() {
		jr := jsonRow3{ID: row.ID, Group: row.Sub, Label: row.Label, Cells: append([]int(nil), r.Table3.Cells[i][:]...)}
		if row.InResults {
			jr.Parent = Parent3
		}
		j.Table3.Rows = append(j.Table3.Rows, jr)
	}
	j.Table4 = jsonTable4{Title: "政府信息公开行政复议、行政诉讼情况", Columns: Columns4(), Cells: append([]int(nil), r.Table4.Cells[:]...)}
	j.Other = jsonOther{Facts: otherFacts(r.Other), Fees: r.Other.Fees, Ledger: r.Other.Ledger, Text: richtext.Sanitize(r.Other.Text)}
	j.Totals = jsonSummary{
		Received: r.Cell("一", Cols3), Carried: r.Cell("二", Cols3), Decided: r.Cell("三(七)", Cols3), Pending: r.Cell("四", Cols3),
		Appeals: r.Table4.Cells[4] + r.Table4.Cells[9] + r.Table4.Cells[14],
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(j); err != nil {
		return nil, fmt.Errorf("report.JSON: %w", err)
	}
	return b.Bytes(), nil
}
