# handboek: the two commands that matter are `make serve` (or `make build`)
# and `make test`. Every target does its own set-up on a fresh Debian/Ubuntu
# machine with Go installed.

GO      ?= go
BIN     := bin/handboek
PORT    ?= 1313
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X github.com/handboek/handboek/internal/cli.Version=$(VERSION)

.PHONY: all build serve test test-go fuzz deps bench bench-search lint clean handboek cards

all: build

$(BIN): handboek
handboek:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/handboek

## build: build the default handbook into public/
build: handboek
	./$(BIN) build

## serve: build and serve the default handbook with live reload
serve: handboek
	./$(BIN) serve --port $(PORT)

## cards: print the default handbook's cards for a print shop and for A4 (needs Chromium)
cards: handboek
	./$(BIN) cards -o handboek-kaarten.pdf
	./$(BIN) cards --format a4 -o handboek-kaarten-a4.pdf

## deps: install what the browser and PDF tests need (Chromium, poppler-utils, zbar-tools)
deps:
	@./.ci/ensure-deps.sh

## test: run every test (installs Chromium, poppler-utils and zbar-tools when missing):
## first every test that starts no browser (-short) under the race
## detector, then all of them, browser and PDF tests included, then each
## fuzz target for a short while
test: deps
	$(GO) vet ./...
	$(GO) test -race -short -count=1 -timeout 30m ./...
	HANDBOEK_REQUIRE_TOOLS=1 $(GO) test -count=1 -timeout 30m ./...
	HANDBOEK_REQUIRE_TOOLS=1 $(MAKE) --no-print-directory fuzz

## fuzz: run each Go fuzz target for FUZZTIME (their seed corpora, in
## testdata/fuzz/, run with every go test); a failing input is written
## there too, and then fails every go test until it is fixed
FUZZTIME ?= 10s
FUZZ_TARGETS := content:FuzzFrontMatter strictyaml:FuzzDecode server:FuzzCleanPath search:FuzzAnalyzerGoMatchesJS
fuzz:
	@for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; name=$${t##*:}; \
		echo "fuzz: $$name in internal/$$pkg for $(FUZZTIME)"; \
		$(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 2s ./internal/$$pkg || exit 1; \
	done

## bench: the build table (1,000 and 10,000 pages; floor, handboek, Hugo when
## installed: apt-get install -y hugo), then the Go benchmarks of each stage
BENCH_SIZES ?= 1000,10000
bench: handboek
	./$(BIN) bench --sizes $(BENCH_SIZES)
	HANDBOEK_BENCH_SIZES=$(BENCH_SIZES) $(GO) test -run '^$$' -bench . -benchmem -benchtime 3x ./...

## bench-search: what search, and its index alone, add to a build, counted
## in instructions (callgrind: unlike a timed build, not moved by a busy
## machine) on the default handbook and a 1,000-page corpus; needs
## apt-get install -y valgrind
BENCH_SEARCH_SIZES ?= 1000
bench-search: handboek
	./$(BIN) bench --instructions --handbook . --sizes $(BENCH_SEARCH_SIZES) --runs 1

## lint: gofmt and go vet
lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); echo "gofmt: the files above need formatting"; exit 1)
	$(GO) vet ./...

clean:
	rm -rf public bin
