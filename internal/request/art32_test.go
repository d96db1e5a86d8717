package request

import (
	"errors"
	"testing"

	"gongkai/internal/workday"
)

// TestArt32PublicInterest: LEGAL.md §1.3 Art. 32 — a third party that objects with reasonable
// grounds keeps the information undisclosed; the organ may still disclose when non-disclosure
// may seriously affect the public interest, and must then tell the third party in writing what
// it will disclose and why. A reply of 予以公开 or 部分公开 after an objection is refused until that
// notice is recorded; 不予公开 (保护第三方合法权益) needs none.
func TestArt32PublicInterest(t *testing.T) {
	d := workday.MustParseDate
	base := []Event{
		{Kind: EvReceived, On: d("2025-03-03")},
		{Kind: EvThirdPartyStart, On: d("2025-03-04"), Party: "某公司"},
	}
	objected := append(append([]Event{}, base...), Event{Kind: EvThirdPartyEnd, On: d("2025-03-10"), Party: "某公司", Objected: true, Note: "涉及商业秘密"})
	agreed := append(append([]Event{}, base...), Event{Kind: EvThirdPartyEnd, On: d("2025-03-10"), Party: "某公司"})
	told := append(append([]Event{}, objected...), Event{Kind: EvThirdPartyNotified, On: d("2025-03-12"), Party: "某公司",
		Text: "某项目环境影响评价报告（全文）", Note: "涉及周边居民健康，不公开可能对公共利益造成重大影响"})
	reply := func(rt ReplyType, r Reason) Event {
		return Event{Kind: EvReplied, On: d("2025-03-13"), ReplyType: rt, Reason: r}
	}
	for _, tc := range []struct {
		name string
		log  []Event
		next Event
		err  error // nil: accepted
	}{
		{"disclosure after agreement", agreed, reply(ReplyDisclose, ""), nil},
		{"disclosure after objection, no notice", objected, reply(ReplyDisclose, ""), ErrPublicInterest},
		{"partial after objection, no notice", objected, reply(ReplyPartial, ""), ErrPublicInterest},
		{"withheld to protect the third party", objected, reply(ReplyWithhold, WithholdThirdParty), nil},
		{"disclosure after the written notice", told, reply(ReplyDisclose, ""), nil},
		{"partial after the written notice", told, reply(ReplyPartial, ""), nil},
		{"notice without an objection", agreed, Event{Kind: EvThirdPartyNotified, On: d("2025-03-12"), Party: "某公司", Text: "x", Note: "y"}, ErrPublicInterest},
		{"notice to another party", objected, Event{Kind: EvThirdPartyNotified, On: d("2025-03-12"), Party: "另一公司", Text: "x", Note: "y"}, ErrPublicInterest},
		{"notice without the reasons", objected, Event{Kind: EvThirdPartyNotified, On: d("2025-03-12"), Party: "某公司", Text: "x"}, ErrPublicInterest},
		{"notice without the content", objected, Event{Kind: EvThirdPartyNotified, On: d("2025-03-12"), Party: "某公司", Note: "y"}, ErrPublicInterest},
		{"notice twice", told, Event{Kind: EvThirdPartyNotified, On: d("2025-03-12"), Party: "某公司", Text: "x", Note: "y"}, ErrPublicInterest},
	} {
		err := Validate(nil, DefaultPolicy(), tc.log, tc.next)
		if tc.err == nil && err != nil || tc.err != nil && !errors.Is(err, tc.err) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.err)
		}
	}
	// The third party is not named to the applicant.
	c, err := Compute(nil, DefaultPolicy(), told, d("2025-03-12"))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range c.ForApplicant().Explanation {
		if containsStr(l, "某公司") {
			t.Errorf("applicant explanation names the third party: %s", l)
		}
	}
}

func containsStr(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
