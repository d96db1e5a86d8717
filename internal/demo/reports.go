package demo

import (
	"fmt"

	"gongkai/internal/org"
	"gongkai/internal/report"
	"gongkai/internal/store"
)

// Annual reports (政府信息公开工作年度报告) computed from the records: the staff-written sections
// 一, 五 and 六 and the entered cells of table 二 for the province and 临江市 for 2025, and 临江市's
// report published, as a government's report must be by 31 March. (The province's 2025 report
// stays a draft, for staff to try the checks and the publication.)

// reportDraftSpec is what staff write for one report.
type reportDraftSpec struct {
	org      string
	saved    string // "YYYY-MM-DD HH:MM"
	publish  string // "" or "YYYY-MM-DD HH:MM"
	overview []string
	problems []string
	other    []string
	manual   report.Manual
}

// wanFen is an amount in 万元 as fen.
func wanFen(wan int64) int64 { return wan * 10000 * 100 }

func reportDrafts() []reportDraftSpec {
	return []reportDraftSpec{
		{org: "jn", saved: "2026-01-20 15:00",
			overview: []string{
				"2025年，江南省人民政府深入贯彻《中华人民共和国政府信息公开条例》，以“公开为常态、不公开为例外”，围绕稳增长、惠民生、防风险深化政务公开。",
				"（一）主动公开。全年通过政府信息公开专栏主动公开各类政府信息，行政规范性文件全部统一登记、统一编号、统一发布，政策解读与文件同步起草、同步审签、同步发布。",
				"（二）依申请公开。全省统一的依申请公开办理平台上线运行，申请登记、计时、答复和统计实现全流程线上管理，答复文书统一使用省级模板。",
				"（三）平台建设。省级政府网站集约化平台稳定运行，政务新媒体全部纳入统一管理。",
				"（四）监督保障。将政务公开纳入省直部门绩效考核，开展第三方评估和答复文书评查。",
			},
			problems: []string{
				"一是部分市县依申请公开答复说理不够充分；二是政策问答库内容更新不够及时。",
				"改进措施：2026年开展依申请公开答复文书专项评查，对评查发现的问题逐件反馈整改；建立政策问答月度更新机制。",
			},
			other:  []string{"本年度按照《政府信息公开信息处理费管理办法》收取信息处理费的情况见下表。全省政务公开工作台账任务执行情况见本节所附台账统计。"},
			manual: report.Manual{Licensing: 19480, Penalty: 356, Enforcement: 12, Fees: wanFen(5110)}},
		{org: "lj", saved: "2026-03-10 10:00", publish: "2026-03-24 10:00",
			overview: []string{
				"2025年，临江市人民政府坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开，政务公开工作取得新进展。",
				"（一）主动公开。围绕城市更新、营商环境、民生保障等重点领域加大公开力度，新制发的行政规范性文件全部同步发布解读材料。",
				"（二）依申请公开。统一使用全省依申请公开办理平台，申请登记、补正、征求意见、延期和答复全过程留痕，对多人申请公开的同一信息及时研究转为主动公开。",
				"（三）政府信息管理。建立主动公开信息逾期提醒和公开前保密审查制度，对已公开信息定期复查。",
				"（四）平台建设。政府门户网站全部栏目迁入省级集约化平台，政务新媒体实行季度检查。",
				"（五）监督保障。政务公开纳入市直部门和区县政府绩效考核，组织业务培训4期。",
			},
			problems: []string{
				"一是个别部门主动公开信息超过法定时限；二是政策问答库建设进度滞后，未按期完成。",
				"改进措施：启用平台逾期提醒功能，对超过20个工作日未公开的信息逐件督办；2026年上半年完成政策问答库建设并按月更新。",
			},
			other:  []string{"本年度依照《政府信息公开信息处理费管理办法》收取信息处理费的情况、政务公开工作台账任务执行情况见下表。本机关按要求公开了人大代表建议和政协委员提案办理结果。"},
			manual: report.Manual{Licensing: 10420, Penalty: 1180, Enforcement: 86, Fees: wanFen(2980)}},
	}
}

// planReports plans saving the drafts and publishing.
func (l *loader) planReports() {
	for _, d := range reportDrafts() {
		admin := l.principal(d.org, org.RoleAdmin)
		saved := pubTime(d.saved)
		if !saved.Before(l.today) {
			continue
		}
		l.addStep(saved, func() error {
			l.setClock(saved)
			err := l.db.SaveReportDraft(l.ctx, admin, store.ReportDraft{OrgID: l.orgs[d.org].ID, Year: 2025,
				OverviewHTML: body(d.overview...), ProblemsHTML: body(d.problems...), OtherHTML: body(d.other...), Manual: d.manual})
			if err != nil {
				return fmt.Errorf("演示年度报告（%s）: %w", l.orgs[d.org].Name, err)
			}
			return nil
		})
		if d.publish == "" {
			continue
		}
		pub := pubTime(d.publish)
		if !pub.Before(l.today) {
			continue
		}
		l.addStep(pub, func() error {
			l.setClock(pub)
			doc, err := l.db.PublishAnnualReport(l.ctx, admin, l.orgs[d.org].ID, 2025)
			if err != nil {
				// A report that fails its checks is a finding, not a reason to stop loading.
				l.warnings = append(l.warnings, fmt.Sprintf("%s2025年度报告未能发布：%v", l.orgs[d.org].Name, err))
				return nil
			}
			l.docs["report-"+d.org+"-2025"] = doc.ID
			l.reports++
			return nil
		})
	}
}
