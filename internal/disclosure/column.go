package disclosure

import "strings"

// ColumnKind says what a column of the disclosure section shows.
type ColumnKind string

const (
	ColumnGuide   ColumnKind = "guide"    // 政府信息公开指南: the organisation's guide page
	ColumnRules   ColumnKind = "rules"    // 政府信息公开制度: the organisation's rules page
	ColumnSection ColumnKind = "section"  // a heading with sub-columns
	ColumnOrgInfo ColumnKind = "org_info" // 机构信息 (Art. 20(2)), made from the organisation's data
	ColumnList    ColumnKind = "list"     // a list of documents of some genres
	ColumnApply   ColumnKind = "apply"    // 依申请公开: how to apply
)

// Column is a column (栏目) of an organisation's 政府信息公开 section.
type Column struct {
	ID       int64      `json:"id"`
	OrgID    int64      `json:"org_id"`
	ParentID int64      `json:"parent_id,omitempty"`
	Slug     string     `json:"slug"`
	Name     string     `json:"name"`
	Kind     ColumnKind `json:"kind"`
	Genres   []Genre    `json:"genres,omitempty"`
	Position int        `json:"position"`
	Children []Column   `json:"children,omitempty"`
}

// Holds reports whether documents of genre g are listed in this column.
func (c Column) Holds(g Genre) bool {
	for _, x := range c.Genres {
		if x == g {
			return true
		}
	}
	return false
}

// ColumnTemplate is one column of the standard structure.
type ColumnTemplate struct {
	Slug, Name, Parent string
	Kind               ColumnKind
	Genres             []Genre
}

// StandardColumns is the same structure on every site (国办公开办函〔2019〕61号: 指南, 制度,
// 法定主动公开内容, 年报, with the 依申请公开 entry). The sub-columns of 法定主动公开内容 follow the
// categories of 条例 Art. 20; organisations may add their own.
var StandardColumns = []ColumnTemplate{
	{Slug: "guide", Name: "政府信息公开指南", Kind: ColumnGuide},
	{Slug: "rules", Name: "政府信息公开制度", Kind: ColumnRules},
	{Slug: "statutory", Name: "法定主动公开内容", Kind: ColumnSection},
	{Slug: "org-info", Name: "机构职能", Parent: "statutory", Kind: ColumnOrgInfo},
	{Slug: "policies", Name: "法规文件", Parent: "statutory", Kind: ColumnList, Genres: []Genre{GenreLaw, GenreRegulation, GenreLocalRegulation, GenreRule, GenreNormative, GenrePolicy, GenreJudicial}},
	{Slug: "interpretations", Name: "政策解读", Parent: "statutory", Kind: ColumnList, Genres: []Genre{GenreInterpretation}},
	{Slug: "plans", Name: "规划信息", Parent: "statutory", Kind: ColumnList, Genres: []Genre{GenrePlan}},
	{Slug: "statistics", Name: "统计信息", Parent: "statutory", Kind: ColumnList, Genres: []Genre{GenreStatistics}},
	{Slug: "enforcement", Name: "行政执法", Parent: "statutory", Kind: ColumnList, Genres: []Genre{GenreEnforcement}},
	{Slug: "budget", Name: "财政预决算", Parent: "statutory", Kind: ColumnList, Genres: []Genre{GenreBudget}},
	{Slug: "market", Name: "市场准入负面清单", Parent: "statutory", Kind: ColumnList, Genres: []Genre{GenreNegativeList}},
	{Slug: "emergency", Name: "应急管理", Parent: "statutory", Kind: ColumnList, Genres: []Genre{GenreEmergency}},
	{Slug: "personnel", Name: "人事信息", Parent: "statutory", Kind: ColumnList, Genres: []Genre{GenrePersonnel}},
	{Slug: "notices", Name: "通知公告", Parent: "statutory", Kind: ColumnList, Genres: []Genre{GenreNotice, GenreOther}},
	{Slug: "annual-reports", Name: "政府信息公开年报", Kind: ColumnList, Genres: []Genre{GenreAnnualReport}},
	{Slug: "apply", Name: "依申请公开", Kind: ColumnApply},
}

// EncodeGenres and DecodeGenres keep a column's genres in one text field.
func EncodeGenres(gs []Genre) string {
	s := make([]string, len(gs))
	for i, g := range gs {
		s[i] = string(g)
	}
	return strings.Join(s, ",")
}

// DecodeGenres is the inverse of EncodeGenres.
func DecodeGenres(s string) []Genre {
	if s == "" {
		return nil
	}
	var out []Genre
	for _, p := range strings.Split(s, ",") {
		out = append(out, Genre(p))
	}
	return out
}

// ColumnForGenre picks the list column that holds genre g in a flat list of columns.
func ColumnForGenre(cols []Column, g Genre) (Column, bool) {
	for _, c := range cols {
		if c.Kind == ColumnList && c.Holds(g) {
			return c, true
		}
	}
	return Column{}, false
}

// Tree arranges a flat, position-ordered list into parents with children.
func Tree(cols []Column) []Column {
	var roots []Column
	children := map[int64][]Column{}
	for _, c := range cols {
		if c.ParentID != 0 {
			children[c.ParentID] = append(children[c.ParentID], c)
		}
	}
	for _, c := range cols {
		if c.ParentID == 0 {
			c.Children = children[c.ID]
			roots = append(roots, c)
		}
	}
	return roots
}
