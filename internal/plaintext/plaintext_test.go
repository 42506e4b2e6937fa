package plaintext

import (
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

func TestOf(t *testing.T) {
	md := goldmark.New(goldmark.WithExtensions(extension.Typographer))
	tests := []struct{ in, want string }{
		{"We won't", "We won’t"},
		{`"Scope" -- and... <<more>>`, "“Scope” – and… «more»"},
		{"AT&amp;T &lt;b&gt; &copy; &#35;", "AT&T <b> © #"},
		{`a\_b\*c\\d`, `a_b*c\d`},
		{"*em* **strong** [link](x) ![img](y)", "em strong link img"},
		{"code `a&amp;b` `it's`", "code a&amp;b it's"},
		{"one\ntwo", "one two"},
		{"a\x00b", "a\uFFFDb"},
	}
	for _, tt := range tests {
		src := []byte(tt.in)
		doc := md.Parser().Parse(text.NewReader(src))
		if got := Of(doc.FirstChild(), src); got != tt.want {
			t.Errorf("Of(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
