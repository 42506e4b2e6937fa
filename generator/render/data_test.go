package render

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestParamsText: the text of front-matter data for search is its
// strings at any depth, in key order, without keys, numbers, dates or
// true and false, and no longer than asked.
func TestParamsText(t *testing.T) {
	tests := []struct {
		name   string
		params map[string]any
		max    int
		want   string
	}{
		{"none", nil, 100, ""},
		{"strings in key order", map[string]any{"team": "Payments", "owner": "Ana"}, 100, "Ana\nPayments\n"},
		{"not text", map[string]any{"level": 3, "ratio": 0.5, "open": true, "since": time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), "none": nil}, 100, ""},
		{"lists and mappings", map[string]any{
			"levels": []any{
				map[string]any{"name": "EM1", "criteria": map[string]any{"delivery": []any{"Ships on time."}, "people": []any{"Runs one-on-ones.", 7}}},
			},
			"tags": []any{"a", "b"},
		}, 100, "Ships on time.\nRuns one-on-ones.\nEM1\na\nb\n"},
		{"keys that are not text", map[string]any{"grid": map[any]any{2: "two", 1: "one"}}, 100, "one\ntwo\n"},
		{"blank strings", map[string]any{"a": "  ", "b": " x "}, 100, "x\n"},
		{"capped", map[string]any{"a": "first", "b": "second", "c": "third"}, 8, "first\nsecond\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, ParamsText(tt.params, tt.max)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
