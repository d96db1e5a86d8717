package app

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongkai/internal/search"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

// Three lines in the State Council sample's format, written for this test.
const policiesSample = `{"url":"https://example.org/a","title":"国务院办公厅关于推进水库移民后期扶持工作的意见","index_number":"000014349/2021-00101","issuing_agency":"国务院办公厅","doc_number":"国办发〔2021〕31号","subject_category":"农业、林业、水利","written_date":"2021-08-02","publish_date":"2021-08-05","text":"做好水库移民后期扶持工作，事关移民群众切身利益。"}
{"url":"https://example.org/b","title":"国务院关于森林草原防火工作的通知","index_number":"000014349/2021-00102","issuing_agency":"国务院","doc_number":"国发〔2021〕9号","subject_category":"其他","written_date":"2021-03-01","publish_date":"2021-03-03","text":"森林草原防火工作实行地方各级人民政府行政首长负责制。"}
{"url":"https://example.org/c","title":"国务院办公厅关于加强政务公开工作的通知","index_number":"000014349/2021-00103","issuing_agency":"国务院办公厅","doc_number":"国办发〔2021〕12号","subject_category":"其他","written_date":"2021-04-20","publish_date":"2021-04-23","text":"推进政务公开标准化规范化。"}
`

// TestImportCommand: gongkai import adds the documents once (a repeat skips them) and they are
// found by search; on PostgreSQL with --defer-index the search index is built at the end.
func TestImportCommand(t *testing.T) {
	file := filepath.Join(t.TempDir(), "policies.jsonl")
	if err := os.WriteFile(file, []byte(policiesSample), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		args []string
		dsn  func(t *testing.T) string
	}{
		{"sqlite", nil, func(t *testing.T) string { return "" }},
		{"postgres --defer-index", []string{"--defer-index"}, func(t *testing.T) string { return storetest.PostgresDSN(t) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dsn, dir := tc.dsn(t), t.TempDir()
			where := []string{"--data", dir}
			if dsn != "" {
				where = []string{"--db", dsn}
			}
			run := func() string {
				t.Helper()
				var out bytes.Buffer
				args := append(append(append([]string{"import", "policies"}, where...), tc.args...), file)
				if err := Run(ctx, args, noEnv, nil, &out, &out); err != nil {
					t.Fatalf("import: %v\n%s", err, out.String())
				}
				return out.String()
			}
			if out := run(); !strings.Contains(out, "新增 3 份，跳过已导入 0 份") {
				t.Fatalf("first import:\n%s", out)
			}
			if out := run(); !strings.Contains(out, "新增 0 份，跳过已导入 3 份") {
				t.Fatalf("repeated import:\n%s", out)
			}
			db, err := store.Open(ctx, dsn, dir)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if dsn != "" {
				if err := db.ExecRaw(ctx, `SELECT 'search_docs_tsv'::regclass`); err != nil {
					t.Fatalf("search index missing after the import: %v", err)
				}
			}
			q, err := search.ParseQuery("水库移民")
			if err != nil {
				t.Fatal(err)
			}
			r, err := db.Search(ctx, q, store.SearchOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if r.Total != 1 || len(r.Hits) != 1 || r.Hits[0].Document.DocNumber != "国办发〔2021〕31号" {
				t.Fatalf("水库移民 after the import: total %d, hits %+v", r.Total, r.Hits)
			}
			// A file with a bad line: the error names it, the line before it is imported and,
			// on PostgreSQL, the deferred index is built all the same.
			bad := filepath.Join(t.TempDir(), "bad.jsonl")
			line := strings.NewReplacer("/a", "/d", "00101", "00104").Replace(strings.SplitN(policiesSample, "\n", 2)[0])
			if err := os.WriteFile(bad, []byte(line+"\n{not json\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			args := append(append(append([]string{"import", "policies"}, where...), tc.args...), bad)
			if err := Run(ctx, args, noEnv, nil, &out, &out); err == nil || !strings.Contains(err.Error(), "bad.jsonl") {
				t.Fatalf("import of a bad file: %v\n%s", err, out.String())
			}
			if dsn != "" {
				if err := db.ExecRaw(ctx, `SELECT 'search_docs_tsv'::regclass`); err != nil {
					t.Fatalf("search index missing after a failed import: %v", err)
				}
			}
			if n, err := db.SourceKeyCount(ctx, "policy:"); err != nil || n != 4 {
				t.Fatalf("documents after the failed import: %d, %v (want 4)", n, err)
			}
		})
	}
}
