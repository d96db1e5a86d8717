package app

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"gongkai/internal/audit"
	"gongkai/internal/ingest"
	"gongkai/internal/org"
	"gongkai/internal/search"
	"gongkai/internal/store"
)

// provinceDivisions are the division codes of the provinces whose local regulations the laws
// corpus holds, for the organisations the import creates for them.
var provinceDivisions = map[string]string{
	"北京": "110000", "上海": "310000", "重庆": "500000", "广东": "440000", "山东": "370000", "河南": "410000", "浙江": "330000",
	"天津": "120000", "江苏": "320000", "四川": "510000", "湖北": "420000", "湖南": "430000", "福建": "350000", "河北": "130000",
}

var importActor = audit.Actor{Name: "import"}

func importCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || (args[0] != "laws" && args[0] != "policies") {
		return errors.New("usage: gongkai import laws|policies [--data DIR | --db URL] [--org CODE] [--defer-index] FILE")
	}
	kind := args[0]
	fs := newFlagSet("import "+kind, stderr)
	var d dataFlags
	d.register(fs, getenv)
	code := fs.String("org", "", "organisation that publishes national documents (default: the top national government)")
	deferIndex := fs.Bool("defer-index", false, "PostgreSQL: drop the search index during the import and build it once at the end (for large first loads; searches are slow until it is built)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("give one FILE (laws.jsonl.gz, or a State Council .jsonl)")
	}
	db, err := d.openIndexed(ctx, stdout)
	if err != nil {
		return err
	}
	defer db.Close()
	target, err := importTarget(ctx, db, *code)
	if err != nil {
		return err
	}
	r, closeFile, err := openMaybeGzip(fs.Arg(0))
	if err != nil {
		return err
	}
	defer closeFile()

	im := &importer{db: db, out: stdout, national: target, provinces: map[string]org.Org{}, start: time.Now()}
	read := ingest.ReadLaws
	if kind == "policies" {
		read = ingest.ReadPolicies
	}
	if err := db.SetSearchBulk(ctx, true); err != nil {
		return err
	}
	buildIndex := func(context.Context) error { return nil }
	if *deferIndex {
		if buildIndex, err = db.DeferSearchIndex(ctx); err != nil {
			return err
		}
	}
	if err = read(r, im.add); err != nil {
		err = fmt.Errorf("read %s: %w", fs.Arg(0), err)
	}
	// What was read before a bad line is imported too (a repeated import skips it).
	if ctx.Err() == nil {
		err = errors.Join(err, im.flushAll(ctx))
	}
	if ctx.Err() != nil {
		return err // interrupted: the next start builds a deferred index
	}
	// After a bad record too, so that what was imported is found at the usual speed.
	if *deferIndex && db.Engine() == store.Postgres {
		fmt.Fprint(stdout, "\r正在重建全文检索索引……")
	}
	if berr := buildIndex(ctx); berr != nil {
		return errors.Join(err, berr)
	}
	if err != nil {
		return err
	}
	if err := db.FlushSearch(ctx); err != nil {
		return err
	}
	secs := time.Since(im.start).Seconds()
	fmt.Fprintf(stdout, "\r导入完成：新增 %d 份，跳过已导入 %d 份，用时 %.1f 秒（%.0f 份/秒）\n", im.added, im.skipped, secs, float64(im.added+im.skipped)/secs)
	return nil
}

func openMaybeGzip(path string) (io.Reader, func(), error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			f.Close()
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		return zr, func() { zr.Close(); f.Close() }, nil
	}
	return f, func() { f.Close() }, nil
}

// importTarget is the organisation given by code, or the top national government, created if the
// platform has no organisation yet.
func importTarget(ctx context.Context, db *store.DB, code string) (org.Org, error) {
	if code != "" {
		return db.OrgByCode(ctx, code)
	}
	orgs, err := db.Orgs(ctx)
	if err != nil {
		return org.Org{}, err
	}
	for _, o := range orgs {
		if o.ParentID == 0 && o.Level == org.LevelNational {
			return o, nil
		}
	}
	return db.CreateOrg(ctx, importActor, org.Org{Code: syntheticCode("100000", 0), Name: "国务院", Kind: org.KindGovernment, Level: org.LevelNational})
}

// syntheticCode makes a valid credit code for an organisation the import creates.
func syntheticCode(division string, n int) string {
	body := fmt.Sprintf("11%sMB%07d", division, n)
	c, _ := org.CreditCodeCheckChar(body)
	return body + string(c)
}

type importer struct {
	db        *store.DB
	out       io.Writer
	national  org.Org
	provinces map[string]org.Org
	batches   map[int64][]ingest.Record
	added     int
	skipped   int
	start     time.Time
}

const importBatch = 250

func (im *importer) add(r ingest.Record) error {
	ctx := context.Background()
	target := im.national
	if r.Region != "" {
		o, err := im.province(ctx, r.Region)
		if err != nil {
			return err
		}
		target = o
	}
	if im.batches == nil {
		im.batches = map[int64][]ingest.Record{}
	}
	im.batches[target.ID] = append(im.batches[target.ID], r)
	if len(im.batches[target.ID]) >= importBatch {
		return im.flush(ctx, target.ID)
	}
	return nil
}

func (im *importer) flush(ctx context.Context, orgID int64) error {
	recs := im.batches[orgID]
	if len(recs) == 0 {
		return nil
	}
	res, err := im.db.ImportDocuments(ctx, importActor, orgID, recs)
	if err != nil {
		return err
	}
	im.batches[orgID] = nil
	im.added += res.Added
	im.skipped += res.Skipped
	n := im.added + im.skipped
	fmt.Fprintf(im.out, "\r已处理 %d 份（新增 %d），%.0f 份/秒", n, im.added, float64(n)/time.Since(im.start).Seconds())
	return nil
}

func (im *importer) flushAll(ctx context.Context) error {
	for id := range im.batches {
		if err := im.flush(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

// province finds or creates the provincial government that publishes a region's local regulations.
func (im *importer) province(ctx context.Context, region string) (org.Org, error) {
	if o, ok := im.provinces[region]; ok {
		return o, nil
	}
	name := region + "市人民政府"
	if !strings.HasSuffix(region, "京") && !strings.HasSuffix(region, "海") && !strings.HasSuffix(region, "津") && !strings.HasSuffix(region, "庆") {
		name = region + "省人民政府"
	}
	orgs, err := im.db.Orgs(ctx)
	if err != nil {
		return org.Org{}, err
	}
	for _, o := range orgs {
		if o.Name == name {
			im.provinces[region] = o
			return o, nil
		}
	}
	div, ok := provinceDivisions[region]
	if !ok {
		return org.Org{}, fmt.Errorf("unknown region %q", region)
	}
	o, err := im.db.CreateOrg(ctx, importActor, org.Org{ParentID: im.national.ID, Code: syntheticCode(div, 1), Name: name,
		Kind: org.KindGovernment, Level: org.LevelProvince})
	if err != nil {
		return o, fmt.Errorf("create %s: %w", name, err)
	}
	im.provinces[region] = o
	return o, nil
}

func reindexCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	db, err := openCommand(ctx, "reindex", args, getenv, stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	if err := reindex(ctx, db, stdout); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\n检索索引已重建，用时 %.1f 秒\n", time.Since(start).Seconds())
	return nil
}

// reindex rebuilds the search index with a progress bar and records the analyzer version.
func reindex(ctx context.Context, db *store.DB, out io.Writer) error {
	start := time.Now()
	err := db.Reindex(ctx, func(done, total int) {
		const width = 30
		filled := width
		if total > 0 {
			filled = done * width / total
		}
		fmt.Fprintf(out, "\r重建检索索引 [%s%s] %d/%d  %.0f 份/秒", strings.Repeat("#", filled), strings.Repeat(".", width-filled),
			done, total, float64(done)/time.Since(start).Seconds())
	})
	if err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	return db.SetSetting(ctx, analyzerSetting, strconv.Itoa(search.AnalyzerVersion))
}

const analyzerSetting = "search.analyzer_version"

// ensureIndex rebuilds the search index when it was built by another version of the analyzer
// (tokens made differently would not match new queries).
func ensureIndex(ctx context.Context, db *store.DB, out io.Writer) error {
	v, ok, err := db.Setting(ctx, analyzerSetting)
	if err != nil {
		return err
	}
	if ok && v == strconv.Itoa(search.AnalyzerVersion) {
		return nil
	}
	if !ok {
		// A new database: the index is built as documents are written.
		n, err := db.PublishedCount(ctx)
		if err != nil {
			return err
		}
		if n == 0 {
			return db.SetSetting(ctx, analyzerSetting, strconv.Itoa(search.AnalyzerVersion))
		}
	}
	fmt.Fprintln(out, "检索分词规则已更新，正在重建检索索引…")
	if err := reindex(ctx, db, out); err != nil {
		return err
	}
	fmt.Fprintln(out)
	return nil
}
