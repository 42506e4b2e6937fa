package links

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestScanAttrs(t *testing.T) {
	tests := []struct {
		in   string
		want []string // tag.name=value@start:end
	}{
		{`<a href="x.md">`, []string{`a.href=x.md@9:13`}},
		{`<A HREF='x' Class=y id>`, []string{`a.href=x@9:10`, `a.class=y@18:19`, `a.id=@-1:-1`}},
		{"<img\n  src = \"a.png\"\n/>", []string{`img.src=a.png@14:19`}},
		{`<a href="a&amp;b">`, []string{`a.href=a&b@9:16`}},
		{`<!-- <a href="x"> --><b id=c>`, []string{`b.id=c@27:28`}},
		{`<script>"<a href='x'>"</script><i id=z>`, []string{`i.id=z@37:38`}},
		{`<style></STYLE ><i id=z>`, []string{`i.id=z@22:23`}},
		{`a < b and <3 <a/href=x>`, []string{`a.href=x@21:22`}},
		{`</a href="x"><?x href="y"?><!DOCTYPE html>`, nil},
		{`<a href="unclosed`, nil},
		{`<a href=>`, []string{`a.href=@-1:-1`}},
		{`<a =x href=y>`, []string{`a.=x=@-1:-1`, `a.href=y@11:12`}},
		{`<a href`, []string{`a.href=@-1:-1`}},
	}
	for _, tt := range tests {
		var got []string
		scanAttrs([]byte(tt.in), func(a htmlAttr) {
			got = append(got, a.Tag+"."+a.Name+"="+a.Value+"@"+itoa(a.Start)+":"+itoa(a.End))
		})
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("scanAttrs(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func itoa(i int) string {
	if i < 0 {
		return "-" + itoa(-i)
	}
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + itoa(i%10)
}

// FuzzScanAttrs: the scanner never panics, reads its input only, and every
// value it reports is where it says, inside the input.
func FuzzScanAttrs(f *testing.F) {
	for _, s := range []string{`<a href="x.md">`, `<A HREF='x' Class=y id>`, "<img\n src=a.png/>", `<!-- x --><b id=c>`,
		`<script><a href=x></script>`, `<a href="a&amp;b">`, `<a =x>`, `<`, `<a`, `<a href=`, `</`, `<!--`, `<?`, `<textarea></textarea`,
		strings.Repeat("<a ", 1000), strings.Repeat("<script>", 300)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		b := []byte(in)
		orig := bytes.Clone(b)
		scanAttrs(b, func(a htmlAttr) {
			if a.Start == -1 && a.End == -1 {
				return
			}
			if a.Start < 0 || a.End < a.Start || a.End > len(b) {
				t.Fatalf("attribute %+v outside the input of %d bytes", a, len(b))
			}
			if a.Quote != 0 && bytes.IndexByte(b[a.Start:a.End], a.Quote) >= 0 {
				t.Fatalf("quoted value %q holds its quote", b[a.Start:a.End])
			}
			if a.Name == "" || a.Tag == "" {
				t.Fatalf("attribute without a name or tag: %+v", a)
			}
		})
		if !bytes.Equal(b, orig) {
			t.Fatal("input changed")
		}
	})
}
