// Package gittest builds throwaway git repositories for tests: commits
// with fixed dates and authors, tags, shallow clones. It runs git with the
// user's and the system's configuration switched off, so a test gives the
// same hashes on every machine.
package gittest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Repo is a git work tree in a temporary folder.
type Repo struct {
	t   testing.TB
	Dir string
}

// New runs git init in a new temporary folder.
func New(t testing.TB) *Repo {
	t.Helper()
	r := &Repo{t: t, Dir: t.TempDir()}
	r.Git(time.Time{}, "init", "-q", "-b", "main")
	return r
}

// Env is the environment git runs with: no global or system configuration,
// a fixed identity, and date as the author and committer date when set.
func Env(date time.Time) []string {
	env := append(os.Environ(),
		"GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=Ada Author", "GIT_AUTHOR_EMAIL=ada@example.com",
		"GIT_COMMITTER_NAME=Ada Author", "GIT_COMMITTER_EMAIL=ada@example.com",
		"LC_ALL=C",
	)
	if !date.IsZero() {
		d := date.Format(time.RFC3339)
		env = append(env, "GIT_AUTHOR_DATE="+d, "GIT_COMMITTER_DATE="+d)
	}
	return env
}

// Git runs git in the repository and returns its output; it fails the test
// when git fails.
func (r *Repo) Git(date time.Time, args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", append([]string{"-C", r.Dir}, args...)...)
	cmd.Env = Env(date)
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// Write writes files (slash-separated paths to contents) into the work
// tree; an empty content removes the file.
func (r *Repo) Write(files map[string]string) {
	r.t.Helper()
	for name, data := range files {
		p := filepath.Join(r.Dir, filepath.FromSlash(name))
		if data == "" {
			if err := os.Remove(p); err != nil {
				r.t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			r.t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			r.t.Fatal(err)
		}
	}
}

// Commit writes files, stages everything and commits it at date with the
// message; it returns the commit's hash.
func (r *Repo) Commit(date time.Time, message string, files map[string]string) string {
	r.t.Helper()
	r.Write(files)
	r.Git(date, "add", "-A")
	r.Git(date, "commit", "-q", "--allow-empty", "-m", message)
	return r.Git(date, "rev-parse", "HEAD")
}

// Tag tags HEAD with an annotated tag.
func (r *Repo) Tag(date time.Time, name string) {
	r.t.Helper()
	r.Git(date, "tag", "-a", "-m", name, name)
}

// ShallowClone clones the repository with --depth 1 into a new temporary
// folder and returns it.
func (r *Repo) ShallowClone() string {
	r.t.Helper()
	dir := filepath.Join(r.t.TempDir(), "clone")
	cmd := exec.Command("git", "clone", "-q", "--depth", "1", "file://"+filepath.ToSlash(r.Dir), dir)
	cmd.Env = Env(time.Time{})
	if out, err := cmd.CombinedOutput(); err != nil {
		r.t.Fatalf("git clone --depth 1: %v\n%s", err, out)
	}
	return dir
}

// Day returns midnight UTC plus hours of a date written as 2006-01-02.
func Day(date string, hours int) time.Time {
	d, err := time.Parse("2006-01-02", date)
	if err != nil {
		panic(err)
	}
	return d.Add(time.Duration(hours) * time.Hour)
}
