package scratch

import "testing"

func TestIs(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		// Scratch files.
		{".page.md.swp", true},
		{".page.md.swx", true},
		{"page.md.swp", true},
		{"page.md.swo", true},
		{"page.md.swpx", true},
		{"4913", true},
		{"5036", true},
		{"page.md~", true},
		{"#page.md#", true},
		{".#page.md", true},
		{"page.md___jb_tmp___", true},
		{"page.md___jb_old___", true},
		{"jb_bak___", true},
		{"page.md.tmp", true},
		{"page.md.TMP", true},
		{"page.md.bak", true},
		{"page.md.bck", true},
		{"page.md.orig", true},
		{"page.md.crswap", true},
		{"sedAb12Cd", true},
		{"sed0Q9zzz", true},
		{".!1234!page.md", true},
		{".goutputstream-ABC123", true},
		{".DS_Store", true},
		{".git", true},
		{"~$report.docx", true},
		// Source files.
		{"page.md", false},
		{"_index.md", false},
		{"sed.md", false},
		{"sedimentary", false},
		{"sed-guide.md", false},
		{"sedAb12C", false},
		{"sedAb12Cd.md", false},
		{"4912", false},
		{"04913", false},
		{"2024", false},
		{"#hashtag.md", true},
		{"tmp.md", false},
		{"swp-guide.md", false},
		{"handbook.css", false},
		{"logo.svg", false},
		{"jb_notes.md", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := Is(tt.name); got != tt.want {
			t.Errorf("Is(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
