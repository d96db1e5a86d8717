package web

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"gongkai/internal/audit"
	"gongkai/internal/disclosure"
	"gongkai/internal/ledger"
	"gongkai/internal/org"
	"gongkai/internal/report"
	"gongkai/internal/request"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
	"gongkai/internal/workday"
)

// i5 is the environment of issue 5's tests: the three-level tree of newEnv (province → city →
// county) with an admin, a handler and a supervisor where needed, and the store's clock fixed on
// the server's day (2026-11-26).
type i5 struct {
	*env
	ctx context.Context
}

var i5Now = time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)

func newI5(t *testing.T, engine store.Engine) *i5 {
	t.Helper()
	e := &i5{env: newEnv(t, engine), ctx: context.Background()}
	e.db.Now = func() time.Time { return i5Now }
	for _, u := range []struct {
		o    org.Org
		name string
		role org.Role
	}{{e.city, "lj-admin", org.RoleAdmin}, {e.county, "dh-admin", org.RoleAdmin}, {e.city, "lj-supervisor", org.RoleSupervisor},
		{e.province, "jn-handler", org.RoleRequestHandler}, {e.city, "lj-handler", org.RoleRequestHandler}, {e.county, "dh-handler", org.RoleRequestHandler}} {
		if _, err := e.db.CreateUser(e.ctx, audit.System, org.User{OrgID: u.o.ID, Username: u.name, Role: u.role}, password); err != nil {
			t.Fatal(err)
		}
	}
	return e
}

func (e *i5) mustLogin(username string) *http.Client {
	c, _ := e.login(username)
	return c
}

func (e *i5) principal(username string) *org.Principal {
	e.t.Helper()
	p, err := e.db.Authenticate(e.ctx, username, password)
	if err != nil {
		e.t.Fatal(err)
	}
	return p
}

func i5Clock(day string) store.Clocking {
	return store.Clocking{Cal: workday.Default(), Policy: request.DefaultPolicy(), Today: workday.MustParseDate(day)}
}

// apply files an application online with the organisation, received on the day.
func (e *i5) apply(o org.Org, kind request.ApplicantKind, received, what string) store.Request {
	e.t.Helper()
	a := request.Applicant{Kind: kind, Name: "张三丰", ID: request.Identity{Kind: request.ResidentID, Number: testIDNumber}, Phone: "13912345678"}
	if kind != request.NaturalPerson {
		a = request.Applicant{Kind: kind, Name: "临江某某科技有限公司", ID: request.Identity{Kind: request.CreditCodeDoc, Number: creditCode(e.t, "91330100MA2234567")}, Phone: "0571-88888888"}
	}
	r, _, err := e.db.CreateRequest(e.ctx, nil, store.NewRequest{OrgID: o.ID, Channel: request.Online, ReceivedOn: workday.MustParseDate(received),
		Applicant: a, Description: what}, i5Clock(received))
	if err != nil {
		e.t.Fatal(err)
	}
	return r
}

func (e *i5) reply(handler string, r store.Request, on string, rep request.Reply) {
	e.t.Helper()
	if _, err := e.db.ReplyRequest(e.ctx, e.principal(handler), r.ID, 0, rep, workday.MustParseDate(on), i5Clock(on)); err != nil {
		e.t.Fatal(err)
	}
}

// publishAt publishes a document of the organisation with the store's clock at the given time.
func (e *i5) publishAt(o org.Org, at time.Time, f disclosure.Fields) disclosure.Document {
	e.t.Helper()
	e.db.Now = func() time.Time { return at }
	defer func() { e.db.Now = func() time.Time { return i5Now } }()
	d, err := e.db.CreateDocument(e.ctx, nil, o.ID, f)
	if err != nil {
		e.t.Fatal(err)
	}
	for _, a := range []disclosure.Action{disclosure.ActionSubmit, disclosure.ActionApprove, disclosure.ActionPublish} {
		if d, err = e.db.Transition(e.ctx, nil, d.ID, store.TransitionInput{Action: a}); err != nil {
			e.t.Fatal(err)
		}
	}
	return d
}

func wantIn(t *testing.T, what, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("%s: lacks %q", what, w)
		}
	}
}

func wantNotIn(t *testing.T, what, body string, unwanted ...string) {
	t.Helper()
	for _, w := range unwanted {
		if strings.Contains(body, w) {
			t.Errorf("%s: has %q", what, w)
		}
	}
}

func cellURL(year int, ref string, org string) string {
	u := "/console/reports/" + strconv.Itoa(year) + "/cells/" + url.PathEscape(ref)
	if org != "" {
		u += "?org=" + org
	}
	return u
}

// TestAnnualReportConsole: the draft prefilled from the year's facts, cells linked to their
// records, who may read, write and publish, a check that blocks publication naming the cell,
// publication, the downloads, the published JSON in the API and the roll-up of the area.
func TestAnnualReportConsole(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		e := newI5(t, db.Engine())
		// The province's 2025: two applications decided, one carried into 2026, a review of the
		// partial reply still pending, and a normative document published in April.
		a1 := e.apply(e.province, request.NaturalPerson, "2025-03-03", "2025年江南省本级一般公共预算支出明细")
		a2 := e.apply(e.province, request.Company, "2025-05-06", "江南省2024年招商引资优惠政策的兑现情况")
		a3 := e.apply(e.province, request.NaturalPerson, "2025-12-22", "江南省2025年第四季度财政收支情况")
		e.reply("jn-handler", a1, "2025-03-20", request.Reply{Type: request.ReplyDisclose, HowToObtain: "见附件"})
		e.reply("jn-handler", a2, "2025-05-20", request.Reply{Type: request.ReplyPartial, Explanation: "部分涉及商业秘密"})
		if _, err := e.db.AddAppeal(e.ctx, e.principal("jn-handler"), request.Appeal{RequestID: a2.ID, Kind: request.AppealReview, FiledOn: workday.MustParseDate("2025-06-10")}); err != nil {
			t.Fatal(err)
		}
		norm := e.publishAt(e.province, time.Date(2025, 4, 1, 2, 0, 0, 0, time.UTC), disclosure.Fields{Title: "江南省政府信息公开工作规定", DocNumber: "江南政规〔2025〕1号",
			Genre: disclosure.GenreNormative, Topic: "综合政务", WrittenOn: workd("2025-03-28"), BodyHTML: "<p>第一条</p>"})
		cityApp := e.apply(e.city, request.NaturalPerson, "2025-07-01", "临江市2025年老旧小区改造计划")

		admin, csrf := e.login("jn-admin")
		status, body, _ := e.get(admin, "/console/reports/2025")
		if status != 200 {
			t.Fatalf("report page: %d", status)
		}
		wantIn(t, "admin's report page", body, "江南省人民政府2025年政府信息公开工作年度报告", `name="overview"`, "2025年，江南省人民政府认真贯彻落实",
			"本年度新收政府信息公开申请3件", `name="licensing"`, `name="fees"`, "发布前检查", "第一部分“总体情况”尚未填写",
			`action="/console/reports/2025/publish"`, `href="/console/reports/2025.xlsx"`, `href="/console/rollup/2025"`)
		// Every computed cell with records links to them; the entered ones and empty ones do not.
		for _, ref := range []string{"三:一:1", "三:一:2", "三:三(一):1", "三:三(二):2", "三:四:1", "三:一:7", "四:四:4", "四:四:5", "二:normative:1", "二:normative:3"} {
			wantIn(t, "cell links", body, `href="`+cellURL(2025, ref, "")+`"`)
		}
		wantNotIn(t, "cell links", body, cellURL(2025, "二:licensing:1", ""), cellURL(2025, "三:一:3", ""))

		type cellCase struct {
			ref         string
			want, unwan []string
		}
		for _, c := range []cellCase{
			{"三:三(一):1", []string{a1.Number, "/console/requests/" + itoa64(a1.ID), "数值：1"}, []string{a2.Number, a3.Number}},
			{"三:一:7", []string{a1.Number, a2.Number, a3.Number, "数值：3"}, []string{cityApp.Number}},
			{"三:四:1", []string{a3.Number}, []string{a1.Number, a2.Number}},
			{"四:四:4", []string{a2.Number, "/console/requests/" + itoa64(a2.ID), "行政复议", "尚未审结"}, []string{a1.Number}},
			{"二:normative:1", []string{norm.Title, "/console/documents/" + itoa64(norm.ID), "江南政规〔2025〕1号"}, []string{e.pub.Title}},
		} {
			status, body, _ := e.get(admin, cellURL(2025, c.ref, ""))
			if status != 200 {
				t.Errorf("cell %s: %d", c.ref, status)
			}
			wantIn(t, "cell "+c.ref, body, c.want...)
			wantNotIn(t, "cell "+c.ref, body, c.unwan...)
		}
		if status, _, _ := e.get(admin, cellURL(2025, "五:x:1", "")); status != 404 {
			t.Errorf("unknown cell: %d", status)
		}
		if status, _, _ := e.get(admin, "/console/reports/2018"); status != 404 {
			t.Errorf("2018: %d", status)
		}

		// Other staff read; only the admin writes and publishes.
		ed, edCSRF := e.login("jn-editor")
		status, body, _ = e.get(ed, "/console/reports/2025")
		if status != 200 || strings.Contains(body, `name="overview"`) || !strings.Contains(body, "只读") {
			t.Errorf("editor's view: %d", status)
		}
		if status, _, _ := e.post(ed, "/console/reports/2025/publish", url.Values{"csrf": {edCSRF}}); status != http.StatusForbidden {
			t.Errorf("editor publishes: %d", status)
		}
		if status, _, _ := e.post(ed, "/console/reports/2025", url.Values{"csrf": {edCSRF}, "overview": {"<p>x</p>"}}); status != http.StatusForbidden {
			t.Errorf("editor saves: %d", status)
		}
		// The city's admin neither sees the province's draft nor its records; the province's
		// supervisor reads the city's report.
		cityAdmin, _ := e.login("lj-admin")
		for _, path := range []string{"/console/reports/2025?org=" + e.province.Code, cellURL(2025, "三:一:7", e.province.Code)} {
			if status, body, _ := e.get(cityAdmin, path); status != 404 || strings.Contains(body, a1.Number) {
				t.Errorf("city admin GET %s: %d", path, status)
			}
		}
		if _, body, _ := e.get(cityAdmin, "/console/reports/2025"); !strings.Contains(body, "临江市人民政府2025年政府信息公开工作年度报告") || !strings.Contains(body, `name="overview"`) {
			t.Error("the city admin's own report")
		}
		sup, _ := e.login("jn-supervisor")
		status, body, _ = e.get(sup, "/console/reports/2025?org="+e.city.Code)
		if status != 200 || !strings.Contains(body, "临江市人民政府2025年政府信息公开工作年度报告") || strings.Contains(body, `name="overview"`) ||
			!strings.Contains(body, cellURL(2025, "三:一:1", e.city.Code)) || !strings.Contains(body, `href="/console/reports/2025.xlsx?org=`+e.city.Code+`"`) {
			t.Errorf("supervisor reads the city's report: %d", status)
		}
		if _, body, _ := e.get(sup, cellURL(2025, "三:一:1", e.city.Code)); !strings.Contains(body, cityApp.Number) {
			t.Error("supervisor: the city's cell")
		}

		// Nothing is published yet.
		status, body, _ = e.get(nil, "/api/v1/orgs/"+e.province.Code+"/annual-reports/2025")
		if status != 404 || !strings.Contains(body, `"not_found"`) {
			t.Errorf("API before publication: %d %s", status, body)
		}
		if status, _, _ := e.get(nil, e.province.SitePath()+"annual-reports/2025"); status != 404 {
			t.Errorf("public page before publication: %d", status)
		}

		// Publication is refused while a check fails, with a message naming the cell.
		status, body, _ = e.post(admin, "/console/reports/2025/publish", url.Values{"csrf": {csrf}})
		if status != http.StatusConflict || !strings.Contains(body, "年度报告未通过发布前检查：第一部分“总体情况”尚未填写") {
			t.Errorf("publish without texts: %d", status)
		}
		form := url.Values{"csrf": {csrf}, "overview": {"<p>2025年，本机关认真贯彻条例。</p><script>alert(1)</script>"}, "problems": {"<p>主要问题是答复说理不够充分。</p>"},
			"other": {"<p>无。</p>"}, "licensing": {"-3"}, "penalty": {"8"}, "enforcement": {"0"}, "fees": {"12.35"}}
		if status, body, _ := e.post(admin, "/console/reports/2025", form); status != http.StatusSeeOther {
			t.Fatalf("save: %d %s", status, body)
		}
		_, body, _ = e.get(admin, "/console/reports/2025")
		const licensingCell = "表二 第二十条第（五）项 行政许可 本年处理决定数量"
		wantIn(t, "after saving", body, licensingCell+"：不能为负数（-3）", `value="12.35"`, "主要问题是答复说理不够充分", ">12.35</td>")
		wantNotIn(t, "after saving", body, "<script>alert", "第一部分“总体情况”尚未填写")
		status, body, _ = e.post(admin, "/console/reports/2025/publish", url.Values{"csrf": {csrf}})
		if status != http.StatusConflict || !strings.Contains(body, "年度报告未通过发布前检查："+licensingCell) {
			t.Errorf("publish with a negative cell: %d", status)
		}
		// A cell that is not a number is refused when saving, and the typed values stay.
		bad := url.Values{}
		for k, v := range form {
			bad[k] = v
		}
		bad.Set("penalty", "八")
		if status, body, _ := e.post(admin, "/console/reports/2025", bad); status != http.StatusBadRequest || !strings.Contains(body, "行政处罚 本年处理决定数量：请填写整数") || !strings.Contains(body, `value="八"`) {
			t.Errorf("save a word: %d", status)
		}
		form.Set("licensing", "3")
		if status, _, _ := e.post(admin, "/console/reports/2025", form); status != http.StatusSeeOther {
			t.Fatalf("save again: %d", status)
		}
		status, _, h := e.post(admin, "/console/reports/2025/publish", url.Values{"csrf": {csrf}})
		if status != http.StatusSeeOther || !strings.Contains(h.Get("Location"), "ok=") {
			t.Fatalf("publish: %d", status)
		}
		_, body, _ = e.get(admin, "/console/reports/2025")
		wantIn(t, "published", body, "已于", "已发布的年度报告", "查看公开的年度报告")
		wantNotIn(t, "published", body, `name="overview"`, "发布前检查")
		if status, _, _ := e.post(admin, "/console/reports/2025", form); status != http.StatusConflict {
			t.Errorf("save after publication: %d", status)
		}

		// The API serves the report as issued.
		status, body, h = e.get(nil, "/api/v1/orgs/"+e.province.Code+"/annual-reports/2025")
		var j struct {
			Schema  string `json:"schema"`
			Title   string `json:"title"`
			Summary struct {
				Received, Decided, Pending, Appeals int
			} `json:"summary"`
			Table2 struct {
				Groups []struct {
					Rows []struct {
						ID    string        `json:"id"`
						Cells []json.Number `json:"cells"`
					} `json:"rows"`
				} `json:"groups"`
			} `json:"table2"`
		}
		if status != 200 || !strings.HasPrefix(h.Get("Content-Type"), "application/json") {
			t.Fatalf("API: %d %s", status, body)
		}
		if err := json.Unmarshal([]byte(body), &j); err != nil {
			t.Fatal(err)
		}
		if j.Schema != "gongkai.annual-report/2021" || j.Title != "江南省人民政府2025年政府信息公开工作年度报告" || j.Summary.Received != 3 || j.Summary.Decided != 2 ||
			j.Summary.Pending != 1 || j.Summary.Appeals != 1 {
			t.Errorf("API JSON: %+v", j)
		}
		fees := ""
		for _, g := range j.Table2.Groups {
			for _, r := range g.Rows {
				if r.ID == "fees" {
					fees = r.Cells[0].String()
				}
			}
		}
		if fees != "12.35" {
			t.Errorf("fees in the JSON: %q", fees)
		}
		if status, _, _ := e.get(nil, "/api/v1/orgs/"+e.province.Code+"/annual-reports/2024"); status != 404 {
			t.Errorf("API, another year: %d", status)
		}

		// Downloads: the console's and the public's, as issued.
		for _, c := range []struct {
			client *http.Client
			path   string
		}{{admin, "/console/reports/2025.xlsx"}, {nil, e.province.SitePath() + "annual-reports/2025.xlsx"}} {
			status, body, h := e.get(c.client, c.path)
			if status != 200 || h.Get("Content-Type") != xlsxType || !strings.Contains(h.Get("Content-Disposition"), "attachment") {
				t.Fatalf("GET %s: %d %q", c.path, status, h.Get("Content-Type"))
			}
			f, err := excelize.OpenReader(strings.NewReader(body))
			if err != nil {
				t.Fatalf("%s: %v", c.path, err)
			}
			if got := f.GetSheetList(); strings.Join(got, ",") != "表二,表三,表四" {
				t.Errorf("%s sheets: %v", c.path, got)
			}
			title, _ := f.GetCellValue("表三", "A1")
			if !strings.Contains(title, "江南省人民政府2025年政府信息公开工作年度报告") {
				t.Errorf("%s title: %q", c.path, title)
			}
			f.Close()
		}
		for _, path := range []string{"/console/reports/2025.docx", "/console/reports/2025.json"} {
			status, body, _ := e.get(admin, path)
			if status != 200 || (strings.HasSuffix(path, ".docx") && !strings.HasPrefix(body, "PK")) || (strings.HasSuffix(path, ".json") && !strings.Contains(body, `"gongkai.annual-report/2021"`)) {
				t.Errorf("GET %s: %d", path, status)
			}
		}
		status, body, _ = e.get(nil, e.province.SitePath()+"annual-reports/2025")
		wantIn(t, "public report page", body, "江南省人民政府2025年政府信息公开工作年度报告", "annual-reports/2025.docx", "/d/", "12.35")
		if status != 200 {
			t.Errorf("public report page: %d", status)
		}
		// The report is a document in the 年报 column.
		_, body, _ = e.get(nil, e.province.SitePath()+"c/annual-reports")
		wantIn(t, "年报 column", body, "江南省人民政府2025年政府信息公开工作年度报告")

		// The roll-up of the province: every organisation with its figures and publication status.
		status, body, _ = e.get(sup, "/console/rollup/2025")
		if status != 200 {
			t.Fatalf("rollup: %d", status)
		}
		wantIn(t, "rollup", body, "江南省人民政府2025年度报告汇总", "本地区共 3 个机构：按期发布 0 个，逾期发布 1 个，逾期未发布 2 个",
			"东湖县人民政府", "2026-03-31", `href="/console/reports/2025?org=`+e.city.Code+`"`, "/console/rollup/2025/cells/")
		rowOf := func(body, name string) string {
			i := strings.Index(body, ">"+name+"<")
			if i < 0 {
				return ""
			}
			j := strings.Index(body[i:], "</tr>")
			return body[i : i+j]
		}
		if row := rowOf(body, "江南省人民政府"); !strings.Contains(row, "<td>3</td><td>2</td><td>1</td><td>1</td>") || !strings.Contains(row, "逾期发布") {
			t.Errorf("province's row: %s", row)
		}
		if row := rowOf(body, "临江市人民政府"); !strings.Contains(row, "<td>1</td><td>0</td><td>1</td><td>0</td>") || !strings.Contains(row, "逾期未发布") {
			t.Errorf("city's row: %s", row)
		}
		// A cell of the aggregated tables leads to each organisation's number, and on to its records.
		status, body, _ = e.get(sup, "/console/rollup/2025/cells/"+url.PathEscape("三:一:7"))
		if status != 200 || !strings.Contains(body, "合计：4") || !strings.Contains(body, cellURL(2025, "三:一:7", e.city.Code)) {
			t.Errorf("rollup cell: %d", status)
		}
		// A government's admin sees its own area; an editor does not; nobody sees above.
		if status, body, _ := e.get(cityAdmin, "/console/rollup/2025"); status != 200 || !strings.Contains(body, "东湖县人民政府") || strings.Contains(body, "江南省人民政府2025") {
			t.Errorf("city admin's rollup: %d", status)
		}
		if status, _, _ := e.get(cityAdmin, "/console/rollup/2025?org="+e.province.Code); status != 404 {
			t.Errorf("city admin, province rollup: %d", status)
		}
		if status, _, _ := e.get(ed, "/console/rollup/2025"); status != http.StatusForbidden {
			t.Errorf("editor's rollup: %d", status)
		}
	})
}

func workd(s string) workday.Date { return workday.MustParseDate(s) }

// TestLedgerConsole: assigning down the tree, the owner's progress with evidence and status,
// the supervisor's review, and the year-end review with a carry-over.
func TestLedgerConsole(t *testing.T) {
	e := newI5(t, store.SQLite)
	sup, supCSRF := e.login("jn-supervisor")
	status, body, _ := e.get(sup, "/console/ledger")
	if status != 200 || !strings.Contains(body, `action="/console/ledger/tasks"`) || !strings.Contains(body, "东湖县人民政府") {
		t.Fatalf("supervisor's ledger: %d", status)
	}
	assign := url.Values{"csrf": {supCSRF}, "title": {"公开本级政府重大行政决策事项目录"}, "detail": {"年内公开目录并征求意见"}, "source": {"江南省2026年政务公开工作要点"},
		"clause": {"二、（五）"}, "year": {"2026"}, "deadline": {"2026-06-30"}, "owner": {itoa64(e.city.ID), itoa64(e.county.ID)}}
	// Invalid input keeps what was typed.
	badAssign := url.Values{}
	for k, v := range assign {
		badAssign[k] = v
	}
	badAssign.Set("deadline", "明年某天")
	if status, body, _ := e.post(sup, "/console/ledger/tasks", badAssign); status != http.StatusBadRequest || !strings.Contains(body, "无法识别") || !strings.Contains(body, "公开本级政府重大行政决策事项目录") {
		t.Errorf("bad deadline: %d", status)
	}
	if status, _, _ := e.post(sup, "/console/ledger/tasks", assign); status != http.StatusSeeOther {
		t.Fatalf("assign: %d", status)
	}
	tasks, err := e.db.Tasks(e.ctx, store.TaskFilter{Year: 2026})
	if err != nil || len(tasks) != 2 {
		t.Fatalf("tasks: %d %v", len(tasks), err)
	}
	var countyTask, cityTask ledger.Task
	for _, tk := range tasks {
		if tk.AssignedBy != e.province.ID {
			t.Errorf("task %d assigned by %d", tk.ID, tk.AssignedBy)
		}
		if tk.OwnerOrgID == e.county.ID {
			countyTask = tk
		} else {
			cityTask = tk
		}
	}
	countyURL := "/console/ledger/tasks/" + itoa64(countyTask.ID)
	// The province's admin lists the tasks its organisation assigned (it reviews them).
	if _, body, _ := e.get(e.mustLogin("jn-admin"), "/console/ledger?year=2026"); !strings.Contains(body, countyURL) {
		t.Error("the assigning organisation's admin does not see the tasks it assigned")
	}
	// Only admins and supervisors keep the ledger.
	ed, edCSRF := e.login("jn-editor")
	assign.Set("csrf", edCSRF)
	if status, _, _ := e.post(ed, "/console/ledger/tasks", assign); status != http.StatusForbidden {
		t.Errorf("editor assigns: %d", status)
	}
	// The county sees its own task, overdue in red, and not the city's.
	dh, dhCSRF := e.login("dh-admin")
	_, body, _ = e.get(dh, "/console/ledger?year=2026")
	wantIn(t, "county ledger", body, countyURL, `class="ls ls-overdue"`, "江南省人民政府", "逾期（1）")
	wantNotIn(t, "county ledger", body, "/console/ledger/tasks/"+itoa64(cityTask.ID))
	// The county keeps tasks of its own only: it assigns to nobody else.
	if !strings.Contains(body, `<option value="`+itoa64(e.county.ID)+`"`) || strings.Contains(body, `<option value="`+itoa64(e.city.ID)+`"`) {
		t.Error("the county's assignment form offers other organisations")
	}
	if status, _, _ := e.get(dh, "/console/ledger/tasks/"+itoa64(cityTask.ID)); status != 404 {
		t.Errorf("county reads the city's task: %d", status)
	}
	// The owner reports progress with evidence: a published document by number and a web page.
	status, body, _ = e.get(dh, countyURL)
	if status != 200 || !strings.Contains(body, `/progress"`) || !strings.Contains(body, "标为推进中") || strings.Contains(body, "要求整改") {
		t.Fatalf("owner's task page: %d", status)
	}
	progress := url.Values{"csrf": {dhCSRF}, "on": {"2026-05-10"}, "text": {"已起草目录，正在征求意见"},
		"evidence": {itoa64(e.pub.ID) + "\nhttps://www.example.cn/mulu.html 目录征求意见稿"}}
	for _, bad := range []struct{ evidence, want string }{{"abc", "网址"}, {itoa64(e.draft.ID), "不存在或尚未公开"}} {
		v := url.Values{"csrf": {dhCSRF}, "on": {"2026-05-10"}, "text": {"进展"}, "evidence": {bad.evidence}}
		if status, body, _ := e.post(dh, countyURL+"/progress", v); status != http.StatusBadRequest || !strings.Contains(body, bad.want) {
			t.Errorf("evidence %q: %d", bad.evidence, status)
		}
	}
	if status, _, _ := e.post(dh, countyURL+"/progress", progress); status != http.StatusSeeOther {
		t.Fatalf("progress: %d", status)
	}
	_, body, _ = e.get(dh, countyURL)
	wantIn(t, "progress", body, "已起草目录，正在征求意见", `href="/d/`+itoa64(e.pub.ID)+`"`, e.pub.Title, `href="https://www.example.cn/mulu.html"`, "目录征求意见稿")
	// The city cannot report on the county's task; the supervisor reviews, it does not report.
	lj, ljCSRF := e.login("lj-admin")
	if status, _, _ := e.post(lj, countyURL+"/progress", url.Values{"csrf": {ljCSRF}, "on": {"2026-05-10"}, "text": {"代报"}}); status != 404 {
		t.Errorf("city reports on the county's task: %d", status)
	}
	progress.Set("csrf", supCSRF)
	if status, _, _ := e.post(sup, countyURL+"/progress", progress); status != http.StatusForbidden {
		t.Errorf("supervisor reports: %d", status)
	}
	// The owner moves the task; the supervisor asks for rectification (a note is required).
	for _, st := range []string{"in_progress", "done"} {
		if status, _, _ := e.post(dh, countyURL+"/status", url.Values{"csrf": {dhCSRF}, "status": {st}}); status != http.StatusSeeOther {
			t.Fatalf("owner → %s: %d", st, status)
		}
	}
	_, body, _ = e.get(sup, countyURL)
	wantIn(t, "supervisor's task page", body, `id="task-status">已完成`, "要求整改", "重新打开")
	wantNotIn(t, "supervisor's task page", body, `/progress"`)
	if status, _, _ := e.post(sup, countyURL+"/status", url.Values{"csrf": {supCSRF}, "status": {"needs_rectification"}}); status != http.StatusBadRequest {
		t.Errorf("rectification without a note: %d", status)
	}
	if status, _, _ := e.post(sup, countyURL+"/status", url.Values{"csrf": {supCSRF}, "status": {"needs_rectification"}, "note": {"目录未标注征求意见结果"}}); status != http.StatusSeeOther {
		t.Fatalf("rectification: %d", status)
	}
	if status, _, _ := e.post(dh, countyURL+"/status", url.Values{"csrf": {dhCSRF}, "status": {"done"}}); status != http.StatusBadRequest {
		t.Errorf("done straight from 需整改: %d", status)
	}
	if status, _, _ := e.post(dh, countyURL+"/status", url.Values{"csrf": {dhCSRF}, "status": {"overdue"}}); status != http.StatusBadRequest {
		t.Errorf("overdue by hand: %d", status)
	}
	_, body, _ = e.get(dh, countyURL)
	// Past its deadline the task keeps showing 需整改 (the supervisor's requirement must stay
	// visible), marked 逾期 as well.
	wantIn(t, "after review", body, `id="task-note">目录未标注征求意见结果`, `id="task-status">需整改`, `id="task-overdue">逾期`)
	wantNotIn(t, "after review", body, `id="task-status">逾期`)
	_, body, _ = e.get(dh, "/console/ledger?year=2026")
	wantIn(t, "county ledger after review", body, `<span class="ls ls-needs_rectification">需整改</span> <span class="ls ls-overdue">逾期</span>`, "需整改（1）")

	// Year-end review: counts per organisation; the supervisor carries the city's task into 2027.
	status, body, _ = e.get(sup, "/console/ledger/review?year=2026")
	if status != 200 {
		t.Fatalf("review: %d", status)
	}
	wantIn(t, "review", body, "共 2 项任务：已完成 0 项，逾期 1 项，推进中 0 项，未开始 0 项，需整改 1 项。",
		`<span class="ls ls-needs_rectification">需整改</span> <span class="ls ls-overdue">逾期</span>`, "临江市人民政府", "东湖县人民政府",
		`action="/console/ledger/tasks/`+itoa64(cityTask.ID)+`/carry"`)
	carry := "/console/ledger/tasks/" + itoa64(cityTask.ID) + "/carry"
	if status, _, _ := e.post(sup, carry, url.Values{"csrf": {supCSRF}}); status != http.StatusBadRequest {
		t.Errorf("carry without a note: %d", status)
	}
	if status, _, _ := e.post(lj, carry, url.Values{"csrf": {ljCSRF}, "note": {"自行结转"}}); status != http.StatusForbidden {
		t.Errorf("owner carries an assigned task: %d", status)
	}
	if status, _, _ := e.post(sup, carry, url.Values{"csrf": {supCSRF}, "note": {"2026年未启动，2027年一季度完成"}, "deadline": {"2027-03-31"}}); status != http.StatusSeeOther {
		t.Fatalf("carry: %d", status)
	}
	if status, _, _ := e.post(sup, carry, url.Values{"csrf": {supCSRF}, "note": {"再次结转"}}); status != http.StatusConflict {
		t.Errorf("carried twice: %d", status)
	}
	next, _ := e.db.Tasks(e.ctx, store.TaskFilter{Year: 2027})
	if len(next) != 1 || next[0].CarriedFrom != cityTask.ID || next[0].RectificationNote != "2026年未启动，2027年一季度完成" || next[0].Due().String() != "2027-03-31" {
		t.Fatalf("carried: %+v", next)
	}
	_, body, _ = e.get(sup, "/console/ledger/review?year=2026")
	wantIn(t, "review after carrying", body, "已结转至2027年")
	_, body, _ = e.get(lj, "/console/ledger/tasks/"+itoa64(next[0].ID))
	wantIn(t, "carried task", body, "结转自", "2026年：公开本级政府重大行政决策事项目录", "2026年未启动，2027年一季度完成")
	_, body, _ = e.get(lj, "/console/ledger/review?year=2026")
	wantIn(t, "owner's review", body, "已结转至2027年")
}

// dashRowOf is a dashboard row, found by its organisation's code.
func dashRowOf(body, code string) string {
	i := strings.Index(body, `data-org="`+code+`"`)
	if i < 0 {
		return ""
	}
	j := strings.Index(body[i:], "</tr>")
	return body[i : i+j]
}

var dashNumRE = regexp.MustCompile(`class="num num-([a-z]+)[^"]*" href="([^"]+)">(\d+)<`)

// dashNumbers reads a row's numbers and their links.
func dashNumbers(row string) (map[string]int, map[string]string) {
	n, links := map[string]int{}, map[string]string{}
	for _, m := range dashNumRE.FindAllStringSubmatch(row, -1) {
		n[m[1]], _ = strconv.Atoi(m[3])
		links[m[1]] = strings.ReplaceAll(m[2], "&amp;", "&")
	}
	return n, links
}

// dashFixture gives the tree something to supervise: in the county an overdue application, one
// due within 3 working days and an overdue ledger task; in the city a proactive document past
// the Art. 26 deadline and a policy without an interpretation; in the province a normative
// document with its interpretation (and newEnv's old draft, past the deadline too).
type dashFixture struct {
	overdue, soon store.Request
	cityDraft     disclosure.Document
	policy        disclosure.Document
	task          ledger.Task
}

func (e *i5) dashFixture() dashFixture {
	e.t.Helper()
	var f dashFixture
	f.overdue = e.apply(e.county, request.NaturalPerson, "2026-09-01", "东湖县2026年农村道路建设资金使用情况")
	f.soon = e.apply(e.county, request.Company, "2026-10-30", "东湖县2026年政府采购意向")
	var err error
	f.cityDraft, err = e.db.CreateDocument(e.ctx, nil, e.city.ID, disclosure.Fields{Title: "临江市2026年第三季度重大项目进展", Genre: disclosure.GenreNotice,
		MadeOn: workd("2026-09-01")})
	if err != nil {
		e.t.Fatal(err)
	}
	f.policy = e.publishAt(e.city, time.Date(2026, 10, 15, 2, 0, 0, 0, time.UTC), disclosure.Fields{Title: "临江市促进民营经济发展若干措施",
		Genre: disclosure.GenrePolicy, Topic: "综合政务", WrittenOn: workd("2026-10-10"), BodyHTML: "<p>一、总体要求</p>"})
	norm := e.publishAt(e.province, time.Date(2026, 10, 20, 2, 0, 0, 0, time.UTC), disclosure.Fields{Title: "江南省行政规范性文件管理办法",
		DocNumber: "江南政规〔2026〕2号", Genre: disclosure.GenreNormative, Topic: "综合政务", WrittenOn: workd("2026-10-18"), BodyHTML: "<p>第一条</p>"})
	interp := e.publishAt(e.province, time.Date(2026, 10, 20, 3, 0, 0, 0, time.UTC), disclosure.Fields{Title: "《江南省行政规范性文件管理办法》解读",
		Genre: disclosure.GenreInterpretation, Topic: "综合政务", WrittenOn: workd("2026-10-18"), BodyHTML: "<p>解读</p>"})
	if err := e.db.AddRelation(e.ctx, nil, interp.ID, disclosure.RelInterprets, norm.ID); err != nil {
		e.t.Fatal(err)
	}
	tasks, err := e.db.CreateTasks(e.ctx, e.principal("jn-supervisor"), []ledger.Task{{Title: "更新东湖县政府信息公开指南", OwnerOrgID: e.county.ID, Year: 2026,
		Deadline: ledger.On(workd("2026-06-30"))}})
	if err != nil {
		e.t.Fatal(err)
	}
	f.task = tasks[0]
	return f
}

// TestDashboard: the numbers of a three-level tree, each linked to its list, the drill-down,
// sorting, the export and the charts.
func TestDashboard(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		e := newI5(t, db.Engine())
		f := e.dashFixture()
		sup, _ := e.login("jn-supervisor")
		status, body, _ := e.get(sup, "/console/dashboard")
		if status != 200 {
			t.Fatalf("dashboard: %d", status)
		}
		wantIn(t, "dashboard", body, "督查看板：江南省人民政府", `href="/console/dashboard?org=`+e.city.Code+`"`, "/console/dashboard.xlsx", "2025年度报告按期发布")
		for _, c := range []struct {
			code string
			want map[string]int
		}{
			{e.province.Code, map[string]int{"overdue": 0, "soon": 0, "proactive": 1, "uninterpreted": 0, "tasks": 0}},
			{e.city.Code, map[string]int{"overdue": 1, "soon": 1, "proactive": 1, "uninterpreted": 1, "tasks": 1}},
		} {
			got, links := dashNumbers(dashRowOf(body, c.code))
			for k, want := range c.want {
				if got[k] != want {
					t.Errorf("province dashboard, row %s, %s = %d, want %d", c.code, k, got[k], want)
				}
				if !strings.HasPrefix(links[k], "/console/dashboard/list/"+k+"?org="+c.code) {
					t.Errorf("row %s, %s links to %q", c.code, k, links[k])
				}
			}
		}
		if row := dashRowOf(body, e.city.Code); !strings.Contains(row, "0 / 2") || !strings.Contains(row, "逾期未发布 2") {
			t.Errorf("city's annual reports: %s", row)
		}
		// Drill into the city, then the county.
		_, body, _ = e.get(sup, "/console/dashboard?org="+e.city.Code)
		wantIn(t, "city dashboard", body, "督查看板：临江市人民政府", `href="/console/dashboard?org=`+e.county.Code+`"`, `href="/console/dashboard?org=`+e.province.Code+`"`)
		got, _ := dashNumbers(dashRowOf(body, e.city.Code))
		if got["overdue"] != 0 || got["proactive"] != 1 || got["uninterpreted"] != 1 {
			t.Errorf("the city's own row: %v", got)
		}
		got, links := dashNumbers(dashRowOf(body, e.county.Code))
		if got["overdue"] != 1 || got["soon"] != 1 || got["tasks"] != 1 || got["proactive"] != 0 {
			t.Errorf("the county's row: %v", got)
		}
		// The lists behind the numbers.
		for _, c := range []struct {
			path        string
			want, unwan []string
		}{
			{links["overdue"], []string{f.overdue.Number, "/console/requests/" + itoa64(f.overdue.ID), `class="u-overdue"`, `id="dash-list-total">共 1 件申请，第 1 页。`},
				[]string{f.soon.Number, `rel="next"`}},
			{links["soon"], []string{f.soon.Number, `class="u-soon"`}, []string{f.overdue.Number}},
			{links["tasks"], []string{f.task.Title, "/console/ledger/tasks/" + itoa64(f.task.ID), "逾期"}, nil},
			{"/console/dashboard/list/uninterpreted?org=" + e.province.Code, []string{f.policy.Title}, []string{"江南省行政规范性文件管理办法"}},
			{"/console/dashboard/list/proactive?org=" + e.city.Code + "&self=1", []string{f.cityDraft.Title, "/console/documents/" + itoa64(f.cityDraft.ID)}, []string{e.draft.Title}},
			{"/console/dashboard/list/proactive?org=" + e.province.Code + "&self=1", []string{e.draft.Title}, []string{f.cityDraft.Title}},
		} {
			status, body, _ := e.get(sup, c.path)
			if status != 200 {
				t.Errorf("GET %s: %d", c.path, status)
			}
			wantIn(t, c.path, body, c.want...)
			wantNotIn(t, c.path, body, c.unwan...)
		}
		if status, _, _ := e.get(sup, "/console/dashboard/list/nope?org="+e.city.Code); status != 404 {
			t.Errorf("unknown list: %d", status)
		}
		// Sorting by a column, both ways, without JavaScript.
		_, body, _ = e.get(sup, "/console/dashboard?sort=overdue&dir=desc")
		wantIn(t, "sorted", body, `aria-sort="descending"`, `href="/console/dashboard?dir=asc&amp;sort=overdue"`)
		if status, _, _ := e.get(sup, "/console/dashboard?sort=evil"); status != http.StatusBadRequest {
			t.Errorf("bad sort: %d", status)
		}
		// Only supervisors, and only their subtree.
		ed, _ := e.login("lj-editor")
		if status, _, _ := e.get(ed, "/console/dashboard"); status != http.StatusForbidden {
			t.Errorf("editor's dashboard: %d", status)
		}
		citySup, _ := e.login("lj-supervisor")
		if status, _, _ := e.get(citySup, "/console/dashboard?org="+e.province.Code); status != 404 {
			t.Errorf("city supervisor, province dashboard: %d", status)
		}
		if status, _, _ := e.get(citySup, "/console/dashboard/list/overdue?org="+e.province.Code); status != 404 {
			t.Errorf("city supervisor, province list: %d", status)
		}

		// The charts: well-formed SVG with a title and a description, and the right figures.
		_, body, _ = e.get(sup, "/console/dashboard")
		svgs := regexp.MustCompile(`(?s)<svg .*?</svg>`).FindAllString(body, -1)
		if len(svgs) != 2 {
			t.Fatalf("%d charts", len(svgs))
		}
		for _, svg := range svgs {
			var doc struct {
				XMLName xml.Name
				Title   string `xml:"title"`
				Desc    string `xml:"desc"`
				Rects   []struct {
					Title string `xml:"title"`
				} `xml:"rect"`
			}
			if err := xml.Unmarshal([]byte(svg), &doc); err != nil {
				t.Fatalf("SVG is not well-formed XML: %v\n%s", err, svg)
			}
			if doc.XMLName.Local != "svg" || doc.Title == "" || doc.Desc == "" || !strings.Contains(svg, `role="img"`) {
				t.Errorf("SVG lacks title or description: %+v", doc.XMLName)
			}
			var bars []string
			for _, r := range doc.Rects {
				if r.Title != "" {
					bars = append(bars, r.Title)
				}
			}
			joined := strings.Join(bars, "|")
			switch {
			case strings.Contains(svg, "chart-requests"):
				if len(bars) != 24 || !strings.Contains(joined, "2026-09 收到申请：1") || !strings.Contains(joined, "2026-10 收到申请：1") || !strings.Contains(joined, "2025-12 作出答复：0") {
					t.Errorf("requests chart: %s", joined)
				}
			case strings.Contains(svg, "chart-documents"):
				if len(bars) != 12 || !strings.Contains(joined, "2026-10 发布文件：3") {
					t.Errorf("documents chart: %s", joined)
				}
			default:
				t.Errorf("unknown chart")
			}
		}
		wantIn(t, "chart data table", body, "查看数据表", "<th scope=\"row\">2026-10</th>")

		// The export opens in excelize with the same figures.
		status, xl, h := e.get(sup, "/console/dashboard.xlsx?org="+e.city.Code)
		if status != 200 || h.Get("Content-Type") != xlsxType {
			t.Fatalf("export: %d %q", status, h.Get("Content-Type"))
		}
		wb, err := excelize.OpenReader(strings.NewReader(xl))
		if err != nil {
			t.Fatal(err)
		}
		defer wb.Close()
		rows, err := wb.GetRows("督查看板")
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, r := range rows {
			if len(r) > 5 && r[0] == "东湖县人民政府" {
				found = true
				if r[1] != "1" || r[2] != "1" || r[5] != "1" {
					t.Errorf("county's exported row: %v", r)
				}
			}
		}
		if !found || len(rows) < 5 || !strings.Contains(rows[0][0], "临江市人民政府") {
			t.Errorf("export rows: %v", rows)
		}
		if trend, err := wb.GetRows("月度趋势"); err != nil || len(trend) != 13 {
			t.Errorf("trend sheet: %d rows %v", len(trend), err)
		}
	})
}

// TestIssue5InEnglish: the pages of issue 5 in English.
func TestIssue5InEnglish(t *testing.T) {
	e := newI5(t, store.SQLite)
	e.dashFixture()
	sup, _ := e.login("jn-supervisor")
	if _, _, h := e.get(sup, "/prefs/lang?l=en&next=/console/dashboard"); h.Get("Location") != "/console/dashboard" {
		t.Fatal("language switch")
	}
	for _, c := range []struct {
		path string
		want []string
	}{
		{"/console/dashboard", []string{"Supervision Dashboard: 江南省人民政府", "Applications overdue", "Trends over the last 12 months", "2026-09 Applications received: 1", "Export XLSX"}},
		{"/console/dashboard/list/overdue?org=" + e.county.Code, []string{"Applications overdue", "Back to the dashboard"}},
		{"/console/ledger", []string{"Task Ledger 2026", "Overdue (1)", "Assign or add a task"}},
		{"/console/ledger/review", []string{"Year-End Review of the 2026 Task Ledger", "Unfinished tasks"}},
		{"/console/reports/2025?org=" + e.city.Code, []string{"Annual Report on Government Information Disclosure for 2025", "Checks before publication", "Read only"}},
		{"/console/rollup/2025", []string{"Roll-up of the Annual Reports for 2025", "Not published, deadline passed"}},
	} {
		status, body, _ := e.get(sup, c.path)
		if status != 200 {
			t.Errorf("GET %s in English: %d", c.path, status)
		}
		wantIn(t, c.path+" in English", body, c.want...)
	}
}

// TestIssue5KeysTranslated: the page titles, flash and error messages and the texts given to t
// and tf in issue 5's Go files have English entries, and so do the labels its pages show.
func TestIssue5KeysTranslated(t *testing.T) {
	checkGoTexts(t, 60, "report_web.go", "ledger_web.go", "dashboard_web.go")
	var labels []string
	for _, s := range ledger.DisplayStatuses() {
		labels = append(labels, s.Label())
	}
	for _, k := range []ledger.EvidenceKind{ledger.EvidenceDocument, ledger.EvidenceAttachment, ledger.EvidenceLink} {
		labels = append(labels, k.Label())
	}
	for _, k := range request.AppealKinds() {
		labels = append(labels, k.Label())
	}
	for _, o := range request.AppealOutcomes() {
		labels = append(labels, o.Label())
	}
	for _, s := range []request.Status{request.StatusPending, request.StatusPaused, request.StatusOverdue, request.StatusEnded} {
		labels = append(labels, s.Label())
	}
	for _, k := range request.ApplicantKinds() {
		labels = append(labels, k.Label())
	}
	for _, g := range interpretedGenres {
		labels = append(labels, g.Label())
	}
	for _, l := range labels {
		if _, ok := english[l]; !ok || l == "" {
			t.Errorf("no English for the label %q", l)
		}
	}
	// The report's own texts are not translated, but the catalog must not shadow them by accident.
	for _, s := range report.SectionTitles() {
		if _, ok := issue5English[s]; ok {
			t.Errorf("the catalog translates the report's section title %q", s)
		}
	}
}

// TestBarChart: the SVG is well-formed for empty and large series, with a rounded axis.
func TestBarChart(t *testing.T) {
	for _, c := range []chartData{
		{ID: "a", Title: "标题 <&>", Desc: "说明", Labels: []string{"2026-01", "2026-02"}, Series: []chartSeries{{Name: "甲", Fill: "#000", Values: []int{0, 0}}}},
		{ID: "b", Title: "t", Desc: "d", Labels: lastMonths(workd("2026-03-15")), Series: []chartSeries{{Name: "x", Fill: "#111", Values: []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 1234}}, {Name: "y", Fill: "#222"}}},
		{ID: "c", Title: "t", Desc: "d"},
	} {
		svg := string(barChart(c))
		dec := xml.NewDecoder(strings.NewReader(svg))
		for {
			_, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("chart %s: %v\n%s", c.ID, err, svg)
			}
		}
	}
	if got := lastMonths(workd("2026-03-15")); got[0] != "2025-04" || got[11] != "2026-03" || len(got) != 12 {
		t.Errorf("lastMonths: %v", got)
	}
	for in, want := range map[int]int{0: 4, 3: 4, 5: 5, 7: 10, 11: 20, 1234: 2000, 50: 50} {
		if got := niceCeil(in); got != want {
			t.Errorf("niceCeil(%d) = %d, want %d", in, got, want)
		}
	}
}

// TestReportFromJSON: the issued JSON reads back into the same report.
func TestReportFromJSON(t *testing.T) {
	in := report.Inputs{Manual: report.Manual{Licensing: 12, Penalty: 3, Fees: 12_350_000}, Overview: "<p>总体</p>",
		Applications: []report.Application{{ID: 1, Kind: request.NaturalPerson, ReceivedOn: workd("2025-03-01"), EndedOn: workd("2025-03-20"), Row: "三(一)"},
			{ID: 2, Kind: request.Company, ReceivedOn: workd("2025-12-20")}},
		Appeals: []report.Appeal{{ID: 1, Kind: request.AppealReview, FiledOn: workd("2025-05-01")}}}
	for _, year := range []int{2025, 2020} {
		r := report.Compute("某局", year, in)
		b, err := report.JSON(r)
		if err != nil {
			t.Fatal(err)
		}
		back, err := reportFromJSON(b)
		if err != nil {
			t.Fatal(err)
		}
		b2, _ := report.JSON(back)
		if !bytes.Equal(b, b2) {
			t.Errorf("%d: the report read back differs:\n%s\n%s", year, b, b2)
		}
	}
	if _, err := reportFromJSON([]byte(`{"format":"1999"}`)); err == nil {
		t.Error("unknown format accepted")
	}
}
