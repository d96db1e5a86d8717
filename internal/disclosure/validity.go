package disclosure

import (
	"fmt"
	"strings"
	"time"
)

// Validity is a document's 有效性.
type Validity string

// The validities. A document is in force, expired or repealed as stored by
// staff; expiry and entry into force by date are computed by
// EffectiveValidity, so nobody has to flip them on the day.
const (
	ValidityInForce         Validity = "in_force"          // 有效
	ValidityExpired         Validity = "expired"           // 失效
	ValidityRepealed        Validity = "repealed"          // 废止
	ValidityNotYetEffective Validity = "not_yet_effective" // 尚未生效
	ValidityAmended         Validity = "amended"           // 已修订: superseded by a new version (GLOSSARY: 修订)
)

// Validities lists every validity in display order.
func Validities() []Validity {
	return []Validity{ValidityInForce, ValidityNotYetEffective, ValidityExpired, ValidityRepealed, ValidityAmended}
}

var validityLabels = map[Validity]string{
	ValidityInForce:         "有效",
	ValidityExpired:         "失效",
	ValidityRepealed:        "废止",
	ValidityNotYetEffective: "尚未生效",
	ValidityAmended:         "已修订",
}

// Label returns the Chinese name, or "" if v is unknown.
func (v Validity) Label() string { return validityLabels[v] }

// Valid reports whether v is a known validity.
func (v Validity) Valid() bool { _, ok := validityLabels[v]; return ok }

// A ValidityError says that a string names no validity.
type ValidityError struct {
	Input string
}

func (e *ValidityError) Error() string {
	return fmt.Sprintf("未知的有效性“%s”，可选：有效、尚未生效、失效、废止、已修订", e.Input)
}

// ParseValidity accepts a validity's code or its Chinese label. The error is
// a *ValidityError.
func ParseValidity(s string) (Validity, error) {
	t := strings.TrimSpace(s)
	if v := Validity(strings.ToLower(t)); v.Valid() {
		return v, nil
	}
	for v, l := range validityLabels {
		if t == l {
			return v, nil
		}
	}
	return "", &ValidityError{Input: s}
}

// EffectiveValidity is the validity to show on today's date.
//
// Dates are compared as calendar days (the year, month and day of each value
// in its own location, so pass them all in China's time zone); a zero time, or
// any time before year 1 (such as an unset date converted with time.Date(0, 0,
// 0, …)), means "not set".
//
//   - repealed, amended and expired as stored stay so: they are decisions, not dates;
//   - otherwise (in force, not yet effective, or empty) a document whose expiry
//     date is on or before today is expired; else one whose effective date is
//     after today is not yet effective; else one stored as not yet effective
//     with no effective date stays so; else it is in force.
//
// An unknown stored value is returned unchanged.
func EffectiveValidity(stored Validity, effectiveOn, expiresOn, today time.Time) Validity {
	switch stored {
	case ValidityRepealed, ValidityAmended, ValidityExpired:
		return stored
	case ValidityInForce, ValidityNotYetEffective, "":
	default:
		return stored
	}
	t := dayNumber(today)
	if e := dayNumber(expiresOn); e != 0 && e <= t {
		return ValidityExpired
	}
	if e := dayNumber(effectiveOn); e != 0 {
		if e > t {
			return ValidityNotYetEffective
		}
		return ValidityInForce
	}
	if stored == ValidityNotYetEffective {
		return ValidityNotYetEffective
	}
	return ValidityInForce
}

// dayNumber is the calendar day of t as yyyymmdd, or 0 when t is not set.
func dayNumber(t time.Time) int {
	if t.IsZero() {
		return 0
	}
	y, m, d := t.Date()
	if y < 1 {
		return 0
	}
	return y*10000 + int(m)*100 + d
}

// Mode is how a document is disclosed (公开方式/公开属性).
type Mode string

// The modes.
const (
	ModeProactive    Mode = "proactive"     // 主动公开
	ModeOnRequest    Mode = "on_request"    // 依申请公开
	ModeNotDisclosed Mode = "not_disclosed" // 不予公开: a reason is required
)

// Modes lists every mode in display order.
func Modes() []Mode { return []Mode{ModeProactive, ModeOnRequest, ModeNotDisclosed} }

var modeLabels = map[Mode]string{
	ModeProactive:    "主动公开",
	ModeOnRequest:    "依申请公开",
	ModeNotDisclosed: "不予公开",
}

// Label returns the Chinese name, or "" if m is unknown.
func (m Mode) Label() string { return modeLabels[m] }

// Valid reports whether m is a known mode.
func (m Mode) Valid() bool { _, ok := modeLabels[m]; return ok }

// A ModeError says why a disclosure mode is refused. Error returns a Chinese
// message for users.
type ModeError struct {
	Mode   Mode
	Reason string
}

func (e *ModeError) Error() string { return e.Reason }

// ValidateMode checks a disclosure mode and its reason: 不予公开 needs the
// reason (the legal ground) to be stated. The error is a *ModeError.
func ValidateMode(m Mode, reason string) error {
	if !m.Valid() {
		return &ModeError{Mode: m, Reason: fmt.Sprintf("未知的公开方式“%s”，可选：主动公开、依申请公开、不予公开", m)}
	}
	if m == ModeNotDisclosed && strings.TrimSpace(reason) == "" {
		return &ModeError{Mode: m, Reason: "不予公开须说明理由（依据）"}
	}
	return nil
}
