package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"gongkai/internal/apperr"
	"gongkai/internal/org"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

// Reminders before due dates (依申请公开): the background job records them
// (store.RecordRequestReminders); a request handler sees the unread count in the console's
// navigation, lists them on /console/reminders and marks them read there or through the API.
// Supervisors keep seeing overdue applications across their subtree on the lists.

func init() {
	for k, v := range requestGapsEnglish {
		english[k] = v
	}
}

// reminderRoutes registers the reminder pages and API (api registers an API route).
func (s *Server) reminderRoutes(m *http.ServeMux, api func(string, http.HandlerFunc)) {
	m.HandleFunc("GET /console/reminders", s.staff(s.remindersPage))
	m.HandleFunc("POST /console/reminders/read", s.staff(s.markRemindersRead))
	api("GET /api/v1/requests/reminders", s.apiReminders)
	api("POST /api/v1/requests/reminders/read", s.apiMarkRemindersRead)
}

// remindersView is the reminder page's data.
type remindersView struct {
	Reminders []store.RequestReminder
	Unread    int
	All       bool     // showing read ones too
	Warnings  []string // calendar warnings for the due dates listed
}

func (s *Server) remindersPage(w http.ResponseWriter, r *http.Request) {
	p := reqCtx(r).principal
	if !p.User.Role.Can(org.PermHandleRequest) {
		s.renderError(w, r, apperr.New(apperr.Forbidden, "只有依申请公开办理员可以查看到期提醒"))
		return
	}
	v := &remindersView{All: r.URL.Query().Get("all") == "1"}
	var err error
	if v.Reminders, err = s.db.RequestReminders(r.Context(), p, store.ReminderFilter{Unread: !v.All, Limit: 200}); err != nil {
		s.renderError(w, r, err)
		return
	}
	if v.Unread, err = s.db.UnreadReminderCount(r.Context(), p); err != nil {
		s.renderError(w, r, err)
		return
	}
	cal := s.calendar(r.Context())
	for _, m := range v.Reminders {
		for _, w := range cal.Warnings(m.DueOn, m.DueOn) {
			if !slices.Contains(v.Warnings, w) {
				v.Warnings = append(v.Warnings, w)
			}
		}
	}
	s.render(w, r, http.StatusOK, "console_reminders", s.consolePage(r, "到期提醒", v))
}

// reminderIDs reads the ids of reminders to mark ("" or none: all).
func reminderIDs(vals []string) ([]int64, error) {
	var ids []int64
	for _, v := range vals {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id < 1 {
			return nil, apperr.New(apperr.Invalid, "提醒编号无效").OnField("ids")
		}
		ids = append(ids, id)
	}
	return ids, nil
}

func (s *Server) markRemindersRead(w http.ResponseWriter, r *http.Request) {
	p := reqCtx(r).principal
	ids, err := reminderIDs(r.PostForm["id"])
	if err == nil && len(ids) == 0 && r.PostFormValue("all") != "1" {
		err = apperr.New(apperr.Invalid, "请选择要标记为已读的提醒").OnField("ids")
	}
	if err == nil {
		_, err = s.db.MarkRemindersRead(r.Context(), p, ids)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/console/reminders?ok=已标记为已读", http.StatusSeeOther)
}

func reminderJSON(m store.RequestReminder, cal *workday.Calendar) map[string]any {
	warn := nonNil(cal.Warnings(m.DueOn, m.DueOn))
	return map[string]any{"warnings": warn, "warnings_en": warningsEN(warn), "id": m.ID, "request_id": m.RequestID, "number": m.Number, "info_name": m.InfoName, "kind": m.Kind,
		"label": m.Kind.Label(), "due_date": dateString(m.DueOn), "left_workdays": m.DaysLeft, "message": m.Message,
		"created_on": dateString(m.CreatedOn), "read": m.Read}
}

func (s *Server) apiReminders(w http.ResponseWriter, r *http.Request) {
	p, err := apiPrincipal(r)
	if err != nil {
		apiError(w, err)
		return
	}
	q := r.URL.Query()
	f := store.ReminderFilter{Limit: 100}
	switch q.Get("unread") {
	case "", "0", "false":
	case "1", "true":
		f.Unread = true
	default:
		apiError(w, apperr.New(apperr.Invalid, "unread 应为 1 或 0").OnField("unread"))
		return
	}
	if l := q.Get("limit"); l != "" {
		if f.Limit, err = strconv.Atoi(l); err != nil || f.Limit < 1 || f.Limit > 500 {
			apiError(w, apperr.New(apperr.Invalid, "limit 应为 1 至 500").OnField("limit"))
			return
		}
	}
	list, err := s.db.RequestReminders(r.Context(), p, f)
	if err != nil {
		apiError(w, err)
		return
	}
	unread, err := s.db.UnreadReminderCount(r.Context(), p)
	if err != nil {
		apiError(w, err)
		return
	}
	out := []map[string]any{}
	cal := s.calendar(r.Context())
	for _, m := range list {
		out = append(out, reminderJSON(m, cal))
	}
	writeJSON(w, http.StatusOK, map[string]any{"unread": unread, "reminders": out})
}

func (s *Server) apiMarkRemindersRead(w http.ResponseWriter, r *http.Request) {
	p, err := apiPrincipal(r)
	if err != nil {
		apiError(w, err)
		return
	}
	var in struct {
		IDs []int64 `json:"ids"`
	}
	if r.ContentLength != 0 {
		if err := decodeJSON(r, 64<<10, &in); err != nil {
			apiError(w, err)
			return
		}
	}
	for _, id := range in.IDs {
		if id < 1 {
			apiError(w, apperr.New(apperr.Invalid, "提醒编号无效").OnField("ids"))
			return
		}
	}
	n, err := s.db.MarkRemindersRead(r.Context(), p, in.IDs)
	if err != nil {
		apiError(w, err)
		return
	}
	unread, err := s.db.UnreadReminderCount(r.Context(), p)
	if err != nil {
		apiError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"marked": n, "unread": unread})
}

// requestGapsEnglish is the English of the reminder pages and of the other texts added with
// them (the fee basis, the corrected description, the notice-template audit).
var requestGapsEnglish = map[string]string{
	"到期提醒": "Due-Date Reminders",
	"提醒":   "Reminders",
	"只有依申请公开办理员可以查看到期提醒": "Only request handlers can see due-date reminders",
	"提醒编号无效":          "Invalid reminder id",
	"unread 应为 1 或 0": "unread must be 1 or 0",
	"请选择要标记为已读的提醒":    "Choose the reminders to mark as read",
	"已标记为已读":          "Marked as read",
	"未读提醒":            "Unread reminders",
	"全部提醒":            "All reminders",
	"提醒内容":            "Reminder",
	"提醒日期":            "Date",
	"标记为已读":           "Mark as read",
	"全部标记为已读":         "Mark all as read",
	"已读":              "Read",
	"未读":              "Unread",
	"没有未读的到期提醒。":      "No unread due-date reminders.",
	"没有到期提醒。":         "No due-date reminders.",
	"%d 条未读":          "%d unread",
	"提醒（%d）":          "Reminders (%d)",
	"已超过答复期限":         "Past the reply deadline",
	"答复期限届满前%d个工作日":   "%d working days before the reply deadline",
	"提醒由后台任务在答复期限届满前若干个工作日（设置 reminder.days_before）和超期第一天各记录一次，发给受理机关的依申请公开办理员。": "A background job records each reminder once, a set number of working days before the reply deadline (setting reminder.days_before) and on the first day overdue, for the request handlers of the receiving organisation.",
	"补正后的申请内容（填写的，取代申请的特征性描述；原内容保留在办理记录中）":                                       "Corrected application (if given, it replaces the description of the information; the original stays in the log)",
	"备注；逾期补正的，记录申请人的正当理由":                                                        "Note; for a late correction, the applicant's good reason",
	"补正后的申请内容：": "Corrected application: ",
	"原申请内容：":    "Original application: ",
	"补正后的申请内容含有无效字符或过长（不超过5000字）":                            "The corrected application contains invalid characters or is too long (at most 5,000 characters)",
	"按量计收的页数档次：按同一申请人一个自然月累计（设置 fee.pages_scope = month）。":   "Page bands of the charge by volume: counted over one applicant's calendar month (setting fee.pages_scope = month).",
	"按量计收的页数档次：按每件申请单独计算（设置 fee.pages_scope = application）。": "Page bands of the charge by volume: counted for each application on its own (setting fee.pages_scope = application).",
	"本月在本申请之前收到该申请人的申请 %d 件，共计 %d 件（按件计收的累计）；其中按量计收的共 %d 页。": "Earlier this month %d applications of this applicant were received, counting %d items (the running count of the charge per item); those charged by volume total %d pages.",
	"本申请的页数从本月第 %d 页起计。":                                     "This application's pages are counted from page %d of the month.",
	"计费结果：%s，%d 件，%d 页，金额 %s。":                               "Fee assessment: %s, %d items, %d pages, amount %s.",
	"金额为零的不发收费通知，只登记计费结果，计入本月累计。":                            "When the amount is zero no fee notice is sent; the assessment is recorded and counts in the month.",
	"按标准本件无需收费，不发收费通知；已登记计费结果，计入该申请人本月的累计":                   "Nothing to pay under the scales, so no fee notice; the assessment is recorded and counts in the applicant's month",
	"收费通知与计费结果不一致":                                           "The fee notice does not match the assessment",
	"需要收费的，请发出收费通知":                                          "When there is something to pay, send a fee notice",
}
