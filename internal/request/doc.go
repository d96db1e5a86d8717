// Package request is the domain logic of 依申请公开 (disclosure on request,
// 《政府信息公开条例》 Arts. 27–45): who applied and when the application was
// received (applicant.go), the statutory clock as an event log (clock.go),
// the reply decisions with the sub-reasons of the annual report (reply.go),
// the 信息处理费 (fee.go) and the Art. 35 flag for massive or frequent
// applications (abuse.go). Policy settings are in settings.go.
//
// The package is pure: no storage, no HTTP, and no clock of its own. Every
// function that needs "today" takes it as an argument; nothing calls
// time.Now. It imports only the standard library and the sibling domain
// packages workday (working days, LEGAL.md §1.5 and §7) and apperr (typed
// errors with Chinese messages).
//
// Sources: /work/shared/LEGAL.md. Article texts quoted in this package are
// from the 2019 条例 as stored in LawRefBook/Laws,
// 行政法规/政府信息公开条例(2019-04-03).md (commit 6ef77b0a), the source LEGAL.md
// §1 names as CONFIRMED. Where LEGAL.md marks a point INFERENCE or
// UNCONFIRMED, the doc comment here says so.
package request
