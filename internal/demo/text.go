package demo

import (
	"fmt"
	"strings"

	"gongkai/internal/workday"
)

// p is a paragraph; the text is written by us and contains no markup.
func p(text string) string { return "<p>" + esc(text) + "</p>" }

// h is a section heading such as "一、总体要求".
func h(text string) string { return "<h3>" + esc(text) + "</h3>" }

// body joins paragraphs; each argument is one paragraph, or markup when it starts with '<'.
func body(parts ...string) string {
	var b strings.Builder
	for i, s := range parts {
		if i > 0 {
			b.WriteByte('\n')
		}
		if strings.HasPrefix(s, "<") {
			b.WriteString(s)
		} else {
			b.WriteString(p(s))
		}
	}
	return b.String()
}

// sec is a heading followed by its paragraphs.
func sec(title string, paras ...string) string {
	return h(title) + "\n" + body(paras...)
}

// signature is the block that ends an official document: the issuing bodies and the date.
func signature(issuers []string, d workday.Date) string {
	var b strings.Builder
	for _, s := range issuers {
		fmt.Fprintf(&b, `<p align="right">%s</p>`+"\n", esc(s))
	}
	fmt.Fprintf(&b, `<p align="right">%s</p>`, esc(d.ChineseFull()))
	return b.String()
}

// table renders a small table with a caption; the first row is the header.
func table(caption string, rows [][]string) string {
	var b strings.Builder
	b.WriteString("<table>")
	if caption != "" {
		fmt.Fprintf(&b, "<caption>%s</caption>", esc(caption))
	}
	for i, r := range rows {
		b.WriteString("<tr>")
		for _, c := range r {
			if i == 0 {
				fmt.Fprintf(&b, "<th>%s</th>", esc(c))
			} else {
				fmt.Fprintf(&b, "<td>%s</td>", esc(c))
			}
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</table>")
	return b.String()
}

// addressees is the 主送 line of a government's documents, by the issuer's level.
func addressees(orgKey string) string {
	switch orgKey {
	case "gwyb":
		return "各省、自治区、直辖市人民政府，国务院各部委、各直属机构："
	case "jn":
		return "各市、县（市、区）人民政府，省政府各部门、各直属机构："
	case "lj", "qs":
		return "各县（市、区）人民政府，市政府各部门、各直属机构："
	case "ljdh", "qsst":
		return "各乡镇人民政府、街道办事处，县政府各部门："
	case "ljdh-qsz":
		return "各村（居）民委员会，镇属各单位："
	case "qsst-cgjd":
		return "各社区居民委员会，街道各科室、各有关单位："
	}
	return "各有关单位："
}

// seal is the 文号 list's short form of a year, as in 〔2024〕.
func docNo(prefix string, year, seq int) string {
	return fmt.Sprintf("%s〔%d〕%d号", prefix, year, seq)
}
