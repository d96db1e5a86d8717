package request

import (
	"cmp"
	"fmt"
	"slices"

	"gongkai/internal/workday"
)

// Art. 35 (quoted in ArticleText("第三十五条")): "申请人申请公开政府信息的数量、
// 频次明显超过合理范围，行政机关可以要求申请人说明理由。行政机关认为申请理由不合理的，
// 告知申请人不予处理；行政机关认为申请理由合理，但是无法在本条例第三十三条规定的期限内
// 答复申请人的，可以确定延迟答复的合理期限并告知申请人。"
//
// Every step is the organ's judgement ("可以", "认为"), so the software only
// flags applicants whose counts pass the abuse.threshold setting; a handler
// decides. The possible decisions map to existing records: ask the
// applicant for reasons (a note), not process (a reply 不予处理 with reason
// NotProcessedExcessive, row 三(五)4), or set a reasonable delayed period
// (an EvDelaySet event on the clock).

// ApplicationRef is one received application, for counting.
type ApplicationRef struct {
	ApplicantKey string       // Applicant.Key(): the identity document, never the name
	Received     workday.Date // Art. 31 receipt date
	Items        int          // 件 after splitting (0 counts as 1)
}

// AbuseFlag is a hint for a handler; it decides nothing.
type AbuseFlag struct {
	ApplicantKey string
	Applications int // applications received in the window
	Items        int // their 件
	From, To     workday.Date
	Threshold    int
	Message      string // Chinese, for the handler
	// Options are the handler's choices under Art. 35, in Chinese.
	Options []string
}

// AbuseOptions are the choices Art. 35 leaves to the handler.
var AbuseOptions = []string{
	"要求申请人说明理由（条例第三十五条）",
	"认为申请理由不合理的，告知申请人不予处理（答复：不予处理—无正当理由大量反复申请，年度报告三(五)4）",
	"认为申请理由合理但无法在法定期限内答复的，确定延迟答复的合理期限并告知申请人",
	"认为数量、频次未明显超过合理范围的，照常办理",
}

// FlagFrequentApplicants counts each applicant's applications received in
// the window of p.AbuseWindowDays calendar days ending on today (inclusive)
// and flags those with at least p.AbuseThreshold applications, the most
// frequent first. A threshold of 0 flags nobody. Applications dated after
// today are ignored.
func FlagFrequentApplicants(p Policy, apps []ApplicationRef, today workday.Date) []AbuseFlag {
	if p.AbuseThreshold <= 0 || p.AbuseWindowDays <= 0 {
		return nil
	}
	from := today.AddDays(-(p.AbuseWindowDays - 1))
	type tally struct{ apps, items int }
	counts := map[string]*tally{}
	for _, a := range apps {
		if a.ApplicantKey == "" || a.Received.Before(from) || a.Received.After(today) {
			continue
		}
		t := counts[a.ApplicantKey]
		if t == nil {
			t = &tally{}
			counts[a.ApplicantKey] = t
		}
		t.apps++
		t.items += max(a.Items, 1)
	}
	var out []AbuseFlag
	for key, t := range counts {
		if t.apps < p.AbuseThreshold {
			continue
		}
		out = append(out, AbuseFlag{
			ApplicantKey: key, Applications: t.apps, Items: t.items, From: from, To: today, Threshold: p.AbuseThreshold,
			Message: fmt.Sprintf("该申请人在%s至%s的%d天内提出%d件申请（%d件次），达到提示阈值%d件。数量、频次是否明显超过合理范围，由经办人依条例第三十五条判断；系统不作决定。",
				from.ChineseFull(), today.ChineseFull(), p.AbuseWindowDays, t.apps, t.items, p.AbuseThreshold),
			Options: slices.Clone(AbuseOptions),
		})
	}
	slices.SortFunc(out, func(a, b AbuseFlag) int {
		if c := cmp.Compare(b.Applications, a.Applications); c != 0 {
			return c
		}
		return cmp.Compare(a.ApplicantKey, b.ApplicantKey)
	})
	return out
}
