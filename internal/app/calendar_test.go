package app

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gongkai/internal/audit"
	"gongkai/internal/org"
	"gongkai/internal/request"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

const calendarFile2027 = `# 2027年部分节假日安排（测试数据）
# 文号：国办发明电〔2026〕7号
2027-01-01 off 元旦
2027-02-06 off 春节
2027-02-07 off 春节
2027-02-08 off 春节
2027-02-09 off 春节
2027-02-10 off 春节
2027-02-11 off 春节
2027-02-12 off 春节
2027-02-13 work 春节
`

// TestCalendarLoadCommand: `gongkai calendar load --year 2027 FILE --data DIR` stores the year
// (flags before or after FILE), refuses to change a year without --replace, lists the years in
// force, and the clock job computes with the loaded year from then on.
func TestCalendarLoadCommand(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	file := filepath.Join(dir, "2027.txt")
	if err := os.WriteFile(file, []byte(calendarFile2027), 0o600); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.txt")
	if err := os.WriteFile(bad, []byte("2027-02-30 off 春节\n2027-03-01 holiday 春节\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	fix2026 := filepath.Join(dir, "2026.txt")
	if err := os.WriteFile(fix2026, []byte("2026-03-02 off 测试\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) (string, error) {
		var out, errOut bytes.Buffer
		err := Run(ctx, args, noEnv, strings.NewReader(""), &out, &errOut)
		return out.String() + errOut.String(), err
	}
	data := filepath.Join(dir, "data")

	for _, tc := range []struct {
		args []string
		want string // in the error
	}{
		{[]string{"calendar", "load", "--data", data, file}, "--year"},
		{[]string{"calendar", "load", "--year", "2027", "--data", data}, "FILE"},
		{[]string{"calendar", "load", "--year", "2027", bad, "--data", data}, "第1行"},
		{[]string{"calendar", "load", "--year", "2026", fix2026, "--data", data}, "文号"},
		{[]string{"calendar", "load", "--year", "2026", "--notice", "国办发明电〔2026〕9号", fix2026, "--data", data}, "程序已内置2026年"},
		{[]string{"calendar", "frobnicate"}, "usage"},
	} {
		if out, err := run(tc.args...); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: %v (want an error with %q)\n%s", tc.args, err, tc.want, out)
		}
	}

	out, err := run("calendar", "load", "--year", "2027", file, "--data", data)
	if err != nil || !strings.Contains(out, "已录入2027年节假日安排（国办发明电〔2026〕7号）：9条") {
		t.Fatalf("load: %v\n%s", err, out)
	}
	if _, err := run("calendar", "load", "--year", "2027", file, "--data", data); err == nil || !strings.Contains(err.Error(), "已经录入") {
		t.Errorf("second load without --replace: %v", err)
	}
	if out, err := run("calendar", "load", "--replace", "--year", "2027", file, "--data", data); err != nil || !strings.Contains(out, "已更正2027年") {
		t.Errorf("reload with --replace: %v\n%s", err, out)
	}
	if out, err := run("calendar", "load", "--year", "2026", "--notice", "国办发明电〔2026〕9号", "--replace", fix2026, "--data", data); err != nil || !strings.Contains(out, "已替换内置的2026年") {
		t.Errorf("replace 2026: %v\n%s", err, out)
	}
	out, err = run("calendar", "list", "--data", data)
	if err != nil || !strings.Contains(out, "2027\t工作人员录入：国办发明电〔2026〕7号") || !strings.Contains(out, "2026\t工作人员录入：国办发明电〔2026〕9号") ||
		!strings.Contains(out, "2025\t程序内置") || !strings.Contains(out, "weekends_only") {
		t.Errorf("list: %v\n%s", err, out)
	}

	// The clock job uses the loaded year: received 2026-12-28, due 2027-01-26 (2027-01-01 is a
	// rest day in the loaded notice; by weekday alone it would be 2027-01-25).
	db, err := store.Open(ctx, "", data)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	key, err := secretKey("", data)
	if err == nil {
		err = db.SetSecret(key)
	}
	if err != nil {
		t.Fatal(err)
	}
	code := "11330000MB1234567"
	check, _ := org.CreditCodeCheckChar(code)
	o, err := db.CreateOrg(ctx, audit.System, org.Org{Code: code + string(check), Name: "江南省人民政府", Kind: org.KindGovernment, Level: org.LevelProvince})
	if err != nil {
		t.Fatal(err)
	}
	id := "11010119900307123"
	id += string(request.ResidentIDCheckChar(id))
	received := workday.MustParseDate("2026-12-28")
	in := store.NewRequest{OrgID: o.ID, Channel: request.Online, ReceivedOn: received, Description: "预算",
		Applicant: request.Applicant{Kind: request.NaturalPerson, Name: "李四", ID: request.Identity{Kind: request.ResidentID, Number: id}, Phone: "13912345678"}}
	r, _, err := db.CreateRequest(ctx, nil, in, store.Clocking{Cal: workday.Default(), Policy: request.DefaultPolicy(), Today: received})
	if err != nil {
		t.Fatal(err)
	}
	if r.DueOn.String() != "2027-01-25" {
		t.Fatalf("created with the shipped calendar: due %s", r.DueOn)
	}
	db.Now = func() time.Time { return time.Date(2027, 1, 4, 1, 0, 0, 0, time.UTC) }
	runClockJobs(ctx, db, slog.New(slog.NewTextHandler(io.Discard, nil)))
	r, err = db.Request(ctx, r.ID)
	if err != nil || r.DueOn.String() != "2027-01-26" {
		t.Errorf("after the job: due %s, %v", r.DueOn, err)
	}
}
