package demo

import (
	"fmt"
	"time"

	"gongkai/internal/ledger"
	"gongkai/internal/org"
	"gongkai/internal/workday"
)

// The task ledger (工作台账): the 2021 key points (国办发〔2021〕12号, as summarised in package
// ledger for demonstration) assigned across the demonstration tree, with progress reported through
// 2021, most tasks done, some left unfinished and so overdue, one sent back for rectification by the
// province's supervisor, and two carried over into 2022 at the year-end review; then a few tasks of
// the province's own 2025 and 2026 key points, which are written by us for the demonstration.

// ledgerTexts are the progress reports of each 2021 task: what was under way, and what was done.
var ledgerTexts = map[string][2]string{
	"2021-01-01": {"已梳理本级和所属部门“十四五”规划12件，正在门户网站搭建规划信息专题。", "已在门户网站“规划信息”专题集中公开“十四五”规划纲要和专项规划，分类展示并标注规划期限和有效性。"},
	"2021-01-02": {"本部门牵头的“十四五”专项规划已报批，同步起草解读材料。", "专项规划已主动公开并同步发布解读，已报送本级政府门户网站归集。"},
	"2021-01-03": {"正在梳理市场准入、行政许可和涉企收费等规则清单。", "已在政府信息公开专栏公开市场规则和标准清单，建立规则调整后10个工作日内更新的机制。"},
	"2021-01-04": {"已梳理行政执法主体、依据和程序，正在完善执法公示栏目。", "已公开执法主体、依据、程序和结果，“双随机、一公开”抽查事项和抽查结果按季度公开。"},
	"2021-01-05": {"本级预算和部门预算已按时公开，正在准备决算公开。", "本级及所属部门预决算和“三公”经费均已在批复后20日内公开，说明到位。"},
	"2021-01-06": {"已公开政府债务限额和余额，专项债券项目信息正在整理。", "政府债务限额、余额、发行、使用和偿还信息已全部公开，专项债券项目信息按季度更新。"},
	"2021-01-07": {"已公开直达资金和惠民惠农补贴政策清单，正在推进发放情况公开到村（社区）。", "补贴资金发放对象和金额已公开至村（社区）一级，个人身份证号码和银行账号已隐去。"},
	"2021-01-08": {"已建立疫情防控信息发布会商机制，统一发布口径。", "全年疫情防控信息发布及时、口径一致，疫苗接种点和防控政策在门户网站专题集中公开。"},
	"2021-02-01": {"已印发政策解读工作规范，明确同步组织、同步审签、同步部署要求。", "全年发布的政策文件均同步发布解读材料，图解和视频解读占比超过三成。"},
	"2021-02-02": {"门户网站政策问答栏目已上线试运行。", "政策问答栏目正式运行，全年集中解答公众政策问题并公开常见问题。"},
	"2021-02-03": {"已建立舆情收集、研判和回应机制。", "对涉及群众切身利益的热点事项均在规定时限内作出回应，回应情况已公开。"},
	"2021-02-04": {"已梳理公开承诺事项清单，正在建立兑现情况跟踪台账。", "承诺事项及兑现情况已在门户网站专栏公开，未如期兑现事项均说明了原因。"},
	"2021-02-05": {"年度重大行政决策事项目录已起草，正在征求意见。", "已公开年度重大行政决策事项目录，决策草案均公开征求意见并反馈采纳情况。"},
	"2021-03-01": {"已完成现行有效规章清理，正在政府信息公开专栏建设规章库。", "现行有效规章已在政府信息公开专栏集中公开（含题注和正文），并链接国家行政法规库。"},
	"2021-03-02": {"正在建立规章立改废动态更新机制。", "规章库已标注现行有效、已修改、已废止状态，立改废后5个工作日内更新。"},
	"2021-03-03": {"已启动行政规范性文件清理，统一登记编号。", "行政规范性文件已统一登记、统一编号、统一公开，在专栏集中展示并标注有效性。"},
	"2021-04-01": {"省级政府网站集约化平台已完成主体建设，正在迁移数据。", "省级集约化平台和统一信息资源库已建成，政策文件数据已向中国政府网汇聚。"},
	"2021-04-02": {"已制定网站迁移方案，部门网站分批迁移。", "本级政府门户网站和部门网站已全部迁入省级集约化平台。"},
	"2021-04-03": {"已归集2000年以来的政府公报，正在建设检索功能。", "政府公报栏目已上线，历年公报可按期号检索和下载，电子公报与纸质公报同步发布。"},
	"2021-04-04": {"已完成门户网站IPv6改造方案，正在进行联调测试。", "门户网站首页和主要栏目已支持IPv6访问。"},
	"2021-04-05": {"已开展政务新媒体账号摸底，清理整合工作正在进行。", "已清理关停长期不更新账号，其余账号纳入统一管理，实行季度检查。"},
	"2021-05-01": {"已对照26个试点领域标准指引启动目录编制。", "本级政务公开事项标准目录已编制完成并在门户网站公开。"},
	"2021-05-02": {"便民服务中心政务公开专区已完成选址和设备采购。", "便民服务中心政务公开专区已建成投用，提供信息查阅和政策咨询服务。"},
	"2021-05-03": {"已统一依申请公开答复文书模板，建立办理台账。", "全年依申请公开申请均在法定期限内答复，答复文书规范。"},
	"2021-05-04": {"已按新格式开展年度报告数据核对。", "年度报告已按统一格式编制并按时公开，数据与办理台账一致。"},
	"2021-05-05": {"分工方案已起草，正在征求各地各部门意见。", "分工方案已印发并在门户网站公开，明确了牵头单位和完成时限。"},
	"2021-05-06": {"已建立工作台账，正在逐项明确责任单位。", "工作台账已建立，逐项明确责任单位、配合单位和完成时限，按月报送进展。"},
	"2021-05-07": {"已部署年底“回头看”，各责任单位正在自查。", "已完成“回头看”，未完成任务均说明原因并制定整改措施，结转下一年度。"},
	"2021-05-08": {"正在梳理办事指南、收费标准和服务承诺。", "办事指南、收费标准、服务承诺和咨询投诉渠道已在门户网站和营业厅公开。"},
}

// ledgerDocEvidence are published documents cited as evidence of a task, by template key and
// organisation key.
var ledgerDocEvidence = map[[2]string]string{
	{"2021-03-03", "jn"}: "jn-apply-2021",
}

// planLedger plans the ledger: the 2021 key points and the province's 2025 and 2026 tasks.
func (l *loader) planLedger() error {
	var refs []ledger.OrgRef
	var keys []string
	for _, s := range l.specList() {
		o := l.orgs[s.key]
		refs = append(refs, ledger.OrgRef{ID: o.ID, Path: o.Path, Kind: o.Kind, Level: o.Level})
		keys = append(keys, s.key)
	}
	templates := ledger.KeyPoints2021()
	tasks := ledger.Assign(templates, refs)
	// Assign lists the tasks template by template, organisation by organisation.
	type meta struct{ template, owner string }
	var metas []meta
	for _, tt := range templates {
		for j, o := range refs {
			if tt.Scope.Matches(o) {
				metas = append(metas, meta{tt.Key, keys[j]})
			}
		}
	}
	if len(metas) != len(tasks) {
		return fmt.Errorf("demo: %d ledger tasks for %d assignments", len(tasks), len(metas))
	}
	created := at(date("2021-04-20"), 10, 0)
	l.addStep(created, func() error {
		l.setClock(created)
		out, err := l.db.CreateTasks(l.ctx, nil, tasks)
		if err != nil {
			return fmt.Errorf("演示工作台账: %w", err)
		}
		copy(tasks, out)
		l.tasks += len(out)
		return nil
	})
	jun30 := date("2021-06-30")
	for i := range tasks {
		m := metas[i]
		task := &tasks[i]
		texts := ledgerTexts[m.template]
		admin := l.principal(m.owner, org.RoleAdmin)
		early := task.Deadline.Resolve(2021) == jun30
		// The first report between May and October (May and June for the 30 June tasks).
		start := onWorkday(date("2021-05-10").AddDays((i * 13) % 150))
		if early {
			start = onWorkday(date("2021-05-12").AddDays((i * 3) % 20))
		}
		finish := onWorkday(start.AddDays(25 + (i*11)%45))
		if limit := task.Deadline.Resolve(2021).AddDays(-3); finish.After(limit) {
			finish = prevWorkday(limit)
		}
		docKey := ledgerDocEvidence[[2]string{m.template, m.owner}]
		outcome := (i*7 + len(m.owner)*3) % 25
		switch {
		case m.template == "2021-02-02" && m.owner == "lj":
			// Reported done, sent back by the province, carried over into 2022 and still open.
			l.ledgerProgress(task, admin, start, texts[0], nil, ledger.StatusInProgress)
			l.ledgerProgress(task, admin, date("2021-11-15"), texts[1], nil, ledger.StatusDone)
			l.ledgerStatus(task, l.principal("jn", org.RoleSupervisor), at(date("2021-12-10"), 15, 30), ledger.StatusNeedsRectification,
				"经省政务公开办抽查，临江市政府门户网站政策问答栏目自10月以来未更新，12件公众提问超过10个工作日未答复，常见问题未公开。请于2022年3月底前完成整改：建立问答受理、转办、答复、公开的闭环流程，答复时限不超过5个工作日。")
			l.ledgerCarryOver(task, "2022-01-12", "2021年“回头看”：政策问答栏目更新不及时，经省政务公开办督查要求整改。2022年建立问答闭环流程，答复时限不超过5个工作日，按月通报。",
				date("2022-03-31"), nil)
		case m.template == "2021-05-01" && m.owner == "ljdh":
			// Unfinished at the year end, carried over into 2022 and done there.
			l.ledgerProgress(task, admin, start, texts[0], nil, ledger.StatusInProgress)
			l.ledgerProgress(task, admin, date("2021-12-27"), "已完成26个领域中19个领域的目录编制，其余7个领域因涉及的县直部门职能调整尚未完成。", nil, "")
			l.ledgerCarryOver(task, "2022-01-12", "2021年“回头看”：东湖县基层政务公开标准目录尚有7个领域未编制完成。2022年6月底前完成剩余领域目录编制并公开，县政务公开办按月调度。",
				date("2022-06-30"), func(next *ledger.Task) {
					l.ledgerProgress(next, admin, date("2022-06-20"), "剩余7个领域目录已编制完成，全县26个领域标准目录已在门户网站公开。", nil, ledger.StatusDone)
				})
		case outcome < 20:
			// Started, and reported done (one report, to keep the load quick).
			l.ledgerStatus(task, admin, at(start, 9, 40), ledger.StatusInProgress, "")
			l.ledgerProgressDoc(task, admin, finish, texts[1], nil, docKey, ledger.StatusDone)
		case outcome < 23:
			// Under way, unfinished by the deadline: overdue.
			l.ledgerProgress(task, admin, start, texts[0], nil, ledger.StatusInProgress)
		default:
			// Never started: overdue.
		}
	}
	l.planOwnTasks()
	return nil
}

// ledgerProgress reports progress on a task on day d and then, unless to is "", moves it to the
// status to (the owner's own step).
func (l *loader) ledgerProgress(task *ledger.Task, p *org.Principal, d workday.Date, text string, evidence []ledger.Evidence, to ledger.Status) {
	l.ledgerProgressDoc(task, p, d, text, evidence, "", to)
}

// ledgerProgressDoc is ledgerProgress with a published document (by key) as evidence, if it was
// published by then.
func (l *loader) ledgerProgressDoc(task *ledger.Task, p *org.Principal, d workday.Date, text string, evidence []ledger.Evidence, docKey string, to ledger.Status) {
	t := at(d, 16, 20)
	if !d.Before(workday.DateOf(l.today)) {
		return
	}
	l.addStep(t, func() error {
		l.setClock(t)
		ev := evidence
		if docKey != "" {
			ev = nil
			if id, ok := l.docs[docKey]; ok {
				ev = []ledger.Evidence{{Kind: ledger.EvidenceDocument, Ref: fmt.Sprint(id), Title: "本平台已发布文件"}}
			}
		}
		if _, err := l.db.AddProgress(l.ctx, p, ledger.Progress{TaskID: task.ID, On: d, Text: text, Evidence: ev}); err != nil {
			return fmt.Errorf("演示台账任务“%s”进展: %w", task.Title, err)
		}
		l.progress++
		if to != "" {
			return l.changeTask(task, p, to, "")
		}
		return nil
	})
}

// ledgerStatus changes a task's status at time t.
func (l *loader) ledgerStatus(task *ledger.Task, p *org.Principal, t time.Time, to ledger.Status, note string) {
	if !t.Before(l.today) {
		return
	}
	l.addStep(t, func() error {
		l.setClock(t)
		return l.changeTask(task, p, to, note)
	})
}

func (l *loader) changeTask(task *ledger.Task, p *org.Principal, to ledger.Status, note string) error {
	changed, err := l.db.ChangeTaskStatus(l.ctx, p, task.ID, to, note)
	if err != nil {
		return fmt.Errorf("演示台账任务“%s”变为%s: %w", task.Title, to.Label(), err)
	}
	*task = changed
	return nil
}

// ledgerCarryOver carries a task into the next year at the year-end review of the assigning
// province, then runs then (if given) on the new task.
func (l *loader) ledgerCarryOver(task *ledger.Task, day, note string, deadline workday.Date, then func(next *ledger.Task)) {
	t := at(date(day), 10, 30)
	if !t.Before(l.today) {
		return
	}
	next := &ledger.Task{}
	l.addStep(t, func() error {
		l.setClock(t)
		created, err := l.db.CarryOverTask(l.ctx, l.principal("jn", org.RoleSupervisor), task.ID, note, ledger.On(deadline))
		if err != nil {
			return fmt.Errorf("演示台账任务“%s”结转: %w", task.Title, err)
		}
		*next = created
		l.tasks++
		return nil
	})
	if then != nil {
		then(next)
	}
}

// An ownTask is a task of the province's own key points (demonstration).
type ownTask struct {
	owner    string // organisation key; assigned by the province unless it is the province
	clause   string
	title    string
	detail   string
	deadline string // "" for 年底前
	progress []ownProgress
}

type ownProgress struct {
	on   string
	text string
	to   ledger.Status
}

const (
	source2025 = "江南省人民政府办公厅关于印发江南省2025年政务公开工作要点的通知（演示数据）"
	source2026 = "江南省人民政府办公厅关于印发江南省2026年政务公开工作要点的通知（演示数据）"
	ownNote    = "（演示任务：江南省为虚构省份，本任务由本平台编写，仅用于演示工作台账。）"
)

// planOwnTasks plans the province's 2025 and 2026 tasks.
func (l *loader) planOwnTasks() {
	l.planOwnYear(2025, source2025, "2025-04-15", []ownTask{
		{owner: "jn", clause: "一、（一）", title: "建设全省统一的依申请公开办理平台",
			detail:   "建设全省统一的政府信息公开申请办理平台，实现在线申请、登记、计时、答复和统计全流程管理。",
			progress: []ownProgress{{"2025-05-20", "平台已完成需求调研和招标，进入开发阶段。", ledger.StatusInProgress}, {"2025-11-28", "平台已在省、市、县三级上线运行，全年通过平台办理申请的比例达到92%。", ledger.StatusDone}}},
		{owner: "lj", clause: "二、（一）", title: "行政规范性文件“一文一解读”全覆盖",
			detail:   "市、县两级新制发的行政规范性文件全部同步发布解读材料，解读注明咨询电话。",
			progress: []ownProgress{{"2025-06-10", "已印发政策解读工作规范。", ledger.StatusInProgress}, {"2025-12-15", "全年新制发的11件行政规范性文件均同步发布解读。", ledger.StatusDone}}},
		{owner: "lj", clause: "二、（三）", title: "建设政策问答库",
			detail:   "在门户网站建设政策问答库，归集12345热线和留言咨询中的常见政策问题，答复后公开。",
			progress: []ownProgress{{"2025-07-08", "已归集12345热线常见问题1200余条，正在分类整理。", ledger.StatusInProgress}}},
		{owner: "ljdh", clause: "三、（二）", title: "更新基层政务公开标准目录",
			detail:   "对照国务院部门新修订的标准指引，年底前完成26个领域标准目录的动态更新。",
			progress: []ownProgress{{"2025-09-16", "已完成14个领域目录的更新。", ledger.StatusInProgress}}},
		{owner: "jn-czt", clause: "一、（三）", title: "公开省级部门预算绩效目标",
			detail:   "省级部门预算公开时同步公开重点项目绩效目标，决算公开时同步公开绩效自评结果。",
			progress: []ownProgress{{"2025-05-20", "已制定绩效目标公开模板。", ledger.StatusInProgress}, {"2025-08-29", "省级部门预算重点项目绩效目标和上年绩效自评结果已全部公开。", ledger.StatusDone}}},
		{owner: "qs", clause: "四、（二）", title: "政务新媒体规范化管理",
			detail:   "完成政务新媒体账号年度核查，开设、变更、关停全部备案。",
			progress: []ownProgress{{"2025-05-14", "已完成账号摸底。", ledger.StatusInProgress}, {"2025-10-30", "已关停长期不更新账号6个，其余账号全部备案并纳入季度检查。", ledger.StatusDone}}},
	})
	l.planOwnYear(2026, source2026, "2026-04-14", []ownTask{
		{owner: "jn", clause: "一、（二）", title: "推进政务公开事项标准目录与平台对接",
			detail:   "省级部门政务公开事项标准目录与政务公开平台栏目逐项对接，实现目录项下信息自动归集。",
			progress: []ownProgress{{"2026-06-18", "已完成7个省级部门的目录对接。", ledger.StatusInProgress}}},
		{owner: "lj", clause: "二、（一）", title: "启用主动公开逾期提醒",
			detail:   "在政务公开平台启用主动公开逾期提醒，对形成后超过20个工作日未公开的信息逐件督办。",
			progress: []ownProgress{{"2026-05-12", "已完成平台配置和试运行。", ledger.StatusInProgress}, {"2026-06-30", "逾期提醒已在全市启用，每月通报督办情况。", ledger.StatusDone}}},
		{owner: "ljdh", clause: "三、（一）", title: "公开2026年惠民惠农补贴发放情况", deadline: "2026-09-30",
			detail:   "9月底前将2026年上半年惠民惠农财政补贴资金发放情况公开到村（社区），隐去个人敏感信息。",
			progress: []ownProgress{{"2026-08-05", "已汇总上半年发放数据，正在核对。", ledger.StatusInProgress}}},
		{owner: "jn-slt", clause: "四、（一）", title: "公开2026年汛期水情雨情信息",
			detail:   "汛期每日公开主要江河湖库水情雨情，发布洪水预警。",
			progress: []ownProgress{{"2026-05-06", "水情信息专栏已上线。", ledger.StatusInProgress}, {"2026-10-09", "汛期每日公开水情雨情，共发布洪水预警17次。", ledger.StatusDone}}},
	})
}

func (l *loader) planOwnYear(year int, source, createdOn string, own []ownTask) {
	jn := l.orgs["jn"]
	tasks := make([]ledger.Task, len(own))
	for i, o := range own {
		t := ledger.Task{Title: o.title, Detail: o.detail + ownNote, Source: source, Clause: o.clause,
			OwnerOrgID: l.orgs[o.owner].ID, Year: year, Deadline: ledger.YearEnd(), Status: ledger.StatusNotStarted}
		if o.owner != "jn" {
			t.AssignedBy = jn.ID
		}
		if o.deadline != "" {
			t.Deadline = ledger.On(date(o.deadline))
		}
		tasks[i] = t
	}
	created := at(date(createdOn), 10, 0)
	if !created.Before(l.today) {
		return
	}
	l.addStep(created, func() error {
		l.setClock(created)
		out, err := l.db.CreateTasks(l.ctx, nil, tasks)
		if err != nil {
			return fmt.Errorf("演示工作台账（%d年）: %w", year, err)
		}
		copy(tasks, out)
		l.tasks += len(out)
		return nil
	})
	for i, o := range own {
		admin := l.principal(o.owner, org.RoleAdmin)
		for _, pr := range o.progress {
			l.ledgerProgress(&tasks[i], admin, date(pr.on), pr.text, nil, pr.to)
		}
	}
}
