// Package demo loads the demonstration data: a fictional province (江南省) under the State Council
// General Office, with its cities, counties, townships, departments and one water company, their
// staff, and some 170 documents of every genre at every stage of the workflow, published on dates
// spread over 2021–2026; some 80 applications for information (依申请公开) from 2024 to today, with
// appeals and guidance cases (requests.go); the task ledger of the 2021 key points and of the
// province's own 2025 and 2026 tasks (ledger.go); and the 2025 annual reports of the province and
// of 临江市, the latter published (reports.go).
//
// Everything is written for the demonstration: the province, its places and bodies, people and
// companies are invented; the documents in the name of the (real) State Council General Office
// are our own short texts and say so. Applicants' identity numbers are built from the fictional
// province's division codes and belong to nobody.
package demo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"

	"gongkai/internal/audit"
	"gongkai/internal/org"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

// SettingLoaded is the setting that records that the demonstration data was loaded (its value is
// the time of loading).
const SettingLoaded = "demo.loaded"

// AccountsFile is the name of the file, in the data folder, that keeps the demonstration
// accounts' passwords so that staff can sign in again after a restart.
const AccountsFile = "demo-accounts.txt"

// platformStart is when the demonstration platform "went live": organisations and staff are
// created at this time, before the first documents.
var platformStart = time.Date(2020, 12, 1, 9, 0, 0, 0, workday.Location())

// Load loads the demonstration data once. The first call creates everything, writes the staff
// accounts with their passwords (random for each installation, kept otherwise only as argon2id
// hashes) to dataDir/demo-accounts.txt (mode 0600) and prints them to out; it returns true. Later
// calls change nothing, print where the accounts file is, and return false. The first call also
// prints, and saves with the accounts, two applications' numbers and query codes for trying the
// tracking page.
//
// Documents are published, and applications, ledger tasks and reports handled, with the store's
// clock set back to their dates, in date order; the clock (db.Now) is restored before Load
// returns. Load must not run while other goroutines use db.
func Load(ctx context.Context, db *store.DB, dataDir string, out io.Writer) (loaded bool, err error) {
	path := filepath.Join(dataDir, AccountsFile)
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	if _, done, err := db.Setting(ctx, SettingLoaded); err != nil {
		return false, err
	} else if done {
		if fileExists(path) {
			fmt.Fprintf(out, "演示账号见 %s\n", path)
		}
		return false, nil
	}
	specs := orgSpecs()
	rootCode, err := creditCode(specs[0], 0)
	if err != nil {
		return false, err
	}
	if _, err := db.OrgByCode(ctx, rootCode); err == nil {
		return false, errors.New("数据库中已有部分演示数据（上次加载未完成），请换用新的数据库后重新加载")
	}

	accounts, err := planAccounts(specs)
	if err != nil {
		return false, err
	}
	table := accountsTable(accounts)
	if err := writeAccountsFile(path, table); err != nil {
		return false, err
	}
	defer func() {
		if err != nil {
			os.Remove(path)
		}
	}()

	l := &loader{ctx: ctx, db: db, today: db.Now(), orgs: map[string]org.Org{}, specs: map[string]orgSpec{}, docs: map[string]int64{},
		users: map[string]org.User{}}
	saved := db.Now
	defer func() { db.Now = saved }()

	if err := l.createOrgs(specs); err != nil {
		return false, err
	}
	ids := map[string]int64{}
	for _, o := range l.orgs {
		ids[o.Name] = o.ID
	}
	l.setClock(platformStart.Add(30 * time.Minute))
	if err := createAccounts(ctx, db, accounts, ids); err != nil {
		return false, err
	}
	for _, a := range accounts {
		l.users[a.user.Username] = a.user
	}
	// Documents, applications, the task ledger and the annual reports, in the order they happened.
	if err := l.planDocuments(); err != nil {
		return false, err
	}
	if err := l.planRequests(); err != nil {
		return false, err
	}
	if err := l.planLedger(); err != nil {
		return false, err
	}
	l.planReports()
	if err := l.runSteps(); err != nil {
		return false, err
	}
	db.Now = saved
	if err := l.finishRequests(); err != nil {
		return false, err
	}
	note := l.requestsNote()
	if note != "" {
		if err := writeAccountsFile(path, table+"\n"+note); err != nil {
			return false, err
		}
	}
	if err := db.SetSetting(ctx, SettingLoaded, saved().UTC().Format(time.RFC3339)); err != nil {
		return false, err
	}
	fmt.Fprintf(out, "已加载演示数据：%d个机构、%d个账号、%d份文件、%d件政府信息公开申请（%d件复议诉讼、%d个指导案例）、%d项工作台账任务（%d条进展）、%d份年度报告。\n",
		len(l.orgs), len(accounts), len(l.docs), l.requests, l.appeals, l.cases, l.tasks, l.progress, l.reports)
	for _, w := range l.warnings {
		fmt.Fprintf(out, "注意：%s\n", w)
	}
	fmt.Fprintf(out, "演示账号（密码为本次安装随机生成，仅显示这一次）：\n\n%s\n", table)
	if note != "" {
		fmt.Fprintf(out, "%s\n", note)
	}
	fmt.Fprintf(out, "以上账号已保存到 %s（仅本机用户可读），重启后可在该文件中查看。\n", path)
	return true, nil
}

// writeAccountsFile writes the accounts to path with mode 0600, atomically.
func writeAccountsFile(path, table string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return fmt.Errorf("创建数据目录: %w", err)
	}
	f, err := os.CreateTemp(dir, ".demo-accounts-*.tmp") // created with mode 0600
	if err != nil {
		return fmt.Errorf("保存演示账号: %w", err)
	}
	tmp := f.Name()
	content := "gongkai 演示账号（仅用于演示，密码为本次安装随机生成；请勿在生产环境使用演示数据）\n\n" + table
	_, werr := f.WriteString(content)
	if werr == nil {
		werr = f.Sync()
	}
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(tmp, 0o600)
	}
	if werr == nil {
		werr = os.Rename(tmp, path)
	}
	if werr != nil {
		os.Remove(tmp)
		return fmt.Errorf("保存演示账号: %w", werr)
	}
	return nil
}

// accountsTable renders the accounts as an aligned text table: 机构, 角色, 用户名, 密码.
func accountsTable(accounts []account) string {
	rows := [][]string{{"机构", "角色", "用户名", "密码"}}
	for _, a := range accounts {
		rows = append(rows, []string{a.orgName, a.user.Role.Label(), a.user.Username, a.password})
	}
	widths := make([]int, 4)
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	var b strings.Builder
	line := func(r []string) {
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-displayWidth(c)+2))
			}
		}
		b.WriteByte('\n')
	}
	line(rows[0])
	sep := make([]string, 4)
	for i, w := range widths {
		sep[i] = strings.Repeat("-", w)
	}
	line(sep)
	for _, r := range rows[1:] {
		line(r)
	}
	return b.String()
}

// displayWidth counts East Asian wide characters as two columns.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Han, r), r >= 0x3000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFF60:
			n += 2
		default:
			n++
		}
	}
	return n
}

// fileExists reports whether path names an existing file.
func fileExists(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode().IsRegular()
}

// A loader creates the data, with the store's clock moved to each step's time.
type loader struct {
	ctx   context.Context
	db    *store.DB
	today time.Time // the real present: everything is dated before it
	orgs  map[string]org.Org
	specs map[string]orgSpec
	docs  map[string]int64 // document key → id
	steps []step

	users    map[string]org.User // by user name, with their ids
	shown    []shownRequest      // applications printed with their query codes
	warnings []string            // what could not be loaded but does not stop the load

	requests, appeals, cases, tasks, progress, reports int // counts for the summary
}

// setClock fixes the store's clock at t.
func (l *loader) setClock(t time.Time) {
	l.db.Now = func() time.Time { return t }
}

// createOrgs creates the organisations, parents first.
func (l *loader) createOrgs(specs []orgSpec) error {
	l.setClock(platformStart)
	position := map[string]int{}
	for i, s := range specs {
		var parent *orgSpec
		var parentID int64
		if s.parent != "" {
			p := l.specs[s.parent]
			parent = &p
			parentID = l.orgs[s.parent].ID
		}
		o, err := buildOrg(s, i, parent, parentID, position[s.parent])
		if err != nil {
			return err
		}
		position[s.parent]++
		o, err = l.db.CreateOrg(l.ctx, audit.System, o)
		if err != nil {
			return fmt.Errorf("创建机构%s: %w", s.name, err)
		}
		l.orgs[s.key] = o
		l.specs[s.key] = s
	}
	return nil
}

// A step is something done at a time; steps run in time order so that the audit log reads like
// the history of the platform.
type step struct {
	at  time.Time
	seq int
	run func() error
}

func (l *loader) addStep(at time.Time, run func() error) {
	l.steps = append(l.steps, step{at: at, seq: len(l.steps), run: run})
}

func (l *loader) runSteps() error {
	sort.SliceStable(l.steps, func(i, j int) bool { return l.steps[i].at.Before(l.steps[j].at) })
	for _, s := range l.steps {
		if err := l.ctx.Err(); err != nil {
			return err
		}
		if err := s.run(); err != nil {
			return err
		}
	}
	return nil
}
