package content

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestChangeNotes(t *testing.T) {
	tests := []struct {
		name, in string
		want     []Change
		wantErr  string
	}{
		{name: "notes", in: "---\ntitle: T\nchanges:\n  - date: 2026-03-01\n    note: \"Staff: vendor evaluation moved\"\n  - {date: \"2025-12-24\", note: Reworded.}\n---\n",
			want: []Change{{time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), "Staff: vendor evaluation moved"}, {time.Date(2025, 12, 24, 0, 0, 0, 0, time.UTC), "Reworded."}}},
		{name: "malformed date", in: "---\ntitle: T\nchanges:\n  - date: 2026-3-1\n    note: x\n---\n",
			wantErr: `p.md:4:11: change note date "2026-3-1" is not a date (write the date as YYYY-MM-DD, for example 2026-03-01)`},
		{name: "impossible date", in: "---\nchanges:\n  - date: 2026-02-30\n    note: x\n---\n",
			wantErr: `p.md:3:11: change note date "2026-02-30" is not a date`},
		{name: "no date", in: "---\nchanges:\n  - note: x\n---\n", wantErr: "p.md:3:5: change note has no date"},
		{name: "no note", in: "---\nchanges:\n  - date: 2026-01-01\n---\n", wantErr: "p.md:3:5: change note of 2026-01-01 has no note"},
		{name: "unknown key", in: "---\nchanges:\n  - date: 2026-01-01\n    text: x\n---\n", wantErr: `p.md:4:5: unknown key "text" in a change note`},
		{name: "misspelt key", in: "---\nchanges:\n  - dat: 2026-01-01\n    note: x\n---\n",
			wantErr: `p.md:3:5: unknown key "dat" in a change note (did you mean "date"? write each change as {date: YYYY-MM-DD, note: what changed})`},
		{name: "not a mapping", in: "---\nchanges:\n  - 2026-01-01 reworded\n---\n", wantErr: "p.md:3:5: a change note must be a mapping"},
		{name: "not a list", in: "---\nchanges: yesterday\n---\n", wantErr: `p.md:2:10: changes: cannot use "yesterday" here, want a list of change notes`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse("p.md", []byte(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || strings.Contains(err.Error(), "\n") {
					t.Fatalf("err = %v, want one line containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, f.Front.Changes); diff != "" {
				t.Errorf("changes (-want +got):\n%s", diff)
			}
		})
	}
}
