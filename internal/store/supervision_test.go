package store_test

import (
	"context"
	"fmt"
	"testing"

	"gongkai/internal/disclosure"
	"gongkai/internal/request"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
	"gongkai/internal/workday"
)

// TestUrgentRequestCounts counts overdue and due-soon applications in SQL with no cap (the
// dashboard used to stop at 500 per organisation), and the paged lists hold the same ones.
func TestUrgentRequestCounts(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := setup(t, db)
		today := workday.MustParseDate("2026-03-16") // a Monday
		soonUntil := workday.MustParseDate("2026-03-19")
		var rows [][]any
		add := func(orgID int64, status request.Status, due string, n int) {
			for range n {
				id := int64(len(rows) + 1)
				rows = append(rows, []any{id, orgID, fmt.Sprintf("U%08d", id), "x", string(request.Online), "2026-01-05", string(request.NaturalPerson),
					"k", "s", "{}", "某项信息", string(status), due, "", "2026-01-05T00:00:00.000000Z", "2026-01-05T00:00:00.000000Z"})
			}
		}
		add(f.province.ID, request.StatusOverdue, "2026-02-27", 600) // refreshed by the clock job
		add(f.province.ID, request.StatusPending, "2026-03-13", 30)  // overdue since today, not yet refreshed
		add(f.province.ID, request.StatusPending, "2026-03-16", 5)   // due today: soon
		add(f.province.ID, request.StatusPending, "2026-03-19", 7)   // third working day: soon
		add(f.province.ID, request.StatusPending, "2026-03-20", 9)   // later
		add(f.province.ID, request.StatusPaused, "2026-03-02", 11)   // waiting: neither
		add(f.province.ID, request.StatusEnded, "2026-02-02", 13)    // ended: neither
		add(f.city.ID, request.StatusOverdue, "2026-03-10", 2)
		add(f.dept.ID, request.StatusPending, "2026-03-17", 3)
		if err := db.BulkInsert(ctx, "requests", []string{"id", "org_id", "number", "query_code_hash", "channel", "received_on", "applicant_kind",
			"applicant_key", "applicant_sealed", "applicant_masked", "description", "status", "due_on", "ended_on", "created_at", "updated_at"}, rows); err != nil {
			t.Fatal(err)
		}
		ids := []int64{f.province.ID, f.city.ID, f.dept.ID}
		overdue, soon, err := db.UrgentRequestCounts(ctx, ids, today, soonUntil)
		if err != nil {
			t.Fatal(err)
		}
		if overdue[f.province.ID] != 630 || soon[f.province.ID] != 12 || overdue[f.city.ID] != 2 || soon[f.city.ID] != 0 || soon[f.dept.ID] != 3 {
			t.Errorf("overdue %v, soon %v", overdue, soon)
		}
		// The lists behind the numbers, page by page, hold as many.
		listed := 0
		for page := 0; ; page++ {
			reqs, err := db.Requests(ctx, store.RequestFilter{OrgIDs: []int64{f.province.ID}, Open: true, NotPaused: true, DueUntil: today.AddDays(-1),
				Limit: 100, Offset: page * 100})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range reqs {
				if !r.DueOn.Before(today) || r.Status == request.StatusPaused || r.Status == request.StatusEnded {
					t.Fatalf("listed %s due %s", r.Status, r.DueOn)
				}
			}
			listed += len(reqs)
			if len(reqs) < 100 {
				break
			}
		}
		if listed != 630 {
			t.Errorf("listed %d overdue, counted 630", listed)
		}
		reqs, err := db.Requests(ctx, store.RequestFilter{OrgIDs: ids, Open: true, NotPaused: true, DueFrom: today, DueUntil: soonUntil, Limit: 100})
		if err != nil || len(reqs) != 15 {
			t.Errorf("due soon listed %d, %v", len(reqs), err)
		}
	})
}

// TestUninterpretedDocuments finds the policies, normative documents and rules that no published
// interpretation explains, in one query.
func TestUninterpretedDocuments(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := setup(t, db)
		doc := func(title string, g disclosure.Genre) disclosure.Document {
			fl := fields(title)
			fl.Genre = g
			return publishDoc(t, db, f, f.province, fl)
		}
		explained := doc("关于促进就业的若干政策措施", disclosure.GenrePolicy)
		alone := doc("江南省行政规范性文件管理办法", disclosure.GenreNormative)
		draftOnly := doc("江南省某规章", disclosure.GenreRule)
		notice := doc("关于放假的通知", disclosure.GenreNotice)
		reading := doc("《关于促进就业的若干政策措施》解读", disclosure.GenreInterpretation)
		if err := db.AddRelation(ctx, f.editor, reading.ID, disclosure.RelInterprets, explained.ID); err != nil {
			t.Fatal(err)
		}
		// An interpretation that is still a draft does not count.
		fl := fields("某规章解读（草稿）")
		fl.Genre = disclosure.GenreInterpretation
		draft, err := db.CreateDocument(ctx, nil, f.province.ID, fl)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.AddRelation(ctx, f.editor, draft.ID, disclosure.RelInterprets, draftOnly.ID); err != nil {
			t.Fatal(err)
		}
		got, err := db.UninterpretedDocuments(ctx, []int64{f.province.ID, f.city.ID}, []disclosure.Genre{disclosure.GenrePolicy, disclosure.GenreNormative, disclosure.GenreRule})
		if err != nil {
			t.Fatal(err)
		}
		want := map[int64]bool{alone.ID: true, draftOnly.ID: true}
		if len(got) != len(want) {
			t.Fatalf("got %d documents: %+v", len(got), got)
		}
		for _, d := range got {
			if !want[d.ID] || d.ID == notice.ID || d.ID == explained.ID {
				t.Errorf("listed %d %s", d.ID, d.Title)
			}
		}
		if got, err := db.UninterpretedDocuments(ctx, []int64{f.city.ID}, []disclosure.Genre{disclosure.GenrePolicy}); err != nil || len(got) != 0 {
			t.Errorf("the city's: %v %v", got, err)
		}
	})
}
