package scaffold

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator/content"
)

func TestRole(t *testing.T) {
	dir := t.TempDir()
	p, err := Role(dir, "platform-engineer")
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	f, err := content.Parse(p, data)
	if err != nil {
		t.Fatalf("scaffold does not parse: %v", err)
	}
	if f.Front.Title != "Platform Engineer" || f.Front.ID != "platform-engineer" {
		t.Errorf("front = %+v", f.Front)
	}
	if _, err := Role(dir, "platform-engineer"); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("second write: %v", err)
	}
	for _, bad := range []string{"Platform", "a b", "../x", "", "-x"} {
		if _, err := Role(dir, bad); err == nil {
			t.Errorf("id %q accepted", bad)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "x.md")); err == nil {
		t.Error("wrote outside content/roles")
	}
}
