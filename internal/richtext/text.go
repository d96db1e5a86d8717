package richtext

import (
	"html"
	"strings"
)

// Text returns the text of already-sanitised HTML for indexing: tags dropped (block tags become
// line breaks), entities decoded. It is much faster than PlainText and must not be used on
// untrusted HTML for display.
func Text(h string) string {
	var b strings.Builder
	b.Grow(len(h))
	inTag := false
	start := 0
	for i := 0; i < len(h); i++ {
		switch c := h[i]; {
		case c == '<' && !inTag:
			b.WriteString(h[start:i])
			inTag = true
			if i+2 < len(h) && (h[i+1] == '/' || h[i+1] == 'b' || h[i+1] == 'p' || h[i+1] == 'h' || h[i+1] == 't') {
				b.WriteByte('\n')
			}
		case c == '>' && inTag:
			inTag = false
			start = i + 1
		}
	}
	if !inTag {
		b.WriteString(h[start:])
	}
	s := b.String()
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	return s
}
