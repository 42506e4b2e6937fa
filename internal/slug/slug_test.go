package slug

import "testing"

func TestMake(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"My Page", "my-page"},
		{"on-call", "on-call"},
		{"  Leading and trailing  ", "leading-and-trailing"},
		{"What's new?", "what-s-new"},
		{"Café au lait", "café-au-lait"},
		{"数据 工程", "数据-工程"},
		{"v2.1_notes", "v2-1-notes"},
		{"---", "-"},
		{"", "-"},
	} {
		if got := Make(tt.in); got != tt.want {
			t.Errorf("Make(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPath(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", ""},
		{"Team Notes/My Page", "team-notes/my-page"},
		{"departments/cloud", "departments/cloud"},
		{"a//b", "a/-/b"},
	} {
		if got := Path(tt.in); got != tt.want {
			t.Errorf("Path(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
