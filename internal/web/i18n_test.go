package web

import (
	"go/ast"
	"go/parser"
	"go/token"
	"html/template"
	"io"
	"io/fs"
	"net/http"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"text/template/parse"
	"unicode"

	"gongkai/internal/disclosure"
	"gongkai/internal/org"
	"gongkai/internal/store"
)

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// templateKey is a string literal given to t, tf or tc in a template.
type templateKey struct {
	file, key string
	line      int
}

// templateKeys parses every template file and returns the literals given to t, tf and tc (tc's as
// context+ctxSep+key), and the Han literals given to anything else.
func templateKeys(t *testing.T) (keys, stray []templateKey) {
	t.Helper()
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil || len(names) == 0 {
		t.Fatalf("no templates: %v", err)
	}
	for _, n := range names {
		src, err := fs.ReadFile(templateFiles, n)
		if err != nil {
			t.Fatal(err)
		}
		tmpl, err := template.New(path.Base(n)).Funcs(funcs).Funcs(zhCN.funcs()).Parse(string(src))
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range tmpl.Templates() {
			if x.Tree == nil {
				continue
			}
			line := func(pos parse.Pos) int { return 1 + strings.Count(string(src[:pos]), "\n") }
			walkTemplate(x.Tree.Root, func(cmd *parse.CommandNode) {
				inT := map[parse.Node]bool{}
				if id, ok := cmd.Args[0].(*parse.IdentifierNode); ok {
					switch id.Ident {
					case "t", "tf":
						if len(cmd.Args) > 1 {
							if s, ok := cmd.Args[1].(*parse.StringNode); ok {
								keys = append(keys, templateKey{n, s.Text, line(s.Pos)})
								inT[s] = true
							}
						}
					case "tc":
						if len(cmd.Args) > 2 {
							c, ok := cmd.Args[1].(*parse.StringNode)
							if !ok {
								t.Errorf("%s:%d: tc needs a literal context", n, line(cmd.Pos))
								break
							}
							inT[c] = true
							if s, ok := cmd.Args[2].(*parse.StringNode); ok {
								keys = append(keys, templateKey{n, c.Text + ctxSep + s.Text, line(s.Pos)})
								inT[s] = true
							}
						}
					}
				}
				for _, a := range cmd.Args {
					if s, ok := a.(*parse.StringNode); ok && !inT[s] && hasHan(s.Text) {
						stray = append(stray, templateKey{n, s.Text, line(s.Pos)})
					}
				}
			})
		}
	}
	return keys, stray
}

// walkTemplate calls f for every command of the tree, parenthesised ones included.
func walkTemplate(n parse.Node, f func(*parse.CommandNode)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				walkTemplate(c, f)
			}
		}
	case *parse.ActionNode:
		walkTemplate(n.Pipe, f)
	case *parse.PipeNode:
		if n != nil {
			for _, c := range n.Cmds {
				walkTemplate(c, f)
			}
		}
	case *parse.CommandNode:
		f(n)
		for _, a := range n.Args {
			walkTemplate(a, f)
		}
	case *parse.IfNode:
		walkBranch(&n.BranchNode, f)
	case *parse.RangeNode:
		walkBranch(&n.BranchNode, f)
	case *parse.WithNode:
		walkBranch(&n.BranchNode, f)
	case *parse.TemplateNode:
		walkTemplate(n.Pipe, f)
	}
}

func walkBranch(b *parse.BranchNode, f func(*parse.CommandNode)) {
	walkTemplate(b.Pipe, f)
	walkTemplate(b.List, f)
	walkTemplate(b.ElseList, f)
}

// TestTemplateKeysTranslated: every text the templates translate has an English entry.
func TestTemplateKeysTranslated(t *testing.T) {
	keys, stray := templateKeys(t)
	if len(keys) < 100 {
		t.Fatalf("found only %d keys in the templates: is the extraction broken?", len(keys))
	}
	for _, k := range keys {
		if _, ok := english[k.key]; !ok && hasHan(k.key) {
			t.Errorf("%s:%d: no English for %q", k.file, k.line, k.key)
		}
	}
	for _, k := range stray {
		t.Errorf("%s:%d: Chinese literal %q is not given to t, tf or tc", k.file, k.line, k.key)
	}
}

var actionRE = regexp.MustCompile(`(?s)\{\{.*?\}\}`)

// TestTemplatesHaveNoBareChinese: outside actions (and so comments), templates hold no Han
// character; all Chinese text goes through the catalog.
func TestTemplatesHaveNoBareChinese(t *testing.T) {
	names, _ := fs.Glob(templateFiles, "templates/*.html")
	for _, n := range names {
		src, err := fs.ReadFile(templateFiles, n)
		if err != nil {
			t.Fatal(err)
		}
		// Keep the line breaks of removed actions so that line numbers stay right.
		text := actionRE.ReplaceAllStringFunc(string(src), func(a string) string { return strings.Repeat("\n", strings.Count(a, "\n")) })
		for i, l := range strings.Split(text, "\n") {
			if hasHan(l) {
				t.Errorf("%s:%d: untranslated text %q", n, i+1, strings.TrimSpace(l))
			}
		}
	}
}

// TestGoKeysTranslated: page titles, breadcrumbs, flash messages and error messages set in Go
// have English entries.
func TestGoKeysTranslated(t *testing.T) {
	checkGoTexts(t, 40, "portal.go", "console.go", "render.go", "routes.go", "support.go", "server.go")
}

// checkGoTexts parses Go files of the package and fails for every text they show people that has
// no English entry: page titles, breadcrumbs, labels, flash messages (?ok=…), texts given to t and
// tf, apperr messages, and the values of maps whose name ends in Title. It fails too when fewer
// than min texts were found, which would mean the extraction broke.
func checkGoTexts(t *testing.T, min int, files ...string) {
	t.Helper()
	fset := token.NewFileSet()
	n := 0
	flashRE := regexp.MustCompile(`[?&]ok=([^&"]+)`)
	check := func(e ast.Expr, what string) {
		lit, ok := e.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return
		}
		s, _ := strconv.Unquote(lit.Value)
		n++
		if _, ok := english[s]; !ok && hasHan(s) {
			t.Errorf("%s: no English for %s %q", fset.Position(lit.Pos()), what, s)
		}
	}
	for _, file := range files {
		f, err := parser.ParseFile(fset, file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(x ast.Node) bool {
			switch x := x.(type) {
			case *ast.KeyValueExpr:
				if id, ok := x.Key.(*ast.Ident); ok && (id.Name == "Title" || id.Name == "Flash" || id.Name == "Label") {
					check(x.Value, "title or label")
				}
			case *ast.CompositeLit:
				if id, ok := x.Type.(*ast.Ident); ok && id.Name == "crumb" && len(x.Elts) > 0 {
					check(x.Elts[0], "breadcrumb")
				}
				if at, ok := x.Type.(*ast.ArrayType); ok {
					if id, ok := at.Elt.(*ast.Ident); ok && id.Name == "crumb" {
						for _, el := range x.Elts {
							if c, ok := el.(*ast.CompositeLit); ok && len(c.Elts) > 0 {
								check(c.Elts[0], "breadcrumb")
							}
						}
					}
				}
			case *ast.AssignStmt:
				for i, l := range x.Lhs {
					if i >= len(x.Rhs) {
						break
					}
					if id, ok := l.(*ast.Ident); ok && id.Name == "title" {
						check(x.Rhs[i], "title")
					}
					if sel, ok := l.(*ast.SelectorExpr); ok && (sel.Sel.Name == "Flash" || sel.Sel.Name == "Label") {
						check(x.Rhs[i], "flash or label")
					}
				}
			case *ast.ValueSpec:
				if len(x.Names) == 1 && strings.HasSuffix(x.Names[0].Name, "Title") {
					for _, v := range x.Values {
						if cl, ok := v.(*ast.CompositeLit); ok {
							for _, el := range cl.Elts {
								if kv, ok := el.(*ast.KeyValueExpr); ok {
									check(kv.Value, "title")
								}
							}
						}
					}
				}
			case *ast.CallExpr:
				sel, ok := x.Fun.(*ast.SelectorExpr)
				if !ok {
					break
				}
				switch {
				case (sel.Sel.Name == "consolePage" || sel.Sel.Name == "orgCrumbs") && len(x.Args) > 1:
					check(x.Args[1], "title")
				case (sel.Sel.Name == "t" || sel.Sel.Name == "tf") && len(x.Args) >= 1:
					check(x.Args[0], "text")
				case (sel.Sel.Name == "New" || sel.Sel.Name == "Wrap") && len(x.Args) > 1:
					if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "apperr" {
						check(x.Args[1], "error message")
					}
				}
			case *ast.BasicLit:
				if x.Kind == token.STRING {
					s, _ := strconv.Unquote(x.Value)
					for _, m := range flashRE.FindAllStringSubmatch(s, -1) {
						n++
						if _, ok := english[m[1]]; !ok {
							t.Errorf("%s: no English for the flash message %q", fset.Position(x.Pos()), m[1])
						}
					}
				}
			}
			return true
		})
	}
	if n < min {
		t.Fatalf("found only %d texts in %v: is the extraction broken?", n, files)
	}
}

func TestLabelsTranslated(t *testing.T) {
	var labels []string
	for _, g := range disclosure.Genres {
		labels = append(labels, g.Label())
	}
	for _, k := range disclosure.PlanKinds {
		labels = append(labels, k.Label())
	}
	for _, v := range disclosure.Validities() {
		labels = append(labels, v.Label())
	}
	for _, m := range disclosure.Modes() {
		labels = append(labels, m.Label())
	}
	for _, s := range disclosure.Statuses() {
		labels = append(labels, s.Label())
	}
	for _, a := range disclosure.Actions() {
		labels = append(labels, a.Label(), "已"+a.Label()) // the flash after a transition
	}
	for _, k := range []disclosure.RelationKind{disclosure.RelInterprets, disclosure.RelAmends, disclosure.RelRepeals, disclosure.RelReplaces} {
		labels = append(labels, "relation"+ctxSep+k.Label(), "relation"+ctxSep+k.InverseLabel())
	}
	for _, c := range disclosure.StandardColumns {
		labels = append(labels, c.Name)
	}
	labels = append(labels, disclosure.Topics...)
	for _, l := range org.Levels {
		labels = append(labels, l.Label())
	}
	for _, k := range []org.Kind{org.KindGovernment, org.KindDepartment, org.KindInstitution} {
		labels = append(labels, k.Label())
	}
	for _, r := range org.Roles() {
		labels = append(labels, r.Label())
	}
	for _, l := range labels {
		if l == "" || !hasHan(l) {
			t.Errorf("label %q is not a Chinese label", l)
			continue
		}
		if _, ok := english[l]; !ok {
			t.Errorf("no English for the label %q", strings.ReplaceAll(l, ctxSep, "|"))
		}
	}
}

var verbRE = regexp.MustCompile(`%[-+# 0]*[0-9]*(\.[0-9]+)?[a-zA-Z%]`)

// TestCatalog: translations are English, and format strings keep their verbs in order.
func TestCatalog(t *testing.T) {
	hanRE := regexp.MustCompile(`\p{Han}+`)
	keys := make([]string, 0, len(english))
	for k := range english {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := english[k]
		if strings.TrimSpace(v) == "" {
			t.Errorf("empty English for %q", k)
		}
		// Chinese in a translation is allowed only where it is an example copied from the key.
		for _, run := range hanRE.FindAllString(v, -1) {
			if !strings.Contains(k, run) {
				t.Errorf("English for %q has Chinese %q", k, run)
			}
		}
		if got, want := verbRE.FindAllString(v, -1), verbRE.FindAllString(k, -1); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("English for %q has verbs %q, want %q", k, got, want)
		}
	}
}

func TestLocaleNegotiation(t *testing.T) {
	for _, tt := range []struct {
		header string
		want   locale
	}{
		{"", zhCN},
		{"en", en},
		{"en-US,en;q=0.9", en},
		{"zh-CN,zh;q=0.9,en;q=0.8", zhCN},
		{"en-GB;q=0.8, zh-TW", zhCN},
		{"fr-FR, en;q=0.5", en},
		{"de, fr", zhCN},
		{"en;q=0, zh", zhCN},
		{"EN-us", en},
		{"en;q=bogus", zhCN},
	} {
		if got := acceptLocale(tt.header); got != tt.want {
			t.Errorf("Accept-Language %q: %s, want %s", tt.header, got, tt.want)
		}
	}
	if zhCN.tf("第 %d 版", 3) != "第 3 版" || en.tf("第 %d 版", 3) != "Version 3" {
		t.Error("tf")
	}
	if en.t("没有这个词条") != "没有这个词条" {
		t.Error("a missing key must fall back to Chinese")
	}
	if en.tc("relation", "废止") != "Repeals" || en.t("废止") != "Repealed" || zhCN.tc("relation", "废止") != "废止" {
		t.Error("tc")
	}
	if en.topic(`财政、金融、审计\财政`) != `Finance, Banking and Auditing\财政` {
		t.Errorf("topic: %q", en.topic(`财政、金融、审计\财政`))
	}
}

func TestLanguageSwitch(t *testing.T) {
	e := newEnv(t, store.SQLite)
	get := func(c *http.Client, path, acceptLanguage string) (int, string, http.Header) {
		t.Helper()
		if c == nil {
			c = e.client()
		}
		req, _ := http.NewRequest("GET", e.srv.URL+path, nil)
		if acceptLanguage != "" {
			req.Header.Set("Accept-Language", acceptLanguage)
		}
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b), resp.Header
	}
	inEnglish := []string{`<html lang="en"`, "Open Government Platform", ">Home</a>", ">Organisations</a>", ">Disclosure Catalogue</a>", "Large-print mode", `href="/prefs/lang?l=zh-CN&amp;next=%2f"`, ">中文</a>"}
	inChinese := []string{`<html lang="zh-CN"`, "政务公开平台", ">首页</a>", ">机构导航</a>", ">信息公开目录</a>", "关怀模式（大字）", `href="/prefs/lang?l=en&amp;next=%2f"`, ">English</a>"}
	wantAll := func(what, body string, want []string) {
		t.Helper()
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: body lacks %q", what, w)
			}
		}
	}

	// The default is Chinese; a Chinese page is cached first.
	_, body, h := get(nil, "/", "")
	wantAll("default", body, inChinese)
	if !strings.Contains(h.Get("Vary"), "Accept-Language") || !strings.Contains(h.Get("Vary"), "Cookie") {
		t.Errorf("Vary: %q", h.Get("Vary"))
	}

	// The switch sets the cookie and returns to a local page only.
	c := e.client()
	status, _, h := get(c, "/prefs/lang?l=en&next=/", "")
	if status != http.StatusSeeOther || h.Get("Location") != "/" || !strings.Contains(h.Get("Set-Cookie"), "lang=en") {
		t.Fatalf("switch: %d %q %q", status, h.Get("Location"), h.Get("Set-Cookie"))
	}
	if _, _, h := get(c, "/prefs/lang?l=en&next=//evil.example/", ""); h.Get("Location") != "/" {
		t.Fatalf("open redirect: %q", h.Get("Location"))
	}
	_, body, _ = get(c, "/", "")
	wantAll("cookie en", body, inEnglish)
	if strings.Contains(body, "政务公开平台") || strings.Contains(body, "首页") {
		t.Error("the English home page has Chinese navigation")
	}
	// The cookie wins over Accept-Language.
	_, body, _ = get(c, "/", "zh-CN,zh")
	wantAll("cookie en, Accept-Language zh", body, inEnglish)

	// Accept-Language alone gives English.
	_, body, _ = get(nil, "/", "en-US,en;q=0.9")
	wantAll("Accept-Language en-US", body, inEnglish)

	// The cache, now holding the English page, still serves Chinese to a Chinese visitor.
	_, body, _ = get(nil, "/", "")
	wantAll("default after English", body, inChinese)
	_, body, _ = get(nil, "/", "zh-CN,zh;q=0.9,en;q=0.8")
	wantAll("Accept-Language zh-CN", body, inChinese)

	// Switching back to Chinese overrides an English browser.
	if status, _, _ := get(c, "/prefs/lang?l=zh-CN&next=/orgs", ""); status != http.StatusSeeOther {
		t.Fatalf("switch back: %d", status)
	}
	_, body, _ = get(c, "/", "en-US")
	wantAll("cookie zh-CN, Accept-Language en", body, inChinese)

	// Other pages: labels, titles, errors; data stays as stored.
	pubID := itoa64(e.pub.ID)
	for _, tt := range []struct {
		path   string
		status int
		want   []string
	}{
		{"/d/" + pubID, 200, []string{"Index No.", "Document No.", "Date Written", "1 February 2021", "Date Published", "Validity", "In Force",
			"Plan · Five-Year Plan Outline", "Economic Management and State Assets Supervision", e.pub.Title + " - Open Government Platform</title>"}},
		{e.province.SitePath(), 200, []string{"Disclosure Guide", "Disclosure Rules", "Statutory Proactive Disclosure", "Annual Reports on Disclosure",
			"Disclosure on Request", "Government Information Disclosure: 江南省人民政府"}},
		{e.province.SitePath() + "c/plans", 200, []string{"<title>Plans - 江南省人民政府", "Page 1 of 1 (total: 1)", e.pub.Title}},
		{e.province.SitePath() + "c/org-info", 200, []string{"People&#39;s Government (Provincial)"}},
		{"/docs?page=0", 400, []string{"The operation failed: ", "Invalid page number"}},
		{"/no/such/page", 404, []string{"Page not found", "It may have been moved or deleted."}},
		{"/console/login", 200, []string{"Staff sign-in", "Username", "Password"}},
	} {
		status, body, _ := get(nil, tt.path, "en")
		if status != tt.status {
			t.Errorf("GET %s in English: status %d, want %d", tt.path, status, tt.status)
		}
		wantAll("GET "+tt.path+" in English", body, tt.want)
	}

	// The console in English: role labels, flash messages.
	ed, csrf := e.login("jn-editor")
	if _, _, h := get(ed, "/prefs/lang?l=en&next=/console/", ""); h.Get("Location") != "/console/" {
		t.Fatalf("switch in the console: %q", h.Get("Location"))
	}
	_, body, _ = get(ed, "/console/", "")
	wantAll("console", body, []string{"My Work", "Editor", "Awaiting My Action", "Sign out"})
	status, _, h = e.post(ed, "/console/documents", map[string][]string{"csrf": {csrf}, "title": {"测试"}, "genre": {"notice"}})
	if status != http.StatusSeeOther {
		t.Fatalf("create: %d", status)
	}
	_, body, _ = get(ed, h.Get("Location"), "")
	wantAll("editor", body, []string{"Draft saved", "Edit: 测试", "Save Draft", "Notices and Announcements", "Submit for Review"})
}
