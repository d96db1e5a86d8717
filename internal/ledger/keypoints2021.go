package ledger

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"gongkai/internal/org"
	"gongkai/internal/workday"
)

// Source2021 is the source document of the 2021 key points.
const Source2021 = "国务院办公厅关于印发2021年政务公开工作要点的通知（国办发〔2021〕12号）"

// KeyPoints2021Note must be shown wherever KeyPoints2021 is: the tasks are
// this platform's own summary of the key points for demonstration, not the
// official text.
const KeyPoints2021Note = "以下任务是本平台对《2021年政务公开工作要点》（国办发〔2021〕12号）的归纳摘要，用于演示工作台账，" +
	"不是官方原文；任务的表述、条款对应和完成时限以官方发布的文本及本地区分工方案为准。"

// OrgRef is what Assign needs to know of an organisation (from org.Org).
type OrgRef struct {
	ID    int64
	Path  string // materialised path, "/1/4/9/"
	Kind  org.Kind
	Level org.Level
}

// Scope says which organisations a template applies to.
type Scope struct {
	Name   string      // for people, e.g. "县级以上人民政府"
	Kinds  []org.Kind  // empty: governments and departments
	Levels []org.Level // empty: every local level, province to township
}

// Matches reports whether o is in the scope. The national level (which
// issues the key points) is never in a scope that does not name it.
func (s Scope) Matches(o OrgRef) bool {
	kinds := s.Kinds
	if len(kinds) == 0 {
		kinds = []org.Kind{org.KindGovernment, org.KindDepartment}
	}
	levels := s.Levels
	if len(levels) == 0 {
		levels = localLevels
	}
	return slices.Contains(kinds, o.Kind) && slices.Contains(levels, o.Level)
}

var (
	localLevels = []org.Level{org.LevelProvince, org.LevelCity, org.LevelCounty, org.LevelTownship}
	countyUp    = []org.Level{org.LevelProvince, org.LevelCity, org.LevelCounty}
	gov         = []org.Kind{org.KindGovernment}
)

// The scopes of the 2021 templates.
var (
	ScopeAll                 = Scope{Name: "各级人民政府及其部门"}
	ScopeGovernments         = Scope{Name: "各级人民政府（含乡镇、街道）", Kinds: gov}
	ScopeGovernmentsCountyUp = Scope{Name: "县级以上人民政府", Kinds: gov, Levels: countyUp}
	ScopeCountyUp            = Scope{Name: "县级以上人民政府及其部门", Levels: countyUp}
	ScopeDepartments         = Scope{Name: "县级以上政府部门", Kinds: []org.Kind{org.KindDepartment}, Levels: countyUp}
	ScopeProvince            = Scope{Name: "省级人民政府", Kinds: gov, Levels: []org.Level{org.LevelProvince}}
	ScopeProvinceCity        = Scope{Name: "省级和设区的市人民政府（有规章制定权）", Kinds: gov, Levels: []org.Level{org.LevelProvince, org.LevelCity}}
	ScopeCityCounty          = Scope{Name: "市、县级人民政府", Kinds: gov, Levels: []org.Level{org.LevelCity, org.LevelCounty}}
	ScopeGrassroots          = Scope{Name: "县级人民政府和乡镇（街道）", Kinds: gov, Levels: []org.Level{org.LevelCounty, org.LevelTownship}}
	ScopeGrassrootsAll       = Scope{Name: "县级人民政府及其部门、乡镇（街道）", Levels: []org.Level{org.LevelCounty, org.LevelTownship}}
	ScopeTownship            = Scope{Name: "乡镇人民政府和街道办事处", Kinds: gov, Levels: []org.Level{org.LevelTownship}}
	ScopeInstitutions        = Scope{Name: "公共企事业单位", Kinds: []org.Kind{org.KindInstitution}}
)

// TaskTemplate is a task of a key-points document before it is assigned to
// organisations.
type TaskTemplate struct {
	Key      string   // stable key, e.g. "2021-03-01"
	Year     int      // the ledger year
	Source   string   // the document
	Section  string   // the section's theme (our summary)
	Clause   string   // e.g. "三、（一）"
	Title    string   // short title
	Detail   string   // what the task asks (our summary)
	Deadline Deadline // resolved against Year
	Scope    Scope    // which organisations it applies to
}

// Task is the template as a task of owner, assigned by assignedBy (0: none),
// 未开始.
func (tt TaskTemplate) Task(owner, assignedBy int64) Task {
	return Task{
		Title: tt.Title, Detail: tt.Detail, Source: tt.Source, Clause: tt.Clause,
		OwnerOrgID: owner, AssignedBy: assignedBy,
		Year: tt.Year, Deadline: tt.Deadline, Status: StatusNotStarted,
	}
}

// KeyPoints2021 is the 2021 key points (国办发〔2021〕12号, issued 2021-04-09)
// broken into ledger tasks: OUR SUMMARY, not the official text (see
// KeyPoints2021Note). The five sections follow the document's themes — the
// 十四五 start (plans, market rules, budgets and debt, subsidies, the epidemic),
// policy interpretation and response to concerns, the authority of the texts
// of regulations, the platforms, and the groundwork (grassroots catalogues,
// applications, annual reports, the ledger itself); clause numbers within
// sections are our reconstruction. Most deadlines are 年底前. Two are the
// fixed date 2021-12-31: the current 规章 collected in the portal's 政府信息公开
// 专栏 (国办公开办函〔2021〕33号 cites this requirement of 国办发〔2021〕12号) and
// the plans collected on the portal by the end of December (as a provincial
// 2021 要点 words it). The 30 June dates of the 分工方案 and of setting up the
// ledger are the demonstration province's own.
func KeyPoints2021() []TaskTemplate {
	t := func(key, clause, title, detail string, d Deadline, s Scope) TaskTemplate {
		return TaskTemplate{Key: "2021-" + key, Year: 2021, Source: Source2021, Section: sections2021[clause[:len("一、")]],
			Clause: clause, Title: title, Detail: detail, Deadline: d, Scope: s}
	}
	dec31 := On(workday.Date{Year: 2021, Month: time.December, Day: 31})
	jun30 := On(workday.Date{Year: 2021, Month: time.June, Day: 30})
	return []TaskTemplate{
		// 一、“十四五”开局：规划、市场规则、财政、疫情
		t("01-01", "一、（一）", "在政府门户网站集中公开各类规划",
			"在政府门户网站归集整理本级及所属部门主动公开的“十四五”规划纲要和各类专项规划，分类展示，标注规划期限和有效性。",
			dec31, ScopeGovernmentsCountyUp),
		t("01-02", "一、（一）", "公开本部门牵头编制的专项规划及解读",
			"本部门牵头编制的“十四五”专项规划依法主动公开，同步发布解读材料，并报送本级政府门户网站归集。",
			YearEnd(), ScopeDepartments),
		t("01-03", "一、（二）", "公开市场规则和标准",
			"公开市场准入、公平竞争审查、行政许可和涉企收费等市场规则和标准，规则调整后及时更新。",
			YearEnd(), ScopeDepartments),
		t("01-04", "一、（二）", "公开监管执法信息",
			"公开行政执法主体、依据、程序和结果，及时公开“双随机、一公开”抽查事项和抽查结果。",
			YearEnd(), ScopeDepartments),
		t("01-05", "一、（三）", "公开预算决算",
			"按规定公开本级预算、决算和“三公”经费，部门预决算在批复后按时公开，说明到位。",
			YearEnd(), ScopeCountyUp),
		t("01-06", "一、（三）", "公开地方政府债务信息",
			"公开地方政府债务限额、余额、发行、使用和偿还等信息，专项债券项目信息按规定公开。",
			YearEnd(), ScopeGovernmentsCountyUp),
		t("01-07", "一、（三）", "公开惠企利民政策和补贴资金发放情况",
			"公开直达资金和惠民惠农财政补贴资金的政策、发放对象和金额，公开至村（社区）一级，隐去个人敏感信息。",
			YearEnd(), ScopeGrassroots),
		t("01-08", "一、（四）", "做好常态化疫情防控信息公开",
			"及时准确发布本地疫情防控、疫苗接种和防控政策信息，防止信息发布不及时、不一致。",
			YearEnd(), ScopeGovernments),

		// 二、政策发布解读和回应关切
		t("02-01", "二、（一）", "政策文件与解读材料同步发布",
			"政策文件与解读材料同步组织、同步审签、同步部署，解读注重说明政策背景、主要内容和适用对象。",
			YearEnd(), ScopeCountyUp),
		t("02-02", "二、（二）", "在政府门户网站集中解答政策问题",
			"在政府门户网站设立统一的政策问答栏目，集中受理并解答公众提出的政策疑问，答复后公开常见问题。",
			YearEnd(), ScopeGovernmentsCountyUp),
		t("02-03", "二、（三）", "及时回应社会关切",
			"对涉及群众切身利益、引发社会关注的事项及时回应，公开回应情况，做好跟踪解释。",
			YearEnd(), ScopeCountyUp),
		t("02-04", "二、（四）", "公开承诺事项并跟踪兑现",
			"公开在回应关切和政策发布中对社会作出的承诺事项，跟踪落实并公开兑现情况，不能如期兑现的说明原因。",
			YearEnd(), ScopeGovernmentsCountyUp),
		t("02-05", "二、（五）", "公开重大行政决策事项目录并落实公众参与",
			"公开年度重大行政决策事项目录；决策草案向社会公开征求意见，并反馈意见采纳情况。",
			YearEnd(), ScopeGovernmentsCountyUp),

		// 三、法规规章和规范性文件文本的权威性
		t("03-01", "三、（一）", "行政法规和规章在政府信息公开专栏集中公开",
			"有规章制定权的政府将本级现行有效的规章通过政府门户网站“政府信息公开专栏”集中公开（公开标题、题注和正文），并链接国家行政法规库，实现行政法规、规章集中统一公开。",
			dec31, ScopeProvinceCity),
		t("03-02", "三、（二）", "规章动态更新并标注效力状态",
			"规章集中公开后建立动态更新机制，新制定、修改、废止的规章及时更新，标注现行有效、已修改或已废止。",
			YearEnd(), ScopeProvinceCity),
		t("03-03", "三、（三）", "行政规范性文件集中公开并标注有效性",
			"行政规范性文件统一登记、统一编号、统一公开，在政府信息公开专栏集中展示，并标注是否现行有效。",
			YearEnd(), ScopeGovernmentsCountyUp),

		// 四、平台建设
		t("04-01", "四、（一）", "建成省级政府网站集约化平台并向国家平台汇聚数据",
			"建成省级政府网站集约化平台和统一信息资源库，省内政府网站的政策文件等数据向中国政府网汇聚。",
			YearEnd(), ScopeProvince),
		t("04-02", "四、（一）", "政府网站迁入省级集约化平台",
			"本级政府门户网站和部门网站迁入省级集约化平台，统一使用信息资源库和用户管理。",
			YearEnd(), ScopeCityCounty),
		t("04-03", "四、（二）", "建设政府公报数字化栏目",
			"在政府门户网站设立政府公报栏目，归集历年公报，电子公报与纸质公报同步发布，提供检索和下载。",
			YearEnd(), ScopeProvinceCity),
		// LEGAL.md §6: the exact IPv6 wording of the key points is UNCONFIRMED.
		t("04-04", "四、（三）", "政府门户网站支持IPv6访问",
			"推进政府门户网站IPv6改造，首页和主要栏目可通过IPv6访问。",
			YearEnd(), ScopeGovernmentsCountyUp),
		t("04-05", "四、（四）", "规范管理政务新媒体",
			"清理整合政务新媒体账号，纳入统一管理，长期不更新的账号整改或关停。",
			YearEnd(), ScopeCountyUp),

		// 五、基础工作：基层、依申请、年报、台账
		t("05-01", "五、（一）", "编制并公开基层政务公开事项标准目录",
			"对照26个试点领域标准指引，编制并公开本级政务公开事项标准目录，明确公开内容、依据、时限和主体。",
			YearEnd(), ScopeGrassrootsAll),
		t("05-02", "五、（一）", "在便民服务中心设置政务公开专区",
			"在乡镇（街道）便民服务中心设置政务公开专区，提供政府信息查阅和政策咨询服务。",
			YearEnd(), ScopeTownship),
		t("05-03", "五、（二）", "依法依规按时办理政府信息公开申请",
			"依法依规办理政府信息公开申请，在法定期限内答复，按规定标准收取信息处理费，答复文书规范。",
			YearEnd(), ScopeAll),
		t("05-04", "五、（三）", "按统一格式编制发布政府信息公开工作年度报告",
			"按新修订的年度报告格式编制本机关政府信息公开工作年度报告，数据与办理台账一致，按时公开。",
			YearEnd(), ScopeAll),
		t("05-05", "五、（四）", "制定并公开本地区落实工作要点的分工方案",
			"结合本地区实际制定落实2021年政务公开工作要点的分工方案，明确牵头单位和完成时限并公开。",
			jun30, ScopeProvince),
		t("05-06", "五、（四）", "建立政务公开工作台账",
			"对照工作要点和分工方案建立工作台账，逐项明确责任单位、配合单位和完成时限，定期报送进展。",
			jun30, ScopeGovernmentsCountyUp),
		t("05-07", "五、（四）", "年底开展“回头看”并整改",
			"年底前对台账任务逐项开展“回头看”，未完成的任务说明原因，制定整改措施并结转下一年度。",
			YearEnd(), ScopeGovernmentsCountyUp),
		t("05-08", "五、（五）", "公共企事业单位公开办事服务信息",
			"按主管部门的信息公开规定，公开办事指南、收费标准、服务承诺和咨询投诉渠道。",
			YearEnd(), ScopeInstitutions),
	}
}

// sections2021 are the themes of the five sections (our summary).
var sections2021 = map[string]string{
	"一、": "紧扣“十四五”开局深化政务公开：规划、市场规则、财政和疫情信息",
	"二、": "政策发布解读和回应关切",
	"三、": "行政法规、规章和规范性文件的权威性",
	"四、": "政务公开平台建设",
	"五、": "基层政务公开、依申请公开、年度报告和工作台账",
}

// Assign turns templates into tasks, one for every organisation in its
// scope, in template order then organisation order. The assigning supervisor
// is the provincial government above the owner (the province breaks the key
// points down for its area); the provincial government's own tasks are
// assigned by the national government above it when it is among orgs. An
// organisation with neither above it gets its tasks unassigned (AssignedBy 0).
// ID and CreatedAt are left for the store.
func Assign(templates []TaskTemplate, orgs []OrgRef) []Task {
	var out []Task
	for _, tt := range templates {
		for _, o := range orgs {
			if tt.Scope.Matches(o) {
				out = append(out, tt.Task(o.ID, assigner(o, orgs)))
			}
		}
	}
	return out
}

// assigner is the province government above o, or the national government
// above a province government; 0 if none.
func assigner(o OrgRef, orgs []OrgRef) int64 {
	want := org.LevelProvince
	if o.Level == org.LevelProvince && o.Kind == org.KindGovernment {
		want = org.LevelNational
	}
	for _, s := range orgs {
		if s.Kind == org.KindGovernment && s.Level == want && CanAssign(s.Path, o.Path) {
			return s.ID
		}
	}
	return 0
}

// PathOf builds a materialised path from ancestor ids, root first, ending
// with the organisation's own id: PathOf(1, 4, 9) == "/1/4/9/".
func PathOf(ids ...int64) string {
	var b strings.Builder
	b.WriteByte('/')
	for _, id := range ids {
		b.WriteString(strconv.FormatInt(id, 10))
		b.WriteByte('/')
	}
	return b.String()
}
