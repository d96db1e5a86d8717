package request

import (
	"strings"
	"testing"
	"unicode/utf8"

	"gongkai/internal/apperr"
	"gongkai/internal/workday"
)

func TestApplicantKinds(t *testing.T) {
	// Table 三's columns 1–6 (LEGAL.md §3.3).
	want := []struct {
		k     ApplicantKind
		label string
		group string
	}{
		{NaturalPerson, "自然人", "自然人"},
		{Company, "商业企业", "法人或其他组织"},
		{Research, "科研机构", "法人或其他组织"},
		{PublicInterest, "社会公益组织", "法人或其他组织"},
		{LegalService, "法律服务机构", "法人或其他组织"},
		{OtherOrg, "其他", "法人或其他组织"},
	}
	kinds := ApplicantKinds()
	if len(kinds) != len(want) {
		t.Fatalf("%d kinds", len(kinds))
	}
	for i, w := range want {
		if kinds[i] != w.k || w.k.Label() != w.label || w.k.Group() != w.group || w.k.Column() != i+1 || !w.k.Valid() {
			t.Errorf("column %d: %s %q %q %d", i+1, kinds[i], w.k.Label(), w.k.Group(), w.k.Column())
		}
	}
	if ApplicantKind("person").Valid() || ApplicantKind("person").Column() != 0 || ApplicantKind("x").Group() != "" {
		t.Error("unknown kind accepted")
	}
}

// Art. 31: the date of receipt by channel.
func TestReceiptDate(t *testing.T) {
	f := ReceiptFacts{HandedIn: d("2025-09-26"), SignedFor: d("2025-09-27"), Arrived: d("2025-09-28"), Confirmed: d("2025-09-29")}
	want := map[Channel]string{
		InPerson:       "2025-09-26", // 提交之日
		Oral:           "2025-09-26",
		RegisteredPost: "2025-09-27", // 签收之日
		OrdinaryLetter: "2025-09-29", // 确认之日
		Online:         "2025-09-29", // 双方确认之日
		Fax:            "2025-09-29",
		Email:          "2025-09-29",
	}
	for ch, w := range want {
		got, err := ReceiptDate(ch, f)
		if err != nil || got.String() != w {
			t.Errorf("%s: %s %v, want %s", ch, got, err, w)
		}
		if ch.Label() == "" {
			t.Errorf("%s has no label", ch)
		}
	}
	bad := []struct {
		ch   Channel
		f    ReceiptFacts
		frag string
	}{
		{InPerson, ReceiptFacts{SignedFor: d("2025-09-27")}, "提交日期"},
		{RegisteredPost, ReceiptFacts{HandedIn: d("2025-09-27")}, "签收日期"},
		{OrdinaryLetter, ReceiptFacts{Arrived: d("2025-09-27")}, "与申请人确认的日期"},
		{OrdinaryLetter, ReceiptFacts{Arrived: d("2025-09-27"), Confirmed: d("2025-09-26")}, "早于信函到达日期"},
		{Online, ReceiptFacts{HandedIn: d("2025-09-27")}, "双方确认的日期"},
		{Fax, ReceiptFacts{Confirmed: workday.Date{Year: 2025, Month: 2, Day: 30}}, "不是有效日期"},
		{"pigeon", f, "未知的申请渠道"},
	}
	for _, tc := range bad {
		_, err := ReceiptDate(tc.ch, tc.f)
		if err == nil || !strings.Contains(apperr.From(err).Message, tc.frag) {
			t.Errorf("%s %+v: %v, want %q", tc.ch, tc.f, err, tc.frag)
		}
	}
}

func TestValidateResidentID(t *testing.T) {
	valid := []string{
		"11010519491231002X", // the GB 11643-1999 example
		"440524188001010014", // the other GB 11643 example (born 1880)
		"110101199003071233",
		"31011519851224456x",   // lower-case x
		" 110101199003071233 ", // surrounding space
		"１１０１０１１９９００３０７１２３３", // full-width digits
	}
	for _, s := range valid {
		if err := ValidateResidentID(s); err != nil {
			t.Errorf("%q: %v", s, err)
		}
		if err := (Identity{Kind: ResidentID, Number: s}).Validate(); err != nil {
			t.Errorf("identity %q: %v", s, err)
		}
	}
	invalid := map[string]string{
		"":                    "请填写",
		"11010519491231002":   "应为18位",
		"1101051949123100200": "应为18位",
		"11010519491231002Y":  "第18位",
		"1101051949123100X2":  "前17位",
		"110105194912310021":  "校验位错误",
		"110105194902300029":  "出生日期无效", // 1949-02-30
		"110105149901010023":  "出生日期无效", // 1499
		"１１０１０５１９４９１２３１００２Ｙ":       "第18位",
		"11010519491231002X\u0000": "应为18位",
	}
	for s, frag := range invalid {
		err := ValidateResidentID(s)
		if err == nil || apperr.CodeOf(err) != apperr.Invalid || !strings.Contains(apperr.From(err).Message, frag) {
			t.Errorf("%q: %v, want %q", s, err, frag)
		}
	}
	if c := ResidentIDCheckChar("1101051949123100"); c != 0 {
		t.Errorf("16 digits gave %c", c)
	}
	if c := ResidentIDCheckChar("1101051949123100A"); c != 0 {
		t.Errorf("letter gave %c", c)
	}
}

func TestOtherIdentityDocuments(t *testing.T) {
	ok := []Identity{
		{Passport, "E12345678"},
		{HKMacaoPermit, "H1234567801"},
		{TaiwanPermit, "12345678"},
		{ForeignerPR, "911234567890123456"},
		{CreditCodeDoc, "91350100M000100Y43"},
		{OtherDocument, "军官证 第123号"},
	}
	for _, id := range ok {
		if err := id.Validate(); err != nil {
			t.Errorf("%+v: %v", id, err)
		}
		if id.Kind.Label() == "" {
			t.Errorf("%s has no label", id.Kind)
		}
	}
	bad := []Identity{{"driving_licence", "1"}, {Passport, "  "}, {Passport, strings.Repeat("A", 65)}, {Passport, "E123\x07"}, {ResidentID, "E12345678"}}
	for _, id := range bad {
		if err := id.Validate(); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("%+v accepted: %v", id, err)
		}
	}
}

func TestIDKey(t *testing.T) {
	same := []string{"11010519491231002X", "11010519491231002x", " 11010519491231002X\n", "１１０１０５１９４９１２３１００２ｘ", "110105 19491231 002X", "\ufeff11010519491231002X\u200b"}
	for _, s := range same {
		if got := IDKey(s); got != "11010519491231002X" {
			t.Errorf("IDKey(%q) = %q", s, got)
		}
	}
	if IDKey("e12345678") != (Identity{Passport, "E12345678"}).Key() {
		t.Error("passport key not case-insensitive")
	}
	// Recognised by document, not by name.
	a := Applicant{Kind: NaturalPerson, Name: "张三", ID: Identity{ResidentID, "11010519491231002X"}, Phone: "1"}
	b := Applicant{Kind: NaturalPerson, Name: "张 三（化名）", ID: Identity{ResidentID, "11010519491231002x"}, Email: "x@example.cn"}
	c := Applicant{Kind: NaturalPerson, Name: "张三", ID: Identity{ResidentID, "440524188001010014"}, Phone: "1"}
	if a.Key() != b.Key() || a.Key() == c.Key() {
		t.Errorf("keys %q %q %q", a.Key(), b.Key(), c.Key())
	}
}

func TestMasking(t *testing.T) {
	ids := map[string]string{
		"110101199003071233":  "110101********1233",
		"11010519491231002X":  "110105********002X",
		"110105491231002":     "110105******002",
		"E12345678":           "E1*****78",
		"H1234567801":         "H1*******01",
		"1234":                "****",
		"":                    "",
		" 110101199003071233": "110101********1233",
	}
	for in, want := range ids {
		if got := MaskID(in); got != want {
			t.Errorf("MaskID(%q) = %q, want %q", in, got, want)
		}
	}
	names := map[string]string{"张三": "张*", "欧阳小明": "欧***", "王": "*", "John Smith": "J*** *****", "阿卜杜·热合曼": "阿**·***", "": ""}
	for in, want := range names {
		if got := MaskName(in); got != want {
			t.Errorf("MaskName(%q) = %q, want %q", in, got, want)
		}
	}
	phones := map[string]string{"13812345678": "138****5678", "010-12345678": "010-****5678", "+86 138 1234 5678": "+86 1** **** 5678", "12345": "***45", "": ""}
	for in, want := range phones {
		if got := MaskPhone(in); got != want {
			t.Errorf("MaskPhone(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestApplicantValidate(t *testing.T) {
	good := Applicant{Kind: NaturalPerson, Name: "张三", ID: Identity{ResidentID, "11010519491231002X"}, Phone: "13812345678"}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	org := Applicant{Kind: LegalService, Name: "某律师事务所", ID: Identity{CreditCodeDoc, "31110000MA01234567"}, Address: "北京市"}
	if err := org.Validate(); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		mut   func(*Applicant)
		field string
	}{
		{func(a *Applicant) { a.Kind = "" }, "kind"},
		{func(a *Applicant) { a.Name = " " }, "name"},
		{func(a *Applicant) { a.ID = Identity{CreditCodeDoc, "91350100M000100Y43"} }, "id_kind"},
		{func(a *Applicant) { a.ID.Number = "11010519491231002Y" }, "id_number"},
		{func(a *Applicant) { a.Phone = "" }, "contact"},
	}
	for i, tc := range cases {
		a := good
		tc.mut(&a)
		if err := a.Validate(); apperr.From(err).Field != tc.field {
			t.Errorf("case %d: %v, want field %s", i, err, tc.field)
		}
	}
}

// FuzzIdentity: validation, keys and masks never panic; a masked ID keeps
// its length and never shows the middle characters (for a resident ID, the
// date of birth).
func FuzzIdentity(f *testing.F) {
	for _, s := range []string{"11010519491231002X", "110101199003071233", "E12345678", "", "１１０１０５１９４９１２３１００２Ｘ", "\xff\xfe", "💥💥💥💥💥💥💥💥💥💥💥💥💥💥💥💥💥💥", "110105491231002", " 12 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		valid := ValidateResidentID(s) == nil
		key := IDKey(s)
		if IDKey(key) != key {
			t.Fatalf("IDKey not idempotent on %q", s)
		}
		_ = (Identity{Passport, s}).Validate()
		m := MaskID(s)
		r := []rune(strings.TrimSpace(s))
		mr := []rune(m)
		if len(mr) != len(r) {
			t.Fatalf("MaskID(%q) = %q changes the length", s, m)
		}
		if len(r) == 18 {
			if string(mr[6:14]) != "********" {
				t.Fatalf("MaskID(%q) = %q shows the middle", s, m)
			}
		}
		if len(r) > 0 && !strings.Contains(m, "*") {
			t.Fatalf("MaskID(%q) = %q masks nothing", s, m)
		}
		if valid {
			k := IDKey(s)
			if mk := MaskID(k); strings.Contains(mk, k[6:14]) || mk[:6] != k[:6] || mk[14:] != k[14:] {
				t.Fatalf("MaskID(%q) = %q", k, mk)
			}
		}
		n := MaskName(s)
		if utf8.RuneCountInString(n) != len(r) {
			t.Fatalf("MaskName(%q) = %q changes the length", s, n)
		}
		p := MaskPhone(s)
		if utf8.RuneCountInString(p) != len(r) {
			t.Fatalf("MaskPhone(%q) = %q changes the length", s, p)
		}
	})
}

// Art. 29: the content of an application; what is missing goes into one correction notice.
func TestMissingItems(t *testing.T) {
	a := Applicant{Kind: NaturalPerson, Name: "张三", ID: Identity{ResidentID, "11010519491231002X"}, Phone: "1"}
	c := ApplicationContent{DocNumber: "国办函〔2020〕109号", Delivery: "电子邮件"}
	if m := MissingItems(a, c); m != nil {
		t.Errorf("complete application: %v", m)
	}
	m := MissingItems(Applicant{ID: Identity{ResidentID, "11010519491231002Y"}}, ApplicationContent{})
	want := []string{"申请人的姓名或者名称", "申请人的身份证明（居民身份证号码第18位应为数字或X）", "申请人的联系方式",
		"申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述", "申请公开的政府信息的形式要求，包括获取信息的方式、途径"}
	if strings.Join(m, "|") != strings.Join(want, "|") {
		t.Errorf("missing %v", m)
	}
	if m := MissingItems(Applicant{Name: "x", Phone: "1"}, c); len(m) != 1 || m[0] != "申请人的身份证明" {
		t.Errorf("no document: %v", m)
	}
	// The list is a valid correction notice.
	evs := []Event{received("2025-09-26")}
	if err := Validate(nil, DefaultPolicy(), evs, Event{Kind: EvCorrectionRequested, On: d("2025-09-29"), Items: m}); err != nil {
		t.Error(err)
	}
}
