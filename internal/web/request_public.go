package web

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"math/big"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"gongkai/internal/apperr"
	"gongkai/internal/org"
	"gongkai/internal/request"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

// Applications for information (依申请公开), the public side: the application form of an
// organisation (no account, no session), the receipt with the secret query code, and the
// tracking page where the applicant follows the application, sends a correction and downloads
// the reply's files.
//
// The form has no session, so it is protected by the rate limiter per client address, a random
// submit_key per rendered form (the store makes a second submission with the same key return the
// first application: a double click files one application), and a proof that a person filled it
// in: an arithmetic question in words whose answer is HMAC-signed in a hidden field with a
// timestamp (30 minutes), so that no server state is needed to check it; a page with JavaScript
// also solves a small hashcash puzzle by itself (static/request.js), which makes the question
// optional. Each proof is good for one submit_key.
//
// The identity document's number goes only in POST bodies, is never echoed back in a page but to
// the receiving organisation's handlers, and the request logger logs the path only.

// Template functions of the application pages.
func init() {
	funcs["fen"] = request.FormatFen
	funcs["eventLabel"] = func(k string) string { return request.EventKind(k).Label() }
	funcs["list"] = func(s ...string) []string { return s }
	funcs["clip"] = func(s string, n int) string {
		if r := []rune(s); len(r) > n {
			return string(r[:n]) + "…"
		}
		return s
	}
}

// requestState is per-server state of the public form: the key that signs proofs and file links,
// the proofs already used, the query codes of recent submissions (to show them again after a
// double click) and locks that serialise submissions of one form.
type requestState struct {
	mu    sync.Mutex
	key   []byte
	used  map[string]usedProof
	codes map[string]recentCode
	locks map[string]*keyLock
}

type usedProof struct {
	submitKey string
	until     time.Time
}

type recentCode struct {
	code  string
	until time.Time
}

type keyLock struct {
	mu   sync.Mutex
	refs int
}

var requestStates sync.Map // *Server → *requestState

func (s *Server) rq() *requestState {
	if v, ok := requestStates.Load(s); ok {
		return v.(*requestState)
	}
	v, _ := requestStates.LoadOrStore(s, &requestState{used: map[string]usedProof{}, codes: map[string]recentCode{}, locks: map[string]*keyLock{}})
	return v.(*requestState)
}

// formKeySetting names the platform setting that holds the key signing proofs and file links,
// shared by every process of the platform.
const formKeySetting = "web.request_form_key"

// formKey returns the signing key, creating it on first use.
func (s *Server) formKey(ctx context.Context) ([]byte, error) {
	st := s.rq()
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.key != nil {
		return st.key, nil
	}
	v, ok, err := s.db.Setting(ctx, formKeySetting)
	if err != nil {
		return nil, err
	}
	if !ok || len(v) != 64 {
		b := make([]byte, 32)
		rand.Read(b)
		if err := s.db.SetSetting(ctx, formKeySetting, hex.EncodeToString(b)); err != nil {
			return nil, err
		}
		if v, _, err = s.db.Setting(ctx, formKeySetting); err != nil {
			return nil, err
		}
	}
	key, err := hex.DecodeString(v)
	if err != nil || len(key) != 32 {
		return nil, errors.New("web: damaged form key setting")
	}
	st.key = key
	return key, nil
}

// sign is a keyed MAC of the parts, in hex (128 bits are plenty for a form).
func sign(key []byte, parts ...string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(strings.Join(parts, "|")))
	return hex.EncodeToString(m.Sum(nil))[:32]
}

// useProof marks a proof as used by a form; the same form may use it again (a double click).
func (st *requestState) useProof(id, submitKey string, until, now time.Time) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	if u, ok := st.used[id]; ok && u.until.After(now) && u.submitKey != submitKey {
		return false
	}
	if len(st.used) > 5000 {
		for k, u := range st.used {
			if !u.until.After(now) {
				delete(st.used, k)
			}
		}
	}
	st.used[id] = usedProof{submitKey: submitKey, until: until}
	return true
}

// lockSubmit serialises the submissions of one form (same submit_key) in this process, so that a
// repeated submission waits for the first and finds its query code.
func (st *requestState) lockSubmit(key string) func() {
	if key == "" {
		return func() {}
	}
	st.mu.Lock()
	l := st.locks[key]
	if l == nil {
		l = &keyLock{}
		st.locks[key] = l
	}
	l.refs++
	st.mu.Unlock()
	l.mu.Lock()
	return func() {
		l.mu.Unlock()
		st.mu.Lock()
		if l.refs--; l.refs == 0 {
			delete(st.locks, key)
		}
		st.mu.Unlock()
	}
}

func (st *requestState) rememberCode(submitKey, code string, now time.Time) {
	if submitKey == "" || code == "" {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if len(st.codes) > 5000 {
		for k, c := range st.codes {
			if !c.until.After(now) {
				delete(st.codes, k)
			}
		}
	}
	st.codes[submitKey] = recentCode{code: code, until: now.Add(proofTTL)}
}

func (st *requestState) recallCode(submitKey string, now time.Time) string {
	if submitKey == "" {
		return ""
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if c, ok := st.codes[submitKey]; ok && c.until.After(now) {
		return c.code
	}
	return ""
}

// The proof that a person filled in the form.
const (
	proofTTL = 30 * time.Minute
	powBits  = 16 // leading zero bits of the hashcash puzzle solved by static/request.js
)

// proofQuestion is the question shown on the form and its signed hidden fields.
type proofQuestion struct {
	A, B  int
	Minus bool
	Token string // "ts.nonce.mac": mac = HMAC(ts|nonce|answer)
	Pow   string // "ts.nonce.mac": the hashcash challenge
	Bits  int
}

func randInt(lo, hi int) int {
	n, err := rand.Int(rand.Reader, big.NewInt(int64(hi-lo+1)))
	if err != nil {
		return lo
	}
	return lo + int(n.Int64())
}

func (s *Server) newProof(ctx context.Context) (proofQuestion, error) {
	key, err := s.formKey(ctx)
	if err != nil {
		return proofQuestion{}, err
	}
	q := proofQuestion{A: randInt(2, 19), B: randInt(1, 9), Bits: powBits}
	answer := q.A + q.B
	if q.A > q.B && randInt(0, 1) == 1 {
		q.Minus, answer = true, q.A-q.B
	}
	ts := strconv.FormatInt(s.now().Unix(), 10)
	nonce := newID()
	q.Token = ts + "." + nonce + "." + sign(key, "q", ts, nonce, strconv.Itoa(answer))
	pn := newID()
	q.Pow = ts + "." + pn + "." + sign(key, "pow", ts, pn)
	return q, nil
}

// parseToken splits a signed "ts.nonce.mac" token and checks its age.
func (s *Server) parseToken(tok string) (ts, nonce, mac string, at time.Time, err error) {
	parts := strings.Split(tok, ".")
	if len(parts) != 3 || len(parts[1]) != 16 || len(parts[2]) != 32 {
		return "", "", "", at, apperr.New(apperr.Invalid, "验证信息无效，请回答新的验证问题").OnField("answer")
	}
	sec, perr := strconv.ParseInt(parts[0], 10, 64)
	if perr != nil {
		return "", "", "", at, apperr.New(apperr.Invalid, "验证信息无效，请回答新的验证问题").OnField("answer")
	}
	at = time.Unix(sec, 0)
	now := s.now()
	if now.Sub(at) > proofTTL || at.Sub(now) > time.Minute {
		return "", "", "", at, apperr.New(apperr.Invalid, "验证问题已过期（30分钟内有效），请回答新的验证问题").OnField("answer")
	}
	return parts[0], parts[1], parts[2], at, nil
}

// checkProof accepts a solved hashcash puzzle or the right answer to the question, once per form.
func (s *Server) checkProof(ctx context.Context, v url.Values, submitKey string) error {
	key, err := s.formKey(ctx)
	if err != nil {
		return err
	}
	st := s.rq()
	if pow, n := v.Get("pow"), strings.TrimSpace(v.Get("pow_nonce")); pow != "" && n != "" && len(n) <= 12 {
		if ts, nonce, mac, at, err := s.parseToken(pow); err == nil && hmac.Equal([]byte(mac), []byte(sign(key, "pow", ts, nonce))) &&
			leadingZeroBits(sha256.Sum256([]byte(pow+":"+n))) >= powBits && st.useProof("pow:"+nonce, submitKey, at.Add(proofTTL), s.now()) {
			return nil
		}
	}
	answer := strings.TrimSpace(v.Get("answer"))
	if answer == "" {
		return apperr.New(apperr.Invalid, "请回答验证问题（用于防止自动提交）").OnField("answer")
	}
	ts, nonce, mac, at, err := s.parseToken(v.Get("proof"))
	if err != nil {
		return err
	}
	n, ok := parseAnswer(answer)
	if !ok {
		return apperr.New(apperr.Invalid, "验证问题的答案应为数字").OnField("answer")
	}
	if !hmac.Equal([]byte(mac), []byte(sign(key, "q", ts, nonce, strconv.Itoa(n)))) {
		return apperr.New(apperr.Invalid, "验证问题回答错误，请重新计算后填写").OnField("answer")
	}
	if !st.useProof("q:"+nonce, submitKey, at.Add(proofTTL), s.now()) {
		return apperr.New(apperr.Invalid, "该验证问题已经使用过，请回答新的验证问题").OnField("answer")
	}
	return nil
}

func leadingZeroBits(sum [32]byte) int {
	n := 0
	for _, b := range sum {
		if b == 0 {
			n += 8
			continue
		}
		for b&0x80 == 0 {
			n++
			b <<= 1
		}
		break
	}
	return n
}

// parseAnswer reads a small number written in digits (half or full width) or in Chinese
// numerals (十一, 二十三, 两).
func parseAnswer(s string) (int, bool) {
	s = request.IDKey(s) // drops spaces, full-width digits become ASCII
	if s == "" || len(s) > 12 {
		return 0, false
	}
	if n, err := strconv.Atoi(s); err == nil {
		return n, n >= 0 && n < 1000
	}
	digit := func(r rune) (int, bool) {
		i := strings.IndexRune("零一二三四五六七八九", r)
		if i >= 0 {
			return i / len("零"), true
		}
		if r == '两' {
			return 2, true
		}
		return 0, false
	}
	r := []rune(s)
	switch {
	case len(r) == 1 && r[0] == '十':
		return 10, true
	case len(r) == 1:
		return digit(r[0])
	case len(r) == 2 && r[0] == '十':
		d, ok := digit(r[1])
		return 10 + d, ok
	case len(r) == 2 && r[1] == '十':
		d, ok := digit(r[0])
		return d * 10, ok && d > 0
	case len(r) == 3 && r[1] == '十':
		a, ok1 := digit(r[0])
		b, ok2 := digit(r[2])
		return a*10 + b, ok1 && ok2 && a > 0
	}
	return 0, false
}

// choice is a coded option of a select.
type choice struct{ Code, Label string }

// provisionForms and deliveries are the form requirements of Arts. 29(3) and 40.
var (
	provisionForms = []choice{{"paper", "纸质文本"}, {"electronic", "电子文本"}, {"inspect", "查阅、抄录"}}
	deliveries     = []choice{{"post", "邮寄"}, {"email", "电子邮件"}, {"collect", "当面领取"}, {"online", "网上查看"}}
)

// choiceText maps a code to its stored text; other text (from the API) is kept as written.
func choiceText(cs []choice, v string) string {
	for _, c := range cs {
		if c.Code == v {
			return c.Label
		}
	}
	return v
}

// staffChannels are the channels a handler registers (the online channel files itself).
var staffChannels = []request.Channel{request.InPerson, request.Oral, request.RegisteredPost, request.OrdinaryLetter, request.Fax, request.Email, request.Online}

// applicationField bounds a text field of the form.
type applicationField struct {
	name      string
	max       int
	multiline bool
}

var applicationFields = []applicationField{
	{"kind", 32, false}, {"name", 100, false}, {"id_kind", 32, false}, {"id_number", 64, false}, {"phone", 40, false},
	{"email", 100, false}, {"address", 200, false}, {"info_name", 200, false}, {"doc_number", 100, false},
	{"description", 5000, true}, {"form", 200, false}, {"delivery", 200, false}, {"submit_key", 64, false},
	{"purpose", 32, false}, {"evidence", store.MaxProofText, true},
	{"channel", 32, false}, {"handed_in", 10, false}, {"signed_for", 10, false}, {"arrived", 10, false}, {"confirmed", 10, false},
}

// cleanText reports whether s is valid UTF-8 without control characters (line breaks and tabs
// allowed in multi-line fields).
func cleanText(s string, multiline bool) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r == '\n' || r == '\r' || r == '\t' {
			if !multiline {
				return false
			}
			continue
		}
		if unicode.IsControl(r) || r == '\uFFFD' || (r >= 0xD800 && r <= 0xDFFF) {
			return false
		}
	}
	return true
}

var fieldLabels = map[string]string{
	"kind": "申请人类型", "name": "姓名或名称", "id_kind": "证件类型", "id_number": "证件号码", "phone": "联系电话", "email": "电子邮箱",
	"address": "通信地址", "info_name": "所需信息的名称", "doc_number": "文号", "description": "所需信息的描述", "form": "提供形式",
	"delivery": "获取方式", "submit_key": "表单标识", "channel": "申请渠道", "handed_in": "提交日期", "signed_for": "签收日期",
	"arrived": "信函到达日期", "confirmed": "确认日期", "purpose": "申请类别", "evidence": "证明材料",
}

// purposes are the application's purposes, as the form offers them.
var purposes = []request.Purpose{request.PurposeDisclosure, request.PurposeCorrection}

// decodeApplicationForm turns the application form (or the API's request, converted to the
// same fields) into an application, checking everything the store checks so that an accepted
// form is stored. staff forms give the channel and the Art. 31 dates; the public files online
// today.
func decodeApplicationForm(v url.Values, staff bool, today workday.Date) (store.NewRequest, error) {
	var in store.NewRequest
	get := func(k string) string { return strings.TrimSpace(v.Get(k)) }
	for _, f := range applicationFields {
		s := v.Get(f.name)
		if !cleanText(s, f.multiline) {
			return in, apperr.Newf(apperr.Invalid, "“%s”含有无效字符", fieldLabels[f.name]).OnField(f.name)
		}
		if utf8.RuneCountInString(strings.TrimSpace(s)) > f.max {
			return in, apperr.Newf(apperr.Invalid, "“%s”过长（不超过%d字）", fieldLabels[f.name], f.max).OnField(f.name)
		}
	}
	kind := request.ApplicantKind(get("kind"))
	if !kind.Valid() {
		return in, apperr.New(apperr.Invalid, "请选择申请人类型（自然人，或法人、其他组织的类别）").OnField("kind")
	}
	if get("name") == "" {
		return in, apperr.New(apperr.Invalid, "请填写申请人的姓名或者名称（条例第二十九条）").OnField("name")
	}
	idKind := request.IDKind(get("id_kind"))
	if idKind.Label() == "" {
		return in, apperr.New(apperr.Invalid, "请选择身份证明的证件类型（条例第二十九条）").OnField("id_kind")
	}
	idNumber := request.IDKey(v.Get("id_number"))
	if idNumber == "" {
		return in, apperr.New(apperr.Invalid, "请填写身份证明的证件号码（条例第二十九条：申请人应提供身份证明）").OnField("id_number")
	}
	if idKind == request.CreditCodeDoc {
		if err := org.ValidateCreditCode(idNumber); err != nil {
			return in, apperr.Newf(apperr.Invalid, "统一社会信用代码无效：%s", err.Error()).OnField("id_number")
		}
	}
	in.Applicant = request.Applicant{Kind: kind, Name: get("name"), ID: request.Identity{Kind: idKind, Number: idNumber},
		Phone: get("phone"), Email: get("email"), Address: get("address")}
	if err := in.Applicant.Validate(); err != nil {
		return in, err
	}
	in.InfoName, in.DocNumber, in.Description = get("info_name"), get("doc_number"), get("description")
	if in.InfoName == "" && in.DocNumber == "" && in.Description == "" {
		return in, apperr.New(apperr.Invalid, "请写明所需政府信息的名称、文号或者便于查询的其他特征性描述（条例第二十九条）").OnField("description")
	}
	purpose, err := request.ParsePurpose(get("purpose"))
	if err != nil {
		return in, err
	}
	in.Purpose, in.Proof = purpose, get("evidence")
	switch {
	case purpose == request.PurposeCorrection && in.Proof == "":
		return in, apperr.New(apperr.Invalid, "申请更正的，请提供证明该政府信息记录不准确的证据，并写明正确的内容（条例第四十一条）").OnField("evidence")
	case purpose != request.PurposeCorrection && in.Proof != "":
		return in, apperr.New(apperr.Invalid, "只有申请更正与本人相关的政府信息时才提供证明材料").OnField("evidence")
	}
	in.Form, in.Delivery = choiceText(provisionForms, get("form")), choiceText(deliveries, get("delivery"))
	in.SubmitKey = get("submit_key")
	for _, r := range in.SubmitKey {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return in, apperr.New(apperr.Invalid, "表单已损坏，请刷新页面后重新填写").OnField("submit_key")
		}
	}
	if !staff {
		in.Channel, in.ReceivedOn = request.Online, today
		return in, nil
	}
	in.Channel = request.Channel(get("channel"))
	if in.Channel.Label() == "" {
		return in, apperr.New(apperr.Invalid, "请选择申请渠道").OnField("channel")
	}
	var facts request.ReceiptFacts
	for _, d := range []struct {
		name string
		dst  *workday.Date
	}{{"handed_in", &facts.HandedIn}, {"signed_for", &facts.SignedFor}, {"arrived", &facts.Arrived}, {"confirmed", &facts.Confirmed}} {
		s := get(d.name)
		if s == "" {
			continue
		}
		p, err := workday.ParseDate(s)
		if err != nil || !p.Valid() {
			return in, apperr.Newf(apperr.Invalid, "%s“%s”不是有效日期，请按“2025-01-31”的格式填写实际存在的日期", fieldLabels[d.name], s).OnField(d.name)
		}
		*d.dst = p
	}
	received, err := request.ReceiptDate(in.Channel, facts)
	if err != nil {
		return in, err
	}
	if received.After(today) {
		return in, apperr.New(apperr.Invalid, "收到申请的日期不能晚于今天").OnField("received_on")
	}
	if received.Before(today.AddDays(-366)) {
		return in, apperr.New(apperr.Invalid, "收到申请的日期过早，请核对").OnField("received_on")
	}
	in.ReceivedOn = received
	return in, nil
}

// requestPolicy is the 依申请公开 policy in force: the defaults with the platform's settings
// applied, read by the store (store.RequestPolicy) as the clock-refreshing job reads it.
func (s *Server) requestPolicy(ctx context.Context) request.Policy { return s.db.RequestPolicy(ctx) }

// clocking is what the clock needs today: the calendar in force (the shipped notices with the
// years staff loaded, under calendar.unknown_year), the policy in force and the date.
func (s *Server) clocking(ctx context.Context) store.Clocking {
	return store.Clocking{Cal: s.calendar(ctx), Policy: s.requestPolicy(ctx), Today: s.today()}
}

// calendar is the holiday calendar in force (store.DB.Calendar over the shipped one). A database
// error is logged and the shipped calendar used, so that a page still shows its dates.
func (s *Server) calendar(ctx context.Context) *workday.Calendar {
	cal, err := s.db.Calendar(ctx, s.cal)
	if err != nil {
		s.log.Error("calendar", "err", err)
	}
	return cal
}

// applyView is the application form's data.
type applyView struct {
	Org        org.Org
	Form       url.Values // what was typed, never the identity number on a public page
	SubmitKey  string
	Proof      proofQuestion
	Staff      bool
	Kinds      []request.ApplicantKind
	IDKinds    []request.IDKind
	Forms      []choice
	Deliveries []choice
	Channels   []request.Channel
	Purposes   []request.Purpose
	Today      workday.Date
}

func newSubmitKey() string { return newID() + newID() }

func (s *Server) applyData(r *http.Request, o org.Org, form url.Values, staff bool) (*applyView, error) {
	v := &applyView{Org: o, Form: form, Staff: staff, Kinds: request.ApplicantKinds(), Forms: provisionForms, Deliveries: deliveries,
		Channels: staffChannels, Purposes: purposes, Today: s.today(),
		IDKinds: []request.IDKind{request.ResidentID, request.Passport, request.HKMacaoPermit, request.TaiwanPermit, request.ForeignerPR, request.CreditCodeDoc, request.OtherDocument}}
	if v.Form == nil {
		v.Form = url.Values{}
	}
	v.SubmitKey = form.Get("submit_key")
	if v.SubmitKey == "" {
		v.SubmitKey = newSubmitKey()
	}
	if !staff {
		q, err := s.newProof(r.Context())
		if err != nil {
			return nil, err
		}
		v.Proof = q
		v.Form.Del("id_number")
		v.Form.Del("answer")
	}
	return v, nil
}

func noStore(w http.ResponseWriter) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
}

func (s *Server) applyForm(w http.ResponseWriter, r *http.Request) {
	noStore(w)
	o, err := s.orgFromPath(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	v, err := s.applyData(r, o, nil, false)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "request_apply", &page{Title: "在线申请政府信息公开", Site: &o, Data: v, Breadcrumbs: s.orgCrumbs(o, "在线申请")})
}

// receiptView is the page after filing (or registering) an application.
type receiptView struct {
	Request   store.Request
	Org       org.Org
	Code      string
	Duplicate bool
	Clock     request.Clock
	Staff     bool
}

func (s *Server) apply(w http.ResponseWriter, r *http.Request) {
	noStore(w)
	o, err := s.orgFromPath(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	fail := func(form url.Values, err error) {
		v, verr := s.applyData(r, o, form, false)
		if verr != nil {
			s.renderError(w, r, verr)
			return
		}
		pg := &page{Title: "在线申请政府信息公开", Site: &o, Data: v, Breadcrumbs: s.orgCrumbs(o, "在线申请"), Error: apperr.From(err)}
		s.render(w, r, apperr.Status(pg.Error.Code), "request_apply", pg)
	}
	if err := r.ParseForm(); err != nil {
		fail(nil, apperr.New(apperr.TooLarge, "提交的内容过大"))
		return
	}
	form := r.PostForm
	if !s.limits.allow("apply:"+clientIP(r), 20, 6) {
		fail(form, apperr.New(apperr.RateLimited, "提交过于频繁，请稍后再试"))
		return
	}
	cl := s.clocking(r.Context())
	in, err := decodeApplicationForm(form, false, cl.Today)
	if err != nil {
		fail(form, err)
		return
	}
	if in.SubmitKey == "" {
		fail(form, apperr.New(apperr.Invalid, "表单已损坏，请刷新页面后重新填写").OnField("submit_key"))
		return
	}
	if err := s.checkProof(r.Context(), form, in.SubmitKey); err != nil {
		fail(form, err)
		return
	}
	in.OrgID = o.ID
	req, code, dup, err := s.createRequest(r.Context(), nil, in, cl)
	if err != nil {
		fail(form, err)
		return
	}
	s.renderReceipt(w, r, req, o, code, dup, cl, false)
}

// createRequest files an application, serialising repeated submissions of one form so that the
// repeat (dup) finds the query code the first one was given, if this process gave it.
func (s *Server) createRequest(ctx context.Context, p *org.Principal, in store.NewRequest, cl store.Clocking) (req store.Request, code string, dup bool, err error) {
	st := s.rq()
	unlock := st.lockSubmit(in.SubmitKey)
	defer unlock()
	req, code, err = s.db.CreateRequest(ctx, p, in, cl)
	if err != nil {
		return req, "", false, err
	}
	if code != "" {
		st.rememberCode(in.SubmitKey, code, s.now())
		return req, code, false, nil
	}
	return req, st.recallCode(in.SubmitKey, s.now()), true, nil
}

func (s *Server) renderReceipt(w http.ResponseWriter, r *http.Request, req store.Request, o org.Org, code string, dup bool, cl store.Clocking, staff bool) {
	clock, err := s.db.RequestClock(r.Context(), req.ID, cl)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if !staff {
		clock = clock.ForApplicant()
	}
	v := &receiptView{Request: req, Org: o, Code: code, Duplicate: dup, Clock: clock, Staff: staff}
	pg := &page{Title: "申请已提交", Site: &o, Data: v, Breadcrumbs: s.orgCrumbs(o, "在线申请")}
	if staff {
		pg = s.consolePage(r, "申请已登记", v)
	}
	s.render(w, r, http.StatusOK, "request_receipt", pg)
}

// trackView is the tracking page's data.
type trackView struct {
	Number, Code string // kept in the correction form (POST only)
	Found        bool
	Request      store.Request
	Org          org.Org
	Clock        request.Clock
	Events       []request.Event
	Reply        *store.StoredReply
	Files        []fileLink
	Notices      []noticeLink // the notices addressed to the applicant
	Awaiting     bool         // waiting for the applicant's correction
	Items        []string     // what to correct
	Text         string       // the correction being written, kept after an error
}

type fileLink struct {
	Name string
	Size int64
	URL  string
}

func (s *Server) trackPage(w http.ResponseWriter, r *http.Request) {
	noStore(w)
	s.render(w, r, http.StatusOK, "request_track", &page{Title: "申请办理进度查询", Data: &trackView{}, Breadcrumbs: []crumb{{"申请办理进度查询", ""}}})
}

// loadTrack builds the applicant's view of an application.
func (s *Server) loadTrack(ctx context.Context, number, code string) (*trackView, error) {
	req, err := s.db.RequestByCode(ctx, number, code)
	if err != nil {
		return nil, err
	}
	v := &trackView{Number: req.Number, Code: strings.ToUpper(strings.TrimSpace(code)), Found: true, Request: req}
	if v.Org, err = s.db.Org(ctx, req.OrgID); err != nil {
		return nil, err
	}
	if v.Events, err = s.db.RequestEvents(ctx, req.ID); err != nil {
		return nil, err
	}
	if v.Clock, err = s.db.RequestClock(ctx, req.ID, s.clocking(ctx)); err != nil {
		return nil, err
	}
	// The applicant's view: no third party consulted is named (Art. 32), no staff alerts.
	v.Clock = v.Clock.ForApplicant()
	v.Events = applicantEvents(v.Events)
	if sr, ok, err := s.db.RequestReply(ctx, req.ID); err != nil {
		return nil, err
	} else if ok {
		v.Reply = &sr
	}
	files, err := s.db.RequestFiles(ctx, req.ID)
	if err != nil {
		return nil, err
	}
	key, err := s.formKey(ctx)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		v.Files = append(v.Files, fileLink{Name: f.Name, Size: f.Size, URL: s.fileURL(key, f.ID)})
	}
	if v.Notices, err = s.applicantNotices(ctx, req.ID, key); err != nil {
		return nil, err
	}
	v.Awaiting = slices.Contains(v.Clock.PausedFor, request.PauseCorrection)
	for _, e := range v.Events {
		if e.Kind == request.EvCorrectionRequested {
			v.Items = e.Items
		}
	}
	return v, nil
}

// fileURL is a link to a reply's file that works for 30 minutes: files are given only to the
// holder of the application's query code, never by id alone.
func (s *Server) fileURL(key []byte, id int64) string {
	return s.signedURL(key, "/track/files/", "file", id)
}

// signedURL is a link under prefix to the object id of a kind, valid for proofTTL.
func (s *Server) signedURL(key []byte, prefix, kind string, id int64) string {
	exp := strconv.FormatInt(s.now().Add(proofTTL).Unix(), 10)
	sid := strconv.FormatInt(id, 10)
	return prefix + sid + "?exp=" + exp + "&sig=" + sign(key, kind, sid, exp)
}

// signedID checks a link made by signedURL and returns its object id; otherwise it renders a
// not-found page with the message for a bad or an expired link and returns false.
func (s *Server) signedID(w http.ResponseWriter, r *http.Request, kind, invalid, expired string) (int64, bool) {
	key, err := s.formKey(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return 0, false
	}
	sid, exp, sig := r.PathValue("id"), r.URL.Query().Get("exp"), r.URL.Query().Get("sig")
	until, perr := strconv.ParseInt(exp, 10, 64)
	if perr != nil || !hmac.Equal([]byte(sig), []byte(sign(key, kind, sid, exp))) {
		s.renderError(w, r, apperr.New(apperr.NotFound, invalid))
		return 0, false
	}
	if s.now().Unix() > until {
		s.renderError(w, r, apperr.New(apperr.NotFound, expired))
		return 0, false
	}
	id, err := strconv.ParseInt(sid, 10, 64)
	if err != nil {
		s.renderError(w, r, apperr.New(apperr.NotFound, invalid))
		return 0, false
	}
	return id, true
}

func (s *Server) track(w http.ResponseWriter, r *http.Request) {
	noStore(w)
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	number, code := strings.TrimSpace(r.PostFormValue("number")), r.PostFormValue("code")
	fail := func(err error) {
		pg := &page{Title: "申请办理进度查询", Data: &trackView{Number: number}, Breadcrumbs: []crumb{{"申请办理进度查询", ""}}, Error: apperr.From(err)}
		s.render(w, r, apperr.Status(pg.Error.Code), "request_track", pg)
	}
	if !s.limits.allow("track:"+clientIP(r), 30, 10) {
		fail(apperr.New(apperr.RateLimited, "查询过于频繁，请稍后再试"))
		return
	}
	if number == "" || strings.TrimSpace(code) == "" {
		fail(apperr.New(apperr.Invalid, "请填写申请编号和查询码").OnField("number"))
		return
	}
	v, err := s.loadTrack(r.Context(), number, code)
	if err != nil {
		fail(err)
		return
	}
	s.render(w, r, http.StatusOK, "request_track", &page{Title: "申请办理进度查询", Site: &v.Org, Data: v, Breadcrumbs: []crumb{{"申请办理进度查询", ""}}})
}

// trackCorrect receives the applicant's corrected application (补正).
func (s *Server) trackCorrect(w http.ResponseWriter, r *http.Request) {
	noStore(w)
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	number, code, text := strings.TrimSpace(r.PostFormValue("number")), r.PostFormValue("code"), r.PostFormValue("text")
	if !s.limits.allow("track:"+clientIP(r), 30, 10) {
		pg := &page{Title: "申请办理进度查询", Data: &trackView{Number: number}, Error: apperr.New(apperr.RateLimited, "查询过于频繁，请稍后再试")}
		s.render(w, r, http.StatusTooManyRequests, "request_track", pg)
		return
	}
	var err error
	if !cleanText(text, true) {
		err = apperr.New(apperr.Invalid, "补正内容含有无效字符").OnField("text")
	} else {
		_, err = s.db.ApplicantCorrect(r.Context(), number, code, text, s.clocking(r.Context()))
		if errors.Is(err, request.ErrCorrectionState) && s.sameCorrection(r.Context(), number, code, text) {
			err = nil // the same correction sent twice (a double click)
		}
	}
	v, lerr := s.loadTrack(r.Context(), number, code)
	if lerr != nil {
		pg := &page{Title: "申请办理进度查询", Data: &trackView{Number: number}, Error: apperr.From(lerr)}
		s.render(w, r, apperr.Status(pg.Error.Code), "request_track", pg)
		return
	}
	pg := &page{Title: "申请办理进度查询", Site: &v.Org, Data: v, Breadcrumbs: []crumb{{"申请办理进度查询", ""}}}
	status := http.StatusOK
	if err != nil {
		pg.Error = apperr.From(err)
		status = apperr.Status(pg.Error.Code)
		v.Text = text
	} else {
		pg.Flash = "已收到您补正后的申请，答复期限自今日重新计算"
	}
	s.render(w, r, status, "request_track", pg)
}

// sameCorrection reports whether the application's last step is this very correction.
func (s *Server) sameCorrection(ctx context.Context, number, code, text string) bool {
	req, err := s.db.RequestByCode(ctx, number, code)
	if err != nil {
		return false
	}
	events, err := s.db.RequestEvents(ctx, req.ID)
	if err != nil || len(events) == 0 {
		return false
	}
	last := events[len(events)-1]
	return last.Kind == request.EvCorrected && last.Text == strings.TrimSpace(text)
}

// trackFile serves a reply's file through a signed link from the tracking page.
func (s *Server) trackFile(w http.ResponseWriter, r *http.Request) {
	noStore(w)
	id, ok := s.signedID(w, r, "file", "文件不存在或链接已失效，请重新查询后下载", "下载链接已过期，请重新查询后下载")
	if !ok {
		return
	}
	f, data, err := s.db.RequestFileData(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	serveRequestFile(w, f, data)
}

func serveRequestFile(w http.ResponseWriter, f store.RequestFile, data []byte) {
	h := w.Header()
	h.Set("Content-Type", f.ContentType)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": f.Name}))
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Cache-Control", "private, no-store")
	w.Write(data)
}

// applicantEvents is the log as the applicant (and staff who only read the application) may
// see it: a third party consulted under Art. 32 is not named and the handler's notes on the
// consultation are left out; the step and its dates stay.
func applicantEvents(events []request.Event) []request.Event {
	out := slices.Clone(events)
	for i := range out {
		if out[i].Kind == request.EvThirdPartyStart || out[i].Kind == request.EvThirdPartyEnd || out[i].Kind == request.EvThirdPartyNotified {
			out[i].Party, out[i].Note, out[i].Objected = "", "", false
			if out[i].Kind == request.EvThirdPartyNotified {
				out[i].Text = "" // the content decided to be disclosed is in the reply itself
			}
		}
	}
	return out
}

// staffReaderClock is the clock for staff who read but do not handle the application: as the
// applicant sees it (request.Clock.ForApplicant), with the staff alerts kept unless they name
// a third party consulted.
func staffReaderClock(c request.Clock, events []request.Event) request.Clock {
	out := c.ForApplicant()
	var parties []string
	for _, e := range events {
		if e.Kind == request.EvThirdPartyStart && strings.TrimSpace(e.Party) != "" {
			parties = append(parties, strings.TrimSpace(e.Party))
		}
	}
	for _, a := range c.Alerts {
		if !slices.ContainsFunc(parties, func(p string) bool { return strings.Contains(a, p) }) {
			out.Alerts = append(out.Alerts, a)
		}
	}
	return out
}
