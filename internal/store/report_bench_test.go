package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"gongkai/internal/disclosure"
	"gongkai/internal/ledger"
	"gongkai/internal/org"
	"gongkai/internal/report"
	"gongkai/internal/request"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
	"gongkai/internal/workday"
)

// Benchmarks of the issue 5 budgets (DESIGN.md): the annual report of an organisation with
// 100,000 applications in under 1 s, and the roll-up of 1,000 organisations in under 5 s, on
// both engines. The data is written with bulk inserts (a few transactions), so building it takes
// seconds, not the hours that 100,000 CreateRequest calls would; it only runs with -bench:
//
//	GONGKAI_TEST_POSTGRES=postgres://postgres@127.0.0.1:5432/test?sslmode=disable \
//	  go test ./internal/store -run '^$' -bench 'AnnualReport100k|Rollup1000' -benchtime 5x

const benchYear = 2025

// benchGen writes a realistic year of records for organisations: applications from every kind
// of applicant (mostly natural persons), some carried over from the year before and some carried
// to the next, replied with every reply type and sub-reason or ended by a lapse or a withdrawal,
// with their clock events, fees on a few, appeals on about 1.5 % of them; rules, normative and
// policy documents (some repealed); ledger tasks with progress.
type benchGen struct {
	rng                                      *rand.Rand
	orgs, requests, events, replies, appeals [][]any
	docs, tasks, progress, reports           [][]any
	nextReq, nextEvent, nextAppeal, nextDoc  int64
	nextTask, nextProgress                   int64
	replyChoices                             []request.Reply
	kinds                                    []request.ApplicantKind
	now                                      string
}

func newBenchGen() *benchGen {
	g := &benchGen{rng: rand.New(rand.NewPCG(5, 2025)), now: "2026-01-20T02:00:00.000000Z"}
	// Reply types weighted as in published reports: most disclosed or 无法提供, then partial,
	// withheld and not processed, every sub-reason present.
	weights := map[request.ReplyType]int{request.ReplyDisclose: 40, request.ReplyPartial: 10, request.ReplyUnable: 20}
	for _, t := range request.ReplyTypes() {
		if !t.HasReasons() {
			for range weights[t] {
				g.replyChoices = append(g.replyChoices, request.Reply{Type: t})
			}
			continue
		}
		n := map[request.ReplyType]int{request.ReplyWithhold: 2, request.ReplyUnable: 6, request.ReplyNotProcessed: 2, request.ReplyOther: 1}[t]
		for _, r := range t.Reasons() {
			for range n {
				g.replyChoices = append(g.replyChoices, request.Reply{Type: t, Reason: r})
			}
		}
	}
	// Applicant kinds: about 75 % natural persons, the rest spread over the organisations.
	for range 15 {
		g.kinds = append(g.kinds, request.NaturalPerson)
	}
	for _, k := range request.ApplicantKinds() {
		if k != request.NaturalPerson {
			g.kinds = append(g.kinds, k)
		}
	}
	return g
}

func (g *benchGen) org(id, parent int64, path, name string, kind org.Kind, level org.Level) {
	var p any
	if parent != 0 {
		p = parent
	}
	g.orgs = append(g.orgs, []any{id, p, path, fmt.Sprintf("BENCH%013d", id), name, string(kind), string(level), g.now, g.now})
}

func (g *benchGen) date(from workday.Date, days int) workday.Date {
	return from.AddDays(g.rng.IntN(days))
}

func (g *benchGen) event(req int64, kind request.EventKind, on workday.Date, amount int64, rt request.ReplyType, reason request.Reason) {
	g.nextEvent++
	g.events = append(g.events, []any{g.nextEvent, req, string(kind), on.String(), amount, string(rt), string(reason), g.now})
}

// applications adds n applications of an organisation.
func (g *benchGen) applications(orgID int64, n int) {
	jan1 := workday.Date{Year: benchYear, Month: time.January, Day: 1}
	for range n {
		g.nextReq++
		id := g.nextReq
		var received workday.Date
		switch x := g.rng.IntN(100); {
		case x < 6: // received late last year, carried over
			received = g.date(workday.Date{Year: benchYear - 1, Month: time.November, Day: 15}, 47)
		default:
			received = g.date(jan1, 365)
		}
		kind := g.kinds[g.rng.IntN(len(g.kinds))]
		outcome := g.rng.IntN(100)
		if outcome < 4 && received.Year == benchYear { // still open: received in December, carried to next year
			received = g.date(workday.Date{Year: benchYear, Month: time.December, Day: 5}, 26)
		}
		status, due, ended := string(request.StatusEnded), received.AddDays(28).String(), ""
		g.event(id, request.EvReceived, received, 0, "", "")
		endOn := received.AddDays(3 + g.rng.IntN(30))
		switch x := outcome; {
		case x < 4:
			status, endOn = string(request.StatusPending), workday.Date{}
		case x < 6:
			g.event(id, request.EvCorrectionLapsed, endOn, 0, "", "")
		case x < 7:
			g.event(id, request.EvFeeNotice, received.AddDays(2), 30000, "", "")
			g.event(id, request.EvFeeLapsed, endOn, 0, "", "")
		case x < 9:
			g.event(id, request.EvWithdrawn, endOn, 0, "", "")
		default:
			r := g.replyChoices[g.rng.IntN(len(g.replyChoices))]
			if g.rng.IntN(100) < 2 {
				g.event(id, request.EvFeeNotice, received.AddDays(2), int64(100*(10+g.rng.IntN(500))), "", "")
				g.event(id, request.EvFeePaid, received.AddDays(4), 0, "", "")
			}
			g.event(id, request.EvReplied, endOn, 0, r.Type, r.Reason)
			g.replies = append(g.replies, []any{id, string(r.Type), string(r.Reason), "{}", endOn.String(), g.now})
			if g.rng.IntN(1000) < 15 {
				g.nextAppeal++
				outcomes := append(request.AppealOutcomes(), request.OutcomePending, request.OutcomeUpheld)
				o := outcomes[g.rng.IntN(len(outcomes))]
				decided := ""
				if o != request.OutcomePending {
					decided = endOn.AddDays(60).String()
				}
				k := request.AppealKinds()[g.rng.IntN(3)]
				g.appeals = append(g.appeals, []any{g.nextAppeal, id, string(k), endOn.AddDays(10 + g.rng.IntN(40)).String(), string(o), decided, g.now, g.now})
			}
		}
		if !endOn.IsZero() {
			ended = endOn.String()
		}
		g.requests = append(g.requests, []any{id, orgID, fmt.Sprintf("B%010d", id), "x", string(request.Online), received.String(), string(kind),
			fmt.Sprintf("k%d", g.rng.IntN(n/3+1)), "sealed", `{"kind":"` + string(kind) + `","name":"张*","id":"","phone":""}`, "某项政府信息",
			status, due, ended, g.now, g.now})
	}
}

// documents adds n published documents of an organisation: rules, normative documents and
// policies over ten years, one in six repealed.
func (g *benchGen) documents(orgID int64, n int) {
	genres := []disclosure.Genre{disclosure.GenreRule, disclosure.GenreNormative, disclosure.GenreNormative, disclosure.GenrePolicy}
	for range n {
		g.nextDoc++
		pub := g.date(workday.Date{Year: benchYear - 9, Month: time.January, Day: 1}, 3650)
		validity, updated := disclosure.ValidityInForce, pub.String()+"T02:00:00.000000Z"
		if g.rng.IntN(6) == 0 {
			validity, updated = disclosure.ValidityRepealed, g.date(pub, 1000).String()+"T02:00:00.000000Z"
		}
		g.docs = append(g.docs, []any{g.nextDoc, orgID, fmt.Sprintf("BENCH-%d", g.nextDoc), "published", fmt.Sprintf("文件%d", g.nextDoc),
			string(genres[g.rng.IntN(len(genres))]), pub.String(), pub.String() + "T02:00:00.000000Z", string(validity), g.now, updated})
	}
}

// ledgerTasks adds n tasks of the year to an organisation, each with two progress entries.
func (g *benchGen) ledgerTasks(orgID, assignedBy int64, n int) {
	statuses := ledger.Statuses()
	for i := range n {
		g.nextTask++
		dl := "year_end"
		if i%2 == 1 {
			dl = fmt.Sprintf("%d-06-30", benchYear)
		}
		st := statuses[g.rng.IntN(len(statuses))]
		g.tasks = append(g.tasks, []any{g.nextTask, fmt.Sprintf("任务%d", g.nextTask), orgID, assignedBy, benchYear, dl, dl, string(st), g.now, g.now})
		for k := range 2 {
			g.nextProgress++
			g.progress = append(g.progress, []any{g.nextProgress, g.nextTask, orgID, fmt.Sprintf("%d-0%d-15", benchYear, 3+k), "已推进", g.now})
		}
	}
}

func (g *benchGen) write(b *testing.B, db *store.DB) {
	b.Helper()
	ctx := context.Background()
	for _, t := range []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"orgs", []string{"id", "parent_id", "path", "code", "name", "kind", "level", "created_at", "updated_at"}, g.orgs},
		{"requests", []string{"id", "org_id", "number", "query_code_hash", "channel", "received_on", "applicant_kind", "applicant_key", "applicant_sealed",
			"applicant_masked", "description", "status", "due_on", "ended_on", "created_at", "updated_at"}, g.requests},
		{"request_events", []string{"id", "request_id", "kind", "on_date", "amount_fen", "reply_type", "reason", "created_at"}, g.events},
		{"request_replies", []string{"request_id", "reply_type", "reason", "detail", "replied_on", "created_at"}, g.replies},
		{"appeals", []string{"id", "request_id", "kind", "filed_on", "outcome", "decided_on", "created_at", "updated_at"}, g.appeals},
		{"documents", []string{"id", "org_id", "index_number", "state", "title", "genre", "written_on", "published_at", "validity", "created_at", "updated_at"}, g.docs},
		{"ledger_tasks", []string{"id", "title", "owner_org_id", "assigned_by", "year", "deadline", "due_on", "status", "created_at", "updated_at"}, g.tasks},
		{"ledger_progress", []string{"id", "task_id", "org_id", "on_date", "text", "created_at"}, g.progress},
		{"annual_reports", []string{"org_id", "year", "published_json", "published_at", "updated_at"}, g.reports},
	} {
		if err := db.BulkInsert(ctx, t.table, t.cols, t.rows); err != nil {
			b.Fatal(err)
		}
	}
	if err := db.ExecRaw(ctx, `ANALYZE`); err != nil {
		b.Fatal(err)
	}
	db.Now = func() time.Time { return time.Date(2026, 1, 20, 2, 0, 0, 0, time.UTC) }
}

func benchEngines(b *testing.B, fn func(b *testing.B, db *store.DB)) {
	for _, e := range []store.Engine{store.SQLite, store.Postgres} {
		b.Run(string(e), func(b *testing.B) { fn(b, storetest.Open(b, e)) })
	}
}

// BenchmarkAnnualReport100k computes the annual report of an organisation with 100,000
// applications (what `gongkai report annual` and the report page do).
func BenchmarkAnnualReport100k(b *testing.B) {
	benchEngines(b, func(b *testing.B, db *store.DB) {
		g := newBenchGen()
		g.org(1, 0, "/1/", "临江市人民政府", org.KindGovernment, org.LevelCity)
		g.applications(1, 100_000)
		g.documents(1, 600)
		g.ledgerTasks(1, 0, 30)
		g.write(b, db)
		ctx := context.Background()
		b.ResetTimer()
		var r report.Report
		for b.Loop() {
			var err error
			if r, err = db.AnnualReport(ctx, 1, benchYear); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		checkBenchReport(b, r, 100_000)
	})
}

// BenchmarkRollup1000 rolls up the reports of a city's 1,000 organisations (the city
// government, 9 departments, 30 counties with 32 departments each), 100 applications each.
func BenchmarkRollup1000(b *testing.B) {
	benchEngines(b, func(b *testing.B, db *store.DB) {
		g := newBenchGen()
		g.org(1, 0, "/1/", "临江市人民政府", org.KindGovernment, org.LevelCity)
		id := int64(1)
		add := func(parent int64, parentPath, name string, kind org.Kind, level org.Level) (int64, string) {
			id++
			path := fmt.Sprintf("%s%d/", parentPath, id)
			g.org(id, parent, path, name, kind, level)
			g.applications(id, 100)
			g.documents(id, 10)
			g.ledgerTasks(id, parent, 3)
			if g.rng.IntN(3) > 0 {
				on := workday.Date{Year: benchYear + 1, Month: time.January, Day: 10 + g.rng.IntN(40)}
				g.reports = append(g.reports, []any{id, benchYear, "{}", on.String() + "T02:00:00.000000Z", g.now})
			}
			return id, path
		}
		g.applications(1, 100)
		for i := range 9 {
			add(1, "/1/", fmt.Sprintf("市第%d局", i+1), org.KindDepartment, org.LevelCity)
		}
		for c := range 30 {
			county, path := add(1, "/1/", fmt.Sprintf("第%d县人民政府", c+1), org.KindGovernment, org.LevelCounty)
			for k := range 32 {
				add(county, path, fmt.Sprintf("第%d县第%d局", c+1, k+1), org.KindDepartment, org.LevelCounty)
			}
		}
		if len(g.orgs) != 1000 {
			b.Fatalf("%d organisations", len(g.orgs))
		}
		g.write(b, db)
		ctx := context.Background()
		root, err := db.Org(ctx, 1)
		if err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		var sum report.Report
		var rows []store.RollupRow
		for b.Loop() {
			if sum, rows, err = db.Rollup(ctx, root, benchYear); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		if len(rows) != 1000 {
			b.Fatalf("%d rows", len(rows))
		}
		checkBenchReport(b, sum, 100_000)
	})
}

// checkBenchReport checks that the report counted the applications and passes its checks.
func checkBenchReport(b *testing.B, r report.Report, n int) {
	b.Helper()
	t3 := r.Table3
	received := t3.Cells[r.Format.RowIndex("一")][6] + t3.Cells[r.Format.RowIndex("二")][6]
	if received < n*9/10 || received > n {
		b.Fatalf("table 三 counts %d applications of %d", received, n)
	}
	for _, p := range report.Check(r, nil) {
		if p.Severity == report.Error {
			b.Fatalf("check: %s", p.Message)
		}
	}
}
