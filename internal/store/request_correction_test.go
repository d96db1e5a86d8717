package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"gongkai/internal/apperr"
	"gongkai/internal/audit"
	"gongkai/internal/org"
	"gongkai/internal/report"
	"gongkai/internal/request"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
	"gongkai/internal/workday"
)

// TestCorrectionRequests: Art. 41 — a correction request is stored with its purpose and its
// sealed proof (handlers only), runs the Art. 33 clock, accepts only the correction outcomes
// (and a disclosure request only the disclosure replies), and counts in table 三 as received and
// under 三(六)3 with the report's checks passing.
func TestCorrectionRequests(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := setup(t, db)
		hu, err := db.CreateUser(ctx, audit.System, org.User{OrgID: f.province.ID, Username: "jn-handler", Role: org.RoleRequestHandler}, "correct-horse-42")
		if err != nil {
			t.Fatal(err)
		}
		h := &org.Principal{User: hu, Org: f.province}
		applicant := func(kind request.ApplicantKind, n int) request.Applicant {
			if kind == request.NaturalPerson {
				return request.Applicant{Kind: kind, Name: "李四", ID: request.Identity{Kind: request.ResidentID,
					Number: residentID(t, "1101011990030712"+string(rune('0'+n)))}, Phone: "13800000003"}
			}
			return request.Applicant{Kind: kind, Name: "江南某某科技有限公司", ID: request.Identity{Kind: request.CreditCodeDoc, Number: "91330100MA2AAAAA1X"}, Phone: "13800000004"}
		}
		const proof = "户口簿第3页记载出生日期为1990年3月7日，附户口簿复印件；贵局档案记为1990年7月3日"
		mk := func(purpose request.Purpose, kind request.ApplicantKind, n int, received, proof string) (store.Request, error) {
			r, _, err := db.CreateRequest(ctx, nil, store.NewRequest{OrgID: f.province.ID, Channel: request.Online, ReceivedOn: workday.MustParseDate(received),
				Applicant: applicant(kind, n), InfoName: "本人的企业职工档案中的出生日期", Purpose: purpose, Proof: proof}, clocking(received))
			return r, err
		}
		// The proof is required for a correction, and only for a correction.
		if _, err := mk(request.PurposeCorrection, request.NaturalPerson, 1, "2025-03-03", " "); apperr.CodeOf(err) != apperr.Invalid || apperr.From(err).Field != "evidence" {
			t.Fatalf("correction without proof: %v", err)
		}
		if _, err := mk(request.PurposeDisclosure, request.NaturalPerson, 1, "2025-03-03", "x"); apperr.From(err).Field != "evidence" {
			t.Fatalf("disclosure with proof: %v", err)
		}
		if _, err := mk("amend", request.NaturalPerson, 1, "2025-03-03", "x"); apperr.From(err).Field != "purpose" {
			t.Fatalf("unknown purpose: %v", err)
		}
		corrected, err := mk(request.PurposeCorrection, request.NaturalPerson, 1, "2025-03-03", proof)
		if err != nil {
			t.Fatal(err)
		}
		// Same clock as any application: 20 working days from receipt (Art. 33).
		if corrected.Purpose != request.PurposeCorrection || corrected.DueOn.String() != "2025-03-31" || corrected.Status != request.StatusPending {
			t.Fatalf("created: %+v", corrected)
		}
		got, err := db.Request(ctx, corrected.ID)
		if err != nil || got.Purpose != request.PurposeCorrection {
			t.Fatalf("read back: %+v %v", got, err)
		}
		// The proof is sealed: not in the row, not in the audit log, read by handlers only.
		if n, err := db.CountRaw(ctx, `SELECT COUNT(*) FROM requests WHERE proof_sealed LIKE '%户口簿%' OR description LIKE '%户口簿%'`); err != nil || n != 0 {
			t.Fatalf("proof stored in clear: %d %v", n, err)
		}
		if n, err := db.CountRaw(ctx, `SELECT COUNT(*) FROM requests WHERE purpose = 'correction' AND proof_sealed <> ''`); err != nil || n != 1 {
			t.Fatalf("sealed proof: %d %v", n, err)
		}
		if n, err := db.CountRaw(ctx, `SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%户口簿%'`); err != nil || n != 0 {
			t.Fatalf("proof in the audit log: %d %v", n, err)
		}
		for _, p := range []*org.Principal{nil, f.editor, f.supervisor, f.cityEditor} {
			if _, err := db.RequestProof(ctx, p, corrected.ID); apperr.CodeOf(err) != apperr.Forbidden {
				t.Errorf("%s read the proof: %v", p.Describe(), err)
			}
		}
		if got, err := db.RequestProof(ctx, h, corrected.ID); err != nil || got != proof {
			t.Fatalf("handler reads the proof: %q %v", got, err)
		}

		transferred, err := mk(request.PurposeCorrection, request.Company, 0, "2025-04-01", proof)
		if err != nil {
			t.Fatal(err)
		}
		refused, err := mk(request.PurposeCorrection, request.NaturalPerson, 2, "2025-12-22", proof)
		if err != nil {
			t.Fatal(err)
		}
		disclosure, err := mk("", request.NaturalPerson, 3, "2025-05-06", "")
		if err != nil || disclosure.Purpose != request.PurposeDisclosure {
			t.Fatalf("default purpose: %+v %v", disclosure, err)
		}
		on := func(s string) (workday.Date, store.Clocking) { return workday.MustParseDate(s), clocking(s) }

		// A disclosure reply to a correction request, and the reverse, are refused; nothing is written.
		d, c := on("2025-03-10")
		if _, err := db.ReplyRequest(ctx, h, corrected.ID, 0, request.Reply{Type: request.ReplyDisclose, HowToObtain: "x"}, d, c); apperr.CodeOf(err) != apperr.Invalid ||
			!strings.Contains(err.Error(), "第四十一条") {
			t.Fatalf("disclosure reply to a correction: %v", err)
		}
		if _, err := db.ReplyRequest(ctx, h, disclosure.ID, 0, request.Reply{Type: request.ReplyCorrected, Corrected: "x"}, workday.MustParseDate("2025-05-07"), clocking("2025-05-07")); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("correction outcome to a disclosure request: %v", err)
		}
		if _, ok, _ := db.RequestReply(ctx, corrected.ID); ok {
			t.Fatal("refused reply stored")
		}
		// Only handlers reply.
		if _, err := db.ReplyRequest(ctx, f.supervisor, corrected.ID, 0, request.Reply{Type: request.ReplyCorrected, Corrected: "x"}, d, c); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("supervisor replies: %v", err)
		}
		want := request.Reply{Type: request.ReplyCorrected, Corrected: "出生日期由1990年7月3日更正为1990年3月7日"}
		clock, err := db.ReplyRequest(ctx, h, corrected.ID, 0, want, d, c)
		if err != nil || clock.Status != request.StatusEnded {
			t.Fatalf("予以更正: %+v %v", clock, err)
		}
		sr, ok, err := db.RequestReply(ctx, corrected.ID)
		if err != nil || !ok || sr.Reply.Type != request.ReplyCorrected || sr.Reply.Corrected != want.Corrected {
			t.Fatalf("stored reply: %+v %v", sr, err)
		}
		d, c = on("2025-04-08")
		if _, err := db.ReplyRequest(ctx, h, transferred.ID, 0, request.Reply{Type: request.ReplyTransferred, TransferOrgan: "江南省公安厅", TransferOrganContact: "0571-110"}, d, c); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ReplyRequest(ctx, h, disclosure.ID, 0, request.Reply{Type: request.ReplyDisclose, HowToObtain: "邮寄"}, workday.MustParseDate("2025-05-08"), clocking("2025-05-08")); err != nil {
			t.Fatal(err)
		}
		// refused stays open into 2026; it is replied there (不予更正), after the report year.
		d, c = on("2026-01-05")
		if _, err := db.ReplyRequest(ctx, h, refused.ID, 0, request.Reply{Type: request.ReplyNotCorrected, Reason: request.CorrectionNotProven, Explanation: "所附户口簿复印件与档案原件记载一致"}, d, c); err != nil {
			t.Fatal(err)
		}
		events, err := db.RequestEvents(ctx, refused.ID)
		if err != nil || events[len(events)-1].ReplyType != request.ReplyNotCorrected || events[len(events)-1].Reason != request.CorrectionNotProven {
			t.Fatalf("events: %+v %v", events, err)
		}

		// Table 三 of 2025: four applications received (by applicant kind); the two correction
		// requests decided in 2025 under 三(六)3, the disclosure under 三(一), the one decided in
		// 2026 carried over (四).
		db.Now = func() time.Time { return time.Date(2026, 1, 20, 2, 0, 0, 0, time.UTC) }
		r, err := db.AnnualReport(ctx, f.province.ID, 2025)
		if err != nil {
			t.Fatal(err)
		}
		cell := func(row string, col int) int { return r.Table3.Cells[r.Format.RowIndex(row)][col-1] }
		for _, c := range []struct {
			row       string
			col, want int
		}{
			{"一", 1, 3}, {"一", 2, 1}, {"一", 7, 4},
			{"三(一)", 1, 1}, {"三(六)3", 1, 1}, {"三(六)3", 2, 1}, {"三(六)3", 7, 2}, {"三(七)", 7, 3},
			{"四", 1, 1}, {"四", 7, 1},
		} {
			if got := cell(c.row, c.col); got != c.want {
				t.Errorf("表三 %s 第%d列 = %d, want %d", c.row, c.col, got, c.want)
			}
		}
		for _, p := range report.Check(r, nil) {
			if p.Severity == report.Error {
				t.Errorf("check: %s", p.Message)
			}
		}
	})
}
