package app

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"gongkai/internal/audit"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

// calendarActor is the audit actor of loads from the command line (the operator of the server).
var calendarActor = audit.Actor{Name: "cli"}

// maxCalendarFile bounds a calendar file: a year's notice is a few dozen lines.
const maxCalendarFile = 64 << 10

func calendarCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || (args[0] != "load" && args[0] != "list") {
		return errors.New("usage: gongkai calendar load --year YEAR [--notice 文号] [--replace] [--data DIR | --db URL] FILE, or gongkai calendar list")
	}
	if args[0] == "list" {
		return calendarList(ctx, args[1:], getenv, stdout, stderr)
	}
	fs := newFlagSet("calendar load", stderr)
	var d dataFlags
	d.register(fs, getenv)
	yearFlag := fs.Int("year", 0, "the year of the notice (国务院办公厅关于YEAR年部分节假日安排的通知)")
	notice := fs.String("notice", "", "the notice's number (文号); default: the file's \"# 文号：\" line")
	replace := fs.Bool("replace", false, "replace the notice the program ships for the year, or one loaded before")
	files, err := parseInterleaved(fs, args[1:])
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return errors.New("give one calendar FILE (lines \"2027-01-01 off 元旦\"; see docs/calendar.md)")
	}
	if *yearFlag == 0 {
		return errors.New("--year is required")
	}
	f, err := os.Open(files[0])
	if err != nil {
		return err
	}
	defer f.Close()
	body, err := io.ReadAll(io.LimitReader(f, maxCalendarFile+1))
	if err != nil {
		return fmt.Errorf("read %s: %w", files[0], err)
	}
	if len(body) > maxCalendarFile {
		return fmt.Errorf("%s: larger than %d KB; a calendar file holds one year's dates", files[0], maxCalendarFile>>10)
	}
	y, err := workday.ParseCalendarFile(*yearFlag, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("%s: %w", files[0], err)
	}
	if *notice == "" {
		*notice = workday.NoticeNumber(body)
	}
	if *notice == "" {
		return errors.New("give the notice's number with --notice, or a line \"# 文号：…\" in the file")
	}
	db, err := d.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	cy, err := db.LoadCalendarYear(ctx, calendarActor, 0, workday.Default(), store.LoadCalendar{Data: y, Notice: *notice, Replace: *replace})
	if err != nil {
		return err
	}
	what := "已录入"
	if cy.ReplaceEmbedded {
		what = "已替换内置的"
	} else if cy.Version > 1 {
		what = "已更正"
	}
	fmt.Fprintf(stdout, "%s%d年节假日安排（%s）：%d条，自现在起用于计算各项期限\n", what, cy.Year, cy.Notice, len(y.Entries))
	return nil
}

// parseInterleaved parses flags placed before or after the positional arguments (flag stops at
// the first non-flag), and returns the positional ones.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func calendarList(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	db, err := openCommand(ctx, "calendar list", args, getenv, stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	loaded, err := db.CalendarYears(ctx)
	if err != nil {
		return err
	}
	byYear := map[int]store.CalendarYear{}
	for _, y := range loaded {
		byYear[y.Year] = y
	}
	cal, err := db.Calendar(ctx, workday.Default())
	if err != nil {
		return err
	}
	for _, year := range cal.Years() {
		src := "程序内置"
		if y, ok := byYear[year]; ok && (y.ReplaceEmbedded || !workday.Default().Known(year)) {
			src = fmt.Sprintf("工作人员录入：%s（%s，%s）", y.Notice, y.LoadedBy, y.LoadedAt.Format("2006-01-02"))
		}
		fmt.Fprintf(stdout, "%d\t%s\n", year, src)
	}
	fmt.Fprintf(stdout, "未录入年份的计算方式（calendar.unknown_year）：%s\n", cal.Policy())
	return nil
}
