package report

import (
	"math/rand/v2"
	"testing"

	"gongkai/internal/disclosure"
	"gongkai/internal/request"
	"gongkai/internal/workday"
)

// bigInputs is an organisation with n applications spread over three years
// (the report year, the one before and the one after), 2,000 appeals and
// 5,000 documents.
func bigInputs(n int, year int) Inputs {
	rng := rand.New(rand.NewPCG(1, 2))
	kinds := request.ApplicantKinds()
	rows := decisionRows()
	date := func(y int) workday.Date { return day(y, 1+rng.IntN(12), 1+rng.IntN(28)) }
	var in Inputs
	in.Applications = make([]Application, n)
	for i := range in.Applications {
		rec := date(year - 1 + rng.IntN(3))
		a := Application{ID: int64(i + 1), Kind: kinds[rng.IntN(len(kinds))], ReceivedOn: rec}
		if rng.IntN(10) > 0 {
			a.EndedOn = rec.AddDays(1 + rng.IntN(40))
			a.Row = rows[rng.IntN(len(rows))]
		}
		in.Applications[i] = a
	}
	outcomes := append(request.AppealOutcomes(), "")
	for i := range 2000 {
		in.Appeals = append(in.Appeals, Appeal{ID: int64(i + 1), Kind: request.AppealKinds()[rng.IntN(3)], FiledOn: date(year - 1 + rng.IntN(3)), Outcome: outcomes[rng.IntN(len(outcomes))]})
	}
	genres := []disclosure.Genre{disclosure.GenreRule, disclosure.GenreNormative, disclosure.GenrePolicy}
	for i := range 5000 {
		d := Document{ID: int64(i + 1), Genre: genres[rng.IntN(3)], PublishedOn: date(year - 10 + rng.IntN(12)), Validity: disclosure.ValidityInForce}
		if rng.IntN(5) == 0 {
			d.Validity, d.RepealedOn = disclosure.ValidityRepealed, d.PublishedOn.AddDays(rng.IntN(2000))
		}
		in.Documents = append(in.Documents, d)
	}
	return in
}

func TestBigInputs(t *testing.T) {
	in := bigInputs(20_000, 2023)
	last := Compute("某局", 2022, in)
	r := Compute("某局", 2023, in)
	if len(r.Anomalies) != 0 {
		t.Fatal(r.Anomalies)
	}
	if ps := Check(r, &last); len(ps) != 0 {
		t.Fatal(ps)
	}
	checkSources(t, r)
}

func BenchmarkCompute100k(b *testing.B) {
	in := bigInputs(100_000, 2023)
	b.ReportAllocs()
	for b.Loop() {
		r := Compute("某局", 2023, in)
		if r.Cell("一", Cols3) == 0 {
			b.Fatal("empty report")
		}
	}
}

// BenchmarkReport100k is the whole job for 100,000 applications: compute,
// check against last year, and render all four outputs.
func BenchmarkReport100k(b *testing.B) {
	in := bigInputs(100_000, 2023)
	last := Compute("某局", 2022, in)
	b.ReportAllocs()
	for b.Loop() {
		r := Compute("某局", 2023, in)
		if ps := Check(r, &last); len(ps) != 0 {
			b.Fatal(ps)
		}
		if _, err := JSON(r); err != nil {
			b.Fatal(err)
		}
		_ = HTML(r)
		if _, err := XLSX(r); err != nil {
			b.Fatal(err)
		}
		if _, err := DOCX(r); err != nil {
			b.Fatal(err)
		}
	}
}
