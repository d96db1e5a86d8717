package demo

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"gongkai/internal/disclosure"
	"gongkai/internal/ledger"
	"gongkai/internal/org"
	"gongkai/internal/request"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
	"gongkai/internal/workday"
)

// counts summarises what is in a store, to compare before and after a second Load.
type counts struct {
	orgs, users, docs, public int
	requests, tasks           int
}

func countAll(t *testing.T, db *store.DB) counts {
	t.Helper()
	ctx := context.Background()
	orgs, err := db.Orgs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	c := counts{orgs: len(orgs)}
	for _, o := range orgs {
		us, err := db.Users(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		c.users += len(us)
	}
	all, err := db.Documents(ctx, store.DocumentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	pub, err := db.Documents(ctx, store.DocumentFilter{Public: true})
	if err != nil {
		t.Fatal(err)
	}
	c.docs, c.public = all.Total, pub.Total
	var ids []int64
	for _, o := range orgs {
		ids = append(ids, o.ID)
	}
	reqs, err := db.Requests(ctx, store.RequestFilter{OrgIDs: ids, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	tasks, err := db.Tasks(ctx, store.TaskFilter{})
	if err != nil {
		t.Fatal(err)
	}
	c.requests, c.tasks = len(reqs), len(tasks)
	return c
}

// allDocuments lists every document matching f.
func allDocuments(t *testing.T, db *store.DB, f store.DocumentFilter) []disclosure.Document {
	t.Helper()
	f.Limit = 100
	var out []disclosure.Document
	for {
		page, err := db.Documents(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, page.Documents...)
		if page.NextCursor == "" {
			return out
		}
		f.Cursor = page.NextCursor
	}
}

func TestLoad(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		dir := t.TempDir()
		var out bytes.Buffer
		start := time.Now()
		loaded, err := Load(ctx, db, dir, &out)
		if err != nil {
			t.Fatalf("Load: %v", err)
		}
		took := time.Since(start)
		t.Logf("%s: first load took %v", db.Engine(), took)
		if !loaded {
			t.Fatal("first Load returned false")
		}
		if db.Now().Sub(time.Now()).Abs() > time.Minute {
			t.Errorf("the store's clock was not restored: %v", db.Now())
		}

		// The accounts: printed, saved with mode 0600, and valid.
		path := filepath.Join(dir, AccountsFile)
		st, err := os.Stat(path)
		if err != nil {
			t.Fatalf("accounts file: %v", err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("accounts file mode = %v, want 0600", st.Mode().Perm())
		}
		saved, _ := os.ReadFile(path)
		printed := out.String()
		for _, want := range []string{"机构", "角色", "用户名", "密码", "lj-editor", "gwyb-admin", "ljdh-qsz-supervisor", path} {
			if !strings.Contains(printed, want) {
				t.Errorf("output lacks %q", want)
			}
		}
		password := accountPassword(t, string(saved), "lj-editor")
		if err := org.ValidatePassword(password); err != nil {
			t.Errorf("password %q: %v", password, err)
		}
		if !strings.Contains(printed, password) {
			t.Error("the printed table and the saved file differ")
		}
		p, err := db.Authenticate(ctx, "lj-editor", password)
		if err != nil {
			t.Fatalf("sign in with the demo password: %v", err)
		}
		if p.Org.Name != "临江市人民政府" || p.User.Role != org.RoleEditor {
			t.Errorf("lj-editor is %s of %s", p.User.Role, p.Org.Name)
		}

		before := countAll(t, db)
		t.Logf("%+v", before)

		// A second Load changes nothing and points to the file.
		out.Reset()
		loaded, err = Load(ctx, db, dir, &out)
		if err != nil || loaded {
			t.Fatalf("second Load = %v, %v; want false, nil", loaded, err)
		}
		if got := out.String(); got != "演示账号见 "+path+"\n" {
			t.Errorf("second Load printed %q", got)
		}
		if after := countAll(t, db); after != before {
			t.Errorf("second Load changed the counts: %+v → %+v", before, after)
		}
		if again, _ := os.ReadFile(path); !bytes.Equal(again, saved) {
			t.Error("second Load rewrote the accounts file")
		}

		checkOrgs(t, db)
		checkDocuments(t, db)
		checkRequests(t, db, printed, string(saved))
		checkLedger(t, db)
		checkReports(t, db)
		t.Logf("%s: load took %v; output:\n%s", db.Engine(), took, firstLines(printed, 2))
		// The back-dated clock leaves the audit chain intact.
		n, problems, err := db.VerifyAudit(ctx)
		if err != nil || len(problems) > 0 || n < 900 {
			t.Errorf("audit log: %d entries, problems %v, %v", n, problems, err)
		}
	})
}

// accountPassword finds a user's password in the saved table.
func accountPassword(t *testing.T, table, username string) string {
	t.Helper()
	for _, line := range strings.Split(table, "\n") {
		f := strings.Fields(line)
		if len(f) == 4 && f[2] == username {
			return f[3]
		}
	}
	t.Fatalf("no %s in the accounts file", username)
	return ""
}

func checkOrgs(t *testing.T, db *store.DB) {
	ctx := context.Background()
	orgs, err := db.Orgs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(orgs) < 40 {
		t.Errorf("%d organisations", len(orgs))
	}
	byID := map[int64]org.Org{}
	kinds := map[org.Kind]int{}
	levels := map[org.Level]int{}
	hosts := 0
	for _, o := range orgs {
		byID[o.ID] = o
		kinds[o.Kind]++
		levels[o.Level]++
		if err := org.ValidateCreditCode(o.Code); err != nil {
			t.Errorf("%s: %v", o.Name, err)
		}
		if o.Kind != org.KindInstitution && !strings.HasPrefix(o.Code, "11") {
			t.Errorf("%s: code %s is not a 机关 code", o.Name, o.Code)
		}
		if o.GuideHTML == "" || o.RulesHTML == "" || !strings.Contains(o.GuideHTML, o.Name) || !strings.Contains(o.GuideHTML, "国办函〔2020〕109号") {
			t.Errorf("%s: guide or rules missing", o.Name)
		}
		c := o.Contact
		if c.OfficeName == "" || c.Address == "" || c.Postcode == "" || c.Phone == "" || c.Fax == "" || c.Email == "" || c.OfficeHours == "" {
			t.Errorf("%s: incomplete contact %+v", o.Name, c)
		}
		if o.Host != "" {
			hosts++
			if o.Host != "linjiang.gov.example" {
				t.Errorf("%s has host %s", o.Name, o.Host)
			}
		}
		users, err := db.Users(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		roles := map[org.Role]bool{}
		for _, u := range users {
			roles[u.Role] = true
			if err := org.ValidateUsername(u.Username); err != nil || u.DisplayName == "" {
				t.Errorf("user %q %q: %v", u.Username, u.DisplayName, err)
			}
		}
		if len(users) != 5 || len(roles) != 5 {
			t.Errorf("%s has %d users in %d roles, want 5 and 5", o.Name, len(users), len(roles))
		}
	}
	if hosts != 1 {
		t.Errorf("%d organisations with a host", hosts)
	}
	for _, l := range org.Levels {
		if levels[l] == 0 {
			t.Errorf("no organisation at level %s", l)
		}
	}
	if kinds[org.KindInstitution] != 1 || kinds[org.KindDepartment] < 35 || kinds[org.KindGovernment] != 8 {
		t.Errorf("kinds: %v", kinds)
	}
	root, err := db.OrgByCode(ctx, orgs[0].Code)
	if err != nil || root.Name != "国务院办公厅" || root.ParentID != 0 {
		t.Errorf("root: %+v, %v", root.Name, err)
	}
}

func checkDocuments(t *testing.T, db *store.DB) {
	ctx := context.Background()
	today := workday.DateOf(time.Now())
	public := allDocuments(t, db, store.DocumentFilter{Public: true})
	if len(public) < 80 {
		t.Errorf("%d published documents, want at least 80", len(public))
	}
	titles := map[string]bool{}
	genres := map[disclosure.Genre]int{}
	years := map[int]int{}
	validity := map[disclosure.Validity]int{}
	for _, d := range public {
		if titles[d.Title] {
			t.Errorf("duplicate title %s", d.Title)
		}
		titles[d.Title] = true
		genres[d.Genre]++
		years[workday.DateOf(d.PublishedAt).Year]++
		validity[d.CurrentValidity(today)]++
		if !d.PublishedAt.Before(time.Now()) {
			t.Errorf("%s published in the future: %v", d.Title, d.PublishedAt)
		}
	}
	// Every genre staff publish; laws, regulations and judicial interpretations come from imports
	// (gongkai import laws), not from the demonstration data.
	imported := map[disclosure.Genre]bool{disclosure.GenreLaw: true, disclosure.GenreRegulation: true,
		disclosure.GenreLocalRegulation: true, disclosure.GenreJudicial: true}
	for _, g := range disclosure.Genres {
		if genres[g] == 0 && !imported[g] {
			t.Errorf("no published document of genre %s (%s)", g, g.Label())
		}
	}
	for y := 2021; y <= 2026; y++ {
		if years[y] == 0 {
			t.Errorf("nothing published in %d", y)
		}
	}
	for _, v := range []disclosure.Validity{disclosure.ValidityInForce, disclosure.ValidityExpired, disclosure.ValidityRepealed} {
		if validity[v] == 0 {
			t.Errorf("no published document is %s", v.Label())
		}
	}
	t.Logf("genres %v, years %v, validity %v", genres, years, validity)

	// Each government below the State Council General Office has a five-year plan.
	orgs, _ := db.Orgs(ctx)
	plans := map[int64]bool{}
	for _, d := range allDocuments(t, db, store.DocumentFilter{Public: true, Genre: disclosure.GenrePlan}) {
		v, err := db.Version(ctx, d.ID, d.PublishedVersion)
		if err != nil {
			t.Fatal(err)
		}
		if v.PlanKind == disclosure.PlanFiveYear && v.PlanPeriod == "2021-2025" {
			plans[d.OrgID] = true
		}
	}
	for _, o := range orgs {
		if o.Kind == org.KindGovernment && o.Level != org.LevelNational && !plans[o.ID] {
			t.Errorf("%s has no 十四五 five-year plan", o.Name)
		}
	}

	// Every department has its budget and final account.
	budgets := map[int64]int{}
	for _, d := range allDocuments(t, db, store.DocumentFilter{Public: true, Genre: disclosure.GenreBudget}) {
		budgets[d.OrgID]++
	}
	for _, o := range orgs {
		if o.Kind == org.KindDepartment && budgets[o.ID] < 2 {
			t.Errorf("%s has %d budget documents", o.Name, budgets[o.ID])
		}
	}

	// The negative list has two published versions, the first still readable.
	lists := allDocuments(t, db, store.DocumentFilter{Public: true, Genre: disclosure.GenreNegativeList})
	if len(lists) != 1 {
		t.Fatalf("%d negative lists", len(lists))
	}
	checkTwoVersions(t, db, lists[0], "市场准入负面清单（2022年版）", "市场准入负面清单（2025年版）")
	policy := findTitle(t, db, "江南省人民政府关于优化营商环境的实施意见")
	checkTwoVersions(t, db, policy, "江南省人民政府关于优化营商环境的实施意见", "江南省人民政府关于优化营商环境的实施意见")

	// The repealed document, and the one that repeals it.
	repealed := findTitle(t, db, "江南省人民政府关于印发江南省政府信息公开申请办理规定的通知")
	if repealed.CurrentValidity(today) != disclosure.ValidityRepealed {
		t.Errorf("repealed document is %s", repealed.Validity)
	}
	rels, err := db.Relations(ctx, repealed.ID, true)
	if err != nil || len(rels) != 1 || rels[0].Kind != disclosure.RelRepeals || !rels[0].Inverse {
		t.Errorf("relations of the repealed document: %+v, %v", rels, err)
	}
	interp := allDocuments(t, db, store.DocumentFilter{Public: true, Genre: disclosure.GenreInterpretation})
	for _, d := range interp {
		rels, err := db.Relations(ctx, d.ID, true)
		if err != nil || len(rels) != 1 || rels[0].Kind != disclosure.RelInterprets || rels[0].Inverse {
			t.Errorf("relations of %s: %+v, %v", d.Title, rels, err)
		}
	}

	// Work for the staff: drafts, reviews, approved, withdrawn, overdue.
	states := map[disclosure.Status]int{}
	for _, s := range disclosure.Statuses() {
		states[s] = len(allDocuments(t, db, store.DocumentFilter{States: []disclosure.Status{s}}))
	}
	for _, s := range []disclosure.Status{disclosure.StatusDraft, disclosure.StatusInReview, disclosure.StatusApproved, disclosure.StatusWithdrawn} {
		if states[s] == 0 {
			t.Errorf("no document in state %s", s)
		}
	}
	t.Logf("states %v", states)
	withdrawn := allDocuments(t, db, store.DocumentFilter{States: []disclosure.Status{disclosure.StatusWithdrawn}})
	if len(withdrawn) != 1 || withdrawn[0].WithdrawnReason == "" {
		t.Errorf("withdrawn: %+v", withdrawn)
	}
	var ids []int64
	for _, o := range orgs {
		ids = append(ids, o.ID)
	}
	pending, err := db.PendingProactive(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	overdue := 0
	for _, d := range pending {
		deadline, err := workday.PublishDeadline(nil, d.MadeOn)
		if err == nil && deadline.Before(today) {
			overdue++
		}
	}
	if overdue < 2 {
		t.Errorf("%d overdue drafts, want 2", overdue)
	}

	// Attachments are valid PDFs.
	plan := findTitle(t, db, "江南省国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要")
	atts, err := db.Attachments(ctx, plan.ID, plan.PublishedVersion)
	if err != nil || len(atts) != 1 {
		t.Fatalf("attachments: %+v, %v", atts, err)
	}
	_, data, err := db.Attachment(ctx, atts[0].ID)
	if err != nil || !bytes.HasPrefix(data, []byte("%PDF-1.4")) || !bytes.HasSuffix(data, []byte("%%EOF\n")) {
		t.Errorf("attachment: %v, %q", err, data[:min(len(data), 10)])
	}
	if n := len(allDocuments(t, db, store.DocumentFilter{})); n < 150 {
		t.Errorf("%d documents in all", n)
	}
}

func checkTwoVersions(t *testing.T, db *store.DB, d disclosure.Document, first, second string) {
	t.Helper()
	vs, err := db.Versions(context.Background(), d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 2 || d.PublishedVersion != 2 {
		t.Fatalf("%s: %d versions, published %d", d.Title, len(vs), d.PublishedVersion)
	}
	for _, v := range vs {
		if v.Status != disclosure.StatusPublished || v.PublishedAt.IsZero() {
			t.Errorf("%s v%d: %s", d.Title, v.Version, v.Status)
		}
	}
	if vs[1].Title != first || vs[0].Title != second || vs[0].BodyHTML == vs[1].BodyHTML || vs[0].ChangeNote == "" {
		t.Errorf("%s: versions %q / %q", d.Title, vs[1].Title, vs[0].Title)
	}
	if !vs[0].PublishedAt.After(vs[1].PublishedAt) || !d.PublishedAt.Equal(vs[1].PublishedAt) {
		t.Errorf("%s: publication dates %v, %v; document %v", d.Title, vs[1].PublishedAt, vs[0].PublishedAt, d.PublishedAt)
	}
}

func findTitle(t *testing.T, db *store.DB, title string) disclosure.Document {
	t.Helper()
	for _, d := range allDocuments(t, db, store.DocumentFilter{Public: true, TitleLike: title}) {
		if d.Title == title {
			return d
		}
	}
	t.Fatalf("no published document %q", title)
	return disclosure.Document{}
}

func TestCreditCodes(t *testing.T) {
	seen := map[string]bool{}
	for i, s := range orgSpecs() {
		c, err := creditCode(s, i)
		if err != nil {
			t.Fatal(err)
		}
		if err := org.ValidateCreditCode(c); err != nil {
			t.Errorf("%s: %s: %v", s.name, c, err)
		}
		if seen[c] {
			t.Errorf("duplicate code %s", c)
		}
		seen[c] = true
	}
}

func TestPasswordsAndTable(t *testing.T) {
	accounts, err := planAccounts(orgSpecs())
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, a := range accounts {
		if err := org.ValidatePassword(a.password); err != nil {
			t.Errorf("%s: %v", a.password, err)
		}
		if err := org.ValidateUsername(a.user.Username); err != nil {
			t.Errorf("%s: %v", a.user.Username, err)
		}
		if seen[a.user.Username] || seen[a.password] {
			t.Errorf("repeated %s / %s", a.user.Username, a.password)
		}
		seen[a.user.Username], seen[a.password] = true, true
	}
	table := accountsTable(accounts[:3])
	lines := strings.Split(strings.TrimSpace(table), "\n")
	if len(lines) != 5 || displayWidth(lines[2]) != displayWidth(lines[3]) {
		t.Errorf("table not aligned:\n%s", table)
	}
}

func TestPDF(t *testing.T) {
	b := pdfFor("测试文件标题", "临江市人民政府", workday.MustParseDate("2025-03-01"))
	s := string(b)
	if !strings.HasPrefix(s, "%PDF-1.4\n") || !strings.HasSuffix(s, "%%EOF\n") {
		t.Fatalf("not a PDF: %q", s)
	}
	// The xref offsets point at the objects.
	i := strings.LastIndex(s, "startxref\n")
	var xref int
	if _, err := fmt.Sscan(s[i+len("startxref\n"):], &xref); err != nil || !strings.HasPrefix(s[xref:], "xref\n") {
		t.Fatalf("startxref %d: %v", xref, err)
	}
	entries := strings.Split(s[xref:], "\n")[3:11]
	for n, e := range entries {
		off, err := strconv.Atoi(e[:10]) // fmt.Sscan would read the leading zeros as octal
		if err != nil {
			t.Fatal(err)
		}
		if want := strconv.Itoa(n+1) + " 0 obj"; !strings.HasPrefix(s[off:], want) {
			t.Errorf("object %d at %d: %q", n+1, off, s[off:off+10])
		}
	}
}

// firstLines returns the first n lines of s.
func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	return strings.Join(lines[:min(n, len(lines))], "\n")
}

// orgNamed finds an organisation by name.
func orgNamed(t *testing.T, db *store.DB, name string) org.Org {
	t.Helper()
	orgs, err := db.Orgs(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range orgs {
		if o.Name == name {
			return o
		}
	}
	t.Fatalf("no organisation %s", name)
	return org.Org{}
}

func checkRequests(t *testing.T, db *store.DB, printed, saved string) {
	ctx := context.Background()
	today := workday.DateOf(time.Now())
	orgs, err := db.Orgs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, o := range orgs {
		ids = append(ids, o.ID)
	}
	reqs, err := db.Requests(ctx, store.RequestFilter{OrgIDs: ids, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	if len(reqs) < 40 {
		t.Errorf("%d applications, want at least 40", len(reqs))
	}
	kinds := map[request.ApplicantKind]int{}
	statuses := map[request.Status]int{}
	replies := map[request.ReplyType]int{}
	reasons := map[request.Reason]bool{}
	ends := map[request.EventKind]int{}
	appealKinds := map[request.AppealKind]int{}
	outcomes := map[request.AppealOutcome]int{}
	overdue, carried, similar, flagged := 0, 0, 0, 0
	policy := request.DefaultPolicy()
	for _, r := range reqs {
		kinds[r.Applicant.Kind]++
		statuses[r.Status]++
		if r.Overdue(today) {
			overdue++
		}
		if r.ReceivedOn.After(today) || (!r.EndedOn.IsZero() && r.EndedOn.After(today)) {
			t.Errorf("%s: dated in the future: received %s, ended %s", r.Number, r.ReceivedOn, r.EndedOn)
		}
		if !r.EndedOn.IsZero() && r.EndedOn.Year > r.ReceivedOn.Year {
			carried++
		}
		events, err := db.RequestEvents(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range events {
			if e.On.After(today) {
				t.Errorf("%s: event %s on %s, after today", r.Number, e.Kind, e.On)
			}
		}
		if r.Status == request.StatusEnded {
			ends[events[len(events)-1].Kind]++
		}
		// The stored status is today's.
		clock, err := db.RequestClock(ctx, r.ID, store.Clocking{Cal: workday.Default(), Policy: policy, Today: today})
		if err != nil {
			t.Errorf("%s: clock: %v", r.Number, err)
		} else if clock.Status != r.Status {
			t.Errorf("%s: stored status %s, clock says %s", r.Number, r.Status, clock.Status)
		}
		if sr, ok, err := db.RequestReply(ctx, r.ID); err != nil {
			t.Fatal(err)
		} else if ok {
			replies[sr.Reply.Type]++
			if sr.Reply.Reason != "" {
				reasons[sr.Reply.Reason] = true
			}
		}
		appeals, err := db.Appeals(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range appeals {
			appealKinds[a.Kind]++
			outcomes[a.Outcome]++
		}
		if s, err := db.SimilarRequests(ctx, r.ID); err != nil {
			t.Fatal(err)
		} else if len(s) > 0 {
			similar++
		}
		if n, err := db.ApplicantCounts(ctx, r.ID, today.AddDays(-(policy.AbuseWindowDays - 1))); err != nil {
			t.Fatal(err)
		} else if n >= policy.AbuseThreshold {
			flagged++
		}
	}
	for _, k := range request.ApplicantKinds() {
		if kinds[k] == 0 {
			t.Errorf("no application from a %s", k.Label())
		}
	}
	for _, rt := range request.ReplyTypes() {
		if replies[rt] == 0 {
			t.Errorf("no reply of type %s", rt.Label())
		}
	}
	for _, r := range request.ReplyWithhold.Reasons() {
		if !reasons[r] {
			t.Errorf("no reply with the reason %s", r.Label())
		}
	}
	for _, s := range []request.Status{request.StatusPending, request.StatusPaused, request.StatusOverdue, request.StatusEnded} {
		if statuses[s] == 0 {
			t.Errorf("no application %s", s.Label())
		}
	}
	if overdue == 0 {
		t.Error("no overdue application")
	}
	for _, k := range []request.EventKind{request.EvCorrectionLapsed, request.EvFeeLapsed, request.EvWithdrawn, request.EvReplied} {
		if ends[k] == 0 {
			t.Errorf("no application ended by %s", k.Label())
		}
	}
	if carried < 2 {
		t.Errorf("%d applications carried over a year end", carried)
	}
	if similar < 2 {
		t.Errorf("%d applications with similar ones (Art. 44)", similar)
	}
	if flagged < policy.AbuseThreshold {
		t.Errorf("%d applications of a frequent applicant (Art. 35)", flagged)
	}
	if appealKinds[request.AppealReview] == 0 || appealKinds[request.AppealLitigation] == 0 || appealKinds[request.AppealLitigationAfterReview] == 0 {
		t.Errorf("appeals: %v", appealKinds)
	}
	if outcomes[request.OutcomePending] == 0 || outcomes[request.OutcomeUpheld] == 0 || outcomes[request.OutcomeCorrected] == 0 {
		t.Errorf("appeal outcomes: %v", outcomes)
	}
	cases, err := db.Cases(ctx, store.CaseFilter{Limit: 100})
	if err != nil || len(cases) < 2 {
		t.Errorf("%d guidance cases, %v", len(cases), err)
	}
	t.Logf("%d applications: kinds %v, statuses %v, replies %v, ends %v, appeals %v %v, cases %d, overdue %d, carried over %d",
		len(reqs), kinds, statuses, replies, ends, appealKinds, outcomes, len(cases), overdue, carried)

	// The printed numbers and query codes open the applications, and the file keeps them.
	found := 0
	for _, line := range strings.Split(printed, "\n") {
		f := strings.Fields(line)
		if len(f) >= 4 && f[0] == "申请编号" && f[2] == "查询码" {
			found++
			if _, err := db.RequestByCode(ctx, f[1], f[3]); err != nil {
				t.Errorf("%s %s: %v", f[1], f[3], err)
			}
			if !strings.Contains(saved, line) {
				t.Errorf("the accounts file lacks %q", line)
			}
		}
	}
	if found != 2 {
		t.Errorf("%d applications printed with their query codes, want 2", found)
	}
}

func checkLedger(t *testing.T, db *store.DB) {
	ctx := context.Background()
	now := time.Now()
	tasks, err := db.Tasks(ctx, store.TaskFilter{})
	if err != nil {
		t.Fatal(err)
	}
	orgs, err := db.Orgs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int64]org.Org{}
	for _, o := range orgs {
		byID[o.ID] = o
	}
	levels := map[org.Level]int{}
	kinds := map[org.Kind]int{}
	display := map[ledger.Status]int{}
	stored := map[ledger.Status]int{}
	years := map[int]int{}
	carried := 0
	withProgress := 0
	for _, task := range tasks {
		o := byID[task.OwnerOrgID]
		levels[o.Level]++
		kinds[o.Kind]++
		display[task.DisplayStatus(now)]++
		stored[task.Status]++
		years[task.Year]++
		if task.CarriedFrom != 0 {
			carried++
			if task.RectificationNote == "" {
				t.Errorf("carried task %q has no rectification note", task.Title)
			}
		}
		if withProgress < 5 {
			pr, err := db.Progress(ctx, task.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(pr) > 0 {
				withProgress++
			}
		}
	}
	for _, l := range []org.Level{org.LevelProvince, org.LevelCity, org.LevelCounty, org.LevelTownship} {
		if levels[l] == 0 {
			t.Errorf("no ledger task at level %s", l)
		}
	}
	if kinds[org.KindInstitution] == 0 || kinds[org.KindDepartment] == 0 {
		t.Errorf("ledger owners by kind: %v", kinds)
	}
	if display[ledger.StatusOverdue] == 0 || display[ledger.StatusDone] == 0 || stored[ledger.StatusNeedsRectification] == 0 {
		t.Errorf("ledger statuses: shown %v, stored %v", display, stored)
	}
	if display[ledger.StatusDone] <= display[ledger.StatusOverdue] {
		t.Errorf("more overdue than done tasks: %v", display)
	}
	for _, y := range []int{2021, 2022, 2025, 2026} {
		if years[y] == 0 {
			t.Errorf("no ledger task of %d", y)
		}
	}
	if carried != 2 {
		t.Errorf("%d tasks carried over, want 2", carried)
	}
	if withProgress == 0 {
		t.Error("no progress reported")
	}
	t.Logf("%d ledger tasks: levels %v, shown %v, stored %v, years %v", len(tasks), levels, display, stored, years)
}

func checkReports(t *testing.T, db *store.DB) {
	ctx := context.Background()
	lj := orgNamed(t, db, "临江市人民政府")
	d, err := db.ReportDraftOf(ctx, lj.ID, 2025)
	if err != nil {
		t.Fatal(err)
	}
	if !d.Published || d.DocumentID == 0 || d.OverviewHTML == "" || d.Manual.Licensing == 0 || d.Manual.Fees == 0 {
		t.Errorf("临江市 2025 report: published %v, document %d, manual %+v", d.Published, d.DocumentID, d.Manual)
	} else {
		doc, err := db.Document(ctx, d.DocumentID)
		if err != nil || doc.State != disclosure.StatusPublished || doc.Title != "临江市人民政府2025年政府信息公开工作年度报告" {
			t.Errorf("published report document: %+v, %v", doc.Title, err)
		}
	}
	r, err := db.AnnualReport(ctx, lj.ID, 2025)
	if err != nil {
		t.Fatal(err)
	}
	if r.Cell("一", 7) == 0 || r.Cell("四", 7) == 0 {
		t.Errorf("临江市 2025 report: %d new applications, %d carried over", r.Cell("一", 7), r.Cell("四", 7))
	}
	jn := orgNamed(t, db, "江南省人民政府")
	if d, err := db.ReportDraftOf(ctx, jn.ID, 2025); err != nil || d.Published || d.ProblemsHTML == "" {
		t.Errorf("江南省 2025 draft: %+v, %v", d, err)
	}
}
