package search

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// lawsPath is the shared laws-lawrefbook data set (not part of the
// repository).
const lawsPath = "/work/shared/data/laws-lawrefbook/laws.jsonl.gz"

var (
	paragraphOnce sync.Once
	paragraph     string
)

// benchParagraph returns 1,600 characters of real legal text: the start of
// the body of the first law in the data set that has that much, with
// headings and line breaks as they are. The benchmark is skipped when the
// data set is absent.
func benchParagraph(b *testing.B) string {
	paragraphOnce.Do(func() {
		f, err := os.Open(lawsPath)
		if err != nil {
			return
		}
		defer f.Close()
		z, err := gzip.NewReader(f)
		if err != nil {
			return
		}
		sc := bufio.NewScanner(z)
		sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
		for sc.Scan() {
			var law struct{ Text string }
			if json.Unmarshal(sc.Bytes(), &law) != nil {
				continue
			}
			if rs := []rune(law.Text); len(rs) >= 1600 {
				paragraph = string(rs[:1600])
				return
			}
		}
	})
	if paragraph == "" {
		b.Skip("laws data set not available at " + lawsPath)
	}
	return paragraph
}

func BenchmarkTokens(b *testing.B) {
	text := benchParagraph(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		_ = Tokens(text)
	}
}

func BenchmarkAppendTokens(b *testing.B) {
	text := benchParagraph(b)
	buf := make([]Token, 0, 2048)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		buf = AppendTokens(buf[:0], text)
	}
}

func BenchmarkTokenText(b *testing.B) {
	text := benchParagraph(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		_ = TokenText(text)
	}
}

// BenchmarkTokensTraditional measures the slow path of Normalize: the same
// paragraph with every simplified character of the table turned back into
// a traditional one.
func BenchmarkTokensTraditional(b *testing.B) {
	text := benchParagraph(b)
	back := make(map[rune]rune, len(t2s))
	for k, v := range t2s {
		back[v] = k
	}
	text = strings.Map(func(r rune) rune {
		if t, ok := back[r]; ok {
			return t
		}
		return r
	}, text)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		_ = Tokens(text)
	}
}

func BenchmarkParseQuery(b *testing.B) {
	for _, q := range []string{"预算", `"政务公开" -预算 title:规划 国办发[2021]12号`, strings.Repeat("各级人民政府应当加强政务公开", 18)} {
		b.Run("runes="+strconv.Itoa(utf8.RuneCountInString(q)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = ParseQuery(q)
			}
		})
	}
}

func BenchmarkSnippet(b *testing.B) {
	text := benchParagraph(b)
	q, _ := ParseQuery("人民政府 管理")
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		_ = Snippet(text, q, 160)
	}
}
