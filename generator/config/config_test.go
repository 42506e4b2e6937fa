package config

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, in     string
		wantBase     string
		wantBasePath string
		wantErr      string
	}{
		{name: "empty", in: "", wantBase: "/", wantBasePath: "/"},
		{name: "sub-path", in: "title: T\nbase_url: https://example.com/handbook\n", wantBase: "https://example.com/handbook/", wantBasePath: "/handbook/"},
		{name: "path only", in: "base_url: /docs/", wantBase: "/docs/", wantBasePath: "/docs/"},
		{name: "unknown key", in: "title: T\nbaseurl: x\n", wantErr: `handbook.yaml:2:1: unknown key "baseurl"`},
		{name: "nested unknown key", in: "markdown:\n  unsafe: true\n", wantErr: `handbook.yaml:2:1: unknown key "unsafe"`},
		{name: "bad yaml", in: "title: [\n", wantErr: "handbook.yaml:"},
		{name: "wrong type", in: "params: 3\n", wantErr: "handbook.yaml:1"},
		{name: "bad base", in: "base_url: ftp://x/\n", wantErr: "base URL"},
		{name: "relative base", in: "base_url: docs\n", wantErr: "base URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse(FileName, []byte(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want it to contain %q", err, tt.wantErr)
				}
				if strings.Contains(err.Error(), "\n") {
					t.Errorf("error spans several lines: %q", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.BaseURL != tt.wantBase || c.BasePath() != tt.wantBasePath {
				t.Errorf("base = %q, %q; want %q, %q", c.BaseURL, c.BasePath(), tt.wantBase, tt.wantBasePath)
			}
		})
	}
}

func TestAbsURL(t *testing.T) {
	c := Default()
	if err := c.SetBaseURL("https://example.com/handbook/"); err != nil {
		t.Fatal(err)
	}
	if got, want := c.AbsURL("/roles/x/"), "https://example.com/handbook/roles/x/"; got != want {
		t.Errorf("AbsURL = %q, want %q", got, want)
	}
}
