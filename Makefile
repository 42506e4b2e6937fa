# handbook: `make serve` to read the handbook, `make test` to run every test.
GO      ?= go
BIN     := bin/handbook
VERSION := $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)

.PHONY: all build site serve test lint fuzz golden clean browser-deps

all: build

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/handbook

site: build
	./$(BIN) build

serve: build
	./$(BIN) serve

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

test: lint browser-deps
	$(GO) test -race -count=1 ./...

# Headless Chromium for the browser tests (generator/browser), from Debian's
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

# A short fuzzing run of every parser; the seeds also run in `make test`.
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime 30s ./generator/content/
	$(GO) test -run '^$$' -fuzz FuzzConvert -fuzztime 30s ./generator/markdown/
	$(GO) test -run '^$$' -fuzz FuzzShortRefs -fuzztime 30s ./generator/links/
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime 30s ./generator/anchors/
	$(GO) test -run '^$$' -fuzz FuzzLoad -fuzztime 30s -fuzzminimizetime 3s ./generator/career/

# Refresh the golden files of the packages that have them.
golden:
	$(GO) test ./generator/ ./generator/markdown/ ./generator/links/ ./generator/career/ -update

clean:
	rm -rf bin public
