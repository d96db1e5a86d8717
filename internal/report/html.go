package report

import (
	"bytes"
	"html/template"
	"strings"

	"gongkai/internal/request"
	"gongkai/internal/richtext"
)

// HTML renders the report as an HTML fragment in the official layout: the
// title, the six section headings, tables 二–四 with the format's merged
// cells (rowspan/colspan). Staff texts are sanitised.
func HTML(r Report) template.HTML { return HTMLWithLinks(r, nil) }

// HTMLWithLinks is HTML where every computed cell with records behind it
// links to link(ref) (the web's list of those records); a nil link, or an
// empty URL, leaves the cell plain.
func HTMLWithLinks(r Report, link func(Ref) string) template.HTML {
	d := htmlData{Title: r.Title(), Format: r.Format.Label(), Year: r.Year}
	for i, t := range sectionTitles {
		d.Sections[i].Title = t
	}
	d.Sections[0].Text = template.HTML(richtext.Sanitize(r.Overview))
	d.Sections[1].Tables = []htmlTable{htmlGrid(r, grid2(r), "report-table2", link)}
	d.Sections[2].Tables = []htmlTable{htmlGrid(r, grid3(r), "report-table3", link)}
	d.Sections[3].Tables = []htmlTable{htmlGrid(r, grid4(r), "report-table4", link)}
	d.Sections[4].Text = template.HTML(richtext.Sanitize(r.Problems))
	d.Sections[5].Facts = otherFacts(r.Other)
	d.Sections[5].Items = r.Other.Ledger.Items
	d.Sections[5].Text = template.HTML(richtext.Sanitize(r.Other.Text))
	var b bytes.Buffer
	if err := htmlTmpl.Execute(&b, d); err != nil {
		// The template is fixed and the data are plain values: a failure is a bug.
		panic("report: HTML template: " + err.Error())
	}
	return template.HTML(b.String())
}

type htmlData struct {
	Title, Format string
	Year          int
	Sections      [6]struct {
		Title  string
		Text   template.HTML
		Facts  []string
		Items  []LedgerItem
		Tables []htmlTable
	}
}

type htmlTable struct {
	Class string
	Name  string
	Rows  [][]htmlCell
}

type htmlCell struct {
	Head    bool
	RowSpan int
	ColSpan int
	Text    string
	Href    string
	Ref     string
}

func htmlGrid(r Report, g grid, class string, link func(Ref) string) htmlTable {
	t := htmlTable{Class: class, Name: g.name}
	for _, row := range g.rowsOf() {
		var hr []htmlCell
		for _, c := range row {
			h := htmlCell{Head: c.head, RowSpan: c.rs, ColSpan: c.cs, Text: c.text}
			if c.num {
				h.Text = c.value()
				if !c.ref.IsZero() {
					h.Ref = c.ref.String()
					if link != nil && len(r.Records(c.ref)) > 0 {
						h.Href = link(c.ref)
					}
				}
			}
			hr = append(hr, h)
		}
		t.Rows = append(t.Rows, hr)
	}
	return t
}

// otherFacts are the sentences of section 六 drawn from the year's records.
func otherFacts(o Other) []string {
	var out []string
	if o.Fees.Count == 0 && o.Fees.AmountFen == 0 {
		out = append(out, "本年度未收取政府信息公开信息处理费。")
	} else {
		out = append(out, "本年度收取政府信息公开信息处理费"+itoa(o.Fees.Count)+"件，金额"+request.FormatFen(o.Fees.AmountFen)+"。")
	}
	if l := o.Ledger; l.Tasks > 0 {
		s := "本年度政务公开工作台账共列任务" + itoa(l.Tasks) + "项，已完成" + itoa(l.Done) + "项"
		if l.Overdue > 0 {
			s += "，逾期未完成" + itoa(l.Overdue) + "项"
		}
		out = append(out, s+"。")
	}
	return out
}

var htmlTmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"span": func(n int) bool { return n > 1 },
}).Parse(strings.TrimSpace(`
<article class="annual-report" data-format="{{.Format}}">
<h1>{{.Title}}</h1>
{{range $i, $s := .Sections}}<section class="report-section">
<h2>{{$s.Title}}</h2>
{{range $s.Facts}}<p>{{.}}</p>
{{end}}{{with $s.Items}}<ul class="report-ledger">
{{range .}}<li>{{.Title}}（{{.Status}}）</li>
{{end}}</ul>
{{end}}{{range $s.Tables}}<table class="report-table {{.Class}}">
<caption>{{.Name}}</caption>
{{range .Rows}}<tr>{{range .}}{{if .Head}}<th{{if span .RowSpan}} rowspan="{{.RowSpan}}"{{end}}{{if span .ColSpan}} colspan="{{.ColSpan}}"{{end}}>{{.Text}}</th>{{else}}<td{{if span .RowSpan}} rowspan="{{.RowSpan}}"{{end}}{{if span .ColSpan}} colspan="{{.ColSpan}}"{{end}}{{if .Ref}} data-cell="{{.Ref}}"{{end}}>{{if .Href}}<a href="{{.Href}}">{{.Text}}</a>{{else}}{{.Text}}{{end}}</td>{{end}}{{end}}</tr>
{{end}}</table>
{{end}}{{$s.Text}}
</section>
{{end}}</article>`)))
