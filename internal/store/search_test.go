package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"gongkai/internal/audit"
	"gongkai/internal/disclosure"
	"gongkai/internal/ingest"
	"gongkai/internal/org"
	"gongkai/internal/search"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
	"gongkai/internal/workday"
)

func publishDoc(t *testing.T, db *store.DB, f *fixture, o org.Org, fl disclosure.Fields) disclosure.Document {
	t.Helper()
	ctx := context.Background()
	d, err := db.CreateDocument(ctx, nil, o.ID, fl)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []disclosure.Action{disclosure.ActionSubmit, disclosure.ActionApprove, disclosure.ActionPublish} {
		if d, err = db.Transition(ctx, nil, d.ID, store.TransitionInput{Action: a}); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

func mustQuery(t *testing.T, s string) search.Query {
	t.Helper()
	q, err := search.ParseQuery(s)
	if err != nil {
		t.Fatalf("ParseQuery(%q): %v", s, err)
	}
	return q
}

func ids(r store.SearchResult) []int64 {
	var out []int64
	for _, h := range r.Hits {
		out = append(out, h.Document.ID)
	}
	return out
}

func TestSearch(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := setup(t, db)
		plan := publishDoc(t, db, f, f.province, disclosure.Fields{Title: "江南省国民经济和社会发展第十四个五年规划纲要", DocNumber: "江南政发〔2021〕5号",
			Genre: disclosure.GenrePlan, PlanKind: disclosure.PlanFiveYear, PlanPeriod: "2021-2025", WrittenOn: workday.MustParseDate("2021-02-01"),
			BodyHTML: "<p>第一章 发展基础。全面建成小康社会，专项债券发行规模稳步扩大。</p>"})
		budget := publishDoc(t, db, f, f.city, disclosure.Fields{Title: "临江市2025年市级预算执行情况的报告", Genre: disclosure.GenreBudget,
			BodyHTML: "<p>一般公共预算收入完成情况良好，地方政府专项债务余额控制在限额以内。</p>", ExpiresOn: workday.MustParseDate("2025-12-31")})
		notice := publishDoc(t, db, f, f.province, disclosure.Fields{Title: "关于做好政务公开工作的通知", Genre: disclosure.GenreNotice,
			BodyHTML: "<p>各地要推进预算公开和规划公开，做好政务公开工作。</p>"})

		find := func(qs string, opts store.SearchOptions) store.SearchResult {
			t.Helper()
			r, err := db.Search(ctx, mustQuery(t, qs), opts)
			if err != nil {
				t.Fatalf("Search(%q): %v", qs, err)
			}
			return r
		}
		has := func(r store.SearchResult, id int64) bool {
			for _, h := range r.Hits {
				if h.Document.ID == id {
					return true
				}
			}
			return false
		}
		// Two-character words, and a word inside a longer one (专项债 in 专项债券).
		if r := find("规划", store.SearchOptions{}); !has(r, plan.ID) || !has(r, notice.ID) || has(r, budget.ID) {
			t.Errorf("规划: %v", ids(r))
		}
		if r := find("专项债", store.SearchOptions{}); !has(r, plan.ID) || !has(r, budget.ID) || has(r, notice.ID) {
			t.Errorf("专项债 (in 专项债券 and 专项债务): %v", ids(r))
		}
		// Title matches rank above body matches.
		if r := find("政务公开", store.SearchOptions{}); len(r.Hits) == 0 || r.Hits[0].Document.ID != notice.ID {
			t.Errorf("政务公开: %v", ids(r))
		}
		// 文号 typed with other brackets: exact, first.
		r := find("江南政发[2021]5号", store.SearchOptions{})
		if len(r.Hits) == 0 || r.Hits[0].Document.ID != plan.ID || !r.Hits[0].Exact {
			t.Errorf("文号: %+v", r.Hits)
		}
		// A 文号 with a word: the exact match is also found by the text, and counted once.
		r = find("江南政发〔2021〕5号 规划", store.SearchOptions{})
		if r.Total != 1 || len(r.Hits) != 1 || !r.Hits[0].Exact || len(r.Facets["genre"]) != 1 || r.Facets["genre"][0].Count != 1 {
			t.Errorf("文号 and a word: total %d, hits %+v, facets %v", r.Total, ids(r), r.Facets)
		}
		if r := find(plan.IndexNumber, store.SearchOptions{}); len(r.Hits) == 0 || r.Hits[0].Document.ID != plan.ID {
			t.Errorf("索引号: %v", ids(r))
		}
		// Phrases, exclusion, title field.
		if r := find(`"预算执行"`, store.SearchOptions{}); !has(r, budget.ID) || len(r.Hits) != 1 {
			t.Errorf("phrase: %v", ids(r))
		}
		if r := find("规划 -小康", store.SearchOptions{}); has(r, plan.ID) || !has(r, notice.ID) {
			t.Errorf("exclusion: %v", ids(r))
		}
		if r := find("title:规划", store.SearchOptions{}); !has(r, plan.ID) || has(r, notice.ID) {
			t.Errorf("title field: %v", ids(r))
		}
		// Filters and facets.
		if r := find("预算", store.SearchOptions{Filter: store.DocumentFilter{Genre: disclosure.GenreBudget}}); len(r.Hits) != 1 || r.Hits[0].Document.ID != budget.ID {
			t.Errorf("genre filter: %v", ids(r))
		}
		if r := find("预算", store.SearchOptions{Filter: store.DocumentFilter{OrgIDs: []int64{f.province.ID}}}); has(r, budget.ID) {
			t.Errorf("org filter: %v", ids(r))
		}
		r = find("预算", store.SearchOptions{})
		if r.Total != 2 || len(r.Facets["genre"]) != 2 {
			t.Errorf("total %d facets %v", r.Total, r.Facets)
		}
		// An expired document ranks below one in force at similar relevance.
		if r := find("预算", store.SearchOptions{}); len(r.Hits) == 2 && r.Hits[0].Document.ID == budget.ID && r.Hits[0].Score < r.Hits[1].Score {
			t.Errorf("ranking inconsistent: %+v", r.Hits)
		}
		// Hostile queries give a clean result.
		for _, qs := range []string{`'; DROP TABLE documents; --`, `<script>alert(1)</script>`, `"""`, `NEAR(a b)`, `title:`, `-`, `规划 OR 1=1`} {
			q, err := search.ParseQuery(qs)
			if err != nil {
				continue
			}
			if _, err := db.Search(ctx, q, store.SearchOptions{}); err != nil {
				t.Errorf("Search(%q): %v", qs, err)
			}
		}
		// Withdrawal removes a document from results at once.
		if _, err := db.Transition(ctx, f.reviewer, notice.ID, store.TransitionInput{Action: disclosure.ActionWithdraw, Comment: "已过时"}); err != nil {
			t.Fatal(err)
		}
		if r := find("政务公开", store.SearchOptions{}); has(r, notice.ID) {
			t.Error("withdrawn document still found")
		}
		// Reindex rebuilds the same index.
		if err := db.Reindex(ctx, nil); err != nil {
			t.Fatal(err)
		}
		if r := find("规划", store.SearchOptions{}); !has(r, plan.ID) || has(r, notice.ID) {
			t.Errorf("after reindex: %v", ids(r))
		}
	})
}

// TestSearchCrash aborts the transaction between the document's write and its index update, as a
// crash would: afterwards the document is neither published nor indexed, and publishing it again
// indexes it exactly once.
func TestSearchCrash(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := setup(t, db)
		d, err := db.CreateDocument(ctx, nil, f.province.ID, disclosure.Fields{Title: "关于调整住房公积金缴存基数的通知", Genre: disclosure.GenreNotice})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range []disclosure.Action{disclosure.ActionSubmit, disclosure.ActionApprove} {
			if _, err := db.Transition(ctx, nil, d.ID, store.TransitionInput{Action: a}); err != nil {
				t.Fatal(err)
			}
		}
		crash := errors.New("process killed")
		db.Fault = func(point string) error {
			if point == "publish" {
				return crash
			}
			return nil
		}
		if _, err := db.Transition(ctx, nil, d.ID, store.TransitionInput{Action: disclosure.ActionPublish}); !errors.Is(err, crash) {
			t.Fatalf("publish with fault: %v", err)
		}
		db.Fault = nil
		doc, _ := db.Document(ctx, d.ID)
		n, _ := db.IndexedCount(ctx, d.ID)
		if doc.State == disclosure.StatusPublished || n != 0 {
			t.Fatalf("after the crash: state %s, indexed %d", doc.State, n)
		}
		if _, err := db.Transition(ctx, nil, d.ID, store.TransitionInput{Action: disclosure.ActionPublish}); err != nil {
			t.Fatal(err)
		}
		n, _ = db.IndexedCount(ctx, d.ID)
		r, err := db.Search(ctx, mustQuery(t, "公积金"), store.SearchOptions{})
		if err != nil || n != 1 || len(r.Hits) != 1 || r.Hits[0].Document.ID != d.ID {
			t.Fatalf("after restart: indexed %d, hits %v, %v", n, ids(r), err)
		}
	})
}

// Older published versions and attachments' text are searchable; the document shows once.
func TestSearchVersionsAndAttachments(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := setup(t, db)
		d, err := db.CreateDocument(ctx, f.editor, f.province.ID, disclosure.Fields{Title: "江南省市场准入负面清单（2022年版）", Genre: disclosure.GenreNegativeList,
			BodyHTML: "<p>禁止新建燃煤自备电厂。</p>"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.AddAttachment(ctx, f.editor, d.ID, "清单说明.txt", []byte("许可准入事项共计一百一十七项")); err != nil {
			t.Fatal(err)
		}
		step := func(p *org.Principal, a disclosure.Action) {
			t.Helper()
			if _, err := db.Transition(ctx, p, d.ID, store.TransitionInput{Action: a}); err != nil {
				t.Fatal(err)
			}
		}
		step(f.editor, disclosure.ActionSubmit)
		step(f.reviewer, disclosure.ActionApprove)
		step(f.reviewer, disclosure.ActionPublish)
		step(f.editor, disclosure.ActionRevise)
		v2, _ := db.Version(ctx, d.ID, 2)
		v2.Title = "江南省市场准入负面清单（2025年版）"
		v2.BodyHTML = "<p>禁止新建高耗能数据中心。</p>"
		if _, err := db.UpdateDraft(ctx, f.editor, d.ID, 2, v2.LockVersion, v2.Fields); err != nil {
			t.Fatal(err)
		}
		step(f.editor, disclosure.ActionSubmit)
		step(f.reviewer, disclosure.ActionApprove)
		step(f.reviewer, disclosure.ActionPublish)
		for _, q := range []string{"燃煤自备电厂", "高耗能数据中心", "一百一十七项"} {
			r, err := db.Search(ctx, mustQuery(t, q), store.SearchOptions{})
			if err != nil || len(r.Hits) != 1 || r.Hits[0].Document.ID != d.ID || r.Hits[0].Document.Title != "江南省市场准入负面清单（2025年版）" {
				t.Errorf("%s: %v %v", q, ids(r), err)
			}
		}
	})
}

// TestEmbeddedIndexRebuiltWhenMissing: the embedded index lives in its own folder next to the
// database; when that folder is new (an upgrade from FTS5, or it was removed) the index is built
// from the published documents when the store next opens it, and withdrawn documents stay out.
func TestEmbeddedIndexRebuiltWhenMissing(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := store.Open(ctx, "", dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	f := setup(t, db)
	kept := publishDoc(t, db, f, f.province, disclosure.Fields{Title: "关于城乡居民医保缴费标准的通知", Genre: disclosure.GenreNotice})
	gone := publishDoc(t, db, f, f.province, disclosure.Fields{Title: "关于医保缴费时间的补充通知", Genre: disclosure.GenreNotice})
	if _, err := db.Transition(ctx, nil, gone.ID, store.TransitionInput{Action: disclosure.ActionWithdraw, Comment: "已废止"}); err != nil {
		t.Fatal(err)
	}
	// Durable and the outbox trimmed: the new folder cannot be filled from the outbox.
	if err := db.FlushSearch(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "gongkai.db.search")); err != nil {
		t.Fatal(err)
	}
	db, err = store.Open(ctx, "", dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.OpenSearch(ctx); err != nil {
		t.Fatal(err)
	}
	r, err := db.Search(ctx, mustQuery(t, "医保缴费"), store.SearchOptions{})
	if err != nil || len(r.Hits) != 1 || r.Hits[0].Document.ID != kept.ID {
		t.Fatalf("after the folder was removed: hits %v, %v", ids(r), err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "gongkai.db.search", "manifest.json")); err != nil {
		t.Fatalf("the rebuilt index was not written: %v", err)
	}
}

// TestSecondProcessWritesTheOutbox: a second store on the same folder (an import while serve
// runs) cannot take the index; its publications go to the outbox, and the owner applies them.
func TestSecondProcessWritesTheOutbox(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	owner := openIn(t, dir)
	f := setup(t, owner)
	if err := owner.OpenSearch(ctx); err != nil {
		t.Fatal(err)
	}
	other := openIn(t, dir)
	d := publishDoc(t, other, f, f.province, disclosure.Fields{Title: "关于城乡居民医保缴费标准的通知", Genre: disclosure.GenreNotice})
	if _, err := other.Search(ctx, mustQuery(t, "医保缴费"), store.SearchOptions{}); !errors.Is(err, store.ErrIndexBusy) {
		t.Fatalf("the second store searched: %v", err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		r, err := owner.Search(ctx, mustQuery(t, "医保缴费"), store.SearchOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Hits) == 1 && r.Hits[0].Document.ID == d.ID {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the owner did not apply the other store's outbox: hits %v", ids(r))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestDeferSearchIndex: a large import on PostgreSQL drops the GIN index and builds it once at
// the end; searches stay correct meanwhile, and a stopped import's missing index is built again
// at the next start (Migrate). On SQLite the calls change nothing.
func TestDeferSearchIndex(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := setup(t, db)
		present := func() bool {
			t.Helper()
			if db.Engine() != store.Postgres {
				return true
			}
			return db.ExecRaw(ctx, `SELECT 'search_docs_tsv'::regclass`) == nil
		}
		found := func(q string) int64 {
			t.Helper()
			r, err := db.Search(ctx, mustQuery(t, q), store.SearchOptions{})
			if err != nil {
				t.Fatalf("Search(%q): %v", q, err)
			}
			if len(r.Hits) != 1 {
				t.Fatalf("Search(%q): %d hits, want 1", q, len(r.Hits))
			}
			return r.Hits[0].Document.ID
		}
		build, err := db.DeferSearchIndex(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if present() != (db.Engine() == store.SQLite) {
			t.Fatalf("%s: search index present = %v after DeferSearchIndex", db.Engine(), present())
		}
		recs := []ingest.Record{
			{SourceKey: "t:1", Fields: disclosure.Fields{Title: "关于推进水库移民后期扶持工作的意见", Genre: disclosure.GenreNotice, BodyHTML: "<p>做好水库移民后期扶持。</p>"}},
			{SourceKey: "t:2", Fields: disclosure.Fields{Title: "森林草原防火条例", Genre: disclosure.GenreNotice, BodyHTML: "<p>森林草原防火工作实行属地管理。</p>"}},
		}
		if res, err := db.ImportDocuments(ctx, audit.System, f.province.ID, recs); err != nil || res.Added != 2 {
			t.Fatalf("import: %+v, %v", res, err)
		}
		before := found("水库移民")
		if err := build(ctx); err != nil {
			t.Fatal(err)
		}
		if !present() {
			t.Fatal("search index missing after the deferred build")
		}
		if after := found("水库移民"); after != before {
			t.Errorf("水库移民: document %d with the index, %d without", after, before)
		}
		found("防火条例")
		// Stopped before building: the next start builds it.
		if _, err := db.DeferSearchIndex(ctx); err != nil {
			t.Fatal(err)
		}
		if err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		if !present() {
			t.Fatal("Migrate did not build the missing search index")
		}
		found("防火条例")
	})
}
