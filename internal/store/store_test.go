package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"gongkai/internal/apperr"
	"gongkai/internal/audit"
	"gongkai/internal/disclosure"
	"gongkai/internal/org"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
	"gongkai/internal/workday"
)

// code builds a valid credit code from a 17-character body.
func code(t testing.TB, body string) string {
	t.Helper()
	c, err := org.CreditCodeCheckChar(body)
	if err != nil {
		t.Fatalf("check char of %s: %v", body, err)
	}
	return body + string(c)
}

type fixture struct {
	db                      *store.DB
	province, city, dept    org.Org
	editor, reviewer, admin *org.Principal
	cityEditor, supervisor  *org.Principal
}

// openIn opens and migrates a SQLite store in dir, closed when the test ends; two stores on one
// folder behave as two processes (one owns the search index, the other writes the outbox).
func openIn(t *testing.T, dir string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), "", dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return db
}

func setup(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{db: db}
	var err error
	f.province, err = db.CreateOrg(ctx, audit.System, org.Org{Code: code(t, "11330000MB1234567"), Name: "江南省人民政府", Kind: org.KindGovernment, Level: org.LevelProvince})
	if err != nil {
		t.Fatal(err)
	}
	f.city, err = db.CreateOrg(ctx, audit.System, org.Org{ParentID: f.province.ID, Code: code(t, "11330100MB2234567"), Name: "临江市人民政府", Kind: org.KindGovernment, Level: org.LevelCity})
	if err != nil {
		t.Fatal(err)
	}
	f.dept, err = db.CreateOrg(ctx, audit.System, org.Org{ParentID: f.province.ID, Code: code(t, "11330000MB3234567"), Name: "江南省财政厅", Kind: org.KindDepartment, Level: org.LevelProvince})
	if err != nil {
		t.Fatal(err)
	}
	user := func(o org.Org, name string, role org.Role) *org.Principal {
		u, err := db.CreateUser(ctx, audit.System, org.User{OrgID: o.ID, Username: name, Role: role}, "correct-horse-42")
		if err != nil {
			t.Fatal(err)
		}
		return &org.Principal{User: u, Org: o}
	}
	f.editor = user(f.province, "jn-editor", org.RoleEditor)
	f.reviewer = user(f.province, "jn-reviewer", org.RoleReviewer)
	f.admin = user(f.province, "jn-admin", org.RoleAdmin)
	f.supervisor = user(f.province, "jn-supervisor", org.RoleSupervisor)
	f.cityEditor = user(f.city, "lj-editor", org.RoleEditor)
	return f
}

func fields(title string) disclosure.Fields {
	return disclosure.Fields{Title: title, Genre: disclosure.GenreNotice, Topic: "综合政务", WrittenOn: workday.Date{Year: 2025, Month: 3, Day: 1},
		BodyHTML: "<p>正文</p><script>alert(1)</script>"}
}

func TestOrgsAndUsers(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := setup(t, db)
		if !strings.HasPrefix(f.city.Path, f.province.Path) || f.city.Path == f.province.Path {
			t.Fatalf("paths: province %q city %q", f.province.Path, f.city.Path)
		}
		ids, err := db.SubtreeIDs(ctx, f.province)
		if err != nil || len(ids) != 3 {
			t.Fatalf("subtree = %v, %v", ids, err)
		}
		// Duplicate code, invalid code, unknown parent, department under the wrong parent.
		bad := []org.Org{
			{Code: f.city.Code, Name: "重复", Kind: org.KindGovernment, Level: org.LevelProvince},
			{Code: "11330100MB223456X", Name: "校验错", Kind: org.KindGovernment, Level: org.LevelProvince},
			{ParentID: 9999, Code: code(t, "11330100MB9234567"), Name: "无上级", Kind: org.KindDepartment, Level: org.LevelCity},
			{ParentID: f.dept.ID, Code: code(t, "11330100MB8234567"), Name: "部门下的政府", Kind: org.KindGovernment, Level: org.LevelCity},
		}
		before, _ := db.Orgs(ctx)
		for _, o := range bad {
			if _, err := db.CreateOrg(ctx, audit.System, o); err == nil {
				t.Errorf("CreateOrg(%s) succeeded", o.Name)
			} else if c := apperr.CodeOf(err); c != apperr.Invalid && c != apperr.Conflict && c != apperr.NotFound {
				t.Errorf("CreateOrg(%s): code %s (%v)", o.Name, c, err)
			}
		}
		after, _ := db.Orgs(ctx)
		if len(after) != len(before) {
			t.Fatalf("refused orgs were written: %d → %d", len(before), len(after))
		}
		// Columns: the standard structure.
		cols, err := db.Columns(ctx, f.city.ID)
		if err != nil || len(cols) != len(disclosure.StandardColumns) {
			t.Fatalf("columns = %d, %v", len(cols), err)
		}
		// Login: right, wrong, throttled.
		if _, err := db.Authenticate(ctx, "jn-editor", "correct-horse-42"); err != nil {
			t.Fatalf("login: %v", err)
		}
		for i := 0; i < 5; i++ {
			if _, err := db.Authenticate(ctx, "jn-editor", "wrong-password-1"); !errors.Is(err, store.ErrBadLogin) {
				t.Fatalf("wrong password attempt %d: %v", i, err)
			}
		}
		if _, err := db.Authenticate(ctx, "jn-editor", "correct-horse-42"); apperr.CodeOf(err) != apperr.RateLimited {
			t.Fatalf("after 5 failures: %v, want rate limited", err)
		}
		if _, err := db.Authenticate(ctx, "nobody", "x"); !errors.Is(err, store.ErrBadLogin) {
			t.Fatalf("unknown user: %v", err)
		}
		// Sessions.
		tok, s, err := db.CreateSession(ctx, f.reviewer.User.ID, store.SessionWeb, time.Hour)
		if err != nil || s.Principal.User.Username != "jn-reviewer" || s.CSRF == "" {
			t.Fatalf("session: %+v %v", s, err)
		}
		if _, err := db.SessionByToken(ctx, tok, store.SessionAPI); err == nil {
			t.Fatal("a web session must not work as an API token")
		}
		if err := db.SetUserActive(ctx, audit.System, f.reviewer.User.ID, false); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SessionByToken(ctx, tok, store.SessionWeb); err == nil {
			t.Fatal("session of a disabled user still valid")
		}
		// Stale org edit.
		u := store.OrgUpdate{Name: f.city.Name, LockVersion: f.city.LockVersion, GuideHTML: "<p>指南</p>"}
		if _, err := db.UpdateOrg(ctx, audit.System, f.city.ID, u); err != nil {
			t.Fatal(err)
		}
		if _, err := db.UpdateOrg(ctx, audit.System, f.city.ID, u); apperr.CodeOf(err) != apperr.StaleVersion {
			t.Fatalf("stale org update: %v", err)
		}
	})
}

func TestDocumentWorkflow(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := setup(t, db)
		doc, err := db.CreateDocument(ctx, f.editor, f.province.ID, fields("关于做好2025年政务公开工作的通知"))
		if err != nil {
			t.Fatal(err)
		}
		if doc.State != disclosure.StatusDraft || !strings.HasPrefix(doc.IndexNumber, f.province.Code+"/") {
			t.Fatalf("new document: %+v", doc)
		}
		v, _ := db.Version(ctx, doc.ID, 1)
		if strings.Contains(v.BodyHTML, "script") {
			t.Fatalf("body not sanitised: %q", v.BodyHTML)
		}
		// Index numbers are unique per organisation and sequential.
		doc2, err := db.CreateDocument(ctx, f.editor, f.province.ID, fields("第二份通知"))
		if err != nil || doc2.IndexNumber == doc.IndexNumber {
			t.Fatalf("index numbers %q %q (%v)", doc.IndexNumber, doc2.IndexNumber, err)
		}
		// Writes into another organisation are refused.
		if _, err := db.CreateDocument(ctx, f.cityEditor, f.province.ID, fields("越权")); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("cross-org create: %v", err)
		}
		if _, err := db.UpdateDraft(ctx, f.cityEditor, doc.ID, 1, v.LockVersion, fields("越权修改")); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("cross-org update: %v", err)
		}
		// Illegal transitions are refused and change nothing.
		step := func(p *org.Principal, a disclosure.Action, comment string) error {
			_, err := db.Transition(ctx, p, doc.ID, store.TransitionInput{Action: a, Comment: comment})
			return err
		}
		if err := step(f.reviewer, disclosure.ActionPublish, ""); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("publish a draft: %v", err)
		}
		if err := step(f.editor, disclosure.ActionApprove, ""); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("editor approves: %v", err)
		}
		if err := step(f.editor, disclosure.ActionSubmit, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := db.UpdateDraft(ctx, f.editor, doc.ID, 1, v.LockVersion, fields("审核中修改")); err == nil {
			t.Fatal("edit while in review succeeded")
		}
		if err := step(f.reviewer, disclosure.ActionReject, ""); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("reject without comment: %v", err)
		}
		if err := step(f.reviewer, disclosure.ActionReject, "请补充文号"); err != nil {
			t.Fatal(err)
		}
		v, _ = db.Version(ctx, doc.ID, 1)
		if v.Status != disclosure.StatusDraft || v.ReviewComment != "请补充文号" {
			t.Fatalf("after reject: %+v", v)
		}
		// Stale edit is refused; fresh edit works.
		upd := fields("关于做好2025年政务公开工作的通知")
		upd.DocNumber = "江南政办发[2025]3号"
		if _, err := db.UpdateDraft(ctx, f.editor, doc.ID, 1, v.LockVersion-1, upd); apperr.CodeOf(err) != apperr.StaleVersion {
			t.Fatalf("stale edit: %v", err)
		}
		v, err = db.UpdateDraft(ctx, f.editor, doc.ID, 1, v.LockVersion, upd)
		if err != nil || v.DocNumber != "江南政办发〔2025〕3号" {
			t.Fatalf("edit: %q %v", v.DocNumber, err)
		}
		upd.DocNumber = "不是文号"
		if _, err := db.UpdateDraft(ctx, f.editor, doc.ID, 1, v.LockVersion, upd); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("bad doc number: %v", err)
		}
		for _, s := range []struct {
			p *org.Principal
			a disclosure.Action
		}{{f.editor, disclosure.ActionSubmit}, {f.reviewer, disclosure.ActionApprove}, {f.reviewer, disclosure.ActionPublish}} {
			if err := step(s.p, s.a, ""); err != nil {
				t.Fatalf("%s: %v", s.a, err)
			}
		}
		doc, _ = db.Document(ctx, doc.ID)
		if doc.State != disclosure.StatusPublished || doc.PublishedVersion != 1 || doc.PublishedAt.IsZero() {
			t.Fatalf("published: %+v", doc)
		}
		// The public sees only published documents.
		page, err := db.Documents(ctx, store.DocumentFilter{Public: true})
		if err != nil || page.Total != 1 || page.Documents[0].ID != doc.ID {
			t.Fatalf("public list: %+v %v", page, err)
		}
		// Revise: a new version; the published one stays public and readable.
		if err := step(f.editor, disclosure.ActionRevise, ""); err != nil {
			t.Fatal(err)
		}
		v2, _ := db.Version(ctx, doc.ID, 2)
		upd.DocNumber = "江南政办发〔2025〕3号"
		upd.Title = "关于做好2025年政务公开工作的通知（修订）"
		upd.ChangeNote = "补充第三条"
		if _, err := db.UpdateDraft(ctx, f.editor, doc.ID, 2, v2.LockVersion, upd); err != nil {
			t.Fatal(err)
		}
		doc, _ = db.Document(ctx, doc.ID)
		if doc.Title != "关于做好2025年政务公开工作的通知" || doc.PublishedVersion != 1 {
			t.Fatalf("draft of v2 leaked into the public record: %+v", doc)
		}
		for _, a := range []disclosure.Action{disclosure.ActionSubmit, disclosure.ActionApprove, disclosure.ActionPublish} {
			p := f.reviewer
			if a == disclosure.ActionSubmit {
				p = f.editor
			}
			if err := step(p, a, ""); err != nil {
				t.Fatal(err)
			}
		}
		versions, _ := db.Versions(ctx, doc.ID)
		if len(versions) != 2 || versions[1].Title != "关于做好2025年政务公开工作的通知" || versions[1].Status != disclosure.StatusPublished {
			t.Fatalf("versions: %+v", versions)
		}
		doc, _ = db.Document(ctx, doc.ID)
		if doc.PublishedVersion != 2 || !strings.Contains(doc.Title, "修订") {
			t.Fatalf("after republish: %+v", doc)
		}
		// Withdraw needs a reason; withdrawn leaves public lists but is kept.
		if err := step(f.reviewer, disclosure.ActionWithdraw, ""); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("withdraw without reason: %v", err)
		}
		if err := step(f.reviewer, disclosure.ActionWithdraw, "内容已过时"); err != nil {
			t.Fatal(err)
		}
		page, _ = db.Documents(ctx, store.DocumentFilter{Public: true})
		if page.Total != 0 {
			t.Fatalf("withdrawn document still listed: %d", page.Total)
		}
		doc, err = db.Document(ctx, doc.ID)
		if err != nil || doc.WithdrawnReason != "内容已过时" {
			t.Fatalf("withdrawn document: %+v %v", doc, err)
		}
		// Audit: every write is logged and the chain verifies.
		n, problems, err := db.VerifyAudit(ctx)
		if err != nil || len(problems) > 0 || n < 15 {
			t.Fatalf("audit verify: n=%d problems=%v err=%v", n, problems, err)
		}
	})
}

func TestAttachmentsAndRelations(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := setup(t, db)
		doc, _ := db.CreateDocument(ctx, f.editor, f.province.ID, fields("2025年部门预算"))
		pdf := []byte("%PDF-1.4\n%预算\n")
		a, err := db.AddAttachment(ctx, f.editor, doc.ID, "预算表.pdf", pdf)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.AddAttachment(ctx, f.editor, doc.ID, "伪装.pdf", []byte("<script>")); apperr.CodeOf(err) != apperr.Unsupported {
			t.Fatalf("disguised upload: %v", err)
		}
		if _, err := db.AddAttachment(ctx, f.cityEditor, doc.ID, "x.pdf", pdf); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("cross-org upload: %v", err)
		}
		list, _ := db.Attachments(ctx, doc.ID, 1)
		if len(list) != 1 {
			t.Fatalf("attachments: %+v", list)
		}
		got, data, err := db.Attachment(ctx, a.ID)
		if err != nil || string(data) != string(pdf) || got.ContentType != "application/pdf" || len(got.SHA256) != 64 {
			t.Fatalf("attachment read: %+v %v", got, err)
		}
		other, _ := db.CreateDocument(ctx, f.editor, f.province.ID, fields("预算解读"))
		if err := db.AddRelation(ctx, f.editor, other.ID, disclosure.RelInterprets, doc.ID); err != nil {
			t.Fatal(err)
		}
		rels, _ := db.Relations(ctx, doc.ID, false)
		if len(rels) != 1 || !rels[0].Inverse || rels[0].OtherID != other.ID {
			t.Fatalf("relations: %+v", rels)
		}
		if rels, _ := db.Relations(ctx, doc.ID, true); len(rels) != 0 {
			t.Fatalf("relation to an unpublished document shown to the public: %+v", rels)
		}
	})
}

func TestAuditTamper(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := setup(t, db)
		if _, err := db.CreateDocument(ctx, f.editor, f.province.ID, fields("审计测试")); err != nil {
			t.Fatal(err)
		}
		if _, problems, _ := db.VerifyAudit(ctx); len(problems) != 0 {
			t.Fatalf("fresh log broken: %v", problems)
		}
		// The database itself refuses changes to the log.
		if err := storetest.Exec(db, `UPDATE audit_log SET actor = 'x' WHERE seq = 2`); err == nil {
			t.Fatal("audit_log accepted an UPDATE")
		}
		// An attacker with database access who drops the guard is still caught.
		if db.Engine() == store.SQLite {
			storetest.MustExec(t, db, `DROP TRIGGER audit_log_no_update`)
			storetest.MustExec(t, db, `DROP TRIGGER audit_log_no_delete`)
		} else {
			storetest.MustExec(t, db, `DROP TRIGGER audit_log_no_change ON audit_log`)
		}
		storetest.MustExec(t, db, `UPDATE audit_log SET actor = 'someone-else' WHERE seq = 3`)
		_, problems, err := db.VerifyAudit(ctx)
		if err != nil || len(problems) == 0 || problems[0].Seq != 3 {
			t.Fatalf("edited row not detected: %v %v", problems, err)
		}
		storetest.MustExec(t, db, `DELETE FROM audit_log WHERE seq = 3`)
		if _, problems, _ := db.VerifyAudit(ctx); len(problems) == 0 {
			t.Fatal("deleted row not detected")
		}
	})
}

func TestScheduledPublication(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := setup(t, db)
		now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		doc, err := db.CreateDocument(ctx, f.editor, f.province.ID, fields("定时发布的通知"))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []struct {
			p *org.Principal
			a disclosure.Action
		}{{f.editor, disclosure.ActionSubmit}, {f.reviewer, disclosure.ActionApprove}} {
			if _, err := db.Transition(ctx, s.p, doc.ID, store.TransitionInput{Action: s.a}); err != nil {
				t.Fatal(err)
			}
		}
		at := now.Add(2 * time.Hour)
		doc, err = db.Transition(ctx, f.reviewer, doc.ID, store.TransitionInput{Action: disclosure.ActionPublish, PublishAt: at})
		if err != nil || doc.State != disclosure.StatusApproved || doc.PublishedVersion != 0 {
			t.Fatalf("scheduled: %+v %v", doc, err)
		}
		if n, err := db.PublishDue(ctx); err != nil || n != 0 {
			t.Fatalf("published early: %d %v", n, err)
		}
		now = at.Add(time.Minute)
		if n, err := db.PublishDue(ctx); err != nil || n != 1 {
			t.Fatalf("PublishDue = %d, %v", n, err)
		}
		doc, _ = db.Document(ctx, doc.ID)
		if doc.State != disclosure.StatusPublished || !doc.PublishedAt.Equal(now) {
			t.Fatalf("after the scheduled time: %+v", doc)
		}
		if n, _ := db.PublishDue(ctx); n != 0 {
			t.Fatalf("published twice: %d", n)
		}
	})
}
