package web

// English for the pages added to close issue 4: the holiday calendar page (calendar_web.go).

func init() {
	for k, v := range issue4English {
		english[k] = v
	}
}

var issue4English = map[string]string{
	// Art. 32: disclosure over a third party's objection.
	"告知第三方决定公开":         "Third party told of the decision to disclose",
	"决定公开告知书":           "Notice to a Third Party of a Decision to Disclose",
	"第三方不同意公开（条例第三十二条）": "The third party does not agree to disclosure (Art. 32)",
	"第三方的意见和理由":         "The third party's opinion and reasons",
	"不同意公开的第三方":         "Third party that objected",
	"决定公开的政府信息内容：":      "Information to be disclosed: ",
	"第三方不同意公开":          "The third party does not agree to disclosure",
	"告知日期":              "Date of the notice",
	"决定公开的政府信息内容":       "Information to be disclosed",
	"决定公开的理由（不公开可能对公共利益造成重大影响）": "Reasons for disclosure (non-disclosure may seriously affect the public interest)",
	"第三方不同意公开，本机关认为不公开可能对公共利益造成重大影响而决定公开的，应将决定公开的内容和理由书面告知第三方（条例第三十二条）；登记后方可答复予以公开或部分公开，并可生成“决定公开告知书”。": "When a third party objects and the organ decides to disclose because non-disclosure may seriously affect the public interest, it must tell the third party in writing what it will disclose and why (Art. 32). Record it here before replying with disclosure or partial disclosure; the notice to the third party can then be generated.",
	"已按登记的“告知第三方决定公开”填写（条例第三十二条）；告知书寄送第三方，不向申请人显示。":                                                     "Filled in from the recorded notice to the third party (Art. 32); the notice is sent to the third party and not shown to the applicant.",

	"节假日安排": "Official Holidays",
	"各项期限按工作日计算：星期一至星期五，减去国务院办公厅每年节假日安排通知中的放假日，加上通知中的调休上班日。程序内置2019年至2026年的通知；此后各年由最上级机构的管理员在此录入，录入后立即用于所有期限的计算。": "Every period is counted in working days: Monday to Friday, minus the rest days of the State Council's yearly notice on public holidays, plus the weekend days that notice makes working days. The program ships the notices for 2019 to 2026; administrators of a top organisation enter later years here, and every period is counted with them at once.",
	"来源":    "Source",
	"放假日":   "Rest days",
	"调休上班日": "Weekend working days",
	"文件":    "File",
	"工作人员录入（替换内置数据）：%s": "Entered by staff (replaces the shipped data): %s",
	"工作人员录入：%s":         "Entered by staff: %s",
	"%s 于 %s 录入":        "entered by %s on %s",
	"程序内置":              "Shipped with the program",
	"%d.txt":            "%d.txt",
	"未录入年份的计算方式":        "Years not entered",
	"尚未录入国务院办公厅节假日安排通知的年份如何计算工作日：weekends_only（默认，按双休日计算，并在涉及该年的期限旁提示“仅供参考”）或 refuse（不计算，提示先录入该年的通知）。": "How working days are counted in a year whose State Council notice on public holidays has not been entered: weekends_only (the default: weekends only, with a \"for reference only\" warning next to every period that reaches that year) or refuse (nothing is computed; staff are told to enter the notice first).",
	"不计算，提示先录入（refuse）":        "Do not compute; ask for the notice first (refuse)",
	"按双休日计算并提示（weekends_only）": "Count weekends only, with a warning (weekends_only)",
	"保存":         "Save",
	"录入一年的节假日安排": "Enter a year's holidays",
	"只有最上级机构的管理员可以录入节假日安排。": "Only an administrator of a top organisation can enter holidays.",
	"按国务院办公厅通知填写放假日期和调休上班日期，每行一个日期，日期后可写节日名称（如“2027-02-06 春节”，同一节日的后续日期可省略名称）；未列出的日期按星期计算，与节日相邻的普通周末不必填写。也可以上传日历文件（格式见 docs/calendar.md：每行“日期 off|work 名称”）。": "Enter the rest days and the weekend working days of the State Council's notice, one date a line, optionally followed by the holiday's name (\"2027-02-06 春节\"; later dates of the same holiday may leave the name out). Dates not listed follow the weekday rule: ordinary weekends next to a holiday need not be entered. Or upload a calendar file (format in docs/calendar.md: \"date off|work name\" a line).",
	"通知文号":            "Notice number",
	"如：国办发明电〔2026〕7号": "e.g. 国办发明电〔2026〕7号",
	"放假日期（每行一个）":      "Rest days (one a line)",
	"调休上班日期（每行一个）":    "Weekend working days (one a line)",
	"或上传日历文件":         "Or upload a calendar file",
	"替换已有数据（该年已内置或已录入时，确认以本次录入为准）": "Replace existing data (when the year is shipped or already entered, this entry takes its place)",
	"录入":       "Enter",
	"已录入节假日安排": "Holidays entered",
	"已保存设置":    "Setting saved",
	"只有最上级机构的管理员可以录入节假日安排":   "Only an administrator of a top organisation can enter holidays",
	"只有最上级机构的管理员可以修改该设置":     "Only an administrator of a top organisation can change this setting",
	"没有该年的节假日安排":             "There are no holidays for that year",
	"请填写年份":                  "Enter the year",
	"日历文件过大：一年的节假日安排只有几十行":   "The calendar file is too large: a year's holidays are a few dozen lines",
	"请填写放假日期和调休上班日期，或上传日历文件": "Enter the rest days and weekend working days, or upload a calendar file",
}
