package store_test

import (
	"context"
	"testing"
	"time"

	"gongkai/internal/audit"
	"gongkai/internal/disclosure"
	"gongkai/internal/ingest"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

func importOne(t *testing.T, db *store.DB, orgID int64, key, title string) {
	t.Helper()
	rec := ingest.Record{SourceKey: key, PublishedAt: time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC), EscapedBody: true,
		Fields: disclosure.Fields{Title: title, WrittenOn: workday.Date{Year: 2024, Month: 3, Day: 1}, Topic: "综合政务",
			Genre: disclosure.GenreNotice, Validity: disclosure.ValidityInForce, BodyHTML: "<p>" + title + "的正文。</p>\n"}}
	res, err := db.ImportDocuments(context.Background(), audit.System, orgID, []ingest.Record{rec})
	if err != nil || res.Added != 1 {
		t.Fatalf("import %s: %+v, %v", key, res, err)
	}
}

// TestBulkImportCatchesUpWithTheOutbox: during a bulk import, an import whose index update
// cannot follow directly on what the index holds (another store wrote outbox rows meanwhile)
// applies the outbox at once, its own documents included, rather than leaving every later
// batch to the background loop.
func TestBulkImportCatchesUpWithTheOutbox(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	owner := openIn(t, dir)
	f := setup(t, owner)
	if err := owner.SetSearchBulk(ctx, true); err != nil {
		t.Fatal(err)
	}
	other := openIn(t, dir)
	for i, n := range []string{"一", "二", "三"} {
		importOne(t, other, f.province.ID, "other:"+n, "其他进程导入的第"+n+"号通知")
		importOne(t, owner, f.province.ID, "owner:"+n, "本机导入的第"+n+"号通知")
		// At once, without waiting for the loop: both stores' documents are found.
		for _, q := range []string{"其他进程", "本机导入"} {
			r, err := owner.Search(ctx, mustQuery(t, q), store.SearchOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Hits) != i+1 {
				t.Fatalf("round %d, %s: %d hits, want %d", i, q, len(r.Hits), i+1)
			}
		}
	}
}
