package app

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"gongkai/internal/store"
)

// syncBuffer is a bytes.Buffer safe for the server goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func noEnv(string) string { return "" }

func TestServeDemoAndCommands(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, []string{"serve", "--demo", "--addr", "127.0.0.1:0", "--data", dir}, noEnv, strings.NewReader(""), &out, &errOut)
	}()
	addrRE := regexp.MustCompile(`http://localhost(:\d+)/`)
	var base string
	// Up to two minutes: on a loaded 2-core machine the first start (migrations, demo data, the
	// search index) has taken over 30 s.
	for i := 0; i < 2400 && base == ""; i++ {
		if m := addrRE.FindStringSubmatch(out.String()); m != nil {
			base = "http://127.0.0.1" + m[1]
		}
		select {
		case err := <-done:
			t.Fatalf("serve stopped early: %v\n%s", err, errOut.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
	if base == "" {
		t.Fatalf("server did not start:\n%s\n%s", out.String(), errOut.String())
	}
	if !strings.Contains(out.String(), "jn-editor") {
		t.Fatalf("demo accounts not printed on first start:\n%s", out.String())
	}
	resp, err := http.Get(base + "/healthz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("healthz: %v %v", resp, err)
	}
	resp.Body.Close()
	if resp, err = http.Get(base + "/"); err != nil || resp.StatusCode != 200 {
		t.Fatalf("home: %v %v", resp, err)
	}
	resp.Body.Close()
	cancel() // graceful shutdown on the signal context
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("shutdown: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("server did not shut down")
	}
	if !strings.Contains(errOut.String(), `"msg":"request"`) || !strings.Contains(errOut.String(), `"request_id"`) {
		t.Errorf("no structured request log:\n%s", errOut.String())
	}

	bg := context.Background()
	var o bytes.Buffer
	// A second --demo start changes nothing and says where the accounts are.
	ctx2, cancel2 := context.WithCancel(bg)
	var out2 syncBuffer
	go func() {
		time.Sleep(2 * time.Second)
		cancel2()
	}()
	if err := Run(ctx2, []string{"serve", "--demo", "--addr", "127.0.0.1:0", "--data", dir}, noEnv, nil, &out2, &bytes.Buffer{}); err != nil {
		t.Fatalf("second serve: %v", err)
	}
	if strings.Contains(out2.String(), "jn-editor ") || !strings.Contains(out2.String(), "demo-accounts.txt") {
		t.Fatalf("second start printed passwords again or no file hint:\n%s", out2.String())
	}
	if err := Run(bg, []string{"migrate", "--data", dir}, noEnv, nil, &o, &o); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	// user create reads the password from stdin; a weak one is refused.
	args := []string{"user", "create", "--data", dir, "--org", "11100000MB0A99999X", "--username", "new-editor", "--role", "editor"}
	if err := Run(bg, args, noEnv, strings.NewReader("long-enough-pw-9\n"), &o, &o); err == nil {
		t.Fatal("user create with an unknown organisation succeeded")
	}
	db, err := store.Open(bg, "", dir)
	if err != nil {
		t.Fatal(err)
	}
	orgs, err := db.Orgs(bg)
	db.Close()
	if err != nil || len(orgs) == 0 {
		t.Fatalf("orgs: %v", err)
	}
	args[5] = orgs[0].Code
	if err := Run(bg, args, noEnv, strings.NewReader("short\n"), &o, &o); err == nil {
		t.Fatal("user create with a weak password succeeded")
	}
	if err := Run(bg, args, noEnv, strings.NewReader("long-enough-pw-9\n"), &o, &o); err != nil {
		t.Fatalf("user create: %v", err)
	}
	xlsx := filepath.Join(dir, "report.xlsx")
	o.Reset()
	if err := Run(bg, []string{"report", "annual", "--data", dir, "--org", orgs[0].Code, "--year", "2025", "--format", "xlsx", "--out", xlsx}, noEnv, nil, &o, &o); err != nil {
		t.Fatalf("report annual: %v\n%s", err, o.String())
	}
	if b, err := os.ReadFile(xlsx); err != nil || !bytes.HasPrefix(b, []byte("PK")) {
		t.Fatalf("report.xlsx: %v", err)
	}
	o.Reset()
	if err := Run(bg, []string{"report", "annual", "--data", dir, "--org", orgs[0].Code, "--year", "2025", "--format", "json"}, noEnv, nil, &o, &bytes.Buffer{}); err != nil ||
		!strings.Contains(o.String(), "gongkai.annual-report/2021") {
		t.Fatalf("report json: %v\n%.300s", err, o.String())
	}
	o.Reset()
	if err := Run(bg, []string{"reindex", "--data", dir}, noEnv, nil, &o, &o); err != nil || !strings.Contains(o.String(), "检索索引已重建") {
		t.Fatalf("reindex: %v\n%s", err, o.String())
	}
	if err := Run(bg, []string{"audit", "verify", "--data", dir}, noEnv, nil, &o, &o); err != nil {
		t.Fatalf("audit verify: %v\n%s", err, o.String())
	}
	if !strings.Contains(o.String(), "chain intact") {
		t.Fatalf("audit verify output: %s", o.String())
	}
}
