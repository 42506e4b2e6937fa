package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/handbook-dev/handbook/generator/search"
)

func newSearchCmd(stdout io.Writer) *cobra.Command {
	var (
		f       buildFlags
		asJSON  bool
		noCache bool
		options search.Options
	)
	cmd := &cobra.Command{
		Use:   "search <query>",
		Short: "Search the handbook from the terminal",
		Long: `Search builds the handbook in memory (no earlier build is needed) and prints
the sections that best match the query, ranked as the site's search box
ranks them: title, section and URL of each. --json prints them as a JSON
array for scripts.

The index is kept in the user's cache folder (` + "`$XDG_CACHE_HOME/handbook`" + `), and
the next search opens it without building when no source file, option,
commit or handbook binary changed since; --no-cache builds anyway.`,
		Example: "  handbook search on-call\n  handbook search \"decision rights staff\" --limit 3\n  handbook search mentoring --kind role --level 3 --json",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			query := strings.Join(args, " ")
			if err := options.Check(); err != nil {
				return flagError(err)
			}
			opts := f.options()
			if !noCache {
				opts.SearchCache = searchCacheDir(f.source)
			}
			s, base, err := f.open(cmd.Context(), opts).Search(cmd.Context())
			if err != nil {
				return err
			}
			if err := s.Validate(options); err != nil {
				return flagError(err)
			}
			results, err := s.Search(query, options)
			if err != nil {
				return err
			}
			for i := range results {
				results[i].URL = strings.TrimSuffix(base, "/") + results[i].URL
			}
			if asJSON {
				if results == nil {
					results = []search.Result{}
				}
				enc := json.NewEncoder(stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(results)
			}
			if len(results) == 0 {
				fmt.Fprintf(stdout, "no results for %q\n", query)
				return nil
			}
			for i, r := range results {
				title := r.Page
				if r.Section != "" {
					title += " › " + r.Section
				}
				fmt.Fprintf(stdout, "%d. %s\n   %s\n", i+1, title, r.URL)
				if r.Snippet != "" {
					fmt.Fprintf(stdout, "   %s\n", r.Snippet)
				}
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&f.source, "source", "s", ".", "site root holding handbook.yaml and content/")
	cmd.Flags().StringVar(&f.baseURL, "base-url", "", "base URL of the printed links, overriding handbook.yaml")
	cmd.Flags().BoolVarP(&f.drafts, "drafts", "D", false, "include pages marked draft: true")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the results as JSON")
	cmd.Flags().BoolVar(&noCache, "no-cache", false, "build the index even when the cached one is current")
	cmd.Flags().IntVarP(&options.Limit, "limit", "n", search.DefaultLimit,
		fmt.Sprintf("number of results, 1 to %d (0: the default)", search.MaxLimit))
	cmd.Flags().StringVar(&options.Kind, "kind", "", "only this kind of page: "+strings.Join(search.Kinds, ", "))
	cmd.Flags().StringVar(&options.Track, "track", "", `only roles of this track, by its title ("Individual contributor")`)
	cmd.Flags().StringVar(&options.Level, "level", "", "only roles of this level, a number the handbook's roles have (3)")
	return cmd
}

// flagError words a search.OptionError as the flag the user typed:
// `--kind "bogus" is not a kind of page (want one of role, skill, ...)`.
func flagError(err error) error {
	var oe *search.OptionError
	if !errors.As(err, &oe) {
		return err
	}
	return fmt.Errorf("--%s %s %s (want %s)", oe.Field, oe.Value, oe.Msg, oe.Valid)
}

// searchCacheDir is the folder where searches of the source folder keep
// their index: one per source folder under the user's cache folder; ""
// (no cache) when there is no cache folder.
func searchCacheDir(source string) string {
	base, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	abs, err := filepath.Abs(source)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(base, "handbook", "search", hex.EncodeToString(sum[:8]))
}
