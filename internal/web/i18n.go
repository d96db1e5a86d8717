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
	"约 %d+ 条结果":      "More than %d results",
	"共 %d 条结果":       "%d results",
	"文号匹配":           "Document no. match",
	"没有找到符合条件的信息。可以减少检索词，或去掉筛选条件再试。": "Nothing matched. Try fewer words, or remove a filter.",
	"分类筛选":                 "Refine",
	"（按最新结果估算）":            " (estimated from the newest results)",
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
}
