package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"gongkai/internal/report"
)

// reportCmd writes an organisation's annual report: gongkai report annual --org CODE --year 2025
// --format xlsx|docx|html|json --out FILE.
func reportCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "annual" {
		return errors.New("usage: gongkai report annual --org CODE --year YEAR --format xlsx|docx|html|json --out FILE")
	}
	fs := newFlagSet("report annual", stderr)
	var d dataFlags
	d.register(fs, getenv)
	code := fs.String("org", "", "organisation code")
	year := fs.Int("year", 0, "report year")
	format := fs.String("format", "html", "xlsx, docx, html or json")
	out := fs.String("out", "", "output file (default: standard output)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *code == "" || *year < 2019 || *year > 2100 {
		return errors.New("--org and a --year from 2019 on are required")
	}
	db, err := d.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	o, err := db.OrgByCode(ctx, *code)
	if err != nil {
		return fmt.Errorf("organisation %s: %w", *code, err)
	}
	r, err := db.AnnualReport(ctx, o.ID, *year)
	if err != nil {
		return err
	}
	var b []byte
	switch strings.ToLower(*format) {
	case "xlsx":
		b, err = report.XLSX(r)
	case "docx":
		b, err = report.DOCX(r)
	case "json":
		b, err = report.JSON(r)
	case "html":
		b = []byte("<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>" + o.Name + fmt.Sprint(*year) + "年政府信息公开工作年度报告</title>" + string(report.HTML(r)))
	default:
		return fmt.Errorf("unknown format %q: use xlsx, docx, html or json", *format)
	}
	if err != nil {
		return err
	}
	for _, p := range report.Check(r, nil) {
		fmt.Fprintln(stderr, p.Severity, p.Message)
	}
	if *out == "" {
		_, err = stdout.Write(b)
		return err
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "已生成 %s（%d 字节）\n", *out, len(b))
	return nil
}
