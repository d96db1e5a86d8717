package disclosure

import (
	"bytes"
	"testing"

	"gongkai/internal/apperr"
)

func TestCheckAttachment(t *testing.T) {
	pdf := []byte("%PDF-1.7\n…")
	tests := []struct {
		name     string
		data     []byte
		wantCode apperr.Code
		wantType string
	}{
		{"预算表.pdf", pdf, "", "application/pdf"},
		{`C:\Users\x\附件1.PDF`, pdf, "", "application/pdf"},
		{"说明.txt", []byte("一、预算编制说明"), "", "text/plain; charset=utf-8"},
		{"evil.pdf", []byte("<html><script>alert(1)</script>"), apperr.Unsupported, ""},
		{"evil.html", []byte("<html>"), apperr.Unsupported, ""},
		{"a.docx", []byte("PK\x03\x04 not really office"), apperr.Unsupported, ""},
		{"a.docx", []byte("PK\x03\x04....word/document.xml"), "", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{"empty.pdf", nil, apperr.Invalid, ""},
		{"big.pdf", append(append([]byte{}, pdf...), bytes.Repeat([]byte("x"), MaxAttachmentSize)...), apperr.TooLarge, ""},
		{"", pdf, apperr.Invalid, ""},
		{"photo.png", []byte("\x89PNG\r\n\x1a\nabc"), "", "image/png"},
		{"photo.png", []byte("GIF89a"), apperr.Unsupported, ""},
	}
	for _, tt := range tests {
		_, ct, err := CheckAttachment(tt.name, tt.data)
		if tt.wantCode == "" {
			if err != nil || ct != tt.wantType {
				t.Errorf("CheckAttachment(%q) = %q, %v; want %q", tt.name, ct, err, tt.wantType)
			}
			continue
		}
		if apperr.CodeOf(err) != tt.wantCode {
			t.Errorf("CheckAttachment(%q) error %v, want code %s", tt.name, err, tt.wantCode)
		}
	}
}
