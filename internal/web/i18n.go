package web

import (
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"gongkai/internal/workday"
)

// The web UI speaks Chinese (zh-CN, the default) and English. Translation is gettext style: the
// Chinese text is the key, and a locale without an entry for a key shows the Chinese. Templates
// call t ("{{t "首页"}}"), tf for format strings ("{{tf "第 %d 版" .Version}}") and tc for a key
// whose English depends on the context ("{{tc "relation" .Label}}": 废止 is "Repeals" for a
// relation but "Repealed" for a validity). Data (document titles, organisation names, guides)
// is shown as stored.

// locale is a language of the UI.
type locale string

const (
	zhCN locale = "zh-CN" // the default
	en   locale = "en"
)

// langCookie keeps the visitor's choice made through /prefs/lang.
const langCookie = "lang"

// localeInfo is a locale as offered by the language switch, named in its own language.
type localeInfo struct{ Code, Name string }

var localeList = []localeInfo{{string(zhCN), "中文"}, {string(en), "English"}}

// catalogs holds the translations of each locale but the default.
var catalogs = map[locale]map[string]string{en: english}

// ctxSep separates a context from its key in a catalog (as gettext's msgctxt does).
const ctxSep = "\x04"

// parseLocale reads a language tag such as "en", "en-US", "zh", "zh-CN" or "zh-Hant".
func parseLocale(tag string) (locale, bool) {
	primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
	primary, _, _ = strings.Cut(primary, "_")
	switch primary {
	case "zh":
		return zhCN, true
	case "en":
		return en, true
	}
	return zhCN, false
}

// requestLocale is the lang cookie's locale, else the best one of Accept-Language, else zh-CN.
func requestLocale(r *http.Request) locale {
	if c, err := r.Cookie(langCookie); err == nil {
		if l, ok := parseLocale(c.Value); ok {
			return l
		}
	}
	return acceptLocale(r.Header.Get("Accept-Language"))
}

// acceptLocale picks the supported language the client ranks highest (the first of equals).
func acceptLocale(header string) locale {
	best, bestQ := zhCN, 0.0
	for _, part := range strings.Split(header, ",") {
		tag, params, _ := strings.Cut(part, ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil {
				continue
			}
			q = f
		}
		if l, ok := parseLocale(tag); ok && q > bestQ {
			best, bestQ = l, q
		}
	}
	return best
}

// t translates a catalog key; a key without a translation is shown as it is (in Chinese).
func (l locale) t(key string) string {
	if s, ok := catalogs[l][key]; ok && s != "" {
		return s
	}
	return key
}

// tc translates key in a context, falling back to the key's translation without one.
func (l locale) tc(context, key string) string {
	if s, ok := catalogs[l][context+ctxSep+key]; ok && s != "" {
		return s
	}
	return l.t(key)
}

// tf translates a format string and formats args with it.
func (l locale) tf(format string, args ...any) string {
	return fmt.Sprintf(l.t(format), args...)
}

// longDate writes a date in full: 2025年9月28日, or 28 September 2025.
func (l locale) longDate(d workday.Date) string {
	switch {
	case d.IsZero():
		return ""
	case l == en:
		return fmt.Sprintf("%d %s %d", d.Day, d.Month, d.Year)
	}
	return d.ChineseFull()
}

// topic translates a subject class; a sub-class after the backslash is free text and stays.
func (l locale) topic(s string) string {
	top, sub, ok := strings.Cut(s, `\`)
	if !ok {
		return l.t(s)
	}
	return l.t(top) + `\` + sub
}

// funcs are the template functions bound to the locale.
func (l locale) funcs() template.FuncMap {
	return template.FuncMap{
		"t":        l.t,
		"tc":       l.tc,
		"tf":       l.tf,
		"longDate": l.longDate,
		"topic":    l.topic,
		"warning":  l.warning,
		"locales":  func() []localeInfo { return localeList },
	}
}

// msg is a catalog key among a page's TitleArgs, translated when the page is rendered.
type msg string

// english is the English catalog. Keys are the Chinese texts of the templates, of the page titles
// and messages set in Go, and of the labels of the domain types (genres, validities, statuses,
// roles, levels, standard columns, topics…). A test checks that every key used is here.
var english = map[string]string{
	"检索":           "Search",
	"检索词":          "Search terms",
	"标题、正文、文号或索引号": "Title, text, document no. or index no.",
	"检索提示：多个词用空格分开；加引号检索整句；词前加减号排除；title:词 只检索标题。": "Tips: separate words with spaces; put a phrase in quotes; put a minus sign before a word to exclude it; title:word searches titles only.",
	"您要找的是不是：":       "Did you mean: ",
	"检索词过长，已截取前面部分。": "The search was too long; only its beginning was used.",
	"约 %d 条结果":       "About %d results",
	"共 %d 条结果":       "%d results",
	"文号匹配":           "Document no. match",
	"没有找到符合条件的信息。可以减少检索词，或去掉筛选条件再试。": "Nothing matched. Try fewer words, or remove a filter.",
	"分类筛选":                 "Refine",
	"（按部分结果估算）":            " (estimated from part of the results)",
	"检索过于频繁，请稍后再试":         "Too many searches; please try again shortly.",
	"只能查看前1000条结果，请缩小检索范围": "Only the first 1,000 results can be shown; please narrow the search.",
	"检索词无法识别":              "The search could not be understood.",

	// Platform, navigation and layout.
	"政务公开平台":   "Open Government Platform",
	"政务公开工作台":  "Open Government Staff Console",
	"政府信息公开":   "Government Information Disclosure",
	"政府信息公开栏目": "Government information disclosure sections",
	"跳到主要内容":   "Skip to main content",
	"辅助功能":     "Accessibility",
	"关怀模式（大字）": "Large-print mode",
	"退出关怀模式":   "Standard print",
	"工作人员登录":   "Staff sign-in",
	"退出":       "Sign out",
	"主导航":      "Main navigation",
	"首页":       "Home",
	"机构导航":     "Organisations",
	"信息公开目录":   "Disclosure Catalogue",
	"公开指南":     "Disclosure Guide",
	"按标题查找":    "Search by title",
	"输入标题关键词":  "Words in the title",
	"查找":       "Search",
	"工作台导航":    "Console navigation",
	"我的工作":     "My Work",
	"文件管理":     "Documents",
	"起草文件":     "New Document",
	"审核队列":     "Review Queue",
	"公开时限":     "Disclosure Deadlines",
	"机构设置":     "Organisation Settings",
	"用户":       "Users",
	"审计日志":     "Audit Log",
	"查看网站":     "View Website",
	"当前位置":     "Breadcrumb",
	"当前位置：":    "You are here: ",
	"操作未成功：":   "The operation failed: ",
	"地址：":      "Address: ",
	"电话：":      "Tel.: ",
	"本平台依据《中华人民共和国政府信息公开条例》提供政府信息的检索、查阅和下载。": "Under the Regulations of the People's Republic of China on Government Information Disclosure, this platform provides search, viewing and downloading of government information. ",
	"网站地图":      "Sitemap",
	"开放接口":      "Open API",
	"（%s · %s）": " (%s · %s)",
	"（%s）":      " (%s)",
	"（":         " (",
	"）":         ")",
	"、":         ", ",
	"，":         ", ",
	"。":         ".",
	"页面生成失败":    "The page could not be generated",
	"服务器内部错误":   "Internal server error",
	"出错了":       "Something went wrong",
	"页面不存在":     "Page not found",
	"无权访问":      "Access denied",
	"请先登录":      "Please sign in",
	"您访问的页面不存在，可能已被移动或删除。": "The page you requested does not exist. It may have been moved or deleted.",
	"返回首页":     "Back to the home page",
	"浏览信息公开目录": "Browse the Disclosure Catalogue",
	"集约化政府网站群：%d 个机构在此依法公开政府信息。":        "An integrated cluster of government websites: %d organisations disclose government information here as the law requires. ",
	"可按机构浏览，按年份、主题、类别和有效性筛选，也可订阅各栏目更新。": "Browse by organisation, filter by year, topic, category and validity, or subscribe to the updates of each section.",
	"最新公开信息":   "Latest Disclosures",
	"暂无信息":     "Nothing published yet",
	"查看全部信息 »": "All information »",
	"按层级浏览":    "Browse by Level",
	"全部机构（含部门和公共企事业单位） »": "All organisations (including departments and public institutions) »",
	"%s 政府信息公开":           "Government Information Disclosure: %s",
	"最新信息":                "Latest Information",
	"本机构全部信息 »":           "All information of this organisation »",
	"含下级机构 »":             "Including subordinate organisations »",
	"下级机构":                "Subordinate Organisations",
	"上级机构：":               "Superior organisation: ",
	"全部信息":                "All Information",
	"正文":                  "Document",
	"预览":                  "Preview",

	// Document lists and filters.
	"文件列表":               "Documents",
	"标题":                 "Title",
	"发布机构":               "Issued by",
	"文号":                 "Document No.",
	"有效性":                "Validity",
	"发布日期":               "Date Published",
	"分页":                 "Pages",
	"上一页":                "Previous",
	"下一页":                "Next",
	"第 %d / %d 页，共 %d 条": "Page %d of %d (total: %d)",
	"第 %d / %d 页，共 %d 件": "Page %d of %d (total: %d)",
	"没有符合条件的信息。":         "No information matches your search.",
	"筛选":                 "Filter",
	"年份":                 "Year",
	"如 2025":             "e.g. 2025",
	"主题分类":               "Topic",
	"全部":                 "All",
	"信息类别":               "Category",
	"含下级机构":              "Include subordinate organisations",
	"订阅本栏目：":             "Subscribe to this section: ",
	"本机构尚未发布政府信息公开指南。": "This organisation has not yet published its disclosure guide.",
	"本机构尚未发布政府信息公开制度。": "This organisation has not yet published its disclosure rules.",
	"机构名称":       "Name of Organisation",
	"机构类型":       "Type of Organisation",
	"%s（%s）":     "%s (%s)",
	"统一社会信用代码":   "Unified Social Credit Code",
	"政府信息公开工作机构": "Government Information Disclosure Office",
	"办公地址":       "Office Address",
	"邮政编码":       "Postcode",
	"办公时间":       "Office Hours",
	"联系电话":       "Telephone",
	"传真":         "Fax",
	"电子邮箱":       "Email",
	"申请方式、受理机构和办理时限请见": "For how and where to apply, and the time limits for a reply, see the ",
	"公民、法人或者其他组织可以依据《中华人民共和国政府信息公开条例》第二十七条的规定，向%s申请获取相关政府信息。":                               "Under Article 27 of the Regulations of the People's Republic of China on Government Information Disclosure, citizens, legal persons and other organisations may apply to %s for government information.",
	"行政机关收到申请后，能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内予以答复，需要延长的，经负责人同意并告知申请人，延长期限最长不超过20个工作日。": "An administrative body that can reply to an application on the spot does so; otherwise it replies within 20 working days of receiving the application. With the approval of the person in charge, and after informing the applicant, it may extend this by at most 20 working days.",

	// The document page.
	"这是预览（第 %d 版，状态：%s），尚未公开。": "This is a preview (version %d, status: %s). It has not been disclosed.",
	"本文件已于 %s 撤回。理由：%s":        "This document was withdrawn on %s. Reason: %s",
	"您正在查看历史版本（第 %d 版）。":       "You are viewing an earlier version (version %d). ",
	"查看现行版本":                   "View the current version",
	"文件信息":                     "Document Details",
	"索引号":                      "Index No.",
	"成文日期":                     "Date Written",
	"（施行日期 %s）":                " (in force from %s)",
	"（失效日期 %s）":                " (expires on %s)",
	"附件":                       "Attachments",
	"相关文件":                     "Related Documents",
	"历史版本":                     "Version History",
	"第 %d 版":                   "Version %d",
	"发布于 %s":                   "published %s",

	// Staff console.
	"用户名": "Username",
	"密码":  "Password",
	"登录":  "Sign in",
	"连续5次密码错误，账号将被锁定15分钟。": "After 5 wrong passwords in a row, the account is locked for 15 minutes.",
	"待公开的主动公开信息 %d 件":      "Awaiting proactive disclosure: %d",
	"其中 %d 件已超过二十个工作日时限":   "past the 20-working-day deadline: %d",
	"待我处理":      "Awaiting My Action",
	"状态":        "Status",
	"版本":        "Version",
	"更新时间":      "Updated",
	"审核意见：":     "Review comment: ",
	"没有待处理的文件。": "No documents awaiting your action.",
	"机构":        "Organisation",
	"修订中":       "being revised",
	"没有文件。":     "No documents.",
	"编辑文件":      "Edit Document",
	"当前版本":      "Current Version",
	"已公开第 %d 版": "version %d disclosed",
	"查看":        "view",
	"审核意见":      "Review Comment",
	"应于 %s 前公开（条例第二十六条：形成之日起20个工作日内）": "To be disclosed by %s (Article 26 of the Regulations: within 20 working days of its creation)",
	"，已逾期":          ", overdue",
	"审核意见 / 撤回理由":   "Review comment / reason for withdrawal",
	"定时发布（留空为立即发布）": "Schedule publication (leave empty to publish now)",
	"（当前状态不可编辑；已发布文件请先“修订”）": " (cannot be edited in its current status; to change a published document, revise it first)",
	"（当前状态不可编辑）":             " (cannot be edited in its current status)",
	"必填":                     "required",
	"如 国办发〔2021〕12号":         "e.g. 国办发〔2021〕12号",
	"栏目":                     "Section",
	"按信息类别自动归入":              "By category (automatic)",
	"规划类型（规划必填）":             "Type of plan (required for plans)",
	"规划期限":                   "Plan Period",
	"形成/变更日期（公开时限起算）":        "Date created or changed (starts the disclosure deadline)",
	"公开方式":                   "Disclosure Mode",
	"不予公开理由":                 "Reason for non-disclosure",
	"施行日期":                   "Date in Force",
	"失效日期":                   "Expiry Date",
	"联合发文机关（每行一个）":           "Co-issuing bodies (one per line)",
	"内容概述":                   "Summary",
	"正文（HTML，保存时自动清除不安全内容）": "Body (HTML; unsafe content is removed on saving)",
	"修订说明": "Revision Note",
	"保存草稿": "Save Draft",
	"删除":   "Delete",
	"暂无附件": "No attachments",
	"上传附件（PDF、OFD、Word、Excel、WPS、图片、文本、ZIP；不超过20 MB）": "Upload an attachment (PDF, OFD, Word, Excel, WPS, image, text or ZIP; 20 MB at most)",
	"上传":             "Upload",
	"关联文件":           "Linked Documents",
	"暂无关联":           "No linked documents",
	"本文件":            "This document",
	"目标文件（索引号或编号）":   "Target document (index no. or ID)",
	"添加关联":           "Add Link",
	"版本与操作记录":        "Versions and Activity",
	"时间":             "Time",
	"操作人":            "By",
	"操作":             "Action",
	"说明":             "Details",
	"机构设置与公开指南":      "Organisation Settings and Disclosure Guide",
	"基本信息":           "Basic Information",
	"（仅管理员可修改）":      " (administrators only)",
	"简称":             "Short Name",
	"独立域名（可选）":       "Own domain name (optional)",
	"公开工作机构":         "Disclosure Office",
	"电话":             "Telephone",
	"政府信息公开指南（HTML）": "Disclosure Guide (HTML)",
	"政府信息公开制度（HTML）": "Disclosure Rules (HTML)",
	"保存":             "Save",
	"主动公开时限":         "Proactive Disclosure Deadlines",
	"主动公开时限（条例第二十六条）": "Proactive Disclosure Deadlines (Article 26 of the Regulations)",
	"条例第二十六条：属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内予以公开。工作日按国务院办公厅节假日安排（含调休）计算。": "Article 26 of the Regulations: government information subject to proactive disclosure shall be disclosed within 20 working days of its creation or change. Working days follow the public holiday arrangements of the General Office of the State Council, including adjusted working days. ",
	"今天是 %s。":       "Today is %s.",
	"形成日期":          "Date Created",
	"最迟公开日期":        "Disclosure Deadline",
	"剩余工作日":         "Working Days Left",
	"已逾期 %d 个工作日":   "Overdue (working days): %d",
	"没有待公开的主动公开信息。": "No information is awaiting proactive disclosure.",
	"依据条例第十七条，信息公开前须经审查；起草人不能审核自己起草的文件。": "Under Article 17 of the Regulations, information must be reviewed before it is disclosed; nobody may review a document they drafted.",
	"计划发布":                  "Scheduled For",
	"提交时间":                  "Submitted",
	"审核队列为空。":               "The review queue is empty.",
	"用户管理":                  "User Management",
	"姓名":                    "Name",
	"角色":                    "Role",
	"启用":                    "Activate",
	"停用":                    "Deactivate",
	"state" + ctxSep + "启用": "Active",
	"state" + ctxSep + "停用": "Inactive",
	"新建用户":                  "New User",
	"初始密码（至少10位，含字母和数字）": "Initial password (at least 10 characters, with letters and digits)",
	"创建": "Create",
	"审计日志只增不改，每条记录包含上一条记录的哈希值；可用以下命令校验整条链：": "The audit log is append-only and each entry contains the hash of the one before; verify the whole chain with ",
	"序号":      "No.",
	"对象":      "Object",
	"哈希":      "Hash",
	"更早的记录 »": "Earlier entries »",

	// Flash messages after a change in the console.
	"已保存草稿": "Draft saved",
	"已保存":   "Saved",
	"已上传附件": "Attachment uploaded",
	"已删除附件": "Attachment deleted",
	"已添加关联": "Link added",
	"已创建用户": "User created",
	"已更新":   "Updated",
	"已送审":   "Submitted for review",
	"已审核通过": "Approved",
	"已退回":   "Returned for changes",
	"已发布":   "Published",
	"已撤回":   "Withdrawn",
	"已修订":   "Revised",
	"编辑：%s": "Edit: %s",
	"预览：%s": "Preview: %s",

	// Genres (disclosure.Genre).
	"规划":       "Plan",
	"政策文件":     "Policy Document",
	"行政规范性文件":  "Administrative Normative Document",
	"规章":       "Government Rules",
	"通知公告":     "Notices and Announcements",
	"财政预决算":    "Budgets and Final Accounts",
	"市场准入负面清单": "Market Access Negative List",
	"执法决定":     "Enforcement Decision",
	"统计信息":     "Statistics",
	"人事信息":     "Personnel Information",
	"应急信息":     "Emergency Information",
	"政策解读":     "Policy Interpretation",
	"政府信息公开年报": "Annual Reports on Disclosure",
	"法律":       "Law",
	"行政法规":     "Administrative Regulation",
	"地方性法规":    "Local Regulation",
	"司法解释":     "Judicial Interpretation",
	"其他":       "Other",

	// Plan kinds (disclosure.PlanKind).
	"五年规划纲要": "Five-Year Plan Outline",
	"国土空间规划": "Territorial Spatial Plan",
	"专项规划":   "Special Plan",
	"区域规划":   "Regional Plan",

	// Validities (disclosure.Validity).
	"有效":   "In Force",
	"失效":   "Expired",
	"废止":   "Repealed",
	"尚未生效": "Not Yet in Force",
	// 已修订 (superseded by a new version) is above, with the flash messages.

	// Disclosure modes (disclosure.Mode).
	"主动公开":  "Proactive Disclosure",
	"依申请公开": "Disclosure on Request",
	"不予公开":  "Not Disclosed",

	// Workflow statuses and actions (disclosure.Status, disclosure.Action); 已发布 and 已撤回 are above.
	"草稿":   "Draft",
	"待审核":  "Awaiting Review",
	"已审核":  "Approved",
	"送审":   "Submit for Review",
	"审核通过": "Approve",
	"退回":   "Return for Changes",
	"发布":   "Publish",
	"撤回":   "Withdraw",
	"修订":   "Revise",

	// Relations (disclosure.RelationKind), as read from either document.
	"relation" + ctxSep + "解读":   "Interprets",
	"relation" + ctxSep + "修改":   "Amends",
	"relation" + ctxSep + "废止":   "Repeals",
	"relation" + ctxSep + "替代":   "Replaces",
	"relation" + ctxSep + "相关解读": "Interpretation",
	"relation" + ctxSep + "被修改":  "Amended by",
	"relation" + ctxSep + "被废止":  "Repealed by",
	"relation" + ctxSep + "被替代":  "Replaced by",

	// Organisation levels and kinds (org.Level, org.Kind).
	"国家":      "National",
	"省级":      "Provincial",
	"市级":      "Municipal",
	"县级":      "County",
	"乡镇（街道）":  "Township (Subdistrict)",
	"人民政府":    "People's Government",
	"政府部门":    "Government Department",
	"公共企事业单位": "Public Institution or Enterprise",

	// Roles (org.Role).
	"管理员":      "Administrator",
	"编辑":       "Editor",
	"审核员":      "Reviewer",
	"依申请公开办理员": "Disclosure-on-Request Officer",
	"监督员":      "Supervisor",

	// Standard columns (disclosure.StandardColumns); 通知公告, 政策解读 and the like are above.
	"政府信息公开指南": "Disclosure Guide",
	"政府信息公开制度": "Disclosure Rules",
	"法定主动公开内容": "Statutory Proactive Disclosure",
	"机构职能":     "Functions and Organisation",
	"法规文件":     "Laws, Rules and Policies",
	"规划信息":     "Plans",
	"行政执法":     "Administrative Law Enforcement",
	"应急管理":     "Emergency Management",

	// Topics (disclosure.Topics); 其他 is above.
	"国务院组织机构":        "Organisation of the State Council",
	"综合政务":           "General Government Affairs",
	"国民经济管理、国有资产监管":  "Economic Management and State Assets Supervision",
	"财政、金融、审计":       "Finance, Banking and Auditing",
	"国土资源、能源":        "Land Resources and Energy",
	"农业、林业、水利":       "Agriculture, Forestry and Water Resources",
	"工业、交通":          "Industry and Transport",
	"商贸、海关、旅游":       "Commerce, Customs and Tourism",
	"市场监管、安全生产监管":    "Market Regulation and Work Safety",
	"城乡建设、环境保护":      "Urban and Rural Development, Environmental Protection",
	"科技、教育":          "Science, Technology and Education",
	"文化、广电、新闻出版":     "Culture, Broadcasting and Publishing",
	"卫生、体育":          "Health and Sport",
	"人口与计划生育、妇女儿童工作": "Population and Family Planning, Women and Children",
	"劳动、人事、监察":       "Labour, Personnel and Supervision",
	"公安、安全、司法":       "Public Security, State Security and Justice",
	"民政、扶贫、救灾":       "Civil Affairs, Poverty Alleviation and Disaster Relief",
	"民族、宗教":          "Ethnic and Religious Affairs",
	"对外事务":           "Foreign Affairs",
	"港澳台侨工作":         "Hong Kong, Macao, Taiwan and Overseas Chinese Affairs",
	"国防":             "National Defence",

	// Messages of errors shown on pages (apperr); messages with data in them stay in Chinese.
	"服务器内部错误，请稍后再试":                    "Internal server error. Please try again later.",
	"表单已过期或来源不明（CSRF 校验失败），请返回刷新后重新提交": "The form has expired or its origin is unknown (CSRF check failed). Please go back, reload the page and submit it again.",
	"请求体须为 application/json":           "The request body must be application/json",
	"无法读取请求体":                          "The request body could not be read",
	"请求体过大":                            "The request body is too large",
	"年份应为四位数字，如 2025":                  "The year must have four digits, e.g. 2025",
	"主题分类过长":                           "The topic is too long",
	"标题关键词过长":                          "The title search is too long",
	"页码无效":                             "Invalid page number",
	"文件不存在":                            "Document not found",
	"文件不存在或尚未公开":                       "The document does not exist or has not been disclosed",
	"文件版本不存在":                          "Version not found",
	"文件版本不存在或尚未公开":                     "The version does not exist or has not been disclosed",
	"附件不存在":                            "Attachment not found",
	"该栏目没有订阅源":                         "This section has no feed",
	"提交的内容过大（附件不能超过20 MB）":             "The submission is too large (attachments may not exceed 20 MB)",
	"登录尝试过于频繁，请稍后再试":                   "Too many sign-in attempts. Please try again later.",
	"您的角色不能起草文件":                       "Your role cannot draft documents",
	"定时发布时间格式无效":                       "Invalid scheduled publication time",
	"附件不能超过20 MB":                      "Attachments may not exceed 20 MB",
	"请选择要上传的文件":                        "Please choose a file to upload",
	"只有本机构管理员可以修改机构设置":                 "Only an administrator of this organisation can change its settings",
	"只有本机构管理员可以管理用户":                   "Only an administrator of this organisation can manage users",
	"请选择角色":                            "Please choose a role",
	"无权修改该用户":                          "You may not change this user",
	"不能停用自己的账号":                        "You cannot deactivate your own account",
	"您的角色不能查看审计日志":                     "Your role cannot view the audit log",
	"机构不存在":                            "Organisation not found",
	"栏目不存在":                            "Section not found",
	"用户不存在":                            "User not found",
	"用户名或密码错误":                         "Wrong username or password",
	"登录失败次数过多，账号已临时锁定，请15分钟后再试": "Too many failed sign-ins: the account is locked. Please try again in 15 minutes.",
	"登录已失效，请重新登录":               "Your session has expired. Please sign in again.",
	"用户名已存在":                    "The username is taken",
	"未知的角色":                     "Unknown role",
	"未知的信息类别":                   "Unknown category",
	"未知的有效性":                    "Unknown validity",
	"年份不合理":                     "Implausible year",
	"分页游标无效":                    "Invalid page cursor",
	"机构名称不能为空，且不超过100字":         "The name of the organisation is required and may have at most 100 characters",
	"机构简称不超过30字":                "The short name may have at most 30 characters",
	"域名格式不正确":                   "Invalid domain name",
	"用户名应为3至32个字符":              "The username must have 3 to 32 characters",
	"用户名只能包含小写字母、数字和 . _ -":     "The username may contain only lower-case letters, digits and . _ -",
	"密码至少10个字符":                 "The password must have at least 10 characters",
	"密码过长":                      "The password is too long",
	"密码须同时包含字母和数字":              "The password must contain both letters and digits",
	"统一社会信用代码或域名已被其他机构使用":       "The unified social credit code or the domain name is used by another organisation",
	"该机构信息已被他人修改，请刷新后重试":        "Someone else has changed this organisation. Please reload and try again.",
	"该域名已被其他机构使用":               "The domain name is used by another organisation",
	"机构的索引号规则无效":                "The organisation's index number rule is invalid",
	"无法生成索引号":                   "No index number could be generated",
	"无权在该机构进行此操作":               "You may not do this in this organisation",
	"索引号重复，请重试":                 "Duplicate index number. Please try again.",
	"文件已被他人修改，您编辑的是旧版本，请刷新后重新编辑": "Someone else has changed the document and you edited an old version. Please reload and edit again.",
	"文件已被他人修改，请刷新后重新编辑":          "Someone else has changed the document. Please reload and edit again.",
	"文件已被他人修改，请刷新后重试":            "Someone else has changed the document. Please reload and try again.",
	"退回修改须填写审核意见":                "A review comment is required to return a document for changes",
	"撤回须填写理由":                    "A reason is required to withdraw a document",
	"不能审核自己起草的文件（审查须由他人进行）":      "You cannot review a document you drafted (the review must be done by someone else)",
	"未知的关联类型":                    "Unknown kind of link",
	"文件不能关联自身":                   "A document cannot be linked to itself",
	"只能向草稿添加附件；已发布的文件请先修订":       "Attachments can be added to drafts only; revise a published document first",
	"只能从草稿删除附件":                  "Attachments can be deleted from drafts only",
	"标题不能为空，且不超过200字":            "The title is required and may have at most 200 characters",
	"规划须选择规划类型（五年规划纲要、国土空间规划、专项规划或区域规划）": "A plan needs a type of plan (five-year plan outline, territorial spatial plan, special plan or regional plan)",
	"规划期限格式应为“2021-2025”": "The plan period must look like “2021-2025”",
	"失效日期须晚于施行日期":         "The expiry date must be after the date in force",
	"成文日期不合理":             "Implausible date written",
	"内容概述不超过500字":         "The summary may have at most 500 characters",
	"正文过长（不超过4 MB）":       "The body is too long (4 MB at most)",
	"联合发文机关不超过20个":        "At most 20 co-issuing bodies",
	"附件文件名不合法":            "Invalid attachment file name",
	"附件为空文件":              "The attachment is empty",

	// Applications for information (依申请公开): the public form, the receipt and the tracking page.
	"在线申请政府信息公开": "Apply for Government Information",
	"在线申请":       "Online Application",
	"查询办理进度":     "Track an Application",
	"受理机关：%s":    "Receiving body: %s",
	"依据《中华人民共和国政府信息公开条例》第二十九条，申请应当包括申请人的姓名或者名称、身份证明、联系方式，申请公开的政府信息的名称、文号或者便于查询的其他特征性描述，以及提供信息的形式要求。带 * 的为必填项。": "Under Article 29 of the Regulations, an application states the applicant's name, proof of identity and contact details; the name, document number or other distinguishing description of the information wanted; and the form in which it is wanted. Fields marked * are required.",
	"您的证件号码、电话等个人信息加密保存，只有受理机关的依申请公开办理人员可以查看；其他任何页面只显示部分号码。":                                                   "Your identity document number, telephone and other personal data are stored encrypted. Only the officers of the receiving body who handle applications can see them; every other page shows them partly hidden.",
	"申请人信息":     "Applicant",
	"申请人类型":     "Type of Applicant",
	"法人或其他组织":   "Legal person or other organisation",
	"姓名或者名称":    "Name of person or organisation",
	"身份证明的证件类型": "Type of identity document",
	"证件号码":      "Document Number",
	"证件":        "Identity Document",
	"联系方式：电话、电子邮箱和通信地址至少填写一项。": "Contact details: give at least one of telephone, email and postal address.",
	"通信地址": "Postal Address",
	"为保护个人信息，提交未成功时证件号码需要重新填写。": "To protect personal data, the document number must be entered again when a submission fails.",
	"所需政府信息": "Information Requested",
	"信息名称":   "Name of the Information",
	"输入时会提示已经主动公开的相似文件；所需信息已经公开的，可以直接检索查阅，无需申请。": "While you type, similar documents that are already public are suggested; information that is already public can be found by searching, without an application.",
	"检索已公开的信息": "Search public information",
	"特征性描述（名称、文号不清楚的，请描述所需信息的内容、形成时间、制作机关等）": "Description (if you do not know the name or document number, describe the content, the date and the body that made it)",
	"特征性描述": "Description",
	"信息名称、文号和特征性描述至少填写一项。": "Give at least one of the name, the document number and the description.",
	"提供形式（条例第二十九条、第四十条）":   "Form of Provision (Articles 29 and 40 of the Regulations)",
	"获取信息的形式":      "Form of the information",
	"获取信息的方式":      "How to receive it",
	"不限":           "Any",
	"纸质文本":         "Paper copy",
	"电子文本":         "Electronic copy",
	"查阅、抄录":        "Inspection and copying by hand",
	"邮寄":           "By post",
	"当面领取":         "Collect in person",
	"网上查看":         "View online",
	"验证（防止自动提交）":   "Check (against automated submissions)",
	"%d 减 %d 等于几？": "What is %d minus %d?",
	"%d 加 %d 等于几？": "What is %d plus %d?",
	"请用数字填写答案。":    "Please answer with a number.",
	"您的浏览器已自动完成验证，可以不回答上面的问题。": "Your browser has completed the check by itself; you need not answer the question above.",
	"提交申请": "Submit Application",
	"已经提交过申请？查询办理进度": "Already applied? Track your application",
	"申请已提交": "Application Submitted",
	"申请已登记": "Application Registered",
	"这份申请此前已经提交，重复提交没有再次登记。": "This application had already been submitted; the repeated submission was not registered again.",
	"申请编号": "Application No.",
	"查询码":  "Query Code",
	"受理机关": "Receiving Body",
	"申请渠道": "Channel",
	"收到日期": "Date Received",
	"答复期限": "Reply Due",
	"暂无":   "None yet",
	"请立即记下或打印申请编号和查询码。": "Write down or print the application number and the query code now. ",
	"查询码只显示这一次，本平台不保存查询码原文，遗失后无法找回。凭申请编号和查询码可以查询办理进度、提交补正和下载答复文件。": "The query code is shown only this once: the platform does not keep it and cannot recover it. With the number and the code you can track the application, send a correction and download the reply's files.",
	"查询码已在首次提交时显示。如未记下，请与受理机关联系。":                                  "The query code was shown when the application was first submitted. If you did not write it down, please contact the receiving body.",
	"请将申请编号和查询码告知申请人（例如随受理回执一并寄送）。":                                "Give the application number and the query code to the applicant (for example with the acknowledgement of receipt).",
	"答复期限的计算":  "How the Reply Date Is Counted",
	"查看申请":     "View the application",
	"申请办理进度查询": "Track an Application",
	"查询":       "Look up",
	"申请编号和查询码见提交申请后的回执。": "The application number and the query code are on the receipt you got when you applied.",
	"办理状态":            "Status",
	"等待补正，补正后重新计算":    "Waiting for a correction; counted afresh once corrected",
	"（暂停尚未结束，届满日将顺延）": " (a pause is still running; the date will move later)",
	"请补正申请":           "Please Correct Your Application",
	"受理机关请您在 %s 前补正以下事项（条例第三十条）：": "The receiving body asks you to correct the following by %s (Article 30 of the Regulations):",
	"补正后的申请内容":  "Your corrected application",
	"提交补正":      "Send Correction",
	"答复":        "Reply",
	"答复结果":      "Decision",
	"答复日期":      "Date of Reply",
	"不予公开部分的理由": "Grounds for the parts withheld",
	"获取信息的方式、途径和时间": "How, where and when to obtain the information",
	"负责公开该信息的机关":    "Body responsible for disclosing the information",
	"无法确定负责公开的机关":   "The responsible body cannot be determined",
	"（联系方式：%s）":     " (contact: %s)",
	"依据":            "Legal Basis",
	"提供的信息":         "Information Provided",
	"下载链接30分钟内有效；过期后请重新查询。": "Download links are valid for 30 minutes; look the application up again for new ones.",
	"办理记录":         "Record of Handling",
	"日期":           "Date",
	"办理步骤":         "Step",
	"查询其他申请":       "Look up another application",
	"需要补正的事项：":     "To be corrected: ",
	"补正期限 %d 个工作日": "Correction period: %d working days",
	"延长 %d 个工作日，经政府信息公开工作机构负责人 %s 同意": "Extended by %d working days with the approval of %s, head of the disclosure office",
	"延迟答复 %d 个工作日": "Reply delayed by %d working days",
	"送达日期：%s":      "Served on %s",
	"应缴金额：%s":      "Amount due: %s",
	"已收到您补正后的申请，答复期限自今日重新计算": "Your corrected application has been received; the reply period now runs from today.",

	// Applications in the console.
	"办理中":  "Open",
	"已超期":  "Overdue",
	"登记申请": "Register an Application",
	"颜色：红色为已超期，黄色为3个工作日内到期，灰色为暂停计时。": "Colours: red is overdue, amber is due within 3 working days, grey is paused.",
	"申请人":        "Applicant",
	"所需信息":       "Information Requested",
	"没有符合条件的申请。": "No applications match.",
	"登记以信函、当面、口头、传真或电子邮件提出的申请。收到日期按条例第三十一条由申请渠道确定：当面提交的为提交之日，需签收的邮寄为签收之日，平常信函为与申请人确认之日，互联网、传真和电子邮件为双方确认之日。": "Register an application made by letter, in person, orally, by fax or by email. Under Article 31 of the Regulations the date of receipt depends on the channel: the day it was handed in; for post that is signed for, the day it was signed for; for an ordinary letter, the day receipt was confirmed with the applicant; for the internet, fax and email, the day both sides confirmed it.",
	"申请渠道和收到日期（条例第三十一条）":               "Channel and Date of Receipt (Article 31 of the Regulations)",
	"提交日期（当面提交、口头提出）":                  "Date handed in (in person, orally)",
	"签收日期（需签收的邮寄）":                     "Date signed for (post that is signed for)",
	"信函到达日期（平常信函，可选）":                  "Date the letter arrived (ordinary letter, optional)",
	"确认日期（平常信函与申请人确认；互联网、传真、电子邮件双方确认）": "Date confirmed (ordinary letter: with the applicant; internet, fax, email: by both sides)",
	"登记":        "Record",
	"申请 %s":     "Application %s",
	"收到日期：%s":   "Received on %s",
	"条例第三十五条提示": "Article 35 of the Regulations",
	"申请人个人信息仅受理机关的依申请公开办理员可见，请勿外传。":         "The applicant's personal data is visible only to the receiving body's officers for applications. Do not pass it on.",
	"申请人个人信息已部分隐藏：只有受理机关的依申请公开办理员可以查看完整信息。": "The applicant's personal data is partly hidden: only the receiving body's officers for applications can see it in full.",
	"申请内容":   "Application",
	"本月申请件数": "Applications This Month",
	"该申请人在收到本申请的自然月内共提出 %d 件申请": "Applications by this applicant in the calendar month of receipt: %d",
	"届满日": "Due Date",
	"期限":  "Period",
	"%d 个工作日（已用 %d，剩余 %d）": "%d working days (used: %d, left: %d)",
	"不计入的工作日":              "Working days not counted",
	"补正期限":                 "Correction Due",
	"补正告知最迟日期":             "Latest Date for a Correction Notice",
	"缴费期限":                 "Payment Due",
	"事由":                   "Reason",
	"开始":                   "From",
	"结束":                   "To",
	"意见或缴费期限":              "Deadline for the opinion or payment",
	"进行中":                  "running",
	"计算过程":                 "How It Was Counted",
	"提供的信息（附件）":            "Information Provided (Files)",
	"登记办理步骤":               "Record a Step",
	"每一步都按条例的规定检查；日期不填的，按今天登记。": "Every step is checked against the Regulations; a step without a date is recorded for today.",
	"告知补正（条例第三十条）":              "Correction Notice (Article 30 of the Regulations)",
	"告知日期":                      "Date of notice",
	"需要补正的事项（每行一项，须一次性告知全部事项）":  "What must be corrected (one item a line; all items at once)",
	"补正期限（工作日，不填按设置）":           "Correction period in working days (empty: the setting)",
	"补正内容；逾期补正的，记录申请人的正当理由":     "The correction; if it came late, the applicant's good reason",
	"延长答复期限（条例第三十三条）":           "Extend the Reply Period (Article 33 of the Regulations)",
	"告知申请人的日期":                  "Date the applicant was told",
	"延长的工作日（最多20个）":             "Working days of extension (at most 20)",
	"同意延期的政府信息公开工作机构负责人":        "Head of the disclosure office who approved it",
	"第三方或被征求意见机关的名称":            "Name of the third party or body consulted",
	"日期（发出征求意见书或收到意见）":          "Date (consultation letter sent, or opinion received)",
	"征求意见书送达日期（不清楚的不填）":         "Date the letter was served (leave empty if unknown)",
	"该申请人在收到本申请的自然月内共提出 %d 件申请。金额按《政府信息公开信息处理费管理办法》的标准自动计算，按件计收与按量计收只能选一种。": "Applications by this applicant in the calendar month of receipt: %d. The amount is computed by the scales of the Measures on Information Processing Fees; charge per item or per volume, never both.",
	"申请人收到通知的日期": "Date the applicant receives the notice",
	"计费方式":       "Method of charging",
	"件数（按件计收；一事一申请拆分后的件数）": "Items (per item: after splitting into one matter per application)",
	"页数（按量计收）":             "Pages (per volume)",
	"缴纳方式":                 "How to pay",
	"计算并登记":                "Compute and Record",
	"备注":                   "Note",
	"确定延迟答复的合理期限（条例第三十五条）": "Set a Reasonable Delayed Period (Article 35 of the Regulations)",
	"延迟的工作日": "Working days of delay",
	"认为申请理由合理、但无法在法定期限内答复的理由": "Why the reasons are accepted but the reply cannot be made in time",
	"答复类型": "Type of Reply",
	"请选择":  "Please choose",
	"具体情形（不予公开、无法提供、不予处理、其他处理须选择）": "Sub-reason (required for withheld, unable to provide, not processed and other)",
	"（无）": "(none)",
	"说明理由（不予公开、部分公开、不属于本机关负责公开等须填写）": "Reasons (required when withholding, disclosing in part or when it is not this body's information)",
	"所申请信息已经主动公开":                   "The information is already proactively disclosed",
	"部分公开中不予公开部分的理由（可多选）":           "Grounds for the parts withheld in a partial disclosure (several allowed)",
	"所申请信息不属于本机关负责公开（条例第三十六条第（五）项）": "The information is not this body's to disclose (Article 36(5) of the Regulations)",
	"负责公开的行政机关名称":                   "Name of the responsible body",
	"负责公开的行政机关联系方式":                 "Contact details of the responsible body",
	"提供的信息（附件，可多选）":                 "Information provided (files; several allowed)",
	"作出答复": "Reply",
	"只有受理机关的依申请公开办理员可以办理本申请。": "Only the receiving body's officers for applications can handle this application.",
	"操作记录": "Activity",
	"已登记":  "Recorded",
	"已答复":  "Replied",

	// Labels of the 依申请公开 domain (package request).
	"自然人":        "Natural person",
	"商业企业":       "Commercial enterprise",
	"科研机构":       "Research institution",
	"社会公益组织":     "Public-interest organisation",
	"法律服务机构":     "Legal services organisation",
	"居民身份证":      "Resident identity card",
	"护照":         "Passport",
	"港澳居民证件":     "Hong Kong or Macao residents' document",
	"台湾居民证件":     "Taiwan residents' document",
	"外国人永久居留身份证": "Foreigner's permanent residence ID card",
	"其他证件":       "Other document",
	"当面提交":       "In person",
	"口头提出":       "Orally",
	"邮寄（需签收）":    "Post that is signed for",
	"平常信函":       "Ordinary letter",
	"互联网":        "Internet",
	"电子邮件":       "Email",
	"收到申请":       "Application received",
	"告知补正":       "Correction notice",
	"收到补正后的申请":   "Corrected application received",
	"逾期未补正":      "Not corrected in time",
	"延长答复期限":     "Reply period extended",
	"确定延迟答复期限":   "Delayed reply period set",
	"征求第三方意见":    "Third party consulted",
	"第三方意见收到":    "Third party's opinion received",
	"征求其他机关意见":   "Other body consulted",
	"其他机关意见收到":   "Other body's opinion received",
	"发出收费通知":     "Fee notice sent",
	"缴纳信息处理费":    "Fee paid",
	"逾期未缴费":      "Fee not paid in time",
	"申请人撤回申请":    "Withdrawn by the applicant",
	"暂停计时":       "Paused",
	"已办结":        "Closed",
	"申请人撤回":      "Withdrawn by the applicant",
	"申请人无正当理由逾期不补正，视为放弃申请": "Not corrected in time without good reason: deemed abandoned",
	"申请人逾期未缴纳信息处理费，视为放弃申请": "Fee not paid in time: deemed abandoned",
	"等待补正":         "waiting for a correction",
	"等待缴纳信息处理费":    "waiting for the fee",
	"不收费":          "No charge",
	"按件计收":         "Per item",
	"按量计收":         "Per volume",
	"予以公开":         "Disclosed",
	"部分公开":         "Disclosed in part",
	"无法提供":         "Unable to provide",
	"不予处理":         "Not processed",
	"其他处理":         "Other",
	"属于国家秘密":       "State secret",
	"其他法律行政法规禁止公开": "Disclosure prohibited by other laws or administrative regulations",
	"危及“三安全一稳定”":   "Would endanger national, public or economic security or social stability",
	"保护第三方合法权益":    "Protection of a third party's lawful rights",
	"属于三类内部事务信息":   "Internal affairs information",
	"属于四类过程性信息":    "Process information",
	"属于行政执法案卷":     "Administrative enforcement files",
	"属于行政查询事项":     "Matters of administrative inquiry",
	"本机关不掌握相关政府信息": "This body does not hold the information",
	"没有现成信息需要另行制作": "No existing information; it would have to be created",
	"补正后申请内容仍不明确":  "Still unclear after correction",
	"信访举报投诉类申请":    "Petition, report or complaint",
	"重复申请":         "Repeated application",
	"要求提供公开出版物":    "Request for public publications",
	"无正当理由大量反复申请":  "Massive or repeated applications without good reason",
	"要求行政机关确认或重新出具已获取信息":                  "Request to confirm or reissue information already obtained",
	"申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请":     "Not corrected in time without good reason; no longer processed",
	"申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请": "Fee not paid as notified; no longer processed",

	// Messages of the application pages and API.
	"提交的内容过大":                                "The submission is too large",
	"提交过于频繁，请稍后再试":                           "Too many submissions. Please try again later.",
	"查询过于频繁，请稍后再试":                           "Too many look-ups. Please try again later.",
	"表单已损坏，请刷新页面后重新填写":                       "The form is damaged. Please reload the page and fill it in again.",
	"请回答验证问题（用于防止自动提交）":                      "Please answer the check question (it prevents automated submissions)",
	"验证信息无效，请回答新的验证问题":                       "The check is invalid. Please answer the new question.",
	"验证问题已过期（30分钟内有效），请回答新的验证问题":             "The check question has expired (it is valid for 30 minutes). Please answer the new question.",
	"验证问题的答案应为数字":                            "The answer must be a number",
	"验证问题回答错误，请重新计算后填写":                      "Wrong answer to the check question. Please work it out again.",
	"该验证问题已经使用过，请回答新的验证问题":                   "This check question has been used already. Please answer the new question.",
	"请选择申请人类型（自然人，或法人、其他组织的类别）":              "Please choose the type of applicant (a natural person, or the kind of legal person or organisation)",
	"请填写申请人的姓名或者名称（条例第二十九条）":                 "Please give the applicant's name (Article 29 of the Regulations)",
	"请选择身份证明的证件类型（条例第二十九条）":                  "Please choose the type of identity document (Article 29 of the Regulations)",
	"请填写身份证明的证件号码（条例第二十九条：申请人应提供身份证明）":       "Please give the number of the identity document (Article 29 of the Regulations: the applicant must prove their identity)",
	"请写明所需政府信息的名称、文号或者便于查询的其他特征性描述（条例第二十九条）": "Please give the name, the document number or another description of the information wanted (Article 29 of the Regulations)",
	"请选择申请渠道":                                "Please choose the channel",
	"收到申请的日期不能晚于今天":                          "The date of receipt cannot be after today",
	"收到申请的日期过早，请核对":                          "The date of receipt is too early; please check it",
	"请填写申请编号和查询码":                            "Please give the application number and the query code",
	"补正内容含有无效字符":                             "The correction contains invalid characters",
	"文件不存在或链接已失效，请重新查询后下载":                   "The file does not exist or the link is no longer valid. Look the application up again to download it.",
	"下载链接已过期，请重新查询后下载":                       "The download link has expired. Look the application up again to download it.",
	"只有依申请公开办理员可以登记申请":                       "Only officers for applications can register applications",
	"申请不存在":              "Application not found",
	"请选择要登记的办理步骤":        "Please choose the step to record",
	"填写的内容含有无效字符或过长":     "The text contains invalid characters or is too long",
	"不能登记今天以后的日期":        "Dates after today cannot be recorded",
	"按量计收须填写提供的页数":       "Charging per volume needs the number of pages",
	"请选择计费方式：按件计收或按量计收":  "Please choose how to charge: per item or per volume",
	"答复日期不能晚于今天":         "The date of reply cannot be after today",
	"无法读取上传的文件":          "The uploaded file could not be read",
	"只有受理机关的办理人员可以办理该申请": "Only the receiving body's officers for applications can handle this application",
	"登记信函、当面、传真或电子邮件提交的申请及其收到日期，须使用依申请公开办理员的访问令牌": "Registering an application made by letter, in person, by fax or by email, and its date of receipt, needs the token of an officer for applications",
	"请给出受理机关的统一社会信用代码 org":                        "Please give the receiving body's unified social credit code in org",
	"请用参数 code 给出查询码":                             "Please give the query code in the parameter code",
	"status 应为 open、overdue 或 all":                "status must be open, overdue or all",
	"limit 应为 1 至 500":                            "limit must be between 1 and 500",
	"无权查看该机构的申请":                                  "You may not see this organisation's applications",
	"申请编号或查询码不正确":                                 "Wrong application number or query code",
	"请至少填写一种联系方式（电话、电子邮箱或通信地址）（条例第二十九条）":          "Please give at least one way to contact you (telephone, email or postal address) (Article 29 of the Regulations)",
	"请填写居民身份证号码":                                  "Please give the resident identity card number",
	"居民身份证号码应为18位":                                "A resident identity card number has 18 characters",
	"居民身份证号码前17位应为数字":                             "The first 17 characters of a resident identity card number are digits",
	"居民身份证号码第18位应为数字或X":                           "The 18th character of a resident identity card number is a digit or X",
	"居民身份证号码中的出生日期无效":                             "The date of birth in the resident identity card number is invalid",
	"居民身份证号码校验位错误，请核对号码":                          "The check character of the resident identity card number is wrong; please check the number",
	"请填写证件号码":                                     "Please give the document number",
	"自然人申请人应提供个人身份证件，不能使用统一社会信用代码":                "A natural person must give a personal identity document, not a unified social credit code",
	"本申请目前没有需要补正的事项":                              "Nothing in this application is waiting for a correction",
	"请填写补正后的申请内容":                                 "Please write the corrected application",
	"补正内容过长（不超过5000字）":                            "The correction is too long (5,000 characters at most)",
	"该申请已被他人处理，请刷新后重试":                            "Someone else has acted on this application. Please reload and try again.",
	"该申请刚刚被处理过，请刷新后重试":                            "The application has just been acted on. Please reload and try again.",
	"只能登记本机关收到的申请":                                "Only applications received by your own body can be registered",
	"只有受理机关的办理人员可以查看申请人信息":                        "Only the receiving body's officers for applications can see the applicant's data",
}
