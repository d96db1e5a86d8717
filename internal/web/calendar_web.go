package web

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gongkai/internal/apperr"
	"gongkai/internal/org"
	"gongkai/internal/request"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

// The official holiday calendar as data staff extend (issue 4, item 1): the years in force, a
// form or a calendar file to load a year's State Council notice, and the calendar.unknown_year
// setting. Everyone in the console can read the page; administrators of a top organisation
// write (docs/calendar.md).

func (s *Server) calendarRoutes(m *http.ServeMux) {
	m.HandleFunc("GET /console/calendar", s.staff(s.calendarPage))
	m.HandleFunc("POST /console/calendar", s.staff(s.loadCalendar))
	m.HandleFunc("POST /console/calendar/setting", s.staff(s.saveCalendarSetting))
	m.HandleFunc("GET /console/calendar/{year}", s.staff(s.calendarFile))
}

// canLoadCalendar: the calendar is the platform's, so only an administrator of a top
// organisation (one without a parent: the platform's own level) changes it.
func canLoadCalendar(p *org.Principal) bool {
	return p != nil && p.CanWrite(p.Org, org.PermManageOrg) && p.User.Role == org.RoleAdmin && p.Org.ParentID == 0
}

// calendarYearRow is a year in force on the calendar page.
type calendarYearRow struct {
	Year      int
	Loaded    bool // entered by staff (else shipped with the program)
	Replaced  bool // a loaded year that replaces the shipped one
	Notice    string
	LoadedBy  string
	LoadedAt  string
	Off, Work int
}

type calendarView struct {
	Years      []calendarYearRow
	Policy     string
	Policies   []string
	CanEdit    bool
	Form       url.Values
	Warnings   []string
	NextYear   int
	SettingDoc string
}

func (s *Server) calendarData(r *http.Request, form url.Values) (*calendarView, error) {
	ctx := r.Context()
	cal := s.calendar(ctx)
	loaded, err := s.db.CalendarYears(ctx)
	if err != nil {
		return nil, err
	}
	byYear := map[int]store.CalendarYear{}
	for _, y := range loaded {
		byYear[y.Year] = y
	}
	v := &calendarView{Policy: cal.Policy().String(), Policies: []string{workday.WeekendsOnly.String(), workday.Refuse.String()},
		CanEdit: canLoadCalendar(reqCtx(r).principal), Form: form}
	for _, year := range cal.Years() {
		row := calendarYearRow{Year: year}
		if y, ok := byYear[year]; ok && (y.ReplaceEmbedded || !s.cal.Known(year)) {
			row.Loaded, row.Replaced, row.Notice, row.LoadedBy = true, y.ReplaceEmbedded, y.Notice, y.LoadedBy
			row.LoadedAt = y.LoadedAt.In(chinaTZ).Format("2006-01-02 15:04")
		}
		n, _ := cal.Notice(year)
		for _, e := range n.Entries {
			if e.Kind == workday.Off {
				row.Off++
			} else {
				row.Work++
			}
		}
		v.Years = append(v.Years, row)
	}
	today := s.today()
	v.Warnings = cal.Warnings(today, today.AddDays(366))
	v.NextYear = today.Year + 1
	for _, d := range request.DefaultPolicy().Settings() {
		if d.Name == request.SettingUnknownYear {
			v.SettingDoc = d.Description
		}
	}
	if v.Form == nil {
		v.Form = url.Values{"year": {strconv.Itoa(v.NextYear)}}
	}
	return v, nil
}

func (s *Server) calendarPage(w http.ResponseWriter, r *http.Request) {
	v, err := s.calendarData(r, nil)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "console_calendar", s.consolePage(r, "节假日安排", v))
}

func (s *Server) calendarError(w http.ResponseWriter, r *http.Request, form url.Values, err error) {
	v, verr := s.calendarData(r, form)
	if verr != nil {
		s.renderError(w, r, verr)
		return
	}
	pg := s.consolePage(r, "节假日安排", v)
	pg.Error = apperr.From(err)
	s.render(w, r, apperr.Status(pg.Error.Code), "console_calendar", pg)
}

// maxCalendarUpload bounds an uploaded calendar file (a year is a few dozen lines).
const maxCalendarUpload = 64 << 10

func (s *Server) loadCalendar(w http.ResponseWriter, r *http.Request) {
	p := reqCtx(r).principal
	if !canLoadCalendar(p) {
		s.renderError(w, r, apperr.New(apperr.Forbidden, "只有最上级机构的管理员可以录入节假日安排"))
		return
	}
	form := url.Values{}
	for _, k := range []string{"year", "notice", "off", "work", "replace"} {
		form.Set(k, r.PostFormValue(k))
	}
	year, err := strconv.Atoi(strings.TrimSpace(form.Get("year")))
	if err != nil {
		s.calendarError(w, r, form, apperr.New(apperr.Invalid, "请填写年份").OnField("year"))
		return
	}
	notice := form.Get("notice")
	var data workday.YearData
	if file, _, ferr := r.FormFile("file"); ferr == nil {
		body, rerr := io.ReadAll(io.LimitReader(file, maxCalendarUpload+1))
		file.Close()
		switch {
		case rerr != nil:
			err = fmt.Errorf("read calendar upload: %w", rerr)
		case len(body) > maxCalendarUpload:
			err = apperr.New(apperr.TooLarge, "日历文件过大：一年的节假日安排只有几十行").OnField("file")
		default:
			data, err = workday.ParseCalendarFile(year, bytes.NewReader(body))
			if err != nil {
				err = apperr.Wrap(apperr.Invalid, "日历文件有误："+oneLine(err), err).OnField("file")
			}
			if notice == "" {
				notice = workday.NoticeNumber(body)
			}
		}
	} else if !errors.Is(ferr, http.ErrMissingFile) && !errors.Is(ferr, http.ErrNotMultipart) {
		err = fmt.Errorf("calendar upload: %w", ferr)
	} else {
		data, err = calendarFromForm(year, form.Get("off"), form.Get("work"))
	}
	if err != nil {
		s.calendarError(w, r, form, err)
		return
	}
	_, err = s.db.LoadCalendarYear(r.Context(), store.ActorOf(p), p.Org.ID, s.cal,
		store.LoadCalendar{Data: data, Notice: notice, Replace: form.Get("replace") == "1"})
	if err != nil {
		s.calendarError(w, r, form, err)
		return
	}
	http.Redirect(w, r, "/console/calendar?ok=已录入节假日安排", http.StatusSeeOther)
}

// calendarFromForm builds a year's notice from the form: one date a line, "2027-02-06 春节" (the
// name may be left out after the first line of a holiday: it is then the previous line's).
func calendarFromForm(year int, off, work string) (workday.YearData, error) {
	var b strings.Builder
	var where []string // the form line of each line of b
	for _, part := range []struct{ kind, label, text string }{{"off", "放假日期", off}, {"work", "调休上班日期", work}} {
		name := ""
		for i, line := range strings.Split(part.text, "\n") {
			f := strings.Fields(line)
			if len(f) == 0 {
				continue
			}
			if len(f) > 1 {
				name = strings.Join(f[1:], "")
			}
			n := name
			if n == "" {
				n = "节假日"
			}
			fmt.Fprintf(&b, "%s %s %s\n", f[0], part.kind, n)
			where = append(where, fmt.Sprintf("%s第%d行", part.label, i+1))
		}
	}
	if len(where) == 0 {
		return workday.YearData{}, apperr.New(apperr.Invalid, "请填写放假日期和调休上班日期，或上传日历文件").OnField("off")
	}
	y, err := workday.ParseCalendarFile(year, strings.NewReader(b.String()))
	if err == nil {
		return y, nil
	}
	// Name the form's fields and lines instead of the lines of the text built here.
	var msgs []string
	var walk func(error)
	walk = func(e error) {
		var le *workday.LineError
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				walk(x)
			}
		} else if errors.As(e, &le) && le.Line >= 1 && le.Line <= len(where) {
			msgs = append(msgs, where[le.Line-1]+"："+le.Msg)
		} else {
			msgs = append(msgs, e.Error())
		}
	}
	walk(err)
	return workday.YearData{}, apperr.Wrap(apperr.Invalid, strings.Join(msgs, "；"), err).OnField("off")
}

func oneLine(err error) string { return strings.ReplaceAll(err.Error(), "\n", "；") }

func (s *Server) saveCalendarSetting(w http.ResponseWriter, r *http.Request) {
	p := reqCtx(r).principal
	if !canLoadCalendar(p) {
		s.renderError(w, r, apperr.New(apperr.Forbidden, "只有最上级机构的管理员可以修改该设置"))
		return
	}
	if err := s.db.SetPolicySetting(r.Context(), store.ActorOf(p), p.Org.ID, request.SettingUnknownYear, r.PostFormValue("value")); err != nil {
		s.calendarError(w, r, nil, err)
		return
	}
	http.Redirect(w, r, "/console/calendar?ok=已保存设置", http.StatusSeeOther)
}

// calendarFile downloads a year in force as a calendar file (to check it, or correct and reload it).
func (s *Server) calendarFile(w http.ResponseWriter, r *http.Request) {
	year, err := strconv.Atoi(strings.TrimSuffix(r.PathValue("year"), ".txt"))
	if err != nil {
		s.renderError(w, r, apperr.New(apperr.NotFound, "没有该年的节假日安排"))
		return
	}
	n, ok := s.calendar(r.Context()).Notice(year)
	if !ok {
		s.renderError(w, r, apperr.New(apperr.NotFound, "没有该年的节假日安排"))
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%d.txt"`, year))
	io.WriteString(w, workday.Format(n))
}

// chinaTZ shows load times in China's time.
var chinaTZ = time.FixedZone("CST", 8*3600)

// Calendar warnings (workday.Calendar.Warnings) in English.
var calendarWarningsEN = []struct {
	re *regexp.Regexp
	en string
}{
	{regexp.MustCompile(`^(\d+)年的法定节假日安排尚未录入，期限按双休日计算，仅供参考$`),
		"The official holidays for $1 have not been entered yet: the period is counted with weekends only and is for reference only"},
	{regexp.MustCompile(`^(\d+)年至(\d+)年的法定节假日安排尚未录入，期限按双休日计算，仅供参考$`),
		"The official holidays for $1–$2 have not been entered yet: the period is counted with weekends only and is for reference only"},
	{regexp.MustCompile(`^(\d+)年的法定节假日安排尚未录入，无法计算期限，请先录入该年的国务院办公厅通知$`),
		"The official holidays for $1 have not been entered yet: the period cannot be computed; enter the State Council's notice for that year first"},
	{regexp.MustCompile(`^(\d+)年至(\d+)年的法定节假日安排尚未录入，无法计算期限，请先录入该年的国务院办公厅通知$`),
		"The official holidays for $1–$2 have not been entered yet: the period cannot be computed; enter the State Council's notices for those years first"},
	{regexp.MustCompile(`^(\d+)年的法定节假日安排尚未录入，(\d+)年12月下旬如有元旦调休尚未计入，期限仅供参考$`),
		"The official holidays for $1 have not been entered yet: a New Year working-day swap in late December $2, if any, is not counted; the period is for reference only"},
}

// calendarWarningEN translates a calendar warning; an unknown text is returned as it is.
func calendarWarningEN(s string) string {
	for _, w := range calendarWarningsEN {
		if w.re.MatchString(s) {
			return w.re.ReplaceAllString(s, w.en)
		}
	}
	return s
}

// warning shows a calendar warning in the locale.
func (l locale) warning(s string) string {
	if l == en {
		return calendarWarningEN(s)
	}
	return s
}

// warningsEN is the English of a list of calendar warnings (API answers carry both).
func warningsEN(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = calendarWarningEN(w)
	}
	return out
}
