// Package notice makes the formal notices (告知书) of 依申请公开 from editable
// templates, as printable HTML pages and as DOCX files that LibreOffice, WPS
// and Word open:
//
//   - acknowledgement: 政府信息公开申请登记回执 (条例 Art. 31 receipt date, Art. 33 due date);
//   - correction: 补正申请告知书, every item at once with the period and its last day (Art. 30);
//   - extension: 延期答复告知书, with the approver and the new due date (Art. 33);
//   - third_party: 征求第三方意见书, addressed to the third party, 15 working days (Art. 32);
//   - fee: 收取信息处理费通知书 (Art. 42, 国办函〔2020〕109号; LEGAL.md §2.1);
//   - reply: 政府信息公开申请答复书, whose body follows the reply type and
//     sub-reason of request.Reply (Arts. 36–39), quotes the legal basis
//     (request.Reply.LegalBasis), names the responsible organ (Art. 36(5)) and
//     always states the remedy (行政复议 within 60 days, 行政诉讼 within 6 months).
//
// Templates. Each kind has a default template embedded from templates/*.tmpl
// (DefaultTemplate). An organisation may replace it with its own edited text
// in the same language: html/template with the functions cnDate (workday.Date
// → "2025年9月28日"), yuan (fen → "5500.00元") and join; the data is Data,
// whose methods (LegalBasis, Adverse…) may be called too. ParseTemplate
// checks an edited text before it is saved: syntax, unknown fields (by
// executing it against sample data of every reply variant), the HTML subset
// the DOCX converter understands, and that the notice keeps its number and
// date (and, for a reply, the remedy).
//
// The HTML subset (the same for templates and DOCX): h1–h3, p, br, strong/b,
// em/i, u, span, div, ol/ul/li and a simple table (table, thead, tbody, tr,
// th, td); attributes class, align and style="text-align:…" only. Paragraph
// classes: "no" (文书编号, top right), "to" (addressee, no indent), "sign" and
// "date" (signature block, right), "right", "center", "noindent", "contact"
// (ragged right, for lines with long e-mail addresses) and "newpage" (starts
// a new page, e.g. a tear-off reply slip).
//
// Render gives the notice's body fragment, Page wraps it in a complete A4
// document for printing, DOCX converts the body to WordprocessingML, and
// Build does the three at once for storing with the application. Number
// makes the notice number. The package is pure: no storage, no clock.
package notice
