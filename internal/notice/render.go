package notice

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html"
	"html/template"
	"regexp"
	"strconv"
	"strings"

	"gongkai/internal/apperr"
	"gongkai/internal/request"
	"gongkai/internal/workday"
)

// HTML is a notice's HTML: a body fragment (Render) or a complete page (Page).
// It is html/template's type, so it can be put into other templates as is.
type HTML = template.HTML

//go:embed templates/*.html.tmpl
var templateFS embed.FS

// DefaultTemplate is the embedded default template text of kind ("" for an
// unknown kind): the starting point of an organisation's edited template.
func DefaultTemplate(kind Kind) string {
	if !kind.Valid() {
		return ""
	}
	b, err := templateFS.ReadFile("templates/" + string(kind) + ".html.tmpl")
	if err != nil {
		panic("notice: default template missing for " + string(kind))
	}
	return string(b)
}

// Funcs are the functions templates may call.
//
//	cnDate workday.Date → "2025年9月28日" (a blank "　　年　　月　　日" for the zero date)
//	yuan   fen (int64) → "5500.00元" (request.FormatFen)
//	join   []string, sep → the items joined by sep
func Funcs() template.FuncMap {
	return template.FuncMap{
		"cnDate": cnDate,
		"yuan":   request.FormatFen,
		"join":   strings.Join,
	}
}

func cnDate(d workday.Date) string {
	if d.IsZero() {
		return "　　　　年　　月　　日"
	}
	return d.ChineseFull()
}

// MaxTemplateBytes bounds an edited template's text, and MaxOutputBytes a
// rendered notice (a template that loops or nests without end fails
// instead of filling memory).
const (
	MaxTemplateBytes = 64 << 10
	MaxOutputBytes   = 1 << 20
)

func parse(kind Kind, text string) (*template.Template, error) {
	if len(text) > MaxTemplateBytes {
		return nil, apperr.Newf(apperr.Invalid, "模板过长（超过%d KB）", MaxTemplateBytes>>10).OnField("template")
	}
	t, err := template.New(string(kind)).Option("missingkey=error").Funcs(Funcs()).Parse(text)
	if err != nil {
		return nil, templateError(err)
	}
	return t, nil
}

// Render renders the notice of kind from d with the default template, or
// with override when it is not blank (an organisation's edited template).
// It checks d first (Data.Validate), then the output: the allowed HTML
// subset, the notice number and date present and, for a reply, the remedy.
func Render(kind Kind, d Data, override string) (HTML, error) {
	if err := d.Validate(kind); err != nil {
		return "", err
	}
	text := override
	if strings.TrimSpace(text) == "" {
		text = DefaultTemplate(kind)
	}
	t, err := parse(kind, text)
	if err != nil {
		return "", err
	}
	return execute(t, kind, d)
}

func execute(t *template.Template, kind Kind, d Data) (HTML, error) {
	var w limitedBuffer
	if err := t.Execute(&w, d); err != nil {
		return "", templateError(err)
	}
	out := w.String()
	if err := checkSubset(out); err != nil {
		return "", err
	}
	if err := checkRequired(kind, d, out); err != nil {
		return "", err
	}
	return HTML(out), nil
}

// ParseTemplate checks an organisation's edited template for kind before it
// is saved: its syntax; that every field and function it uses exists (it is
// executed against sample data, for a reply against every reply type and
// sub-reason); that it produces only the HTML subset that prints and
// converts to DOCX; and that the notice keeps its number and date and, for a
// reply, the remedy. Errors are apperr.Invalid with a Chinese message
// naming the line.
func ParseTemplate(kind Kind, text string) error {
	if !kind.Valid() {
		return apperr.New(apperr.Invalid, "未知的文书类型“"+string(kind)+"”").OnField("kind")
	}
	if strings.TrimSpace(text) == "" {
		return apperr.New(apperr.Invalid, "模板内容不能为空").OnField("template")
	}
	t, err := parse(kind, text)
	if err != nil {
		return err
	}
	for _, d := range samples(kind) {
		if _, err := execute(t, kind, d); err != nil {
			return err
		}
	}
	return nil
}

type limitedBuffer struct{ bytes.Buffer }

var errTooLong = errors.New("output too long")

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if b.Len()+len(p) > MaxOutputBytes {
		return 0, errTooLong
	}
	return b.Buffer.Write(p)
}

var (
	reLine       = regexp.MustCompile(`^template: [^:]*:(\d+)(?::\d+)?: (.*)$`)
	reField      = regexp.MustCompile(`can't evaluate field (\w+) in type ([\w.\[\]*]+)`)
	reMapKey     = regexp.MustCompile(`map has no entry for key "?([^"]*)"?`)
	reFunc       = regexp.MustCompile(`function "([^"]+)" not defined`)
	reNoTemplate = regexp.MustCompile(`no such template "([^"]+)"`)
)

// templateError turns a template error into a Chinese apperr.Invalid.
func templateError(err error) error {
	if errors.Is(err, errTooLong) {
		return apperr.Wrap(apperr.Invalid, fmt.Sprintf("模板输出过长（超过%d KB），请检查是否有无限嵌套或循环", MaxOutputBytes>>10), err).OnField("template")
	}
	line, detail := "", err.Error()
	if m := reLine.FindStringSubmatch(detail); m != nil {
		line, detail = m[1], m[2]
	}
	escaping := false
	var te *template.Error
	if errors.As(err, &te) {
		// an error of html/template's escaper, e.g. an action inside a tag name
		detail, escaping = te.Description, te.ErrorCode != template.ErrNoSuchTemplate
		if te.Line > 0 {
			line = strconv.Itoa(te.Line)
		}
	}
	at := "模板"
	if line != "" {
		at = "模板第" + line + "行"
	}
	var text string
	switch {
	case escaping:
		text = at + "的HTML结构有误：" + detail
	case reField.MatchString(detail):
		m := reField.FindStringSubmatch(detail)
		text = at + "引用了不存在的字段“" + m[1] + "”（" + typeNames(m[2]) + "中没有该字段）"
	case reMapKey.MatchString(detail):
		text = at + "引用了不存在的字段“" + reMapKey.FindStringSubmatch(detail)[1] + "”"
	case reFunc.MatchString(detail):
		text = at + "使用了未定义的函数“" + reFunc.FindStringSubmatch(detail)[1] + "”（可用函数：cnDate、yuan、join）"
	case reNoTemplate.MatchString(detail):
		text = at + "引用了未定义的子模板“" + reNoTemplate.FindStringSubmatch(detail)[1] + "”"
	case strings.Contains(detail, "executing"):
		text = at + "执行出错：" + detail
	default:
		text = at + "有语法错误：" + detail
	}
	return apperr.Wrap(apperr.Invalid, text, err).OnField("template")
}

// typeNames names the data types for people editing templates.
func typeNames(t string) string {
	switch strings.TrimPrefix(t, "*") {
	case "notice.Data":
		return "文书数据"
	case "notice.Org":
		return "机关信息 .Org"
	case "request.Reply":
		return "答复 .Reply"
	case "workday.Date":
		return "日期"
	case "string":
		return "文字"
	}
	return t
}

// checkRequired: every notice shows its number and date; a reply states the remedy.
func checkRequired(kind Kind, d Data, out string) error {
	text := html.UnescapeString(tagRE.ReplaceAllString(out, ""))
	if !strings.Contains(text, d.Number) {
		return apperr.New(apperr.Invalid, "模板须显示文书编号（{{.Number}}）").OnField("template")
	}
	if !strings.Contains(text, cnDate(d.Issued)) {
		return apperr.New(apperr.Invalid, "模板须显示文书日期（{{cnDate .Issued}}）").OnField("template")
	}
	if kind == KindReply || kind.CorrectionOutcome() != "" {
		for _, w := range []string{"六十日", "申请行政复议", "六个月", "提起行政诉讼", d.ReviewBody} {
			if !strings.Contains(text, w) {
				return apperr.New(apperr.Invalid, "答复书须告知救济途径：“如对本答复不服，可以在收到本答复之日起六十日内向{{.ReviewBody}}申请行政复议，或者在六个月内向人民法院提起行政诉讼。”（缺少“"+w+"”）").OnField("template")
			}
		}
	}
	return nil
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

// Page wraps a notice body in a complete printable HTML document: A4 with
// 2.5 cm margins, a 宋体/仿宋 font stack with fallbacks, no external
// resources and no scripts. title is escaped.
func Page(title string, body HTML) HTML {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
	b.WriteString(html.EscapeString(title))
	b.WriteString("</title>\n<style>\n")
	b.WriteString(pageCSS)
	b.WriteString("</style>\n</head>\n<body>\n<div class=\"notice\">\n")
	b.WriteString(string(body))
	b.WriteString("\n</div>\n</body>\n</html>\n")
	return HTML(b.String())
}

const pageCSS = `@page { size: A4; margin: 2.5cm; }
html { background: #fff; }
body { margin: 0; color: #000;
  font-family: "SimSun", "宋体", "Songti SC", "STSong", "Noto Serif CJK SC", "Source Han Serif SC", "FangSong", "仿宋", "STFangsong", "Noto Serif CJK", serif;
  font-size: 16pt; line-height: 1.6; }
.notice { max-width: 16cm; margin: 0 auto; }
@media screen { .notice { margin: 1cm auto; padding: 2.5cm; max-width: 16cm; box-shadow: 0 0 0.3cm #999; } }
h1 { font-size: 22pt; font-weight: bold; text-align: center; margin: 0.5em 0 0.8em; line-height: 1.4; }
h2, h3 { font-size: 16pt; font-weight: bold; text-align: center; margin: 0.5em 0; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.no, p.right, p.sign, p.date { text-align: right; text-indent: 0; }
p.center { text-align: center; text-indent: 0; }
p.to, p.noindent { text-indent: 0; }
p.contact { text-align: left; }
p.sign { margin-top: 2em; }
p.sign, p.date { padding-right: 2em; }
p.newpage { page-break-before: always; break-before: page; }
p, td, th, li { overflow-wrap: anywhere; }
p[align=right] { text-align: right; text-indent: 0; }
p[align=center] { text-align: center; text-indent: 0; }
ol, ul { margin: 0; padding-left: 4em; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0; page-break-inside: avoid; }
th, td { border: 1px solid #000; padding: 0.2em 0.4em; text-align: left; vertical-align: top; font-size: 14pt; }
th { width: 28%; font-weight: bold; }
td p, th p { text-indent: 0; }
@media print { .notice { margin: 0; padding: 0; box-shadow: none; max-width: none; } }
`
