package notice

import (
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"strings"

	"gongkai/internal/apperr"
)

// The HTML subset of notices (see the package doc): what Page prints as is
// and DOCX converts. Anything else (scripts, images, links, forms, event
// attributes, external resources) is refused.
var allowedElements = map[string]bool{
	"h1": true, "h2": true, "h3": true, "p": true, "br": true, "div": true, "span": true,
	"strong": true, "b": true, "em": true, "i": true, "u": true,
	"ol": true, "ul": true, "li": true,
	"table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true,
}

var (
	classRE = regexp.MustCompile(`^[A-Za-z0-9_ -]*$`)
	alignRE = regexp.MustCompile(`^(?i)\s*text-align\s*:\s*(left|center|right|justify)\s*;?\s*$`)
)

// newDecoder reads an HTML fragment with the lenient settings of
// encoding/xml: void elements close themselves, HTML entities are known.
// Characters XML cannot carry (control characters, invalid UTF-8) become
// U+FFFD first, so that data with them still prints and converts.
func newDecoder(fragment string) *xml.Decoder {
	dec := xml.NewDecoder(strings.NewReader("<div>" + xmlSafe(fragment) + "</div>"))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	return dec
}

// checkSubset refuses rendered HTML outside the subset.
func checkSubset(fragment string) error {
	dec := newDecoder(fragment)
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return apperr.Wrap(apperr.Invalid, "模板生成的HTML结构有误，请检查标签是否成对、属性是否加引号", err).OnField("template")
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			if _, ok := tok.(xml.ProcInst); ok {
				return apperr.New(apperr.Invalid, "模板不能包含XML处理指令").OnField("template")
			}
			continue
		}
		name := strings.ToLower(se.Name.Local)
		if se.Name.Space != "" || !allowedElements[name] {
			return apperr.New(apperr.Invalid, "模板使用了不支持的标签<"+tagName(se.Name)+">（告知书只支持 h1、h2、h3、p、br、div、span、strong、b、em、i、u、ol、ul、li 和简单表格 table、tr、th、td）").OnField("template")
		}
		for _, a := range se.Attr {
			an := strings.ToLower(a.Name.Local)
			ok := a.Name.Space == ""
			switch an {
			case "class":
				ok = ok && classRE.MatchString(a.Value)
			case "align":
				v := strings.ToLower(strings.TrimSpace(a.Value))
				ok = ok && (v == "left" || v == "center" || v == "right" || v == "justify")
			case "style":
				ok = ok && alignRE.MatchString(a.Value)
			default:
				ok = false
			}
			if !ok {
				return apperr.New(apperr.Invalid, "模板中<"+name+">的属性“"+tagName(a.Name)+"”不受支持（只支持 class、align 和 style=\"text-align:…\"）").OnField("template")
			}
		}
	}
}

func tagName(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

// xmlSafe replaces what XML 1.0 does not allow (Char production) by U+FFFD.
func xmlSafe(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return r
		case r < 0x20, r == 0xFFFE, r == 0xFFFF:
			return '\uFFFD'
		}
		return r
	}, s)
}
