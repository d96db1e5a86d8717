package demo

import (
	"fmt"
	"strings"
	"time"

	"gongkai/internal/disclosure"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

// A doc is one demonstration document and what happens to it.
type doc struct {
	key string // for relations and revisions; defaults to the title
	org string // key of the organisation
	f   disclosure.Fields

	written string // 成文日期 YYYY-MM-DD; default: three working days before publication
	pub     string // publication time "YYYY-MM-DD HH:MM" (China); moved to a working day

	attach string // name of a PDF attached before submission
	sign   bool   // end the body with the issuers and the 成文日期, as official documents do
	signer string // who signs, when not the organisation itself (e.g. 江南省人民政府办公厅)

	// Documents still in the workflow are dated relative to today instead of pub.
	final    disclosure.Status // "" or published; draft, in_review or approved stop there
	ago      int               // created this many days before today
	reject   string            // rejected back to draft with this comment
	schedule bool              // approved and scheduled for publication three days from today
	madeAgo  int               // a draft whose information was made this many working days ago (Art. 26)

	withdraw *withdrawal
	revise   *revision
	rels     []relation
}

type withdrawal struct {
	days   int // after publication
	reason string
}

type revision struct {
	pub    string // publication time of the new version
	change func(f *disclosure.Fields)
}

type relation struct {
	kind disclosure.RelationKind
	to   string // key of the other document
}

func (d *doc) id() string {
	if d.key != "" {
		return d.key
	}
	return d.f.Title
}

var calendar = workday.Default()

func isWorkday(d workday.Date) bool {
	ok, err := calendar.IsWorkday(d)
	if err != nil {
		wd := d.Weekday()
		return wd != time.Saturday && wd != time.Sunday
	}
	return ok
}

// prevWorkday is the last working day before d.
func prevWorkday(d workday.Date) workday.Date {
	d = d.AddDays(-1)
	for !isWorkday(d) {
		d = d.AddDays(-1)
	}
	return d
}

// onWorkday is d, or the next working day.
func onWorkday(d workday.Date) workday.Date {
	for !isWorkday(d) {
		d = d.AddDays(1)
	}
	return d
}

// at is the time h:m on day d in China.
func at(d workday.Date, h, m int) time.Time {
	return time.Date(d.Year, d.Month, d.Day, h, m, 0, 0, workday.Location())
}

func date(s string) workday.Date { return workday.MustParseDate(s) }

// pubTime parses "YYYY-MM-DD HH:MM", moved to the next working day if needed.
func pubTime(s string) time.Time {
	day, clock, _ := strings.Cut(s, " ")
	d := onWorkday(date(day))
	var h, m int
	if clock == "" {
		h, m = 10, 0
	} else if _, err := fmt.Sscanf(clock, "%d:%d", &h, &m); err != nil {
		panic("demo: bad time " + s)
	}
	return at(d, h, m)
}

// timeline is when each workflow step of a document happens.
type timeline struct {
	create, submit, decide, publish time.Time
}

// past keeps t before today: dates written for the demonstration are all in the past, but the
// clock of a test or a host may be off.
func (l *loader) past(t time.Time, slack time.Duration) time.Time {
	limit := l.today.Add(-slack)
	if t.After(limit) {
		return limit
	}
	return t
}

// schedule works out a document's timeline.
func (l *loader) timelineOf(d *doc) timeline {
	var tl timeline
	if d.pub != "" {
		pub := l.past(pubTime(d.pub), 2*time.Hour)
		day := workday.DateOf(pub)
		before := prevWorkday(day)
		tl.create = at(before, 9, 10+len(d.f.Title)%40)
		tl.submit = tl.create.Add(50 * time.Minute)
		tl.decide = at(before, 16, 20)
		tl.publish = pub
		if !tl.decide.Before(pub) {
			tl.decide = pub.Add(-time.Hour)
		}
		return tl
	}
	// In the workflow now: dated relative to today.
	var created workday.Date
	if d.madeAgo > 0 {
		created = onWorkday(workday.DateOf(l.today).AddDays(-d.ago))
	} else {
		created = prevWorkday(workday.DateOf(l.today).AddDays(1 - d.ago))
	}
	tl.create = l.past(at(created, 10, 5), 3*time.Hour)
	tl.submit = l.past(tl.create.Add(2*time.Hour), 2*time.Hour)
	tl.decide = l.past(at(onWorkday(created.AddDays(1)), 11, 30), time.Hour)
	tl.publish = l.past(tl.decide.Add(20*time.Minute), 30*time.Minute)
	return tl
}

// writtenOn is a document's 成文日期: given, or three working days before publication.
func writtenOn(d *doc, tl timeline) workday.Date {
	if d.written != "" {
		return date(d.written)
	}
	w := workday.DateOf(tl.create)
	for i := 0; i < 2; i++ {
		w = prevWorkday(w)
	}
	return w
}

// workdaysBefore is the date n working days before today.
func (l *loader) workdaysBefore(n int) workday.Date {
	d := workday.DateOf(l.today)
	for i := 0; i < n; i++ {
		d = prevWorkday(d)
	}
	return d
}

// addDocs plans the documents' steps.
func (l *loader) addDocs(docs []doc) error {
	pubs := map[string]time.Time{}
	for i := range docs {
		d := &docs[i]
		if _, dup := pubs[d.id()]; dup {
			return fmt.Errorf("demo: duplicate document %q", d.id())
		}
		if _, ok := l.orgs[d.org]; !ok {
			return fmt.Errorf("demo: document %q: unknown organisation %q", d.id(), d.org)
		}
		if d.madeAgo > 0 {
			made := l.workdaysBefore(d.madeAgo)
			d.ago = made.DaysUntil(workday.DateOf(l.today))
			d.f.MadeOn = made
		}
		tl := l.timelineOf(d)
		pubs[d.id()] = tl.publish
		if d.revise != nil {
			pubs[d.id()] = l.past(pubTime(d.revise.pub), 2*time.Hour)
		}
		if d.f.WrittenOn.IsZero() {
			d.f.WrittenOn = writtenOn(d, tl)
		}
		if d.sign {
			signer := l.orgs[d.org].Name
			if d.signer != "" {
				signer = d.signer
			}
			d.f.BodyHTML += "\n" + signature(append([]string{signer}, d.f.Issuers...), d.f.WrittenOn)
		}
		if d.org == "gwyb" {
			d.f.BodyHTML += "\n" + p(gwybNote)
		}
		l.addStep(tl.create, func() error { return l.runDoc(d, tl) })
		if w := d.withdraw; w != nil {
			t := l.past(tl.publish.Add(time.Duration(w.days)*24*time.Hour), time.Hour)
			l.addStep(t, func() error {
				l.setClock(t)
				_, err := l.db.Transition(l.ctx, nil, l.docs[d.id()], store.TransitionInput{Action: disclosure.ActionWithdraw, Comment: w.reason})
				return wrap(d, "撤回", err)
			})
		}
		if r := d.revise; r != nil {
			pub := l.past(pubTime(r.pub), 2*time.Hour)
			before := prevWorkday(workday.DateOf(pub))
			l.addStep(at(before, 9, 30), func() error { return l.runRevision(d, r, before, pub) })
		}
	}
	for i := range docs {
		d := &docs[i]
		for _, r := range d.rels {
			if _, ok := pubs[r.to]; !ok {
				return fmt.Errorf("demo: document %q relates to unknown %q", d.id(), r.to)
			}
			t := pubs[d.id()]
			if o := pubs[r.to]; o.After(t) {
				t = o
			}
			t = t.Add(5 * time.Minute)
			l.addStep(t, func() error {
				l.setClock(t)
				return wrap(d, "关联", l.db.AddRelation(l.ctx, nil, l.docs[d.id()], r.kind, l.docs[r.to]))
			})
		}
	}
	return nil
}

func wrap(d *doc, what string, err error) error {
	if err != nil {
		return fmt.Errorf("演示文件《%s》%s: %w", d.f.Title, what, err)
	}
	return nil
}

// runDoc creates a document and moves it through the workflow as far as it goes.
func (l *loader) runDoc(d *doc, tl timeline) error {
	l.setClock(tl.create)
	created, err := l.db.CreateDocument(l.ctx, nil, l.orgs[d.org].ID, d.f)
	if err != nil {
		return wrap(d, "创建", err)
	}
	id := created.ID
	l.docs[d.id()] = id
	if d.attach != "" {
		if _, err := l.db.AddAttachment(l.ctx, nil, id, d.attach, pdfFor(d.f.Title, l.orgs[d.org].Name, d.f.WrittenOn)); err != nil {
			return wrap(d, "添加附件", err)
		}
	}
	if d.final == disclosure.StatusDraft && d.reject == "" {
		return nil
	}
	move := func(t time.Time, in store.TransitionInput) error {
		l.setClock(t)
		_, err := l.db.Transition(l.ctx, nil, id, in)
		return wrap(d, in.Action.Label(), err)
	}
	if err := move(tl.submit, store.TransitionInput{Action: disclosure.ActionSubmit}); err != nil {
		return err
	}
	if d.reject != "" {
		return move(tl.decide, store.TransitionInput{Action: disclosure.ActionReject, Comment: d.reject})
	}
	if d.final == disclosure.StatusInReview {
		return nil
	}
	if err := move(tl.decide, store.TransitionInput{Action: disclosure.ActionApprove}); err != nil {
		return err
	}
	if d.schedule {
		when := at(onWorkday(workday.DateOf(l.today).AddDays(3)), 9, 0)
		return move(tl.publish, store.TransitionInput{Action: disclosure.ActionPublish, PublishAt: when})
	}
	if d.final == disclosure.StatusApproved {
		return nil
	}
	return move(tl.publish, store.TransitionInput{Action: disclosure.ActionPublish})
}

// runRevision revises a published document into a new version and publishes it.
func (l *loader) runRevision(d *doc, r *revision, day workday.Date, pub time.Time) error {
	id := l.docs[d.id()]
	l.setClock(at(day, 9, 30))
	if _, err := l.db.Transition(l.ctx, nil, id, store.TransitionInput{Action: disclosure.ActionRevise}); err != nil {
		return wrap(d, "修订", err)
	}
	// Transition returns the document as it was before revising, so read the new version's number.
	doc, err := l.db.Document(l.ctx, id)
	if err != nil {
		return wrap(d, "读取文件", err)
	}
	v, err := l.db.Version(l.ctx, id, doc.LatestVersion)
	if err != nil {
		return wrap(d, "读取新版本", err)
	}
	f := v.Fields
	f.PublishAt = time.Time{}
	r.change(&f)
	l.setClock(at(day, 10, 15))
	if _, err := l.db.UpdateDraft(l.ctx, nil, id, v.Version, v.LockVersion, f); err != nil {
		return wrap(d, "修改新版本", err)
	}
	for _, s := range []struct {
		t time.Time
		a disclosure.Action
	}{{at(day, 10, 40), disclosure.ActionSubmit}, {at(day, 16, 5), disclosure.ActionApprove}, {pub, disclosure.ActionPublish}} {
		l.setClock(s.t)
		if _, err := l.db.Transition(l.ctx, nil, id, store.TransitionInput{Action: s.a}); err != nil {
			return wrap(d, "新版本"+s.a.Label(), err)
		}
	}
	return nil
}

// planDocuments plans every document; runSteps runs them with the other steps.
func (l *loader) planDocuments() error {
	var docs []doc
	docs = append(docs, nationalDocs()...)
	docs = append(docs, provinceDocs()...)
	docs = append(docs, linjiangDocs()...)
	docs = append(docs, qingshanDocs()...)
	docs = append(docs, workflowDocs()...)
	docs = append(docs, budgetDocs(l.specList())...)
	for i := range docs {
		l.finish(&docs[i])
	}
	return l.addDocs(docs)
}

// specList lists the organisations in creation order.
func (l *loader) specList() []orgSpec {
	out := make([]orgSpec, 0, len(l.specs))
	for _, s := range orgSpecs() {
		if _, ok := l.specs[s.key]; ok {
			out = append(out, s)
		}
	}
	return out
}

// finish fills in what the document specs leave out.
func (l *loader) finish(d *doc) {
	if d.f.Mode == "" {
		d.f.Mode = disclosure.ModeProactive
	}
}
