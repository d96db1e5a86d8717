package store_test

import (
	"context"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"testing"

	"gongkai/internal/disclosure"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

// TestCrashKill runs the publication in a child process that kills itself with SIGKILL between
// the document's write and its index update; after the "restart" the document is not half
// published, and publishing it again makes it findable exactly once.
func TestCrashKill(t *testing.T) {
	if os.Getenv("GONGKAI_CRASH_CHILD") != "" {
		crashChild()
		return
	}
	for _, engine := range []store.Engine{store.SQLite, store.Postgres} {
		t.Run(string(engine), func(t *testing.T) {
			ctx := context.Background()
			dsn := ""
			dir := t.TempDir()
			if engine == store.Postgres {
				dsn = storetest.PostgresDSN(t)
			}
			db, err := store.Open(ctx, dsn, dir)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			f := setup(t, db)
			d, err := db.CreateDocument(ctx, nil, f.province.ID, disclosure.Fields{Title: "关于调整城乡居民医保缴费标准的通知", Genre: disclosure.GenreNotice})
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range []disclosure.Action{disclosure.ActionSubmit, disclosure.ActionApprove} {
				if _, err := db.Transition(ctx, nil, d.ID, store.TransitionInput{Action: a}); err != nil {
					t.Fatal(err)
				}
			}
			cmd := exec.Command(os.Args[0], "-test.run=^TestCrashKill$")
			cmd.Env = append(os.Environ(), "GONGKAI_CRASH_CHILD=1", "CRASH_DSN="+dsn, "CRASH_DIR="+dir, "CRASH_DOC="+strconv.FormatInt(d.ID, 10))
			out, err := cmd.CombinedOutput()
			ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
			if err == nil || !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
				t.Fatalf("child was not killed at the fault point: %v\n%s", err, out)
			}
			doc, err := db.Document(ctx, d.ID)
			if err != nil {
				t.Fatal(err)
			}
			n, _ := db.IndexedCount(ctx, d.ID)
			if doc.State == disclosure.StatusPublished || n != 0 {
				t.Fatalf("after the kill: state %s, indexed %d times", doc.State, n)
			}
			if _, err := db.Transition(ctx, nil, d.ID, store.TransitionInput{Action: disclosure.ActionPublish}); err != nil {
				t.Fatal(err)
			}
			n, _ = db.IndexedCount(ctx, d.ID)
			r, err := db.Search(ctx, mustQuery(t, "医保缴费"), store.SearchOptions{})
			if err != nil || n != 1 || len(r.Hits) != 1 || r.Hits[0].Document.ID != d.ID {
				t.Fatalf("after restart: indexed %d times, hits %v, %v", n, ids(r), err)
			}
		})
	}
}

// crashChild publishes the document and is killed by its fault hook before the index update.
func crashChild() {
	ctx := context.Background()
	db, err := store.Open(ctx, os.Getenv("CRASH_DSN"), os.Getenv("CRASH_DIR"))
	if err != nil {
		os.Exit(3)
	}
	db.Fault = func(point string) error {
		if point == "publish" {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {} // the signal arrives
		}
		return nil
	}
	id, _ := strconv.ParseInt(os.Getenv("CRASH_DOC"), 10, 64)
	db.Transition(ctx, nil, id, store.TransitionInput{Action: disclosure.ActionPublish})
	os.Exit(4) // not reached: the fault point was passed without a kill
}
