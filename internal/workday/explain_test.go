package workday

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestExplain(t *testing.T) {
	cal := Default()
	cases := []struct {
		start         string
		n             int
		countStartDay bool
		due           string
		holidays      []string // holiday runs, "From..To names"
		makeup        []string
		text          []string // fragments of Text()
		exact         string   // whole Text(), if set
	}{
		{
			start: "2025-09-26", n: 20, due: "2025-10-30",
			holidays: []string{"2025-10-01..2025-10-08 国庆节、中秋节"},
			makeup:   []string{"2025-09-28", "2025-10-11"},
			exact: "9月26日收到，自次日起算20个工作日：9月28日（星期日）调休上班，计为工作日；" +
				"跳过10月1日至10月8日（国庆节、中秋节）；10月11日（星期六）调休上班，计为工作日；" +
				"另跳过普通周末6天；第20个工作日为10月30日。",
		},
		{
			start: "2025-09-28", n: 20, countStartDay: true, due: "2025-10-30",
			holidays: []string{"2025-10-01..2025-10-08 国庆节、中秋节"},
			makeup:   []string{"2025-09-28", "2025-10-11"},
			text: []string{"9月28日收到，自当日起算20个工作日（当日为第1个工作日）：", "9月28日（星期日）调休上班，计为工作日",
				"10月1日至10月8日（国庆节、中秋节）", "10月11日（星期六）调休上班，计为工作日", "第20个工作日为10月30日。"},
		},
		{
			start: "2025-09-28", n: 20, due: "2025-10-31",
			holidays: []string{"2025-10-01..2025-10-08 国庆节、中秋节"},
			makeup:   []string{"2025-10-11"},
			text:     []string{"9月28日收到，自次日起算20个工作日：跳过10月1日至10月8日（国庆节、中秋节）；", "第20个工作日为10月31日。"},
		},
		{
			start: "2026-02-10", n: 20, due: "2026-03-16",
			holidays: []string{"2026-02-15..2026-02-23 春节"},
			makeup:   []string{"2026-02-14", "2026-02-28"},
			text: []string{"2月14日（星期六）调休上班，计为工作日；跳过2月15日至2月23日（春节）；2月28日（星期六）调休上班，计为工作日",
				"第20个工作日为3月16日。"},
		},
		{ // A rest day as start with countStartDay: counting begins the next day.
			start: "2025-10-03", n: 3, countStartDay: true, due: "2025-10-11",
			holidays: []string{"2025-10-04..2025-10-08 国庆节、中秋节"},
			makeup:   []string{"2025-10-11"},
			text:     []string{"10月3日收到，当日不是工作日，自次日起算3个工作日："},
		},
		{ // A one-day holiday joined to its weekend: 2024 端午 (Mon 06-10).
			start: "2024-06-05", n: 5, due: "2024-06-13",
			holidays: []string{"2024-06-08..2024-06-10 端午节"},
			exact:    "6月5日收到，自次日起算5个工作日：跳过6月8日至6月10日（端午节）；第5个工作日为6月13日。",
		},
		{ // Only ordinary weekends.
			start: "2025-11-03", n: 10, due: "2025-11-17",
			exact: "11月3日收到，自次日起算10个工作日：跳过周末4天；第10个工作日为11月17日。",
		},
		{ // Across the year end into the 2019 元旦 break listed in the 2019 notice.
			start: "2018-12-27", n: 3, due: "2019-01-02",
			holidays: []string{"2018-12-30..2019-01-01 元旦"},
			makeup:   []string{"2018-12-29"},
			text: []string{"12月29日（星期六）调休上班", "跳过12月30日至2019年1月1日（元旦）", "第3个工作日为2019年1月2日。",
				"注意：2018年的法定节假日安排尚未录入，期限按双休日计算，仅供参考。"},
		},
		{ // Into a year without data.
			start: "2026-12-24", n: 10, due: "2027-01-07",
			text: []string{"第10个工作日为2027年1月7日。注意：2027年的法定节假日安排尚未录入，期限按双休日计算，仅供参考。"},
		},
	}
	for _, tc := range cases {
		ex, err := cal.Explain(MustParseDate(tc.start), tc.n, tc.countStartDay)
		if err != nil {
			t.Errorf("Explain(%s): %v", tc.start, err)
			continue
		}
		if ex.Due.String() != tc.due {
			t.Errorf("Explain(%s, %d): due %v, want %s", tc.start, tc.n, ex.Due, tc.due)
		}
		var hol []string
		for _, r := range ex.Skipped {
			if r.IsHoliday() {
				hol = append(hol, r.From.String()+".."+r.To.String()+" "+strings.Join(r.Holidays, "、"))
			}
			if r.Days != r.From.DaysUntil(r.To)+1 {
				t.Errorf("Explain(%s): range %v..%v has Days %d", tc.start, r.From, r.To, r.Days)
			}
		}
		if !slices.Equal(hol, tc.holidays) {
			t.Errorf("Explain(%s): holiday runs %q, want %q", tc.start, hol, tc.holidays)
		}
		var mk []string
		for _, m := range ex.MakeupDays {
			mk = append(mk, m.Date.String())
		}
		if !slices.Equal(mk, tc.makeup) {
			t.Errorf("Explain(%s): make-up days %v, want %v", tc.start, mk, tc.makeup)
		}
		text := ex.Text()
		if tc.exact != "" && text != tc.exact {
			t.Errorf("Explain(%s).Text():\n got %s\nwant %s", tc.start, text, tc.exact)
		}
		for _, frag := range tc.text {
			if !strings.Contains(text, frag) {
				t.Errorf("Explain(%s).Text() = %s\nmissing %q", tc.start, text, frag)
			}
		}
	}
}

func TestExplainTextFor(t *testing.T) {
	ex, err := Default().Explain(MustParseDate("2025-09-26"), 20, false)
	if err != nil {
		t.Fatal(err)
	}
	if got := ex.TextFor("形成"); !strings.HasPrefix(got, "9月26日形成，自次日起算20个工作日：") {
		t.Errorf("TextFor = %s", got)
	}
}

// Explain agrees with AddWorkdays, and its parts add up, for every start day.
func TestExplainConsistent(t *testing.T) {
	cal := Default()
	eachDay(MustParseDate("2019-01-01"), MustParseDate("2026-11-30"), func(start Date) {
		for _, csd := range []bool{false, true} {
			ex, err := cal.Explain(start, 20, csd)
			if err != nil {
				t.Fatal(err)
			}
			due, _ := cal.AddWorkdays(start, 20, csd)
			if ex.Due != due || len(ex.Workdays) != 20 || ex.Workdays[19] != due {
				t.Fatalf("Explain(%v, 20, %v): due %v, %d workdays; AddWorkdays %v", start, csd, ex.Due, len(ex.Workdays), due)
			}
			first := start.AddDays(1)
			if ex.StartCounted {
				first = start
			}
			skipped := 0
			for _, r := range ex.Skipped {
				skipped += r.Days
				for d := r.From; !d.After(r.To); d = d.AddDays(1) {
					if w, _ := cal.IsWorkday(d); w {
						t.Fatalf("Explain(%v): skipped working day %v", start, d)
					}
				}
			}
			if span := first.DaysUntil(due) + 1; span != skipped+20 {
				t.Fatalf("Explain(%v, %v): %d days from %v to %v, but %d skipped + 20 counted", start, csd, span, first, due, skipped)
			}
			for _, m := range ex.MakeupDays {
				if wd := m.Date.Weekday(); wd != time.Saturday && wd != time.Sunday || m.Holiday == "" {
					t.Fatalf("Explain(%v): make-up day %+v", start, m)
				}
			}
		}
	})
}

func BenchmarkAddWorkdays20(b *testing.B) {
	cal := Default()
	start := MustParseDate("2025-09-26")
	for b.Loop() {
		if _, err := cal.AddWorkdays(start, 20, false); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkIsWorkday(b *testing.B) {
	cal := Default()
	d := MustParseDate("2025-10-11")
	for b.Loop() {
		if ok, _ := cal.IsWorkday(d); !ok {
			b.Fatal("2025-10-11 is a 调休 working day")
		}
	}
}

func BenchmarkExplain20(b *testing.B) {
	cal := Default()
	start := MustParseDate("2025-09-26")
	for b.Loop() {
		ex, err := cal.Explain(start, 20, false)
		if err != nil {
			b.Fatal(err)
		}
		_ = ex.Text()
	}
}
