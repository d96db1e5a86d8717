// Package apperr is gongkai's one application error type: a stable machine code for the API,
// a message for people (Chinese), and the HTTP status that goes with the code.
package apperr

import (
	"errors"
	"fmt"
	"net/http"
)

// Code is a stable error code used in the API's {"error":{"code":…}}.
type Code string

const (
	Invalid      Code = "invalid"
	NotFound     Code = "not_found"
	Conflict     Code = "conflict"
	Forbidden    Code = "forbidden"
	Unauthorized Code = "unauthorized"
	TooLarge     Code = "too_large"
	Unsupported  Code = "unsupported_media_type"
	RateLimited  Code = "rate_limited"
	StaleVersion Code = "stale_version"
	Internal     Code = "internal"
)

var statuses = map[Code]int{
	Invalid:      http.StatusBadRequest,
	NotFound:     http.StatusNotFound,
	Conflict:     http.StatusConflict,
	Forbidden:    http.StatusForbidden,
	Unauthorized: http.StatusUnauthorized,
	TooLarge:     http.StatusRequestEntityTooLarge,
	Unsupported:  http.StatusUnsupportedMediaType,
	RateLimited:  http.StatusTooManyRequests,
	StaleVersion: http.StatusConflict,
	Internal:     http.StatusInternalServerError,
}

// Error is an expected failure with a message that can be shown to the user.
type Error struct {
	Code    Code
	Message string
	Field   string // the form field at fault, if any
	Err     error  // the cause, for logs
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.Err }

// New makes an error with a code and a message.
func New(code Code, msg string) *Error { return &Error{Code: code, Message: msg} }

// Newf formats the message.
func Newf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap keeps cause as the reason behind an expected failure.
func Wrap(code Code, msg string, cause error) *Error {
	return &Error{Code: code, Message: msg, Err: cause}
}

// OnField marks the form field at fault.
func (e *Error) OnField(f string) *Error { e.Field = f; return e }

// From returns the *Error in err's chain, or an internal error for anything else.
func From(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Code: Internal, Message: "服务器内部错误，请稍后再试", Err: err}
}

// CodeOf is the code of err (Internal when err is not an *Error).
func CodeOf(err error) Code { return From(err).Code }

// Status is the HTTP status for a code.
func Status(c Code) int {
	if s, ok := statuses[c]; ok {
		return s
	}
	return http.StatusInternalServerError
}
