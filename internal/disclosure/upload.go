package disclosure

import (
	"bytes"
	"net/http"
	"path"
	"strings"
	"unicode/utf8"

	"gongkai/internal/apperr"
)

// MaxAttachmentSize is the largest attachment accepted.
const MaxAttachmentSize = 20 << 20

// attachment types accepted, by extension, with what the content must look like.
var attachmentTypes = map[string]struct {
	contentType string
	magic       func([]byte) bool
}{
	".pdf":  {"application/pdf", prefix("%PDF-")},
	".docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", zipWith("word/")},
	".xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", zipWith("xl/")},
	".pptx": {"application/vnd.openxmlformats-officedocument.presentationml.presentation", zipWith("ppt/")},
	".doc":  {"application/msword", prefix("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")},
	".xls":  {"application/vnd.ms-excel", prefix("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")},
	".ofd":  {"application/ofd", prefix("PK\x03\x04")},
	".wps":  {"application/vnd.ms-works", prefix("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")},
	".zip":  {"application/zip", prefix("PK\x03\x04")},
	".png":  {"image/png", prefix("\x89PNG\r\n\x1a\n")},
	".jpg":  {"image/jpeg", prefix("\xFF\xD8\xFF")},
	".jpeg": {"image/jpeg", prefix("\xFF\xD8\xFF")},
	".txt":  {"text/plain; charset=utf-8", isText},
	".csv":  {"text/csv; charset=utf-8", isText},
}

func prefix(p string) func([]byte) bool {
	return func(b []byte) bool { return bytes.HasPrefix(b, []byte(p)) }
}

// zipWith checks for a ZIP whose central directory names a member under dir (OOXML parts).
func zipWith(dir string) func([]byte) bool {
	return func(b []byte) bool {
		return bytes.HasPrefix(b, []byte("PK\x03\x04")) && bytes.Contains(b, []byte(dir))
	}
}

func isText(b []byte) bool {
	if !utf8.Valid(b) {
		return false
	}
	ct := http.DetectContentType(b)
	return strings.HasPrefix(ct, "text/plain")
}

// CheckAttachment validates an upload by name, size and content, and returns the content type
// to serve it with. A file whose content does not match its extension is refused.
func CheckAttachment(name string, data []byte) (cleanName, contentType string, err error) {
	cleanName = strings.TrimSpace(path.Base(strings.ReplaceAll(name, `\`, "/")))
	if cleanName == "" || cleanName == "." || cleanName == "/" || utf8.RuneCountInString(cleanName) > 120 || strings.ContainsAny(cleanName, "\x00\r\n\"") {
		return "", "", apperr.New(apperr.Invalid, "附件文件名不合法").OnField("file")
	}
	if len(data) == 0 {
		return "", "", apperr.New(apperr.Invalid, "附件为空文件").OnField("file")
	}
	if len(data) > MaxAttachmentSize {
		return "", "", apperr.New(apperr.TooLarge, "附件不能超过20 MB").OnField("file")
	}
	ext := strings.ToLower(path.Ext(cleanName))
	t, ok := attachmentTypes[ext]
	if !ok {
		return "", "", apperr.Newf(apperr.Unsupported, "不支持的附件类型“%s”；可上传 PDF、OFD、Word、Excel、WPS、图片、文本或 ZIP 文件", ext).OnField("file")
	}
	if !t.magic(data) {
		return "", "", apperr.Newf(apperr.Unsupported, "附件内容与扩展名“%s”不符，已拒绝", ext).OnField("file")
	}
	return cleanName, t.contentType, nil
}
