package report

import "strconv"

// The official layout of the three tables, as a grid of cells with row and
// column spans. HTML, XLSX and DOCX all render from this one description.

type gcell struct {
	row, col int // origin, 0-based
	rs, cs   int // spans, ≥ 1
	text     string
	head     bool // a heading or label cell (th)
	left     bool // a long label, aligned left (table 三's numbered sub-rows)
	num      bool // a numeric cell: n is the value
	n        int64
	amount   bool // n is fen, shown in 万元
	ref      Ref  // the cell, for numeric cells
}

func (c gcell) value() string {
	if c.amount {
		return FormatWan(c.n)
	}
	return strconv.FormatInt(c.n, 10)
}

type grid struct {
	name   string    // the table's heading, e.g. "收到和处理政府信息公开申请情况"
	rows   int       // number of grid rows
	cols   int       // number of grid columns
	widths []float64 // relative column widths (XLSX character widths)
	cells  []gcell   // in row-major order of their origins
}

func (g *grid) add(c gcell) {
	if c.rs == 0 {
		c.rs = 1
	}
	if c.cs == 0 {
		c.cs = 1
	}
	if c.row+c.rs > g.rows {
		g.rows = c.row + c.rs
	}
	g.cells = append(g.cells, c)
}

func head(row, col, rs, cs int, text string) gcell {
	return gcell{row: row, col: col, rs: rs, cs: cs, text: text, head: true}
}

// grid2 lays out table 二: a label column and Width2 value columns; each
// sub-table has its item heading over the full width, a header row and its
// rows; a sub-table with fewer columns widens its last column.
func grid2(r Report) grid {
	g := grid{name: "主动公开政府信息情况", cols: 1 + Width2, widths: []float64{24, 18, 18, 18}}
	y := 0
	for _, grp := range r.Format.Groups2() {
		g.add(head(y, 0, 1, 1+Width2, grp.Item))
		y++
		g.add(head(y, 0, 1, 1, LabelHeader2))
		span := func(j int) (int, int) { // column and span of value column j
			if j == len(grp.Columns)-1 {
				return 1 + j, Width2 - j
			}
			return 1 + j, 1
		}
		for j, col := range grp.Columns {
			x, cs := span(j)
			g.add(head(y, x, 1, cs, col.Label))
		}
		y++
		for _, row := range grp.Rows {
			g.add(head(y, 0, 1, 1, row.Label))
			for j, col := range grp.Columns {
				x, cs := span(j)
				c := gcell{row: y, col: x, rs: 1, cs: cs, num: true, n: r.Table2.Get(row.ID, j+1), amount: col.Unit != ""}
				if row.Computed {
					c.ref = Ref{"二", row.ID, j + 1}
				}
				g.add(c)
			}
			y++
		}
	}
	return g
}

// grid3 lays out table 三: three label columns and seven value columns
// under a three-row header.
func grid3(r Report) grid {
	g := grid{name: "收到和处理政府信息公开申请情况", cols: 3 + Cols3, widths: []float64{10, 14, 44, 9, 9, 9, 11, 11, 9, 9}}
	g.add(head(0, 0, 3, 3, Note3))
	g.add(head(0, 3, 1, Cols3, Header3))
	g.add(head(1, 3, 2, 1, columns3[0].Label))
	g.add(head(1, 4, 1, 5, Header3Org))
	g.add(head(1, 9, 2, 1, columns3[TotalCol].Label))
	for j := 1; j <= 5; j++ {
		g.add(head(2, 3+j, 1, 1, columns3[j].Label))
	}
	rows := r.Format.Rows3()
	inResults := 0
	for _, row := range rows {
		if row.InResults {
			inResults++
		}
	}
	const top = 3
	for i, row := range rows {
		y := top + i
		switch {
		case !row.InResults:
			g.add(head(y, 0, 1, 3, row.Label))
		default:
			if i == 0 || !rows[i-1].InResults {
				g.add(head(y, 0, inResults, 1, Parent3))
			}
			if row.Sub == "" {
				g.add(head(y, 1, 1, 2, row.Label))
				break
			}
			if rows[i-1].Sub != row.Sub {
				n := 0
				for _, x := range rows[i:] {
					if x.Sub != row.Sub {
						break
					}
					n++
				}
				g.add(head(y, 1, n, 1, row.Sub))
			}
			c := head(y, 2, 1, 1, row.Label)
			c.left = true
			g.add(c)
		}
		for j := range Cols3 {
			g.add(gcell{row: y, col: 3 + j, rs: 1, cs: 1, num: true, n: int64(r.Table3.Cells[i][j]), ref: Ref{"三", row.ID, j + 1}})
		}
	}
	return g
}

// grid4 lays out table 四: 行政复议 (5 columns) and 行政诉讼 (10 columns,
// in two groups) over a three-row header and one row of values.
func grid4(r Report) grid {
	g := grid{name: "政府信息公开行政复议、行政诉讼情况", cols: Cols4, widths: []float64{8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8}}
	g.add(head(0, 0, 1, 5, columns4[0].Group))
	g.add(head(0, 5, 1, 10, columns4[5].Group))
	for o := range 5 {
		g.add(head(1, o, 2, 1, columns4[o].Label))
	}
	g.add(head(1, 5, 1, 5, columns4[5].Subgroup))
	g.add(head(1, 10, 1, 5, columns4[10].Subgroup))
	for j := 5; j < Cols4; j++ {
		g.add(head(2, j, 1, 1, columns4[j].Label))
	}
	for j := range Cols4 {
		g.add(gcell{row: 3, col: j, rs: 1, cs: 1, num: true, n: int64(r.Table4.Cells[j]), ref: Ref{"四", "四", j + 1}})
	}
	return g
}

// rowsOf groups the grid's cells by origin row.
func (g grid) rowsOf() [][]gcell {
	out := make([][]gcell, g.rows)
	for _, c := range g.cells {
		out[c.row] = append(out[c.row], c)
	}
	return out
}

// cover maps every grid position to the index of the cell covering it (-1 if none).
func (g grid) cover() [][]int {
	m := make([][]int, g.rows)
	for y := range m {
		m[y] = make([]int, g.cols)
		for x := range m[y] {
			m[y][x] = -1
		}
	}
	for k, c := range g.cells {
		for y := c.row; y < c.row+c.rs; y++ {
			for x := c.col; x < c.col+c.cs; x++ {
				m[y][x] = k
			}
		}
	}
	return m
}
