package notice

import (
	"fmt"
	"strings"
	"testing"

	"gongkai/internal/apperr"
)

func TestDefaultTemplatesParse(t *testing.T) {
	for _, k := range Kinds() {
		if err := ParseTemplate(k, DefaultTemplate(k)); err != nil {
			t.Errorf("%s: %v", k, err)
		}
	}
}

// An edited template is used by Render, with the same functions and data.
func TestOverride(t *testing.T) {
	text := strings.Replace(DefaultTemplate(KindCorrection), "<p>特此告知。</p>",
		`<p>如需帮助，可拨打12345。附件共{{len .Attachments}}份：{{join .Attachments "、"}}。</p><p align="right">特此告知。</p>`, 1)
	if err := ParseTemplate(KindCorrection, text); err != nil {
		t.Fatal(err)
	}
	h, err := Render(KindCorrection, Sample(KindCorrection), text)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(h), "如需帮助，可拨打12345。附件共1份：2024年江南市老旧小区改造项目清单。") {
		t.Errorf("override not used:\n%s", h)
	}
	// a blank override means the default
	h2, err := Render(KindCorrection, Sample(KindCorrection), " \n")
	if err != nil || h2 != mustRender(t, KindCorrection, Sample(KindCorrection)) {
		t.Errorf("blank override: %v", err)
	}
	// yuan in an edited fee notice
	fee := strings.Replace(DefaultTemplate(KindFee), "特此通知。", "大约{{yuan 12345}}。", 1)
	h, err = Render(KindFee, Sample(KindFee), fee)
	if err != nil || !strings.Contains(string(h), "大约123.45元。") {
		t.Errorf("yuan: %v\n%s", err, h)
	}
}

func TestParseTemplateErrors(t *testing.T) {
	corr := DefaultTemplate(KindCorrection)
	reply := DefaultTemplate(KindReply)
	cases := []struct {
		name string
		k    Kind
		text string
		want string // part of the Chinese message
	}{
		{"empty", KindCorrection, "  ", "模板内容不能为空"},
		{"unknown kind", "memo", corr, "未知的文书类型"},
		{"syntax", KindCorrection, corr + "\n<p>{{if .Applicant}}未闭合</p>", "有语法错误"},
		{"bad action", KindCorrection, "<p>{{.Number}</p>", "第1行有语法错误"},
		{"unknown field", KindCorrection, "<p>{{.Number}}</p>\n<p>{{cnDate .Issued}}</p>\n<p>{{.ApplicantName}}</p>", "模板第3行引用了不存在的字段“ApplicantName”（文书数据中没有该字段）"},
		{"unknown nested field", KindCorrection, corr + "<p>{{.Org.Boss}}</p>", "不存在的字段“Boss”（机关信息 .Org中没有该字段）"},
		// a field used only in one reply branch is still found: every variant is executed
		{"field in rare branch", KindReply, strings.Replace(reply, `<p>经审查，您申请公开的政府信息中含有不应当公开的内容`, `<p>{{.Reply.Grounds}}经审查，您申请公开的政府信息中含有不应当公开的内容`, 1), "不存在的字段“Grounds”"},
		{"field in optional branch", KindAcknowledgement, strings.Replace(DefaultTemplate(KindAcknowledgement), "{{- end}}\n</table>", "{{- else}}<tr><td>{{.DueDate}}</td></tr>{{- end}}\n</table>", 1), "不存在的字段“DueDate”"},
		{"unknown function", KindCorrection, corr + "<p>{{upper .Applicant}}</p>", "未定义的函数“upper”"},
		{"wrong argument", KindCorrection, corr + "<p>{{cnDate .Applicant}}</p>", "执行出错"},
		{"undefined sub-template", KindCorrection, corr + `{{template "footer" .}}`, "未定义的子模板“footer”"},
		{"script", KindCorrection, corr + "<script>alert(1)</script>", "不支持的标签<script>"},
		{"image", KindCorrection, corr + `<img src="https://example.com/seal.png">`, "不支持的标签<img>"},
		{"link", KindCorrection, corr + `<p><a href="https://example.com">x</a></p>`, "不支持的标签<a>"},
		{"style element", KindCorrection, corr + `<style>p{color:red}</style>`, "不支持的标签<style>"},
		{"event attribute", KindCorrection, strings.Replace(corr, `<p class="to">`, `<p class="to" onclick="x()">`, 1), "属性“onclick”不受支持"},
		{"style attribute", KindCorrection, strings.Replace(corr, `<p class="to">`, `<p style="background:url(x)">`, 1), "属性“style”不受支持"},
		{"unclosed tag", KindCorrection, corr + "<table><tr><td>x</table></div>", "HTML结构有误"},
		{"no number", KindCorrection, strings.Replace(corr, `<p class="no">{{.Number}}</p>`, "", 1), "须显示文书编号"},
		{"no date", KindCorrection, strings.Replace(corr, `{{cnDate .Issued}}`, "", 1), "须显示文书日期"},
		{"reply remedy removed", KindReply, removeLine(reply, "如对本答复不服"), "答复书须告知救济途径"},
		{"too long", KindCorrection, corr + strings.Repeat("<p>长</p>", MaxTemplateBytes/8), "模板过长"},
		{"explosive output", KindCorrection, corr + explosive(8), "模板输出过长"},
		{"action as attribute", KindCorrection, corr + `<p {{.Applicant}}>x</p>`, "不受支持"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := ParseTemplate(c.k, c.text)
			if err == nil {
				t.Fatal("accepted")
			}
			e := apperr.From(err)
			if e.Code != apperr.Invalid || !hasHan(e.Message) {
				t.Errorf("not a Chinese invalid error: %v", err)
			}
			if !strings.Contains(e.Message, c.want) {
				t.Errorf("message %q does not contain %q", e.Message, c.want)
			}
			// Render refuses the same override (unless the fault is in a
			// branch the sample data does not take)
			if c.k.Valid() && strings.TrimSpace(c.text) != "" && !strings.HasPrefix(c.name, "field in") {
				if _, err := Render(c.k, Sample(c.k), c.text); err == nil {
					t.Error("Render accepted it")
				}
			}
		})
	}
}

func removeLine(text, containing string) string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if !strings.Contains(l, containing) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// explosive nests templates levels deep, each calling the next four times:
// 4^levels copies of the description.
func explosive(levels int) string {
	text := `{{define "t0"}}{{.Info}}{{end}}`
	for i := 1; i <= levels; i++ {
		text += fmt.Sprintf(`{{define "t%d"}}`, i) + strings.Repeat(fmt.Sprintf(`{{template "t%d" .}}`, i-1), 4) + `{{end}}`
	}
	return text + fmt.Sprintf(`{{template "t%d" .}}`, levels)
}
