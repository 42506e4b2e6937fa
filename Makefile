# handbook: `make serve` to read the handbook, `make test` to run every test.
GO      ?= go
BIN     := bin/handbook
VERSION := $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)

.PHONY: all build site serve test lint fuzz golden screenshots clean browser-deps race-deps bench bench-build bench-large bench-go bench-search bench-serve bench-history hugo-dep

all: build

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/handbook

site: build
	./$(BIN) build

serve: build
	./$(BIN) serve --watch

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

# Every package runs under the race detector but the browser tests, whose
# Go side only drives Chromium: under -race they took 527 of CI's 674 s.
# The code they exercise (devserver, livereload, the builds) is raced by
# its own packages' tests.
BROWSER_PKG := ./internal/browser/
test: lint browser-deps race-deps
	$(GO) test -race -count=1 -timeout 30m $$($(GO) list ./... | grep -v '/internal/browser$$')
	$(GO) test -count=1 -timeout 30m $(BROWSER_PKG)
	$(GO) test -run '^$$' -bench '$(GO_BENCH)' -benchtime=1x $(GO_BENCH_PKGS)
	@# The handbook itself checks clean, ladder lint included (docs/lint.md).
	$(MAKE) --no-print-directory build
	./$(BIN) check --strict

# Performance (docs/performance.md). `make bench` runs every benchmark;
# each adds its own prerequisite line, so it stays one aggregate target.
bench: bench-build

# Full builds of synthetic handbooks of 1,000 and 10,000 pages against
# goldmark alone and hugo: time, pages/s, peak RSS, rebuild after an edit,
# search bytes of a first query. Installs Debian's hugo when missing.
bench-build: hugo-dep
	$(GO) run ./internal/corpus/cmd/bench -sizes 1000,10000

# The same at 10,000 and 100,000 pages, to show how time and memory grow
# (about 15 minutes on two CPUs).
bench-large: hugo-dep
	$(GO) run ./internal/corpus/cmd/bench -sizes 10000,100000 -runs 1 -edits 3

# The Go benchmarks of the hot paths, for a closer look than bench-build:
# page conversion, link resolution, template execution, a whole build in
# memory, `handbook search` from its cache, the search index after an edit
# in serve, search text extraction. `make test` runs each once
# (-benchtime=1x) so they keep working.
GO_BENCH      := ^Benchmark(Convert|Resolve|Check|Relative|Page|Generate|SearchCached|RebuildSearch|ExtractSections)$$
GO_BENCH_PKGS := ./generator/ ./generator/markdown/ ./generator/links/ ./generator/render/ ./generator/search/
bench-go:
	$(GO) test -run '^$$' -bench '$(GO_BENCH)' -benchmem $(GO_BENCH_PKGS)

# Search (docs/search.md): index build, query time and first-query bytes on
# a synthetic 10,000-page handbook, the real handbook's index size, and the
# keystroke-to-results time of search.js in headless Chromium.
bench: bench-search
bench-search: browser-deps
	$(GO) test -run '^$$' -bench 'Build10k|FirstQuery10k|RealIndex' -benchtime=1x ./generator/search/
	$(GO) test -run '^$$' -bench 'Query10k' ./generator/search/
	$(GO) test -run '^$$' -bench 'SearchKeystroke10k' -benchtime=1x ./internal/browser/

# Live reload (docs/serve.md): from a save to the reload message leaving
# `handbook serve --watch`, then from a save to the new text painted in
# Chromium (the page open and scrolled half-way), median and 95th
# percentile, on this handbook and on a synthetic 10,000-page one (a few
# minutes: the big one is built whole first); on the big one, from a save
# to a query of the served search index finding the new text; then
# serve's resident memory at 10,000 pages after the first build and after
# 200 saves spread over 100 pages (about five minutes, alone in its
# process).
bench: bench-serve
bench-serve: browser-deps
	$(GO) test -run '^$$' -bench 'SaveToReload|SaveToSearch' -benchtime 20x -timeout 30m ./generator/devserver/
	$(GO) test -run '^$$' -bench 'SaveToScreen' -benchtime 20x -timeout 30m ./internal/browser/
	$(GO) test -run '^$$' -bench 'ServeMemory' -benchtime 1x -timeout 30m ./generator/devserver/

# Page history (docs/history.md): the one git log of a build and the
# history step on a 10,000-page handbook with 10,001 commits, and whole
# builds of it with and without history (about five minutes).
bench: bench-history
bench-history:
	$(GO) test -run '^$$' -bench 'BenchmarkHistory' -benchtime 3x -timeout 30m ./generator/

hugo-dep:
	@if ! command -v hugo >/dev/null 2>&1; then \
		if [ "$$(id -u)" -eq 0 ]; then sudo=; else sudo=sudo; fi; \
		echo "installing hugo for the comparison"; \
		$$sudo apt-get update && \
		$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends hugo || \
		echo "no hugo: the comparison is left out"; \
	fi

# The race detector needs cgo, so a C compiler: Debian's gcc when the one
# `go env CC` names is missing.
race-deps:
	@if ! command -v "$$($(GO) env CC)" >/dev/null 2>&1; then \
		if [ "$$(id -u)" -eq 0 ]; then sudo=; else sudo=sudo; fi; \
		echo "installing gcc: go test -race needs a C compiler (cgo)"; \
		$$sudo apt-get update && \
		$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends gcc libc6-dev; \
	fi

# Headless Chromium for the browser tests (internal/browser), from Debian's
# packages when it is missing; HANDBOOK_CHROMIUM names another browser. And
# axe-core for the accessibility test, with npm (from Debian when missing)
# into the git-ignored testdata/npm/; the test also installs it itself.
AXE_CORE := axe-core@4.14.1
AXE_JS   := testdata/npm/node_modules/axe-core/axe.min.js
browser-deps:
	@if [ -z "$$HANDBOOK_CHROMIUM" ] && ! command -v chromium >/dev/null 2>&1; then \
		if [ "$$(id -u)" -eq 0 ]; then sudo=; else sudo=sudo; fi; \
		echo "installing chromium for the browser tests"; \
		$$sudo apt-get update && \
		$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; \
	fi
	@if [ ! -f $(AXE_JS) ]; then \
		if ! command -v npm >/dev/null 2>&1; then \
			if [ "$$(id -u)" -eq 0 ]; then sudo=; else sudo=sudo; fi; \
			echo "installing npm for the accessibility test"; \
			$$sudo apt-get update && \
			$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends npm; \
		fi; \
		echo "installing $(AXE_CORE) for the accessibility test"; \
		npm install --prefix testdata/npm --no-audit --no-fund $(AXE_CORE); \
	fi

# The browser tests with the gallery of screenshots: every kind of page at
# 375 and 1280 px in both themes, into testdata/artifacts/ (docs/reader.md).
# `make test` leaves the gallery out: it doubled TestHandbookPages' time.
screenshots: browser-deps
	HANDBOOK_SCREENSHOTS=1 $(GO) test -count=1 -timeout 30m -run '^TestHandbookPages$$' $(BROWSER_PKG)

# A short fuzzing run of every fuzz target (every func Fuzz of the
# repository: internal/makefile's test fails when one is missing here);
# the seeds also run in `make test`.
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime 30s ./generator/content/
	$(GO) test -run '^$$' -fuzz '^FuzzReader$$' -fuzztime 30s ./generator/content/
	$(GO) test -run '^$$' -fuzz '^FuzzConvert$$' -fuzztime 30s ./generator/markdown/
	$(GO) test -run '^$$' -fuzz '^FuzzShortRefs$$' -fuzztime 30s ./generator/links/
	$(GO) test -run '^$$' -fuzz '^FuzzScanAttrs$$' -fuzztime 30s ./generator/links/
	$(GO) test -run '^$$' -fuzz '^FuzzLink$$' -fuzztime 30s ./generator/glossary/
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime 30s ./generator/anchors/
	$(GO) test -run '^$$' -fuzz '^FuzzLoad$$' -fuzztime 30s -fuzzminimizetime 3s ./generator/career/
	$(GO) test -run '^$$' -fuzz '^FuzzParseQuery$$' -fuzztime 30s ./generator/search/
	$(GO) test -run '^$$' -fuzz '^FuzzTokens$$' -fuzztime 30s ./generator/search/
	$(GO) test -run '^$$' -fuzz '^FuzzExtractSections$$' -fuzztime 30s ./generator/search/
	$(GO) test -run '^$$' -fuzz '^FuzzSearch$$' -fuzztime 30s ./generator/search/
	$(GO) test -run '^$$' -fuzz '^FuzzJSONString$$' -fuzztime 30s ./generator/search/
	$(GO) test -run '^$$' -fuzz '^FuzzClean$$' -fuzztime 30s ./generator/search/
	$(GO) test -run '^$$' -fuzz '^FuzzTruncateText$$' -fuzztime 30s ./generator/search/
	$(GO) test -run '^$$' -fuzz '^FuzzSeparation$$' -fuzztime 30s ./internal/yamltab/
	@# Incremental rebuilds against fresh builds: 50,000 random edits
	@# (`make test` runs 3,000), about 10 minutes on two CPUs.
	HANDBOOK_EDITS=50000 $(GO) test -count=1 -timeout 2h -run '^TestRebuildRandom$$' ./generator/

# Refresh the golden files: every package whose tests take -update
# (internal/makefile's test fails when one is missing here).
golden:
	$(GO) test ./cmd/handbook/ ./generator/ ./generator/career/ ./generator/links/ ./generator/markdown/ ./generator/search/ -update

clean:
	rm -rf bin public
