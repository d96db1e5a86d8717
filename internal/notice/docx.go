package notice

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"

	"gongkai/internal/apperr"
)

// Page geometry of the DOCX, in twips (1/1440 inch): A4, 2.5 cm margins.
const (
	a4Width    = 11906 // 210 mm
	a4Height   = 16838 // 297 mm
	margin     = 1417  // 2.5 cm
	textWidth  = a4Width - 2*margin
	bodyHalfPt = 32 // 16 pt (三号), in half-points
	cellHalfPt = 28 // 14 pt (四号) in tables
	charTwips  = bodyHalfPt * 10
)

// DOCX converts a notice body (Render's HTML subset; a complete Page works
// too, its head is skipped) into a minimal WordprocessingML package:
// [Content_Types].xml, _rels/.rels, word/document.xml,
// word/_rels/document.xml.rels and word/styles.xml (宋体, a centred bold
// Title style), A4 with 2.5 cm margins. h1 → Title; p with class or align
// "center"/"right" (and "no", "sign", "date") → aligned paragraphs without
// indent, other p → first-line indent of two characters; strong/b, em/i, u
// → run formatting; br → line break; ol/ul/li → numbered or bulleted
// paragraphs; table/tr/th/td → a bordered table. Unknown elements keep
// their text. The output is deterministic (fixed zip timestamps).
func DOCX(body HTML) ([]byte, error) {
	c := &converter{}
	if err := c.parse(string(body)); err != nil {
		return nil, apperr.Wrap(apperr.Invalid, "告知书HTML无法转换为DOCX", err)
	}
	var doc bytes.Buffer
	doc.WriteString(xml.Header)
	doc.WriteString(`<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:body>`)
	for _, b := range c.blocks {
		if b.t != nil {
			writeTable(&doc, b.t)
		} else {
			writePara(&doc, b.p, false)
		}
	}
	if n := len(c.blocks); n == 0 || c.blocks[n-1].t != nil {
		doc.WriteString("<w:p/>")
	}
	fmt.Fprintf(&doc, `<w:sectPr><w:pgSz w:w="%d" w:h="%d"/><w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>`,
		a4Width, a4Height, margin, margin, margin, margin)
	doc.WriteString(`</w:body></w:document>`)

	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	stamp := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, f := range []struct{ name, data string }{
		{"[Content_Types].xml", contentTypesXML},
		{"_rels/.rels", relsXML},
		{"word/document.xml", doc.String()},
		{"word/_rels/document.xml.rels", documentRelsXML},
		{"word/styles.xml", stylesXML},
	} {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: stamp})
		if err != nil {
			return nil, err
		}
		if _, err := io.WriteString(w, f.data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

const (
	nsW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
)

const contentTypesXML = xml.Header + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`</Types>`

const relsXML = xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`</Relationships>`

const documentRelsXML = xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`</Relationships>`

// stylesXML: 宋体 for Chinese (Times New Roman for Latin), 16 pt body, 1.5
// line spacing; Title: centred, bold, 22 pt (二号); Subheading: centred bold 16 pt.
var stylesXML = xml.Header + `<w:styles xmlns:w="` + nsW + `">` +
	`<w:docDefaults><w:rPrDefault><w:rPr>` +
	`<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体" w:cs="Times New Roman"/>` +
	fmt.Sprintf(`<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, bodyHalfPt, bodyHalfPt) +
	`<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>` +
	`</w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="360" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:jc w:val="both"/></w:pPr>` +
	`<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体" w:cs="Times New Roman"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="360"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr>` +
	`<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体" w:cs="Times New Roman"/><w:b/><w:bCs/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Subheading"><w:name w:val="Notice Subheading"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:keepNext/><w:spacing w:before="120" w:after="120"/><w:jc w:val="center"/><w:outlineLvl w:val="1"/></w:pPr>` +
	`<w:rPr><w:b/><w:bCs/></w:rPr></w:style>` +
	`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/>` +
	`<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
	`</w:styles>`

// The document model the HTML is read into.
type run struct {
	text                    string
	bold, italic, underline bool
	br                      bool
}

type para struct {
	style     string // "", "Title", "Subheading"
	align     string // "", "left", "center", "right", "both"
	indent    bool   // first-line indent of two characters
	list      bool   // a list item: hanging indent
	right     bool   // signature block: a little space on the right
	before    int    // space before, in twips
	pageBreak bool   // start a new page
	prefix    string // list marker, e.g. "1．"
	runs      []run
}

type cell struct {
	header bool
	paras  []*para
}

type table struct{ rows [][]*cell }

type block struct {
	p *para
	t *table
}

type list struct {
	ordered bool
	n       int
}

type converter struct {
	blocks []block
	cur    *para
	tbl    *table
	cell   *cell
	inTbl  int // nesting depth of <table>; only the outermost makes a table
	lists  []list
	bold   int
	italic int
	under  int
	skip   int // inside head/script/style/title
	// props of the enclosing block element, for text outside <p>
	blockProps []para
}

func (c *converter) parse(fragment string) error {
	dec := newDecoder(fragment)
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			c.start(strings.ToLower(t.Name.Local), t.Attr)
		case xml.EndElement:
			c.end(strings.ToLower(t.Name.Local))
		case xml.CharData:
			if c.skip == 0 {
				c.text(string(t))
			}
		}
	}
	c.flush()
	if c.tbl != nil {
		c.blocks = append(c.blocks, block{t: c.tbl})
		c.tbl = nil
	}
	return nil
}

// propsOf reads a paragraph's alignment from class, align and style.
func propsOf(attrs []xml.Attr, base para) para {
	p := base
	for _, a := range attrs {
		v := strings.ToLower(a.Value)
		switch strings.ToLower(a.Name.Local) {
		case "class":
			for _, cl := range strings.Fields(v) {
				switch cl {
				case "center":
					p.align, p.indent = "center", false
				case "right", "no":
					p.align, p.indent = "right", false
				case "sign":
					p.align, p.indent, p.right, p.before = "right", false, true, 2*charTwips
				case "date":
					p.align, p.indent, p.right = "right", false, true
				case "contact":
					p.align = "left"
				case "newpage":
					p.pageBreak = true
				case "to", "noindent", "left":
					p.indent = false
				}
			}
		case "align":
			p = withAlign(p, strings.TrimSpace(v))
		case "style":
			if m := alignRE.FindStringSubmatch(a.Value); m != nil {
				p = withAlign(p, strings.ToLower(m[1]))
			}
		}
	}
	return p
}

func withAlign(p para, a string) para {
	switch a {
	case "center", "right":
		p.align, p.indent = a, false
	case "left":
		p.align, p.indent = "left", false
	case "justify":
		p.align = "both"
	}
	return p
}

func (c *converter) inherited() para {
	if n := len(c.blockProps); n > 0 {
		p := c.blockProps[n-1]
		p.runs, p.prefix = nil, ""
		return p
	}
	if c.cell != nil {
		return para{}
	}
	return para{indent: true}
}

func (c *converter) start(name string, attrs []xml.Attr) {
	if c.skip > 0 || name == "head" || name == "script" || name == "style" || name == "title" {
		c.skip++
		return
	}
	switch name {
	case "h1":
		c.flush()
		c.cur = &para{style: "Title", align: "center"}
	case "h2", "h3", "h4", "h5", "h6":
		c.flush()
		c.cur = &para{style: "Subheading", align: "center"}
	case "p", "div":
		c.flush()
		p := propsOf(attrs, c.inherited())
		if c.cell != nil {
			p.indent = false
		}
		c.blockProps = append(c.blockProps, p)
	case "br":
		c.para().runs = append(c.para().runs, run{br: true})
	case "strong", "b":
		c.bold++
	case "em", "i":
		c.italic++
	case "u":
		c.under++
	case "ol", "ul":
		c.flush()
		c.lists = append(c.lists, list{ordered: name == "ol"})
	case "li":
		c.flush()
		p := para{list: true}
		if n := len(c.lists); n > 0 {
			l := &c.lists[n-1]
			l.n++
			if l.ordered {
				p.prefix = fmt.Sprintf("%d．", l.n)
			} else {
				p.prefix = "• "
			}
		}
		c.cur = &p
	case "table":
		c.flush()
		c.inTbl++
		if c.inTbl == 1 {
			c.tbl = &table{}
		}
	case "tr":
		if c.inTbl == 1 {
			c.flush()
			c.tbl.rows = append(c.tbl.rows, nil)
		}
	case "td", "th":
		if c.inTbl >= 1 {
			c.flush()
			if c.inTbl > 1 {
				return // a nested table's cells become paragraphs of the outer cell
			}
			if len(c.tbl.rows) == 0 {
				c.tbl.rows = append(c.tbl.rows, nil)
			}
			c.cell = &cell{header: name == "th"}
			last := len(c.tbl.rows) - 1
			c.tbl.rows[last] = append(c.tbl.rows[last], c.cell)
			if name == "th" {
				c.bold++
			}
		}
	}
}

func (c *converter) end(name string) {
	if c.skip > 0 {
		c.skip--
		return
	}
	switch name {
	case "h1", "h2", "h3", "h4", "h5", "h6", "li":
		c.flush()
	case "p", "div":
		c.flush()
		if n := len(c.blockProps); n > 0 {
			c.blockProps = c.blockProps[:n-1]
		}
	case "strong", "b":
		c.bold = max(0, c.bold-1)
	case "em", "i":
		c.italic = max(0, c.italic-1)
	case "u":
		c.under = max(0, c.under-1)
	case "ol", "ul":
		c.flush()
		if n := len(c.lists); n > 0 {
			c.lists = c.lists[:n-1]
		}
	case "td", "th":
		if c.inTbl == 1 && c.cell != nil {
			c.flush()
			if c.cell.header {
				c.bold = max(0, c.bold-1)
			}
			c.cell = nil
		}
	case "table":
		if c.inTbl == 0 {
			return
		}
		c.flush()
		c.inTbl--
		if c.inTbl == 0 {
			c.cell = nil
			c.blocks = append(c.blocks, block{t: c.tbl})
			c.tbl = nil
		}
	}
}

// para returns the paragraph being filled, starting one if needed.
func (c *converter) para() *para {
	if c.cur == nil {
		p := c.inherited()
		c.cur = &p
		if n := len(c.blockProps); n > 0 {
			c.blockProps[n-1].pageBreak = false // only the block's first paragraph starts the page
		}
	}
	return c.cur
}

func (c *converter) text(s string) {
	if c.cur == nil && strings.TrimSpace(s) == "" {
		return // whitespace between blocks
	}
	if c.tbl != nil && c.cell == nil && c.inTbl == 1 {
		if strings.TrimSpace(s) == "" {
			return
		}
	}
	p := c.para()
	p.runs = append(p.runs, run{text: s, bold: c.bold > 0, italic: c.italic > 0, underline: c.under > 0})
}

// flush ends the current paragraph: its whitespace is collapsed as HTML
// does, and it is dropped if nothing is left.
func (c *converter) flush() {
	p := c.cur
	c.cur = nil
	if p == nil {
		return
	}
	p.runs = collapse(p.runs)
	if len(p.runs) == 0 && p.prefix == "" {
		return
	}
	switch {
	case c.cell != nil:
		c.cell.paras = append(c.cell.paras, p)
	case c.tbl != nil:
		// text in a table outside any cell: put it in a cell of its own row
		c.tbl.rows = append(c.tbl.rows, []*cell{{paras: []*para{p}}})
	default:
		c.blocks = append(c.blocks, block{p: p})
	}
}

// wide reports whether r is a CJK character or punctuation, next to which a
// collapsed line break leaves no space.
func wide(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) ||
		(r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF) || (r >= 0x2E80 && r <= 0x2FDF)
}

// collapse applies HTML whitespace rules to a paragraph's runs: runs of
// white space become one space (none next to a CJK character), none at the
// start or end of the paragraph or around a line break.
func collapse(runs []run) []run {
	var out []run
	var prev rune // last character written; 0 at the start or after a break
	pending := false
	for _, r := range runs {
		if r.br {
			out = append(out, r)
			prev, pending = 0, false
			continue
		}
		var b strings.Builder
		for _, ch := range r.text {
			if unicode.IsSpace(ch) && ch != '\u3000' && ch != '\u00a0' {
				pending = true
				continue
			}
			if pending && prev != 0 && !wide(prev) && !wide(ch) {
				b.WriteByte(' ')
			}
			pending = false
			b.WriteRune(ch)
			prev = ch
		}
		if b.Len() > 0 {
			r.text = b.String()
			out = append(out, r)
		}
	}
	// drop trailing breaks? keep them: an explicit <br> at the end is intended.
	return out
}

func writePara(w *bytes.Buffer, p *para, inCell bool) {
	w.WriteString("<w:p>")
	var ppr strings.Builder
	if p.style != "" {
		ppr.WriteString(`<w:pStyle w:val="` + p.style + `"/>`)
	}
	if p.pageBreak {
		ppr.WriteString(`<w:pageBreakBefore/>`)
	}
	if p.before > 0 {
		fmt.Fprintf(&ppr, `<w:spacing w:before="%d"/>`, p.before)
	}
	switch {
	case p.list:
		fmt.Fprintf(&ppr, `<w:ind w:left="%d" w:hanging="%d"/>`, 4*charTwips, 2*charTwips)
	case p.indent && !inCell:
		fmt.Fprintf(&ppr, `<w:ind w:firstLineChars="200" w:firstLine="%d"/>`, 2*charTwips)
	case p.right:
		fmt.Fprintf(&ppr, `<w:ind w:right="%d"/>`, 2*charTwips)
	}
	if p.align != "" && !(p.style == "Title" && p.align == "center") {
		ppr.WriteString(`<w:jc w:val="` + p.align + `"/>`)
	}
	if ppr.Len() > 0 {
		w.WriteString("<w:pPr>" + ppr.String() + "</w:pPr>")
	}
	if p.prefix != "" {
		writeRun(w, run{text: p.prefix}, inCell)
	}
	for _, r := range p.runs {
		writeRun(w, r, inCell)
	}
	w.WriteString("</w:p>")
}

func writeRun(w *bytes.Buffer, r run, inCell bool) {
	w.WriteString("<w:r>")
	var rpr strings.Builder
	if r.bold {
		rpr.WriteString("<w:b/><w:bCs/>")
	}
	if r.italic {
		rpr.WriteString("<w:i/><w:iCs/>")
	}
	if inCell {
		fmt.Fprintf(&rpr, `<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, cellHalfPt, cellHalfPt)
	}
	if r.underline {
		rpr.WriteString(`<w:u w:val="single"/>`)
	}
	if rpr.Len() > 0 {
		w.WriteString("<w:rPr>" + rpr.String() + "</w:rPr>")
	}
	if r.br {
		w.WriteString("<w:br/>")
	} else {
		w.WriteString(`<w:t xml:space="preserve">`)
		xml.EscapeText(w, []byte(r.text)) // cannot fail on a bytes.Buffer
		w.WriteString("</w:t>")
	}
	w.WriteString("</w:r>")
}

func writeTable(w *bytes.Buffer, t *table) {
	cols := 1
	for _, row := range t.rows {
		cols = max(cols, len(row))
	}
	widths := make([]int, cols)
	if cols == 2 {
		widths[0] = textWidth * 28 / 100
		widths[1] = textWidth - widths[0]
	} else {
		for i := range widths {
			widths[i] = textWidth / cols
		}
	}
	w.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		w.WriteString(`<w:` + side + ` w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
	}
	w.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>`)
	for _, wd := range widths {
		fmt.Fprintf(w, `<w:gridCol w:w="%d"/>`, wd)
	}
	w.WriteString(`</w:tblGrid>`)
	for _, row := range t.rows {
		w.WriteString("<w:tr>")
		for i := 0; i < cols; i++ {
			fmt.Fprintf(w, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>`, widths[i])
			var paras []*para
			if i < len(row) {
				paras = row[i].paras
			}
			if len(paras) == 0 {
				w.WriteString("<w:p/>")
			}
			for _, p := range paras {
				writePara(w, p, true)
			}
			w.WriteString("</w:tc>")
		}
		w.WriteString("</w:tr>")
	}
	w.WriteString("</w:tbl>")
}
