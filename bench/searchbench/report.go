package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"sort"
	"strings"
)

// result is what one run of one engine writes (bench/xapian_bench.py writes the same shape).
type result struct {
	Engine   string        `json:"engine"` // sqlite, postgres, xapian
	N        int           `json:"n"`
	Round    int           `json:"round"`
	Phase    string        `json:"phase"` // "build" (built then queried in one process) or "fresh" (queried by a new process)
	LoadAvg  string        `json:"load_avg"`
	LoadEnd  string        `json:"load_avg_end"`
	Build    *buildStats   `json:"build,omitempty"`
	DBBytes  int64         `json:"db_bytes"`
	DBDetail string        `json:"db_detail,omitempty"`
	RSSMB    float64       `json:"rss_mb"` // RSS after the queries
	HWMMB    float64       `json:"hwm_mb"` // peak RSS of the process
	Queries  []queryResult `json:"queries"`
	Notes    []string      `json:"notes,omitempty"`
}

type stats struct {
	n                       int
	p50, p90, p99, max, sum float64
}

// percentile is the nearest-rank percentile of sorted values.
func percentile(sorted []float64, p float64) float64 {
	if len(sorted) == 0 {
		return math.NaN()
	}
	k := int(math.Ceil(p*float64(len(sorted)))) - 1
	return sorted[max(0, min(k, len(sorted)-1))]
}

// classStats summarises the timed runs of the queries of a class ("all" for every query).
func classStats(qs []queryResult, class string) stats {
	var v []float64
	for _, q := range qs {
		if class == "all" || q.Class == class {
			v = append(v, q.MS...)
		}
	}
	sort.Float64s(v)
	s := stats{n: len(v)}
	for _, x := range v {
		s.sum += x
	}
	s.p50, s.p90, s.p99 = percentile(v, 0.50), percentile(v, 0.90), percentile(v, 0.99)
	if len(v) > 0 {
		s.max = v[len(v)-1]
	}
	return s
}

func readResults(paths []string) ([]result, error) {
	var out []result
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		var r result
		if err := json.Unmarshal(b, &r); err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		out = append(out, r)
	}
	return out, nil
}

func fmtMS(x float64) string {
	switch {
	case math.IsNaN(x):
		return "–"
	case x < 1:
		return fmt.Sprintf("%.2f", x)
	case x < 10:
		return fmt.Sprintf("%.1f", x)
	}
	return fmt.Sprintf("%.0f", x)
}

func fmtRatio(a, b float64) string {
	if math.IsNaN(a) || math.IsNaN(b) || b == 0 {
		return "–"
	}
	if a/b >= 10 {
		return fmt.Sprintf("%.0f×", a/b)
	}
	return fmt.Sprintf("%.1f×", a/b)
}

var classLabel = map[string]string{"common": "common words (30)", "phrase": "phrases (30)", "multi": "several terms (20)",
	"docnum": "文号 (10)", "long": "long sentences (10)", "all": "all 100"}

// report prints, per number of documents: the build table, and per round a latency table with
// the ratios to Xapian, the full percentiles of every engine, and how the engines' matches agree.
func report(w io.Writer, rs []result) {
	ns := map[int]bool{}
	for _, r := range rs {
		ns[r.N] = true
	}
	var nlist []int
	for n := range ns {
		nlist = append(nlist, n)
	}
	sort.Ints(nlist)
	engines := []string{"sqlite", "postgres", "xapian"}
	for _, n := range nlist {
		var at []result
		for _, r := range rs {
			if r.N == n {
				at = append(at, r)
			}
		}
		sort.SliceStable(at, func(i, j int) bool {
			a, b := at[i], at[j]
			if a.Round != b.Round {
				return a.Round < b.Round
			}
			if a.Engine != b.Engine {
				return slices.Index(engines, a.Engine) < slices.Index(engines, b.Engine)
			}
			return a.Phase < b.Phase
		})
		fmt.Fprintf(w, "\n## %s documents\n\n", commas(n))
		fmt.Fprintln(w, "| engine | round | process | docs/s (build incl. indexing) | build s | after build | on disk | peak RSS | RSS after queries | load avg start → end |")
		fmt.Fprintln(w, "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
		for _, r := range at {
			rate, secs, after := "–", "–", "–"
			if r.Build != nil {
				rate, secs = fmt.Sprintf("%.0f", r.Build.Rate), fmt.Sprintf("%.0f", r.Build.Seconds)
				if r.Build.After != "" {
					after = fmt.Sprintf("%s %.0f s", r.Build.After, r.Build.AfterSeconds)
				}
			}
			fmt.Fprintf(w, "| %s | %d | %s | %s | %s | %s | %.0f MB | %.0f MB | %.0f MB | %s → %s |\n",
				r.Engine, r.Round, r.Phase, rate, secs, after, float64(r.DBBytes)/1e6, r.HWMMB, r.RSSMB, r.LoadAvg, r.LoadEnd)
		}
		// Every run side by side: p50 / p99 of each process, in the order of the table above.
		fmt.Fprintf(w, "\nAll runs, p50 / p99 ms (one cell per process, in the order of the table above; b = built and queried in one process, f = queried by a fresh process):\n\n| class |")
		var present []string
		for _, e := range engines {
			for _, r := range at {
				if r.Engine == e {
					present = append(present, e)
					fmt.Fprintf(w, " %s |", e)
					break
				}
			}
		}
		fmt.Fprintf(w, "\n| --- |%s\n", strings.Repeat(" --- |", len(present)))
		for _, c := range append(slices.Clone(classes), "all") {
			fmt.Fprintf(w, "| %s |", classLabel[c])
			for _, e := range present {
				var cells []string
				for _, r := range at {
					if r.Engine == e {
						s := classStats(r.Queries, c)
						cells = append(cells, fmt.Sprintf("%s/%s %s", fmtMS(s.p50), fmtMS(s.p99), r.Phase[:1]))
					}
				}
				fmt.Fprintf(w, " %s |", strings.Join(cells, " · "))
			}
			fmt.Fprintln(w)
		}
		rounds := map[[2]any]bool{}
		var keys [][2]any
		for _, r := range at {
			k := [2]any{r.Round, r.Phase}
			if !rounds[k] {
				rounds[k] = true
				keys = append(keys, k)
			}
		}
		// Xapian has only a build phase; pair it with every phase of its round.
		find := func(engine string, round int, phase string) *result {
			for i := range at {
				if at[i].Engine == engine && at[i].Round == round && (at[i].Phase == phase || engine == "xapian") {
					return &at[i]
				}
			}
			return nil
		}
		for _, k := range keys {
			round, phase := k[0].(int), k[1].(string)
			if phase != "build" && find("sqlite", round, phase) == nil && find("postgres", round, phase) == nil {
				continue
			}
			fmt.Fprintf(w, "\n### %s documents, round %d (%s process): p50 / p99 ms and gongkai ÷ Xapian\n\n", commas(n), round, phase)
			fmt.Fprintln(w, "| class | sqlite p50 | sqlite p99 | postgres p50 | postgres p99 | xapian p50 | xapian p99 | sqlite÷xapian p50 | p99 | postgres÷xapian p50 | p99 |")
			fmt.Fprintln(w, "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
			get := func(engine, class string) stats {
				if r := find(engine, round, phase); r != nil {
					return classStats(r.Queries, class)
				}
				return stats{p50: math.NaN(), p90: math.NaN(), p99: math.NaN(), max: math.NaN()}
			}
			for _, c := range append(slices.Clone(classes), "all") {
				s, p, x := get("sqlite", c), get("postgres", c), get("xapian", c)
				fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", classLabel[c],
					fmtMS(s.p50), fmtMS(s.p99), fmtMS(p.p50), fmtMS(p.p99), fmtMS(x.p50), fmtMS(x.p99),
					fmtRatio(s.p50, x.p50), fmtRatio(s.p99, x.p99), fmtRatio(p.p50, x.p50), fmtRatio(p.p99, x.p99))
			}
			fmt.Fprintf(w, "\np50 / p90 / p99 / max ms:\n\n| class |")
			var present []*result
			for _, e := range engines {
				if r := find(e, round, phase); r != nil {
					present = append(present, r)
					fmt.Fprintf(w, " %s |", e)
				}
			}
			fmt.Fprintf(w, "\n| --- |%s\n", strings.Repeat(" --- |", len(present)))
			for _, c := range append(slices.Clone(classes), "all") {
				fmt.Fprintf(w, "| %s |", classLabel[c])
				for _, r := range present {
					s := classStats(r.Queries, c)
					fmt.Fprintf(w, " %s / %s / %s / %s |", fmtMS(s.p50), fmtMS(s.p90), fmtMS(s.p99), fmtMS(s.max))
				}
				fmt.Fprintln(w)
			}
			if x := find("xapian", round, phase); x != nil {
				agreement(w, present, x)
			}
		}
	}
}

// agreement prints, per class, the median number of matches and how gongkai's results compare
// with Xapian's on the same tokens: the share of queries with the same number of matches (both
// capped at 10,000), and the mean overlap of the top 10.
func agreement(w io.Writer, present []*result, x *result) {
	byText := map[string]queryResult{}
	for _, q := range x.Queries {
		byText[q.Text] = q
	}
	fmt.Fprintf(w, "\nMatches (median per class) and agreement with Xapian (same count of matches up to 10,000; mean top-10 overlap):\n\n| class | xapian matches |")
	var gk []*result
	for _, r := range present {
		if r.Engine != "xapian" {
			gk = append(gk, r)
			fmt.Fprintf(w, " %s matches | same count | top-10 overlap |", r.Engine)
		}
	}
	fmt.Fprintf(w, "\n| --- | --- |%s\n", strings.Repeat(" --- | --- | --- |", len(gk)))
	for _, c := range classes {
		var xs []float64
		for _, q := range x.Queries {
			if q.Class == c {
				xs = append(xs, float64(q.Total))
			}
		}
		fmt.Fprintf(w, "| %s | %s |", classLabel[c], fmtCount(median(xs)))
		for _, r := range gk {
			var ts []float64
			same, n := 0, 0
			overlap := 0.0
			for _, q := range r.Queries {
				if q.Class != c {
					continue
				}
				ts = append(ts, float64(q.Total))
				xq, ok := byText[q.Text]
				if !ok {
					continue
				}
				n++
				if min(q.Total, 10000) == min(xq.Total, 10000) {
					same++
				}
				overlap += topOverlap(q.IDs, xq.IDs)
			}
			if n == 0 {
				fmt.Fprintf(w, " %s | – | – |", fmtCount(median(ts)))
				continue
			}
			fmt.Fprintf(w, " %s | %d/%d | %.2f |", fmtCount(median(ts)), same, n, overlap/float64(n))
		}
		fmt.Fprintln(w)
	}
}

func topOverlap(a, b []int64) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 1
	}
	in := map[int64]bool{}
	for _, id := range b {
		in[id] = true
	}
	k := 0
	for _, id := range a {
		if in[id] {
			k++
		}
	}
	return float64(k) / float64(max(len(a), len(b)))
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return math.NaN()
	}
	s := slices.Clone(v)
	sort.Float64s(s)
	return s[(len(s)-1)/2]
}

func fmtCount(x float64) string {
	if math.IsNaN(x) {
		return "–"
	}
	return commas(int(x))
}

func commas(n int) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
