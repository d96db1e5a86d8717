package request

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"gongkai/internal/apperr"
	"gongkai/internal/workday"
)

// ApplicantKind is the applicant column of the annual report's table 三
// (LEGAL.md §3.3): 自然人, or one of the five kinds of 法人或其他组织.
type ApplicantKind string

const (
	NaturalPerson  ApplicantKind = "natural_person"  // 自然人
	Company        ApplicantKind = "company"         // 商业企业
	Research       ApplicantKind = "research"        // 科研机构
	PublicInterest ApplicantKind = "public_interest" // 社会公益组织
	LegalService   ApplicantKind = "legal_service"   // 法律服务机构
	OtherOrg       ApplicantKind = "other"           // 其他
)

var applicantKinds = []struct {
	kind  ApplicantKind
	label string
}{
	{NaturalPerson, "自然人"},
	{Company, "商业企业"},
	{Research, "科研机构"},
	{PublicInterest, "社会公益组织"},
	{LegalService, "法律服务机构"},
	{OtherOrg, "其他"},
}

// ApplicantKinds returns the kinds in the order of the report's columns 1–6.
func ApplicantKinds() []ApplicantKind {
	out := make([]ApplicantKind, len(applicantKinds))
	for i, k := range applicantKinds {
		out[i] = k.kind
	}
	return out
}

// Label is the column heading in the annual report, e.g. "商业企业".
func (k ApplicantKind) Label() string {
	for _, x := range applicantKinds {
		if x.kind == k {
			return x.label
		}
	}
	return ""
}

// Column is the 1-based numeric column of table 三 (1 自然人 … 6 其他; 7 is 总计).
// It returns 0 for an unknown kind.
func (k ApplicantKind) Column() int {
	for i, x := range applicantKinds {
		if x.kind == k {
			return i + 1
		}
	}
	return 0
}

// Group is the report's column group: "自然人" or "法人或其他组织".
func (k ApplicantKind) Group() string {
	switch {
	case k == NaturalPerson:
		return "自然人"
	case k.Valid():
		return "法人或其他组织"
	}
	return ""
}

// Valid reports whether k is one of the six kinds.
func (k ApplicantKind) Valid() bool { return k.Column() != 0 }

// Channel is how the application reached the organ (Art. 29: in writing,
// including letters and 数据电文; orally if writing is genuinely difficult).
// Each channel has its own Art. 31 rule for the date of receipt.
type Channel string

const (
	// InPerson: handed in at the office. Art. 31(1): "以提交之日为收到申请之日".
	InPerson Channel = "in_person"
	// Oral: Art. 29 — the applicant applies orally and the office fills in
	// the form; treated like InPerson (the day the form is filled in).
	Oral Channel = "oral"
	// RegisteredPost: post that the organ signs for. Art. 31(2): "以行政机关签收之日为收到申请之日".
	RegisteredPost Channel = "registered_post"
	// OrdinaryLetter: post needing no signature. Art. 31(2): the office
	// "应当于收到申请的当日与申请人确认，确认之日为收到申请之日".
	OrdinaryLetter Channel = "ordinary_letter"
	// Online: the internet channel. Art. 31(3): "以双方确认之日为收到申请之日".
	Online Channel = "online"
	// Fax: the disclosure office's fax. Art. 31(3), as Online.
	Fax Channel = "fax"
	// Email: treated as 数据电文 through an internet channel, as Online.
	Email Channel = "email"
)

// Label is the channel's Chinese name.
func (c Channel) Label() string {
	switch c {
	case InPerson:
		return "当面提交"
	case Oral:
		return "口头提出"
	case RegisteredPost:
		return "邮寄（需签收）"
	case OrdinaryLetter:
		return "平常信函"
	case Online:
		return "互联网"
	case Fax:
		return "传真"
	case Email:
		return "电子邮件"
	}
	return ""
}

// ReceiptFacts are the dates recorded at intake; which one counts depends on
// the channel (ReceiptDate).
type ReceiptFacts struct {
	HandedIn  workday.Date // InPerson, Oral: the day it was handed in / the form filled in
	SignedFor workday.Date // RegisteredPost: the day the organ signed for it
	Arrived   workday.Date // OrdinaryLetter (optional): the day the letter arrived
	Confirmed workday.Date // OrdinaryLetter: confirmed with the applicant; Online, Fax, Email: both sides confirmed
}

// ReceiptDate returns the date of receipt under Art. 31 — the date the
// reply period runs from:
//
//	第三十一条 行政机关收到政府信息公开申请的时间，按照下列规定确定：
//	(一)申请人当面提交政府信息公开申请的，以提交之日为收到申请之日；
//	(二)申请人以邮寄方式提交政府信息公开申请的，以行政机关签收之日为收到申请之日；
//	以平常信函等无需签收的邮寄方式提交政府信息公开申请的，政府信息公开工作机构应当于
//	收到申请的当日与申请人确认，确认之日为收到申请之日；
//	(三)申请人通过互联网渠道或者政府信息公开工作机构的传真提交政府信息公开申请的，
//	以双方确认之日为收到申请之日。
//
// For an ordinary letter the confirmation date is returned as the law says;
// if Arrived is given, a confirmation before arrival is an error (a
// confirmation after it is allowed, but the office has missed its duty to
// confirm on the day of arrival, which staff should see in the record).
func ReceiptDate(ch Channel, f ReceiptFacts) (workday.Date, error) {
	need := func(d workday.Date, what string) (workday.Date, error) {
		if d.IsZero() {
			return workday.Date{}, apperr.Newf(apperr.Invalid, "通过“%s”提交的申请，须登记%s（条例第三十一条）", ch.Label(), what).OnField("receipt")
		}
		if !d.Valid() {
			return workday.Date{}, apperr.Newf(apperr.Invalid, "%s不是有效日期", what).OnField("receipt")
		}
		return d, nil
	}
	switch ch {
	case InPerson, Oral:
		return need(f.HandedIn, "提交日期")
	case RegisteredPost:
		return need(f.SignedFor, "签收日期")
	case OrdinaryLetter:
		d, err := need(f.Confirmed, "与申请人确认的日期")
		if err != nil {
			return d, err
		}
		if !f.Arrived.IsZero() && d.Before(f.Arrived) {
			return workday.Date{}, apperr.Newf(apperr.Invalid, "确认日期%s早于信函到达日期%s", d, f.Arrived).OnField("receipt")
		}
		return d, nil
	case Online, Fax, Email:
		return need(f.Confirmed, "双方确认的日期")
	}
	return workday.Date{}, apperr.Newf(apperr.Invalid, "未知的申请渠道“%s”", ch).OnField("channel")
}

// IDKind is the kind of identity document (Art. 29(1) 身份证明).
type IDKind string

const (
	ResidentID    IDKind = "resident_id"     // 居民身份证 (GB 11643, validated)
	Passport      IDKind = "passport"        // 护照
	HKMacaoPermit IDKind = "hk_macao_permit" // 港澳居民来往内地通行证 / 居住证
	TaiwanPermit  IDKind = "taiwan_permit"   // 台湾居民来往大陆通行证 / 居住证
	ForeignerPR   IDKind = "foreigner_pr"    // 外国人永久居留身份证
	CreditCodeDoc IDKind = "credit_code"     // 统一社会信用代码 (organisations)
	OtherDocument IDKind = "other"           // any other document, described in the record
)

// maxIDNumberLen bounds the number of any document but the resident ID.
const maxIDNumberLen = 64

// Label is the document kind's Chinese name.
func (k IDKind) Label() string {
	switch k {
	case ResidentID:
		return "居民身份证"
	case Passport:
		return "护照"
	case HKMacaoPermit:
		return "港澳居民证件"
	case TaiwanPermit:
		return "台湾居民证件"
	case ForeignerPR:
		return "外国人永久居留身份证"
	case CreditCodeDoc:
		return "统一社会信用代码"
	case OtherDocument:
		return "其他证件"
	}
	return ""
}

// Identity is an identity document.
type Identity struct {
	Kind   IDKind
	Number string
}

// Validate checks the document: a 居民身份证 number must pass ValidateResidentID;
// other documents are accepted if the number is 1–64 printable characters
// (their formats vary too much to check; the organ checks the document itself).
// A 统一社会信用代码 is checked in full by package org, which this domain
// package does not import.
func (id Identity) Validate() error {
	if id.Kind.Label() == "" {
		return apperr.Newf(apperr.Invalid, "未知的证件类型“%s”", id.Kind).OnField("id_kind")
	}
	if id.Kind == ResidentID {
		return ValidateResidentID(id.Number)
	}
	n := IDKey(id.Number)
	if n == "" {
		return apperr.New(apperr.Invalid, "请填写证件号码").OnField("id_number")
	}
	if utf8.RuneCountInString(n) > maxIDNumberLen {
		return apperr.Newf(apperr.Invalid, "证件号码过长（最多%d个字符）", maxIDNumberLen).OnField("id_number")
	}
	for _, r := range n {
		if !unicode.IsPrint(r) {
			return apperr.New(apperr.Invalid, "证件号码含有不可见字符").OnField("id_number")
		}
	}
	return nil
}

// Key is the normalised key of the document's number (IDKey).
func (id Identity) Key() string { return IDKey(id.Number) }

// IDKey returns the normalised form of an identity-document number, used to
// recognise the same applicant across applications (by document, never by
// name; the store keeps an HMAC of it, not the number). It drops white space
// and zero-width characters anywhere, turns full-width letters and digits
// into ASCII and upper-cases letters, so "11010119900307123x" and
// "１１０１０１１９９００３０７１２３Ｘ " give the same key. It does not validate.
func IDKey(idNumber string) string {
	var b strings.Builder
	for _, r := range idNumber {
		if unicode.IsSpace(r) || isZeroWidth(r) {
			continue
		}
		if r >= 0xFF01 && r <= 0xFF5E { // full-width ASCII block
			r -= 0xFEE0
		}
		if r >= 'a' && r <= 'z' {
			r -= 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isZeroWidth(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return true
	}
	return false
}

// residentIDWeights are the GB 11643-1999 weights 2^(17-i) mod 11 for the
// first 17 characters; the check character is checkChars[sum mod 11]
// (ISO 7064 MOD 11-2).
var residentIDWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const residentIDCheckChars = "10X98765432"

// ResidentIDCheckChar returns the GB 11643 check character for the first 17
// digits of a resident ID number, or 0 if first17 is not 17 ASCII digits.
func ResidentIDCheckChar(first17 string) byte {
	if len(first17) != 17 {
		return 0
	}
	sum := 0
	for i := 0; i < 17; i++ {
		c := first17[i]
		if c < '0' || c > '9' {
			return 0
		}
		sum += int(c-'0') * residentIDWeights[i]
	}
	return residentIDCheckChars[sum%11]
}

// ValidateResidentID checks an 18-character 居民身份证 number (GB 11643-1999):
// 6-digit address code, 8-digit date of birth (a real date, year 1800 or
// later), 3-digit sequence number and the check character (digit or X). The
// number is normalised with IDKey first, so lower-case x and full-width
// digits are accepted.
func ValidateResidentID(number string) error {
	n := IDKey(number)
	bad := func(msg string) error { return apperr.New(apperr.Invalid, msg).OnField("id_number") }
	if n == "" {
		return bad("请填写居民身份证号码")
	}
	if len(n) != 18 || utf8.RuneCountInString(n) != 18 {
		return bad("居民身份证号码应为18位")
	}
	for i := 0; i < 17; i++ {
		if n[i] < '0' || n[i] > '9' {
			return bad("居民身份证号码前17位应为数字")
		}
	}
	if c := n[17]; (c < '0' || c > '9') && c != 'X' {
		return bad("居民身份证号码第18位应为数字或X")
	}
	birth := n[6:10] + "-" + n[10:12] + "-" + n[12:14]
	d, err := workday.ParseDate(birth)
	if err != nil || d.Year < 1800 {
		return bad("居民身份证号码中的出生日期无效")
	}
	if want := ResidentIDCheckChar(n[:17]); n[17] != want {
		return bad("居民身份证号码校验位错误，请核对号码")
	}
	return nil
}

// MaskID masks an identity-document number for display. An 18-character
// number keeps its first 6 and last 4 characters (110101********1234), so
// the date of birth is never shown; a 15-character (old) ID keeps 6 and 3.
// Other lengths keep at most a quarter at each end (at most 3 in front and
// 4 at the back); numbers of 4 characters or fewer are masked entirely.
// The result has as many characters as the trimmed input.
func MaskID(id string) string {
	r := []rune(strings.TrimSpace(id))
	n := len(r)
	var head, tail int
	switch {
	case n == 18:
		head, tail = 6, 4
	case n == 15:
		head, tail = 6, 3
	case n <= 4:
		head, tail = 0, 0
	default:
		head, tail = min(3, n/4), min(4, n/4)
	}
	return maskRunes(r, head, tail)
}

func maskRunes(r []rune, head, tail int) string {
	var b strings.Builder
	for i, c := range r {
		if i < head || i >= len(r)-tail {
			b.WriteRune(c)
		} else {
			b.WriteByte('*')
		}
	}
	return b.String()
}

// MaskName masks a person's name for display: the first character (the
// surname, or the first letter) stays, every other letter becomes "*";
// spaces and the middle dot of transcribed names (·) are kept. "张三" → "张*",
// "欧阳小明" → "欧***", "John Smith" → "J*** *****". A one-character name is
// shown as "*". Organisation names are public and need no masking.
func MaskName(name string) string {
	r := []rune(strings.TrimSpace(name))
	if len(r) == 1 {
		return "*"
	}
	var b strings.Builder
	for i, c := range r {
		switch {
		case i == 0:
			b.WriteRune(c)
		case c == ' ' || c == '·' || c == '•' || c == '.':
			b.WriteRune(c)
		default:
			b.WriteByte('*')
		}
	}
	return b.String()
}

// MaskPhone masks a phone number for display: of its digits, the first 3
// and the last 4 stay and the rest become "*" (13812345678 → 138****5678,
// 010-12345678 → 010-****5678); other characters (+, -, spaces,
// parentheses) are kept. Numbers with fewer than 8 digits keep only their
// last 2 digits.
func MaskPhone(phone string) string {
	r := []rune(strings.TrimSpace(phone))
	digits := 0
	for _, c := range r {
		if c >= '0' && c <= '9' {
			digits++
		}
	}
	head, tail := 3, 4
	if digits < 8 {
		head, tail = 0, 2
	}
	var b strings.Builder
	k := 0 // index among digits
	for _, c := range r {
		if c < '0' || c > '9' {
			b.WriteRune(c)
			continue
		}
		if k < head || k >= digits-tail {
			b.WriteRune(c)
		} else {
			b.WriteByte('*')
		}
		k++
	}
	return b.String()
}

// Applicant is the applicant as Art. 29(1) requires: "申请人的姓名或者名称、
// 身份证明、联系方式".
type Applicant struct {
	Kind    ApplicantKind
	Name    string // a person's name or an organisation's name
	ID      Identity
	Phone   string
	Email   string
	Address string
}

// Validate checks the Art. 29(1) content: a kind, a name, a valid identity
// document and at least one way to contact the applicant. A natural person
// cannot identify with a 统一社会信用代码.
func (a Applicant) Validate() error {
	if !a.Kind.Valid() {
		return apperr.Newf(apperr.Invalid, "请选择申请人类型（自然人、商业企业、科研机构、社会公益组织、法律服务机构或其他）").OnField("kind")
	}
	if strings.TrimSpace(a.Name) == "" {
		return apperr.New(apperr.Invalid, "请填写申请人的姓名或者名称（条例第二十九条）").OnField("name")
	}
	if a.Kind == NaturalPerson && a.ID.Kind == CreditCodeDoc {
		return apperr.New(apperr.Invalid, "自然人申请人应提供个人身份证件，不能使用统一社会信用代码").OnField("id_kind")
	}
	if err := a.ID.Validate(); err != nil {
		return err
	}
	if strings.TrimSpace(a.Phone) == "" && strings.TrimSpace(a.Email) == "" && strings.TrimSpace(a.Address) == "" {
		return apperr.New(apperr.Invalid, "请至少填写一种联系方式（电话、电子邮箱或通信地址）（条例第二十九条）").OnField("contact")
	}
	return nil
}

// Key is the key that recognises the applicant across applications: the
// normalised identity-document number (IDKey), never the name.
func (a Applicant) Key() string { return a.ID.Key() }

// ApplicationContent is what Art. 29(2)–(3) asks the application to state:
// "(二)申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述；
// (三)申请公开的政府信息的形式要求，包括获取信息的方式、途径。"
type ApplicationContent struct {
	InfoName    string // 名称
	DocNumber   string // 文号
	Description string // 其他特征性描述
	Form        string // 形式要求 (paper, electronic…)
	Delivery    string // 获取信息的方式、途径 (post, e-mail, collect in person…)
}

// MissingItems lists every Art. 29 item the application lacks, for a
// correction notice, which must list everything at once (Art. 30
// "一次性告知"). Staff add what is unclear rather than missing. It returns
// nil when nothing is missing.
func MissingItems(a Applicant, c ApplicationContent) []string {
	blank := func(s string) bool { return strings.TrimSpace(s) == "" }
	var out []string
	if blank(a.Name) {
		out = append(out, "申请人的姓名或者名称")
	}
	if a.ID.Kind == "" && blank(a.ID.Number) {
		out = append(out, "申请人的身份证明")
	} else if err := a.ID.Validate(); err != nil {
		out = append(out, "申请人的身份证明（"+apperr.From(err).Message+"）")
	}
	if blank(a.Phone) && blank(a.Email) && blank(a.Address) {
		out = append(out, "申请人的联系方式")
	}
	if blank(c.InfoName) && blank(c.DocNumber) && blank(c.Description) {
		out = append(out, "申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述")
	}
	if blank(c.Form) && blank(c.Delivery) {
		out = append(out, "申请公开的政府信息的形式要求，包括获取信息的方式、途径")
	}
	return out
}
