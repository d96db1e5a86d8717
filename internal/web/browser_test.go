package web

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"gongkai/internal/store"
)

// browser starts headless Chromium. Without GONGKAI_TEST_BROWSER the test skips when no Chromium
// is installed; with it (as in CI) a missing browser is a failure.
func browser(t *testing.T) context.Context {
	t.Helper()
	path := os.Getenv("GONGKAI_CHROMIUM")
	if path == "" {
		for _, p := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if found, err := exec.LookPath(p); err == nil {
				path = found
				break
			}
		}
	}
	if path == "" {
		if os.Getenv("GONGKAI_TEST_BROWSER") != "" {
			t.Fatal("GONGKAI_TEST_BROWSER is set but no Chromium was found (apt-get install chromium fonts-wqy-zenhei)")
		}
		t.Skip("browser test skipped: Chromium not installed (apt-get install chromium fonts-wqy-zenhei)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-quic", true), chromedp.WindowSize(1280, 900),
		chromedp.Flag("accept-lang", "zh-CN,zh"), // a Chinese browser: headless Chromium would ask for en-US
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancel(); cancelAlloc() })
	return ctx
}

// TestBrowserHomeToDocumentElder opens the home page in Chromium, follows a link to a document,
// switches to the elder-friendly mode and saves a screenshot.
func TestBrowserHomeToDocumentElder(t *testing.T) {
	ctx := browser(t)
	e := newEnv(t, store.SQLite)
	if err := chromedp.Do(ctx, chromedp.Navigate(e.srv.URL+"/")); err != nil {
		t.Fatalf("open home: %v", err)
	}
	title, err := chromedp.Run(ctx, chromedp.Title())
	if err != nil || !strings.Contains(title, "政务公开平台") {
		t.Fatalf("home title %q, %v", title, err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".latest a[href^='/d/']"))); err != nil {
		t.Fatalf("follow a document link: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(".doc-meta"))); err != nil {
		t.Fatalf("document page: %v", err)
	}
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	if !strings.Contains(loc, "/d/") {
		t.Fatalf("not on a document page: %s", loc)
	}
	meta, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".doc-meta")))
	if err != nil || !strings.Contains(meta, "索引号") || !strings.Contains(meta, "发布机构") {
		t.Fatalf("metadata table: %q %v", meta, err)
	}
	fontBefore, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.documentElement).fontSize`))
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".tools a[href^='/prefs/elder?on=1']"))); err != nil {
		t.Fatalf("switch to elder mode: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("html.elder .doc-meta"))); err != nil {
		t.Fatalf("elder mode not applied: %v", err)
	}
	loc2, _ := chromedp.Run(ctx, chromedp.Location())
	if loc2 != loc {
		t.Errorf("elder switch left the page: %s → %s", loc, loc2)
	}
	fontAfter, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.documentElement).fontSize`))
	if fontBefore == fontAfter {
		t.Errorf("elder mode did not enlarge the type: %s", fontAfter)
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if !bytes.HasPrefix(png, []byte("\x89PNG")) || len(png) < 20000 {
		t.Fatalf("screenshot is not a real page image (%d bytes)", len(png))
	}
	dir := os.Getenv("GONGKAI_ARTIFACTS")
	if dir == "" {
		dir = t.TempDir()
	}
	out := filepath.Join(dir, "document-elder.png")
	if err := os.WriteFile(out, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot saved to %s (%d bytes); font size %s → %s", out, len(png), fontBefore, fontAfter)
	// The language switch works without JavaScript and stays on the page.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".tools a[href^='/prefs/lang?l=en']"))); err != nil {
		t.Fatalf("switch to English: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("html[lang='en'].elder .doc-meta"))); err != nil {
		t.Fatalf("English not applied: %v", err)
	}
	if loc3, _ := chromedp.Run(ctx, chromedp.Location()); loc3 != loc {
		t.Errorf("language switch left the page: %s → %s", loc, loc3)
	}
	meta, err = chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".doc-meta")))
	if err != nil || !strings.Contains(meta, "Index No.") || !strings.Contains(meta, "Issued by") {
		t.Fatalf("English metadata table: %q %v", meta, err)
	}
}
