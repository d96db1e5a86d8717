package richtext

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"unicode/utf8"
)

// maxExtract bounds the text taken from one attachment for the search index.
const maxExtract = 2 << 20

// ExtractText returns the text of an attachment when it can be had cheaply: plain text, CSV, HTML
// and DOCX. Anything else, or a damaged file, gives "".
func ExtractText(contentType string, data []byte) string {
	var s string
	switch {
	case strings.HasPrefix(contentType, "text/plain"), strings.HasPrefix(contentType, "text/csv"):
		if utf8.Valid(data) {
			s = string(data)
		}
	case strings.HasPrefix(contentType, "text/html"):
		if utf8.Valid(data) {
			s = PlainText(string(data))
		}
	case contentType == "application/vnd.openxmlformats-officedocument.wordprocessingml.document":
		s = docxText(data)
	}
	if len(s) > maxExtract {
		s = s[:maxExtract]
		for !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
	}
	return s
}

// docxText reads the paragraphs of word/document.xml.
func docxText(data []byte) string {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return ""
	}
	for _, f := range zr.File {
		if f.Name != "word/document.xml" || f.UncompressedSize64 > 64<<20 {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return ""
		}
		defer rc.Close()
		var b strings.Builder
		dec := xml.NewDecoder(io.LimitReader(rc, 64<<20))
		inText := false
		for b.Len() < maxExtract {
			tok, err := dec.Token()
			if err != nil {
				break
			}
			switch t := tok.(type) {
			case xml.StartElement:
				inText = t.Name.Local == "t"
			case xml.EndElement:
				if t.Name.Local == "p" {
					b.WriteByte('\n')
				}
				inText = false
			case xml.CharData:
				if inText {
					b.Write(t)
				}
			}
		}
		return b.String()
	}
	return ""
}
