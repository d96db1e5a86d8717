package demo

import (
	"bytes"
	"fmt"
	"unicode/utf16"

	"gongkai/internal/workday"
)

// pdfFor builds a small one-page PDF that names a document, its issuer and date. The text uses
// the non-embedded Adobe-GB1 font STSong-Light, which PDF viewers supply for Chinese text; CIDs
// 1–95 are the half-width ASCII characters.
func pdfFor(title, issuer string, written workday.Date) []byte {
	var lines []pdfLine
	y := 760
	for _, part := range wrapRunes(title, 24) {
		lines = append(lines, pdfLine{size: 18, x: 72, y: y, text: part})
		y -= 28
	}
	y -= 12
	lines = append(lines,
		pdfLine{size: 12, x: 72, y: y, text: "发布机构：" + issuer},
		pdfLine{size: 12, x: 72, y: y - 22, text: "成文日期：" + written.ChineseFull()},
		pdfLine{size: 12, x: 72, y: y - 44, text: "（演示附件：正式文本以政府信息公开专栏发布的正文为准。）"},
	)
	return buildPDF(title, lines)
}

type pdfLine struct {
	size, x, y int
	text       string
}

func wrapRunes(s string, n int) []string {
	r := []rune(s)
	var out []string
	for len(r) > n {
		out = append(out, string(r[:n]))
		r = r[n:]
	}
	return append(out, string(r))
}

// utf16Hex is s as a PDF hex string of UTF-16BE code units, with a byte order mark when bom.
func utf16Hex(s string, bom bool) string {
	var b bytes.Buffer
	b.WriteByte('<')
	if bom {
		b.WriteString("FEFF")
	}
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteByte('>')
	return b.String()
}

func buildPDF(title string, lines []pdfLine) []byte {
	var content bytes.Buffer
	for _, l := range lines {
		fmt.Fprintf(&content, "BT /F1 %d Tf %d %d Td %s Tj ET\n", l.size, l.x, l.y, utf16Hex(l.text, false))
	}
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", content.Len(), content.String()),
		"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UTF16-H /DescendantFonts [6 0 R] >>",
		"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R /DW 1000 /W [1 95 500] >>",
		"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
		fmt.Sprintf("<< /Title %s /Producer (gongkai demo) >>", utf16Hex(title, true)),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, len(objects), xref)
	return b.Bytes()
}
