package store_test

import (
	"context"
	"testing"

	"gongkai/internal/audit"
	"gongkai/internal/ingest"
	"gongkai/internal/org"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

// BenchmarkImportLaws imports and indexes the laws corpus; reports documents per second.
func BenchmarkImportLaws(b *testing.B) {
	t := &testing.T{}
	recs := loadLaws(t)
	if len(recs) == 0 {
		b.Skip("laws corpus absent")
	}
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db := storetest.Open(b, store.SQLite)
		root, err := db.CreateOrg(context.Background(), audit.System, org.Org{Code: code(b, "11100000MB0000000"), Name: "国务院", Kind: org.KindGovernment, Level: org.LevelNational})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		for s := 0; s < len(recs); s += 250 {
			e := min(s+250, len(recs))
			batch := append([]ingest.Record(nil), recs[s:e]...)
			if _, err := db.ImportDocuments(context.Background(), audit.System, root.ID, batch); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(recs)*b.N)/b.Elapsed().Seconds(), "docs/s")
}
