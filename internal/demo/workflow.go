package demo

import (
	"gongkai/internal/disclosure"
)

// workflowDocs are documents still in the review workflow, dated relative to today, so that the
// staff console has work: drafts, documents in review, approved and scheduled ones, a rejected
// draft, and two drafts made long ago that are overdue under Art. 26.
func workflowDocs() []doc {
	penaltyInReview := enforcement("lj-scjgj", "临江市市场监督管理局", "", penalty{
		number: "临市监罚〔2026〕41号", party: "临江市鲜达生鲜超市有限公司", code: "91680100MA2R4T8J2",
		address: "江南省临江市青江区江滨路302号", rep: "刘某某",
		facts:     "2026年9月8日，执法人员对当事人经营场所进行检查，发现其销售的散装大米、挂面等12种食品未按规定标示品名和价格。",
		evidence:  "现场检查笔录、现场照片和询问笔录",
		violation: "当事人未按规定明码标价的行为，违反了《中华人民共和国价格法》第十三条第一款的规定",
		basis:     "依据该法第四十二条的规定，考虑到当事人当场改正，依法从轻处罚。",
		decision:  "1．责令当事人改正；2．罚款人民币2000元。",
		reviewer:  "临江市人民政府", court: "临江市青江区人民法院",
	})
	penaltyInReview.final, penaltyInReview.ago = disclosure.StatusInReview, 3

	return []doc{
		{org: "lj", final: disclosure.StatusDraft, ago: 1, sign: true, signer: "临江市人民政府办公室", f: disclosure.Fields{
			Title: "临江市人民政府办公室关于做好2027年元旦春节期间安全生产工作的通知", Genre: disclosure.GenreNotice, Topic: `市场监管、安全生产监管\安全生产监管`,
			BodyHTML: body(
				addressees("lj"),
				"元旦春节期间人员流动大、生产经营活动集中，安全风险叠加。为确保全市安全形势稳定，现就有关工作通知如下。",
				"一、全面开展安全风险隐患排查整治，重点排查人员密集场所、燃气、道路交通、建筑施工和危险化学品等领域。",
				"二、严格落实值班值守制度，遇有突发事件第一时间报告、第一时间处置。",
			),
		}},
		{org: "lj", final: disclosure.StatusInReview, ago: 4, sign: true, f: disclosure.Fields{
			Title: "临江市人民政府关于印发临江市公共数据开放管理办法的通知", DocNumber: "临政规〔2026〕4号",
			Genre: disclosure.GenreNormative, Topic: `综合政务\电子政务`, EffectiveOn: date("2027-01-01"), ExpiresOn: date("2031-12-31"),
			BodyHTML: body(
				addressees("lj"),
				"《临江市公共数据开放管理办法》已经市人民政府常务会议审议通过，现印发给你们，请认真贯彻执行。",
				"第一条 为了规范和促进公共数据开放，根据《江南省政务数据管理办法》等规定，结合本市实际，制定本办法。",
				"第二条 公共数据开放实行目录管理，分为无条件开放、有条件开放和不予开放三类。",
				"第二十五条 本办法自2027年1月1日起施行，有效期5年。",
			),
		}},
		{org: "lj", final: disclosure.StatusApproved, ago: 5, f: disclosure.Fields{
			Title: "临江市2026年第三季度政府网站和政务新媒体检查情况的通报", Genre: disclosure.GenreNotice, Topic: `综合政务\政务公开`,
			BodyHTML: body(
				"按照政府网站和政务新媒体常态化监管要求，市人民政府办公室于2026年9月对全市政府网站和政务新媒体开展了第三季度检查。",
				"本次共检查政府网站26个、政务新媒体148个，总体合格率97.3%。发现空白栏目2个、栏目长期不更新5个、政务新媒体超过两周未更新4个。",
				"对检查发现的问题，相关单位须于15个工作日内完成整改并报送整改报告。",
			),
		}},
		{org: "lj", schedule: true, ago: 3, sign: true, f: disclosure.Fields{
			Title: "临江市人民政府关于公布2027年市政府民生实事候选项目征集结果的通告", Genre: disclosure.GenreNotice, Topic: `综合政务\其他`,
			BodyHTML: body(
				"2026年10月至11月，市人民政府面向社会公开征集2027年民生实事项目建议，共收到建议4862条。",
				"经汇总梳理和部门论证，形成2027年民生实事候选项目15个，涉及教育、养老、医疗、交通和城市更新等领域，将提交市人民代表大会票决。",
				"感谢广大市民的积极参与。",
			),
		}},
		{org: "lj-czj", reject: "请补充各专项资金的设立依据、执行期限和绩效目标后再送审。", ago: 6, f: disclosure.Fields{
			Title: "临江市财政局关于公布2026年市级财政专项资金管理清单的公告", Genre: disclosure.GenreBudget, Topic: `财政、金融、审计\财政`,
			BodyHTML: body(
				"根据预算法及其实施条例，现将2026年市级财政专项资金管理清单予以公布。",
				"2026年市级财政专项资金共42项，预算金额68.5亿元。",
				"各专项资金的分配结果由主管部门按规定另行公开。",
			),
		}},
		{org: "lj-rsj", final: disclosure.StatusDraft, madeAgo: 32, f: disclosure.Fields{
			Title: "临江市2026年第三季度公益性岗位补贴发放情况公示", Genre: disclosure.GenreNotice, Topic: `劳动、人事、监察\劳动就业`,
			BodyHTML: body(
				"根据《临江市人民政府关于进一步促进就业创业的若干政策》，现将2026年第三季度公益性岗位补贴发放情况公示如下。",
				"本季度共为1286名公益性岗位人员发放岗位补贴888.3万元，补贴标准按本市最低工资标准执行。",
				"补贴人员名单已在各区就业服务中心公示，个人信息已作脱敏处理。",
			),
		}},
		{org: "ljdh", final: disclosure.StatusDraft, madeAgo: 45, f: disclosure.Fields{
			Title: "东湖县2026年第三季度农村最低生活保障资金发放情况公示", Genre: disclosure.GenreNotice, Topic: `民政、扶贫、救灾\社会救助`,
			BodyHTML: body(
				"根据《社会救助暂行办法》，现将我县2026年第三季度农村最低生活保障资金发放情况公示如下。",
				"本季度全县共保障农村低保对象6218户9875人，发放保障资金1986.4万元，月人均补差670元。",
				"各户发放明细在所在村（社区）公开栏公示，个人信息已作脱敏处理。",
			),
		}},
		{org: "jn", final: disclosure.StatusInReview, ago: 2, sign: true, signer: "江南省人民政府办公厅", f: disclosure.Fields{
			Title: "江南省人民政府办公厅关于进一步做好政务服务“高效办成一件事”工作的通知", Genre: disclosure.GenreNotice, Topic: `综合政务\政务服务`,
			BodyHTML: body(
				addressees("jn"),
				"为持续提升政务服务效能，经省人民政府同意，现就进一步做好“高效办成一件事”工作通知如下。",
				"一、2027年新增推出企业破产信息核查、个人身后事等10项“一件事”，实现一次告知、一表申请、一套材料、一窗受理。",
				"二、各地各部门要加强数据共享，凡是能通过共享获取的材料一律免于提交。",
			),
		}},
		{org: "lj-gsgs", final: disclosure.StatusDraft, ago: 1, f: disclosure.Fields{
			Title: "临江市供水有限公司2026年12月计划停水安排", Genre: disclosure.GenreNotice, Topic: `城乡建设、环境保护\城市建设`,
			BodyHTML: body(
				"因供水管网维护和新建管道接驳需要，我公司计划于2026年12月安排以下停水作业。",
				"一、12月12日（星期六）8:00至18:00，青江区江滨路沿线暂停供水。",
				"二、具体停水时间如有变动，将提前24小时通过本平台和“临江供水”微信公众号另行通知。",
			),
		}},
		penaltyInReview,
	}
}
