package render

import "testing"

func TestEmbed(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<h2 id="role-summary">Role summary <a class="permalink" href="#role-summary">#</a></h2>`,
			`<h3 id="x--role-summary">Role summary <a class="permalink" href="#x--role-summary">#</a></h3>`},
		{`<p>See <a href="../../skills/go/">Go</a> and <a href="#mission">the mission</a>.</p>`,
			`<p>See <a href="../../skills/go/">Go</a> and <a href="#x--mission">the mission</a>.</p>`},
		{`<h6 id="deep">Deep</h6>`, `<h6 id="x--deep">Deep</h6>`},
		{`<header><hr><p data-id="kept">text</p></header>`, `<header><hr><p data-id="kept">text</p></header>`},
	}
	for _, tt := range tests {
		if got := Embed(tt.in, "x--", 1); got != tt.want {
			t.Errorf("Embed(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}
