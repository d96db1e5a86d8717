package disclosure

import (
	"strings"
	"time"
	"unicode/utf8"

	"gongkai/internal/apperr"
	"gongkai/internal/workday"
)

// Genre is the kind of a document (体裁/信息类别).
type Genre string

const (
	GenrePlan            Genre = "plan"                    // 规划
	GenrePolicy          Genre = "policy"                  // 政策文件
	GenreNormative       Genre = "normative"               // 行政规范性文件
	GenreRule            Genre = "rule"                    // 规章
	GenreNotice          Genre = "notice"                  // 通知公告
	GenreBudget          Genre = "budget"                  // 财政预决算
	GenreNegativeList    Genre = "negative_list"           // 市场准入负面清单
	GenreEnforcement     Genre = "enforcement"             // 执法决定
	GenreStatistics      Genre = "statistics"              // 统计信息
	GenrePersonnel       Genre = "personnel"               // 人事信息
	GenreEmergency       Genre = "emergency"               // 应急信息
	GenreInterpretation  Genre = "interpretation"          // 政策解读
	GenreAnnualReport    Genre = "annual_report"           // 政府信息公开年报
	GenreLaw             Genre = "law"                     // 法律 (and the Constitution)
	GenreRegulation      Genre = "regulation"              // 行政法规
	GenreLocalRegulation Genre = "local_regulation"        // 地方性法规
	GenreJudicial        Genre = "judicial_interpretation" // 司法解释
	GenreOther           Genre = "other"                   // 其他
)

// Genres lists every genre in display order.
var Genres = []Genre{GenrePlan, GenrePolicy, GenreNormative, GenreRule, GenreNotice, GenreBudget, GenreNegativeList,
	GenreEnforcement, GenreStatistics, GenrePersonnel, GenreEmergency, GenreInterpretation, GenreAnnualReport,
	GenreLaw, GenreRegulation, GenreLocalRegulation, GenreJudicial, GenreOther}

var genreLabels = map[Genre]string{
	GenrePlan: "规划", GenrePolicy: "政策文件", GenreNormative: "行政规范性文件", GenreRule: "规章", GenreNotice: "通知公告",
	GenreBudget: "财政预决算", GenreNegativeList: "市场准入负面清单", GenreEnforcement: "执法决定", GenreStatistics: "统计信息",
	GenrePersonnel: "人事信息", GenreEmergency: "应急信息", GenreInterpretation: "政策解读", GenreAnnualReport: "政府信息公开年报",
	GenreLaw: "法律", GenreRegulation: "行政法规", GenreLocalRegulation: "地方性法规", GenreJudicial: "司法解释", GenreOther: "其他",
}

// Label is the genre's Chinese name.
func (g Genre) Label() string { return genreLabels[g] }

// Valid reports whether g is known.
func (g Genre) Valid() bool { _, ok := genreLabels[g]; return ok }

// PlanKind is the kind of a plan (规划).
type PlanKind string

const (
	PlanFiveYear PlanKind = "five_year" // 国民经济和社会发展五年规划纲要
	PlanSpatial  PlanKind = "spatial"   // 国土空间规划
	PlanSpecial  PlanKind = "special"   // 专项规划
	PlanRegional PlanKind = "regional"  // 区域规划
)

// PlanKinds lists plan kinds.
var PlanKinds = []PlanKind{PlanFiveYear, PlanSpatial, PlanSpecial, PlanRegional}

// Label is the plan kind's Chinese name.
func (k PlanKind) Label() string {
	return map[PlanKind]string{PlanFiveYear: "五年规划纲要", PlanSpatial: "国土空间规划", PlanSpecial: "专项规划", PlanRegional: "区域规划"}[k]
}

// Topics are the top-level subject classes (主题分类) used by gov.cn; a topic may add a sub-class
// after a backslash, as in 综合政务\政务公开.
var Topics = []string{"国务院组织机构", "综合政务", "国民经济管理、国有资产监管", "财政、金融、审计", "国土资源、能源",
	"农业、林业、水利", "工业、交通", "商贸、海关、旅游", "市场监管、安全生产监管", "城乡建设、环境保护", "科技、教育",
	"文化、广电、新闻出版", "卫生、体育", "人口与计划生育、妇女儿童工作", "劳动、人事、监察", "公安、安全、司法",
	"民政、扶贫、救灾", "民族、宗教", "对外事务", "港澳台侨工作", "国防", "其他"}

// TopTopic is the top-level class of a topic.
func TopTopic(topic string) string {
	top, _, _ := strings.Cut(topic, `\`)
	return top
}

func validTopic(t string) bool {
	if t == "" {
		return true
	}
	top := TopTopic(t)
	for _, x := range Topics {
		if x == top {
			return utf8.RuneCountInString(t) <= 60
		}
	}
	return false
}

// RelationKind is how one document relates to another.
type RelationKind string

const (
	RelInterprets RelationKind = "interprets" // 解读
	RelAmends     RelationKind = "amends"     // 修改
	RelRepeals    RelationKind = "repeals"    // 废止
	RelReplaces   RelationKind = "replaces"   // 替代
)

// Label is the Chinese name of the relation, read from the source document.
func (k RelationKind) Label() string {
	return map[RelationKind]string{RelInterprets: "解读", RelAmends: "修改", RelRepeals: "废止", RelReplaces: "替代"}[k]
}

// InverseLabel names the relation read from the target document.
func (k RelationKind) InverseLabel() string {
	return map[RelationKind]string{RelInterprets: "相关解读", RelAmends: "被修改", RelRepeals: "被废止", RelReplaces: "被替代"}[k]
}

// Valid reports whether k is known.
func (k RelationKind) Valid() bool {
	return k == RelInterprets || k == RelAmends || k == RelRepeals || k == RelReplaces
}

// Fields are the editable metadata and content of one version of a document.
type Fields struct {
	Title       string       `json:"title"`
	DocNumber   string       `json:"doc_number"`
	Issuers     []string     `json:"issuers"` // names of co-issuing organisations, besides the owner
	WrittenOn   workday.Date `json:"written_on"`
	MadeOn      workday.Date `json:"made_on"` // the day the information was formed or changed (Art. 26)
	Topic       string       `json:"topic"`
	Genre       Genre        `json:"genre"`
	PlanKind    PlanKind     `json:"plan_kind,omitempty"`
	PlanPeriod  string       `json:"plan_period,omitempty"` // e.g. 2021-2025
	Mode        Mode         `json:"mode"`
	ModeReason  string       `json:"mode_reason,omitempty"`
	Validity    Validity     `json:"validity"`
	EffectiveOn workday.Date `json:"effective_on"`
	ExpiresOn   workday.Date `json:"expires_on"`
	Summary     string       `json:"summary"`
	BodyHTML    string       `json:"body_html"`
	ColumnSlug  string       `json:"column,omitempty"`
	PublishAt   time.Time    `json:"publish_at,omitempty"` // scheduled publication
	ChangeNote  string       `json:"change_note,omitempty"`
}

// Version is one stored version of a document.
type Version struct {
	DocumentID int64  `json:"document_id"`
	Version    int    `json:"version"`
	Status     Status `json:"status"`
	Fields
	PublishedAt   time.Time `json:"published_at,omitempty"`
	ReviewComment string    `json:"review_comment,omitempty"`
	CreatedBy     int64     `json:"created_by,omitempty"`
	ReviewedBy    int64     `json:"reviewed_by,omitempty"`
	LockVersion   int       `json:"lock_version"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
}

// Document is a piece of government information: a stable identity (id, index number) and the
// mirror of its published version, plus pointers to its versions.
type Document struct {
	ID               int64        `json:"id"`
	OrgID            int64        `json:"org_id"`
	IndexNumber      string       `json:"index_number"`
	ColumnID         int64        `json:"column_id,omitempty"`
	LatestVersion    int          `json:"latest_version"`
	PublishedVersion int          `json:"published_version"`
	State            Status       `json:"state"` // published, withdrawn, or the workflow status before first publication
	Title            string       `json:"title"`
	DocNumber        string       `json:"doc_number,omitempty"`
	Genre            Genre        `json:"genre"`
	Topic            string       `json:"topic,omitempty"`
	WrittenOn        workday.Date `json:"written_on"`
	PublishedAt      time.Time    `json:"published_at,omitempty"`
	Validity         Validity     `json:"validity"`
	EffectiveOn      workday.Date `json:"effective_on"`
	ExpiresOn        workday.Date `json:"expires_on"`
	Mode             Mode         `json:"mode"`
	MadeOn           workday.Date `json:"made_on"`
	WithdrawnAt      time.Time    `json:"withdrawn_at,omitempty"`
	WithdrawnReason  string       `json:"withdrawn_reason,omitempty"`
	CreatedAt        time.Time    `json:"created_at"`
	UpdatedAt        time.Time    `json:"updated_at"`
}

// IsPublic reports whether the public may see the document: published (withdrawn documents keep
// a page that says so, but leave lists, feeds and search).
func (d Document) IsPublic() bool { return d.State == StatusPublished }

// CurrentValidity is the validity shown today: a document past its expiry date is expired by itself.
func (d Document) CurrentValidity(today workday.Date) Validity {
	return EffectiveValidity(d.Validity, DateTime(d.EffectiveOn), DateTime(d.ExpiresOn), today.Time())
}

// DateTime is the date as a time, or the zero time for an unset date.
func DateTime(d workday.Date) time.Time {
	if d.IsZero() {
		return time.Time{}
	}
	return d.Time()
}

// Attachment is a file attached to a version of a document; its bytes are stored by SHA-256.
type Attachment struct {
	ID          int64  `json:"id"`
	DocumentID  int64  `json:"document_id"`
	Version     int    `json:"version"`
	Name        string `json:"name"`
	SHA256      string `json:"sha256"`
	Size        int64  `json:"size"`
	ContentType string `json:"content_type"`
}

// Relation links two documents.
type Relation struct {
	FromID int64        `json:"from_id"`
	Kind   RelationKind `json:"kind"`
	ToID   int64        `json:"to_id"`
	// Title and IndexNumber describe the other side, for display.
	OtherID    int64  `json:"other_id"`
	OtherTitle string `json:"other_title"`
	Inverse    bool   `json:"inverse"`
}

// Label names the relation as seen from the document being shown.
func (r Relation) Label() string {
	if r.Inverse {
		return r.Kind.InverseLabel()
	}
	return r.Kind.Label()
}

// ParsedDocNumber parses the 文号 if there is one.
func (f Fields) ParsedDocNumber() (DocNumber, bool) {
	if strings.TrimSpace(f.DocNumber) == "" {
		return DocNumber{}, false
	}
	d, err := ParseDocNumber(f.DocNumber)
	return d, err == nil
}

// Validate checks the fields of a version and normalises them in place.
func (f *Fields) Validate() error {
	f.Title = strings.TrimSpace(f.Title)
	if n := utf8.RuneCountInString(f.Title); n == 0 || n > 200 {
		return apperr.New(apperr.Invalid, "标题不能为空，且不超过200字").OnField("title")
	}
	f.DocNumber = strings.TrimSpace(f.DocNumber)
	if f.DocNumber != "" {
		dn, err := ParseDocNumber(f.DocNumber)
		if err != nil {
			return apperr.Wrap(apperr.Invalid, err.Error(), err).OnField("doc_number")
		}
		f.DocNumber = dn.String()
	}
	if !f.Genre.Valid() {
		return apperr.Newf(apperr.Invalid, "未知的信息类别：%q", f.Genre).OnField("genre")
	}
	if f.Genre == GenrePlan {
		if f.PlanKind == "" || f.PlanKind.Label() == "" {
			return apperr.New(apperr.Invalid, "规划须选择规划类型（五年规划纲要、国土空间规划、专项规划或区域规划）").OnField("plan_kind")
		}
		if !validPeriod(f.PlanPeriod) {
			return apperr.New(apperr.Invalid, "规划期限格式应为“2021-2025”").OnField("plan_period")
		}
	} else {
		f.PlanKind, f.PlanPeriod = "", ""
	}
	if !validTopic(f.Topic) {
		return apperr.Newf(apperr.Invalid, "主题分类不在分类表中：%q", f.Topic).OnField("topic")
	}
	if f.Mode == "" {
		f.Mode = ModeProactive
	}
	if err := ValidateMode(f.Mode, f.ModeReason); err != nil {
		return apperr.Wrap(apperr.Invalid, err.Error(), err).OnField("mode")
	}
	if f.Validity == "" {
		f.Validity = ValidityInForce
	}
	if f.Validity.Label() == "" {
		return apperr.Newf(apperr.Invalid, "未知的有效性：%q", f.Validity).OnField("validity")
	}
	if !f.EffectiveOn.IsZero() && !f.ExpiresOn.IsZero() && !f.EffectiveOn.Before(f.ExpiresOn) {
		return apperr.New(apperr.Invalid, "失效日期须晚于施行日期").OnField("expires_on")
	}
	if !f.WrittenOn.IsZero() && (f.WrittenOn.Year < 1949 || f.WrittenOn.Year > 2100) {
		return apperr.New(apperr.Invalid, "成文日期不合理").OnField("written_on")
	}
	if f.MadeOn.IsZero() {
		f.MadeOn = f.WrittenOn
	}
	if utf8.RuneCountInString(f.Summary) > 500 {
		return apperr.New(apperr.Invalid, "内容概述不超过500字").OnField("summary")
	}
	if len(f.BodyHTML) > 4<<20 {
		return apperr.New(apperr.TooLarge, "正文过长（不超过4 MB）").OnField("body")
	}
	if len(f.Issuers) > 20 {
		return apperr.New(apperr.Invalid, "联合发文机关不超过20个").OnField("issuers")
	}
	return nil
}

func validPeriod(p string) bool {
	a, b, ok := strings.Cut(p, "-")
	if !ok || len(a) != 4 || len(b) != 4 {
		return false
	}
	for _, r := range a + b {
		if r < '0' || r > '9' {
			return false
		}
	}
	return a <= b
}
