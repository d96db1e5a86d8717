package report

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gongkai/internal/richtext"
)

// DOCX renders the whole report as a minimal WordprocessingML package
// (document, styles, relationships), written with archive/zip: the title,
// the six sections with their texts, and tables 二–四 with the format's
// merged cells (w:gridSpan across columns, w:vMerge down rows). It opens in
// Word, WPS and LibreOffice.
func DOCX(r Report) ([]byte, error) {
	var body strings.Builder
	para(&body, paraOpts{center: true, bold: true, size: 40, font: fontHei}, r.Title())
	for i, title := range sectionTitles {
		para(&body, paraOpts{bold: true, size: 32, font: fontHei, before: 240}, title)
		switch i {
		case 0:
			richParas(&body, r.Overview)
		case 1:
			docxTable(&body, grid2(r))
		case 2:
			docxTable(&body, grid3(r))
		case 3:
			docxTable(&body, grid4(r))
		case 4:
			richParas(&body, r.Problems)
		case 5:
			for _, s := range otherFacts(r.Other) {
				para(&body, paraOpts{indent: true}, s)
			}
			for _, it := range r.Other.Ledger.Items {
				para(&body, paraOpts{indent: true}, it.Title+"（"+it.Status+"）")
			}
			richParas(&body, r.Other.Text)
		}
	}
	doc := docxHeader + body.String() + docxSectPr + `</w:body></w:document>`

	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	// A fixed time keeps the output byte-stable for a given report.
	mod := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, part := range []struct{ name, data string }{
		{"[Content_Types].xml", docxContentTypes},
		{"_rels/.rels", docxRels},
		{"word/_rels/document.xml.rels", docxDocRels},
		{"word/styles.xml", docxStyles},
		{"word/document.xml", doc},
	} {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: part.name, Method: zip.Deflate, Modified: mod})
		if err != nil {
			return nil, fmt.Errorf("report.DOCX: %w", err)
		}
		if _, err := w.Write([]byte(part.data)); err != nil {
			return nil, fmt.Errorf("report.DOCX: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("report.DOCX: %w", err)
	}
	return buf.Bytes(), nil
}

const (
	fontSong = "宋体"
	fontHei  = "黑体"
)

type paraOpts struct {
	center, bold, indent bool
	tight                bool // single line spacing (table cells)
	size                 int  // half-points; 0 = style default
	font                 string
	before               int // spacing before, twips
}

func xmlText(b *strings.Builder, s string) {
	_ = xml.EscapeText(b, []byte(s)) // a strings.Builder never fails
}

func para(b *strings.Builder, o paraOpts, text string) {
	b.WriteString("<w:p><w:pPr>")
	switch {
	case o.tight:
		b.WriteString(`<w:spacing w:line="240" w:lineRule="auto"/>`)
	case o.before > 0:
		b.WriteString(`<w:spacing w:before="` + strconv.Itoa(o.before) + `"/>`)
	}
	if o.indent {
		b.WriteString(`<w:ind w:firstLineChars="200" w:firstLine="480"/>`)
	}
	if o.center {
		b.WriteString(`<w:jc w:val="center"/>`)
	}
	b.WriteString("</w:pPr>")
	if text != "" {
		run(b, o, text)
	}
	b.WriteString("</w:p>")
}

func run(b *strings.Builder, o paraOpts, text string) {
	b.WriteString("<w:r><w:rPr>")
	if o.font != "" {
		b.WriteString(`<w:rFonts w:ascii="` + o.font + `" w:hAnsi="` + o.font + `" w:eastAsia="` + o.font + `"/>`)
	}
	if o.bold {
		b.WriteString("<w:b/>")
	}
	if o.size > 0 {
		s := strconv.Itoa(o.size)
		b.WriteString(`<w:sz w:val="` + s + `"/><w:szCs w:val="` + s + `"/>`)
	}
	b.WriteString(`</w:rPr><w:t xml:space="preserve">`)
	xmlText(b, text)
	b.WriteString("</w:t></w:r>")
}

// richParas writes staff HTML as plain paragraphs, one per block.
func richParas(b *strings.Builder, html string) {
	for _, line := range strings.Split(richtext.Text(richtext.Sanitize(html)), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			para(b, paraOpts{indent: true}, line)
		}
	}
}

// docxTextWidth is the text width of an A4 page with the margins of docxSectPr, in twips.
const docxTextWidth = 11906 - 2*1247

func docxTable(b *strings.Builder, g grid) {
	total := 0.0
	for _, w := range g.widths {
		total += w
	}
	tw := make([]int, g.cols)
	for x, w := range g.widths {
		tw[x] = int(w / total * docxTextWidth)
	}
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="` + strconv.Itoa(docxTextWidth) + `" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		b.WriteString(`<w:` + side + ` w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
	}
	b.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>`)
	for _, w := range tw {
		b.WriteString(`<w:gridCol w:w="` + strconv.Itoa(w) + `"/>`)
	}
	b.WriteString("</w:tblGrid>")
	cover := g.cover()
	cellOpts := paraOpts{size: 18, font: fontSong, tight: true}
	for y := range g.rows {
		b.WriteString("<w:tr>")
		for x := 0; x < g.cols; {
			k := cover[y][x]
			if k < 0 { // not in the layout: an empty cell keeps the grid whole
				b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(tw[x]) + `" w:type="dxa"/></w:tcPr><w:p/></w:tc>`)
				x++
				continue
			}
			c := g.cells[k]
			w := 0
			for i := c.col; i < c.col+c.cs; i++ {
				w += tw[i]
			}
			b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(w) + `" w:type="dxa"/>`)
			if c.cs > 1 {
				b.WriteString(`<w:gridSpan w:val="` + strconv.Itoa(c.cs) + `"/>`)
			}
			switch {
			case c.rs > 1 && c.row == y:
				b.WriteString(`<w:vMerge w:val="restart"/>`)
			case c.rs > 1:
				b.WriteString(`<w:vMerge/>`)
			}
			b.WriteString(`<w:vAlign w:val="center"/></w:tcPr>`)
			switch {
			case c.row != y:
				b.WriteString("<w:p/>") // continuation of a vertical merge
			case c.num:
				o := cellOpts
				o.center = true
				para(b, o, c.value())
			default:
				o := cellOpts
				o.center = !c.left
				para(b, o, c.text)
			}
			b.WriteString("</w:tc>")
			x += c.cs
		}
		b.WriteString("</w:tr>")
	}
	b.WriteString("</w:tbl>")
}

const docxHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>`

const docxSectPr = `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1247" w:bottom="1440" w:left="1247" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>`

const docxContentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>`

const docxRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`

const docxDocRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`

const docxStyles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="仿宋" w:hAnsi="仿宋" w:eastAsia="仿宋" w:cs="仿宋"/><w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="360" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>`
