package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/handbook-dev/handbook/cmd/handbook/internal/profile"
	"github.com/handbook-dev/handbook/cmd/handbook/internal/progress"
	"github.com/handbook-dev/handbook/cmd/handbook/internal/scaffold"
	"github.com/handbook-dev/handbook/generator"
	"github.com/handbook-dev/handbook/generator/devserver"
	"github.com/handbook-dev/handbook/generator/server"
)

// version is set at link time with -ldflags "-X main.version=v1.2.3".
var version = ""

// buildFlags are the flags common to build, serve and check.
type buildFlags struct {
	source, destination, baseURL string
	drafts, quiet, strict        bool
}

func (f *buildFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVarP(&f.source, "source", "s", ".", "site root holding handbook.yaml and content/")
	cmd.Flags().StringVarP(&f.destination, "destination", "d", "public", "output folder (relative to --source; not inside content/ or themes/)")
	cmd.Flags().StringVar(&f.baseURL, "base-url", "", "base URL, overriding handbook.yaml (e.g. https://example.com/handbook/)")
	cmd.Flags().BoolVarP(&f.drafts, "drafts", "D", false, "include pages marked draft: true")
	cmd.Flags().BoolVarP(&f.quiet, "quiet", "q", false, "print nothing on success")
}

func (f *buildFlags) options() generator.Options {
	return generator.Options{Destination: f.destination, BaseURL: f.baseURL, Drafts: f.drafts, Strict: f.strict}
}

// open opens the project of the source folder with opts.
func (f *buildFlags) open(ctx context.Context, opts generator.Options) *generator.Project {
	return generator.Open(ctx, f.source, opts)
}

// registerStrict adds --strict, for the commands that may fail on
// warnings (build and check; serve shows them and keeps serving).
func (f *buildFlags) registerStrict(cmd *cobra.Command) {
	cmd.Flags().BoolVar(&f.strict, "strict", false, "fail on warnings: the ladder lint's findings (docs/lint.md) and broken links under links.on_broken: warn")
}

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "handbook",
		Short: "Build an engineering career handbook from Markdown",
		Long: `handbook turns Markdown content (roles, skills, decision rights, career
paths, guides) into a cross-linked static website.`,
		Example:       "  handbook build\n  handbook serve\n  handbook check",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(
		newBuildCmd(stderr),
		newServeCmd(stdout, stderr),
		newCheckCmd(stdout),
		newNewCmd(stdout),
		newVersionCmd(stdout),
		newSearchCmd(stdout),
	)
	return root
}

func newBuildCmd(stderr io.Writer) *cobra.Command {
	var (
		f          buildFlags
		profileDir string
	)
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Build the site into the destination folder",
		Long: `Build reads handbook.yaml and content/ and writes the site to the
destination (public/ by default). The new output replaces the old one only
when the whole build succeeded. A destination that is a symlink to a
folder keeps the link (the folder it leads to gets the output); a mount
point is written inside. Symbolic links in the source that lead outside it
are errors (docs/security.md). On a terminal, a build that takes more than
a second shows how many pages are done. Warnings (the ladder lint's
findings, broken links under links.on_broken: warn) are printed and do not
fail the build, unless --strict.`,
		Example: "  handbook build\n  handbook build --base-url https://example.com/handbook/ --destination /tmp/site\n  handbook build --profile /tmp/prof && go tool pprof -top /tmp/prof/cpu.pprof",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) (err error) {
			if profileDir != "" {
				stop, err := profile.Start(profileDir)
				if err != nil {
					return err
				}
				defer func() { err = errors.Join(err, stop()) }()
			}
			opts := f.options()
			done := showProgress(&opts, stderr, f.quiet)
			stats, err := f.open(cmd.Context(), opts).Build(cmd.Context())
			done()
			if err != nil {
				return err
			}
			report(stderr, stats, f.quiet)
			return nil
		},
	}
	f.register(cmd)
	f.registerStrict(cmd)
	cmd.Flags().StringVar(&profileDir, "profile", "", "write CPU and memory profiles of the build (cpu.pprof, mem.pprof) into this folder")
	return cmd
}

// showProgress makes a long build show its progress on w, when w is a
// terminal and the build is not quiet. Call the returned func when the
// build ends.
func showProgress(opts *generator.Options, w io.Writer, quiet bool) (done func()) {
	if quiet || !progress.IsTerminal(w) {
		return func() {}
	}
	m := progress.New(w)
	opts.Progress = m.Update
	return m.Done
}

// report prints warnings (always), then notes and the summary line (unless
// quiet).
func report(w io.Writer, stats generator.Stats, quiet bool) {
	for _, warning := range stats.Warnings {
		fmt.Fprintln(w, warning)
	}
	if !quiet {
		for _, note := range stats.Notes {
			fmt.Fprintln(w, note)
		}
		fmt.Fprintln(w, stats)
	}
}

func newCheckCmd(stdout io.Writer) *cobra.Command {
	var (
		f             buildFlags
		updateAnchors bool
	)
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Validate the handbook without writing output",
		Long: `Check runs the whole build in memory and reports every problem it finds,
one per line as file:line:col: message. It writes nothing, except with
--update-anchors, which records the handbook's new anchors in anchors.lock.

It also runs the ladder lint (docs/lint.md): levels that repeat the level
below, decision rights gained that the lower level already holds, skill
importances that drop and career paths that skip a level without a note,
roles without a behaviour for an axis. Its findings are warnings,
"file:line:col: warning: ...", and leave the exit status 0; with --strict
every warning is an error and the exit status is 1.

Draft pages are left out, as build leaves them out; check names the
drafts it did not check. check --drafts checks them as build --drafts
builds them.`,
		Example: "  handbook check\n  handbook check --strict\n  handbook check --source path/to/site\n  handbook check --update-anchors",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if updateAnchors {
				added, err := f.open(cmd.Context(), f.options()).UpdateAnchors(cmd.Context())
				if err != nil {
					return err
				}
				fmt.Fprintf(stdout, "recorded %d new anchors in anchors.lock\n", added)
				return nil
			}
			warnings, drafts, err := f.open(cmd.Context(), f.options()).Check(cmd.Context())
			if err != nil {
				return err
			}
			for _, w := range warnings {
				fmt.Fprintln(stdout, w)
			}
			switch {
			case len(warnings) > 0:
				fmt.Fprintf(stdout, "%d warnings (check --strict fails on them)\n", len(warnings))
			case !f.quiet:
				fmt.Fprintln(stdout, "no problems found")
			}
			if len(drafts) > 0 {
				// Said even when quiet: "no problems" must not pass for
				// the drafts, which build --drafts may still fail on.
				fmt.Fprintf(stdout, "%s not checked: %s (check --drafts checks drafts as build --drafts builds them)\n",
					count(len(drafts), "draft"), strings.Join(drafts, ", "))
			}
			return nil
		},
	}
	f.register(cmd)
	f.registerStrict(cmd)
	cmd.Flags().BoolVar(&updateAnchors, "update-anchors", false, "record new anchors in anchors.lock (removed ones still need an alias)")
	return cmd
}

// count is "1 draft", "2 drafts".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func newServeCmd(stdout, stderr io.Writer) *cobra.Command {
	var (
		f           buildFlags
		bind        string
		port        int
		watch, poll bool
	)
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Build the site and serve it on http://127.0.0.1:1313",
		Long: `Serve builds the site into the destination folder and serves it over
HTTP. It binds to the loopback address unless told otherwise; when the port
is taken it takes the next free one. With --bind 0.0.0.0 or :: it listens on
every interface and prints http://127.0.0.1:PORT/ for this machine's browser.
It answers GET and HEAD requests for its own address, localhost or a loopback
address only (421 Misdirected Request otherwise: a defence against DNS
rebinding; docs/security.md).

With --watch it serves the site from memory (the destination is not
written) and rebuilds it on every save: open pages reload by themselves,
and build errors show in the browser until they are fixed. --poll watches
by polling, where file events do not arrive (network mounts, containers).`,
		Example: "  handbook serve --watch\n  handbook serve --port 8080\n  handbook serve --watch --poll",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if watch || poll {
				return devserver.Run(cmd.Context(), devserver.Options{
					Source: f.source, Build: f.options(), Bind: bind, Port: port, Poll: poll, Log: stderr, Stdout: stdout,
				})
			}
			stats, err := f.open(cmd.Context(), f.options()).Build(cmd.Context())
			if err != nil {
				return err
			}
			report(stderr, stats, f.quiet)
			dest := f.destination
			if !filepath.IsAbs(dest) {
				dest = filepath.Join(f.source, dest)
			}
			root, err := os.OpenRoot(dest)
			if err != nil {
				return err
			}
			defer root.Close()
			l, err := server.Listen(bind, port)
			if err != nil {
				return err
			}
			if warning := server.Exposure(bind, l.Addr()); warning != "" {
				fmt.Fprintln(stderr, warning)
			}
			srv := server.NewHTTPServer(server.NewGuard(bind, server.Handler{FS: root.FS()}), server.Timeouts{})
			all := ""
			if server.IsUnspecified(bind) {
				all = "listening on all interfaces; "
			}
			fmt.Fprintf(stdout, "serving %s at %s (%sCtrl-C to stop)\n", dest, server.BrowserURL(l.Addr()), all)
			errc := make(chan error, 1)
			go func() { errc <- srv.Serve(l) }()
			select {
			case err := <-errc:
				return err
			case <-cmd.Context().Done():
				return srv.Stop(devserver.DefaultGrace)
			}
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&bind, "bind", "127.0.0.1", "interface to listen on")
	cmd.Flags().IntVarP(&port, "port", "p", 1313, "port to listen on")
	cmd.Flags().BoolVarP(&watch, "watch", "w", false, "serve from memory and rebuild on every change")
	cmd.Flags().BoolVar(&poll, "poll", false, "with --watch: find changes by polling instead of file events")
	return cmd
}

func newNewCmd(stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "new",
		Short:   "Create content from a template",
		Example: "  handbook new role platform-engineer\n  handbook new role staff-platform-engineer --from senior-platform-engineer",
	}
	var (
		source string
		opts   scaffold.RoleOptions
	)
	role := &cobra.Command{
		Use:   "role <id>",
		Short: "Write content/roles/<id>.md, a draft role page ready to fill in",
		Long: `New role writes a draft role page (draft: true), valid as written, ready
to fill in. The id is lower-case kebab-case; it becomes the URL /roles/<id>/.

Without --from the page has every section of the content model, at
--track (individual-contributor by default) and --level (3 by default).

With --from <role-id> it starts from the structure of the role it grows
from: that role's track, the level above it (unless --level), a career
path from it, and its behaviour axes, responsibility groups and items,
decision-right tiers, authority areas, KPIs, AI impact lists and body
headings as an outline: that role's text in comments, prompts to replace
beside it. Its skill rows are a comment to copy into the skill files when
the page is published. At that role's own level (--level) the new role is
a specialisation beside it.

The draft builds with build --drafts and passes check --drafts.`,
		Example: "  handbook new role platform-engineer\n  handbook new role engineering-director --track management --level 6\n  handbook new role staff-platform-engineer --from senior-platform-engineer\n  handbook new role senior-platform-engineer --from senior-software-engineer --level 3",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if cmd.Flags().Changed("level") {
				if err := scaffold.CheckLevel(opts.Level); err != nil { // 0 is no default when written
					return err
				}
			}
			path, err := scaffold.Role(source, args[0], opts)
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "created %s\n", path)
			return nil
		},
	}
	role.Flags().StringVarP(&source, "source", "s", ".", "site root holding content/")
	role.Flags().StringVar(&opts.Track, "track", "", "the role's track: individual-contributor, management or adjacent (default individual-contributor, or --from's track)")
	role.Flags().IntVar(&opts.Level, "level", 0, "the role's level, 1 (entry) to 6 (default 3, or the level above --from's)")
	role.Flags().StringVar(&opts.From, "from", "", "id of the role the new one grows from: its structure becomes the draft's outline")
	cmd.AddCommand(role)
	return cmd
}

func newVersionCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print the version of handbook",
		Example: "  handbook version",
		Args:    cobra.NoArgs,
		Run: func(*cobra.Command, []string) {
			fmt.Fprintln(stdout, "handbook", versionString())
		},
	}
}

func versionString() string {
	if version != "" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := info.Main.Version
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v = strings.TrimSpace(v + " " + s.Value[:12])
		}
	}
	return v
}
