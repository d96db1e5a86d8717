// Package richtext sanitises the HTML that staff write, so that no stored script reaches a reader.
package richtext

import (
	"regexp"
	"strings"
	"sync"

	"github.com/microcosm-cc/bluemonday"
)

var (
	once   sync.Once
	policy *bluemonday.Policy
)

func build() {
	p := bluemonday.UGCPolicy()
	// Official documents use tables with merged cells, and alignment of headings and signatures.
	p.AllowAttrs("colspan", "rowspan").OnElements("td", "th")
	p.AllowAttrs("align").Matching(regexp.MustCompile(`^(left|right|center|justify)$`)).OnElements("p", "td", "th", "div", "h1", "h2", "h3", "h4")
	p.AllowElements("figure", "figcaption")
	p.RequireNoFollowOnLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(false)
	policy = p
}

// Sanitize returns html with everything unsafe removed.
func Sanitize(html string) string {
	once.Do(build)
	return strings.TrimSpace(policy.Sanitize(html))
}

// PlainText strips all markup, for summaries and search.
func PlainText(html string) string {
	s := bluemonday.StrictPolicy().Sanitize(html)
	s = strings.NewReplacer("&nbsp;", " ", "&amp;", "&", "&lt;", "<", "&gt;", ">", "&#34;", `"`, "&#39;", "'").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}
