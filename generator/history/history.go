// Package history reads a handbook's past from git: which commits touched
// each content file, and the files of a tagged version of the handbook (for
// frozen editions).
//
// Page history costs one `git log` run per build, whatever the number of
// pages: Repo.Log lists every commit under a folder with the files it
// touched, and Log.File answers per-page questions from memory. Renames are
// not followed: a page's history starts at its current path.
//
// History is optional. Open explains, as an *Unavailable error, why a
// folder has none: git is not installed, the folder is not inside a git
// repository, the clone is shallow (its history is cut off, so dates would
// be wrong), or the repository has no commits yet. The caller builds the
// site without history and says so once.
package history

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"testing/fstest"
	"time"
)

// Commit is one commit that touched content.
type Commit struct {
	Hash    string
	Date    time.Time // committer date, in the committer's time zone
	Author  string
	Subject string
	// Files are the paths it touched, relative to the source folder
	// ("content/roles/x.md"), sorted.
	Files []string
}

// Log is the history of a folder: its commits newest first, and the
// commits of each file.
type Log struct {
	Commits []*Commit
	files   map[string][]*Commit
}

// File returns the commits that touched the file at p (relative to the
// source folder, "content/roles/x.md"), newest first.
func (l *Log) File(p string) []*Commit {
	if l == nil {
		return nil
	}
	return l.files[p]
}

// Unavailable says why a folder has no history. Reason is one short
// clause, such as "not a git repository".
type Unavailable struct{ Reason string }

func (u *Unavailable) Error() string { return "history: " + u.Reason }

// Repo is the git repository holding a handbook's source folder.
type Repo struct {
	git string // the git binary
	dir string // the source folder
	// prefix is the source folder relative to the work tree's top, with a
	// trailing slash ("" at the top): git reports paths from the top.
	prefix string
}

// Prefix is the source folder's path inside the repository, with a
// trailing slash ("site/"), or "" when the source folder is the top of the
// work tree or r is nil.
func (r *Repo) Prefix() string {
	if r == nil {
		return ""
	}
	return r.prefix
}

// Open returns the repository holding dir, or an *Unavailable error saying
// why dir has no usable history.
func Open(ctx context.Context, dir string) (*Repo, error) {
	bin, err := exec.LookPath("git")
	if err != nil {
		return nil, &Unavailable{Reason: "git is not installed"}
	}
	r := &Repo{git: bin, dir: dir}
	out, err := r.run(ctx, nil, "rev-parse", "--show-prefix", "--is-shallow-repository")
	if err != nil {
		if strings.Contains(err.Error(), "not a git repository") {
			return nil, &Unavailable{Reason: "not a git repository"}
		}
		return nil, &Unavailable{Reason: err.Error()}
	}
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(lines) != 2 {
		return nil, &Unavailable{Reason: fmt.Sprintf("unexpected output of git rev-parse: %q", out)}
	}
	if lines[1] == "true" {
		return nil, &Unavailable{Reason: "shallow clone (fetch the full history with git fetch --unshallow)"}
	}
	r.prefix = lines[0]
	if _, err := r.run(ctx, nil, "rev-parse", "--verify", "--quiet", "HEAD^{commit}"); err != nil {
		return nil, &Unavailable{Reason: "the repository has no commits yet"}
	}
	return r, nil
}

// Log returns the commits reachable from rev ("HEAD", a tag, a hash) that
// touched files under dir (relative to the source folder, "content"), with
// one git run. Commits that touched no file under dir (merges) are left
// out.
func (r *Repo) Log(ctx context.Context, rev, dir string) (*Log, error) {
	cmd := r.command(ctx, nil, "log", "-z", "--name-only", "--no-renames", "--no-color", "--no-show-signature",
		"--format=%x1e%H%x1f%cI%x1f%an%x1f%s", "--end-of-options", rev, "--", dir)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	l, perr := parseLog(bufio.NewReaderSize(stdout, 64<<10), r.prefix)
	if perr != nil {
		_, _ = io.Copy(io.Discard, stdout)
	}
	if err := cmd.Wait(); err != nil {
		return nil, fmt.Errorf("git log %s: %s", rev, firstLine(stderr.String(), err))
	}
	return l, perr
}

// Pending is a Log run in progress (see Start).
type Pending struct {
	done chan struct{}
	log  *Log
	err  error
}

// Start runs Log in the background, so that git works while the caller
// reads and renders content; Wait returns the result.
func (r *Repo) Start(ctx context.Context, rev, dir string) *Pending {
	p := &Pending{done: make(chan struct{})}
	go func() {
		defer close(p.done)
		p.log, p.err = r.Log(ctx, rev, dir)
	}()
	return p
}

// Wait waits for the run to finish and returns its Log.
func (p *Pending) Wait() (*Log, error) {
	<-p.done
	return p.log, p.err
}

// parseLog reads the output of git log -z --name-only with the format
// "\x1e<hash>\x1f<date>\x1f<author>\x1f<subject>": each commit is its
// header, a NUL, a newline, then the files it touched, each ended by NUL.
func parseLog(rd *bufio.Reader, prefix string) (*Log, error) {
	l := &Log{files: map[string][]*Commit{}}
	var c *Commit
	for {
		tok, err := rd.ReadString(0)
		if err == io.EOF && tok == "" {
			break
		}
		if err != nil && err != io.EOF {
			return nil, err
		}
		tok = strings.TrimSuffix(tok, "\x00")
		tok = strings.TrimPrefix(tok, "\n")
		if strings.HasPrefix(tok, "\x1e") {
			f := strings.SplitN(tok[1:], "\x1f", 4)
			if len(f) != 4 {
				return nil, fmt.Errorf("git log: unexpected record %q", tok)
			}
			date, derr := time.Parse(time.RFC3339, f[1])
			if derr != nil {
				return nil, fmt.Errorf("git log: commit %s: %v", f[0], derr)
			}
			c = &Commit{Hash: f[0], Date: date, Author: f[2], Subject: f[3]}
			continue
		}
		if tok == "" || c == nil {
			continue
		}
		p, ok := strings.CutPrefix(tok, prefix)
		if !ok {
			continue
		}
		if len(c.Files) == 0 {
			l.Commits = append(l.Commits, c)
		}
		c.Files = append(c.Files, p)
		l.files[p] = append(l.files[p], c)
		if err == io.EOF {
			break
		}
	}
	for _, c := range l.Commits {
		sort.Strings(c.Files)
	}
	return l, nil
}

// Resolve returns the commit hash that rev (a tag, usually) names, or an
// error saying that it does not exist.
func (r *Repo) Resolve(ctx context.Context, rev string) (string, error) {
	out, err := r.run(ctx, nil, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil {
		return "", fmt.Errorf("%q is not a tag or commit of the repository", rev)
	}
	return strings.TrimSpace(string(out)), nil
}

// Date returns the committer date of commit hash.
func (r *Repo) Date(ctx context.Context, hash string) (time.Time, error) {
	out, err := r.run(ctx, nil, "show", "-s", "--no-show-signature", "--format=%cI", hash)
	if err != nil {
		return time.Time{}, err
	}
	return time.Parse(time.RFC3339, strings.TrimSpace(string(out)))
}

// Tree reads the files of commit hash under the given paths (relative to
// the source folder: "handbook.yaml", "content") into memory, with the
// same paths. Paths absent from the commit are skipped; symbolic links and
// submodules are not followed.
func (r *Repo) Tree(ctx context.Context, hash string, paths ...string) (fstest.MapFS, error) {
	args := []string{"ls-tree", "-r", "-z", "--full-tree", hash, "--"}
	for _, p := range paths {
		args = append(args, r.prefix+p)
	}
	out, err := r.run(ctx, nil, args...)
	if err != nil {
		return nil, err
	}
	type blob struct{ hash, name string }
	var blobs []blob
	for _, rec := range strings.Split(string(out), "\x00") {
		// "<mode> <type> <hash>\t<path>"
		meta, name, ok := strings.Cut(rec, "\t")
		f := strings.Fields(meta)
		if !ok || len(f) != 3 || f[1] != "blob" || f[0] == "120000" {
			continue
		}
		rel, ok := strings.CutPrefix(name, r.prefix)
		if !ok || !fs.ValidPath(rel) {
			continue
		}
		blobs = append(blobs, blob{f[2], rel})
	}
	fsys := fstest.MapFS{}
	if len(blobs) == 0 {
		return fsys, nil
	}
	var in bytes.Buffer
	for _, b := range blobs {
		in.WriteString(b.hash + "\n")
	}
	out, err = r.run(ctx, &in, "cat-file", "--batch")
	if err != nil {
		return nil, err
	}
	for _, b := range blobs {
		// "<hash> blob <size>\n<data>\n"
		header, rest, ok := bytes.Cut(out, []byte("\n"))
		f := strings.Fields(string(header))
		if !ok || len(f) != 3 || f[0] != b.hash {
			return nil, fmt.Errorf("git cat-file: unexpected output for %s", b.name)
		}
		size, err := strconv.Atoi(f[2])
		if err != nil || size+1 > len(rest) {
			return nil, fmt.Errorf("git cat-file: bad size for %s", b.name)
		}
		fsys[b.name] = &fstest.MapFile{Data: rest[:size:size], Mode: 0o644}
		out = rest[size+1:]
	}
	return fsys, nil
}

func (r *Repo) command(ctx context.Context, stdin io.Reader, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, r.git, append([]string{"-C", r.dir, "--literal-pathspecs", "-c", "core.quotePath=off"}, args...)...)
	cmd.Stdin = stdin
	return cmd
}

func (r *Repo) run(ctx context.Context, stdin io.Reader, args ...string) ([]byte, error) {
	cmd := r.command(ctx, stdin, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, errors.New(firstLine(stderr.String(), err))
	}
	return out, nil
}

// firstLine is the first line of git's message, without "fatal: ".
func firstLine(msg string, err error) string {
	msg, _, _ = strings.Cut(strings.TrimSpace(msg), "\n")
	msg = strings.TrimPrefix(msg, "fatal: ")
	if msg == "" {
		return err.Error()
	}
	return msg
}
