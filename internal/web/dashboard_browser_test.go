package web

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"gongkai/internal/store"
)

// TestBrowserDashboardDrillDown runs issue 5's story in Chromium: a supervisor of the province
// signs in, opens the supervision dashboard from the console's navigation, drills into the city
// and then the county, and opens the list of overdue applications behind the county's number.
func TestBrowserDashboardDrillDown(t *testing.T) {
	ctx := browser(t)
	e := newI5(t, store.SQLite)
	f := e.dashFixture()
	do := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	dir := os.Getenv("GONGKAI_ARTIFACTS")
	if dir == "" {
		dir = t.TempDir()
	}
	screenshot := func(name string) {
		t.Helper()
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot: %v", err)
		}
		if !bytes.HasPrefix(png, []byte("\x89PNG")) || len(png) < 20000 {
			t.Fatalf("screenshot %s is not a real page image (%d bytes)", name, len(png))
		}
		out := filepath.Join(dir, name)
		if err := os.WriteFile(out, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot saved to %s (%d bytes)", out, len(png))
	}

	do("sign in", chromedp.Navigate(e.srv.URL+"/console/login"),
		chromedp.SendKeys(chromedp.CSS("#username"), "jn-supervisor"),
		chromedp.SendKeys(chromedp.CSS("#password"), password),
		chromedp.Click(chromedp.CSS("form.form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("a[href='/console/dashboard']")))
	do("open the dashboard", chromedp.Click(chromedp.CSS("nav.main-nav a[href='/console/dashboard']")),
		chromedp.WaitVisible(chromedp.CSS("#dashboard")), chromedp.WaitVisible(chromedp.CSS("svg.chart")))
	if h1 := text("main h1"); !strings.Contains(h1, "江南省人民政府") {
		t.Fatalf("dashboard heading: %q", h1)
	}
	if n := text(`tr[data-org="` + e.city.Code + `"] a.num-overdue`); n != "1" {
		t.Errorf("the city's overdue applications: %q", n)
	}
	screenshot("dashboard.png")

	do("drill into the city", chromedp.Click(chromedp.CSS(`tr[data-org="`+e.city.Code+`"] a.drill`)),
		chromedp.WaitVisible(chromedp.CSS(`tr[data-org="`+e.county.Code+`"] a.drill`)))
	if h1 := text("main h1"); !strings.Contains(h1, "临江市人民政府") {
		t.Fatalf("city dashboard heading: %q", h1)
	}
	do("drill into the county", chromedp.Click(chromedp.CSS(`tr[data-org="`+e.county.Code+`"] a.drill`)),
		chromedp.WaitVisible(chromedp.CSS(`tr.self[data-org="`+e.county.Code+`"]`)))
	if h1 := text("main h1"); !strings.Contains(h1, "东湖县人民政府") {
		t.Fatalf("county dashboard heading: %q", h1)
	}
	if path := text("nav.dash-path"); !strings.Contains(path, "江南省人民政府") || !strings.Contains(path, "临江市人民政府") {
		t.Errorf("the way back up: %q", path)
	}
	if n := text(`tr[data-org="` + e.county.Code + `"] a.num-overdue`); n != "1" {
		t.Fatalf("the county's overdue applications: %q", n)
	}
	do("open the overdue applications", chromedp.Click(chromedp.CSS(`tr[data-org="`+e.county.Code+`"] a.num-overdue`)),
		chromedp.WaitVisible(chromedp.CSS("#dash-list")))
	list := text("#dash-list")
	if !strings.Contains(list, f.overdue.Number) || strings.Contains(list, f.soon.Number) || !strings.Contains(list, "已逾期") {
		t.Fatalf("overdue list: %q", list)
	}
	screenshot("dashboard-overdue-list.png")
	// The number leads on to the application itself.
	do("open the application", chromedp.Click(chromedp.CSS("#dash-list a[href^='/console/requests/']")),
		chromedp.WaitVisible(chromedp.CSS("#clock-due")))
	if h1 := text("main h1"); !strings.Contains(h1, f.overdue.Number) {
		t.Errorf("application page: %q", h1)
	}
}
