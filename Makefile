# Production OS. The two set-up commands are `make run` and `make test`.
SHELL := /bin/bash
GO ?= go
export CGO_ENABLED := 1

WEBDIST := cmd/prodos/webdist

.PHONY: run test bench web fmt-check vet test-plain test-ebiten wasm deps-run deps-test

## run: start the House Design Game (installs its Debian packages first).
## Without an X display it serves the browser build with prodos serve instead.
run: deps-run
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ]; then \
	  echo "No X display here, so the desktop game cannot open a window."; \
	  echo "Starting the classroom server with the browser build instead: open the address below in a browser."; \
	  echo "(For the desktop game, run from a desktop session, use ssh -X, or: xvfb-run -a $(GO) run ./cmd/housegame)"; \
	  $(MAKE) --no-print-directory web && $(GO) run ./cmd/prodos serve $(SERVE_FLAGS); \
	else \
	  $(GO) run ./cmd/housegame; \
	fi

## web: build the browser game into cmd/prodos/webdist (served by prodos serve)
web:
	GOOS=js GOARCH=wasm CGO_ENABLED=0 $(GO) build -trimpath -ldflags="-s -w" -o $(WEBDIST)/housegame.wasm ./cmd/housegame
	gzip -9 -f $(WEBDIST)/housegame.wasm
	cp "$$($(GO) env GOROOT)/lib/wasm/wasm_exec.js" $(WEBDIST)/wasm_exec.js
	cp cmd/prodos/websrc/index.html $(WEBDIST)/index.html
	@echo "web build: $$(du -h $(WEBDIST)/housegame.wasm.gz | cut -f1) gzip-compressed wasm in $(WEBDIST)"

## test: every check and test (gofmt, vet, race tests, Xvfb game tests, wasm build)
test: deps-test fmt-check vet test-plain test-ebiten wasm
	@echo "make test: all checks passed"

deps-run:
	@.ci/deps run

deps-test:
	@.ci/deps test

fmt-check:
	@bad=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$bad" ]; then echo "gofmt would change:"; echo "$$bad"; exit 1; fi

vet:
	$(GO) vet ./...

test-plain:
	$(GO) test -race -count=1 $$(.ci/packages plain)

test-ebiten:
	@pkgs=$$(.ci/packages ebiten); \
	if [ -n "$$pkgs" ]; then xvfb-run -a $(GO) test -count=1 $$pkgs; fi

wasm:
	GOOS=js GOARCH=wasm CGO_ENABLED=0 $(GO) build -o /dev/null ./cmd/housegame

## bench: every benchmark, with its figures
bench: deps-test
	$(GO) test -run '^$$' -bench . -benchmem $$(.ci/packages plain)
	@pkgs=$$(.ci/packages ebiten); \
	if [ -n "$$pkgs" ]; then xvfb-run -a $(GO) test -run '^$$' -bench . -benchmem $$pkgs; fi
	@echo "== game frame time, 2,000-module design, Xvfb software rendering (target 60 fps: 16.7 ms)"
	xvfb-run -a -s "-screen 0 1280x720x24" $(GO) run ./cmd/housegame --bench-frames 600 --design game/testdata/bench-2000.toml
	@echo "== game frame time, isometric 3D view of the same design"
	xvfb-run -a -s "-screen 0 1280x720x24" $(GO) run ./cmd/housegame --bench-frames 600 --design game/testdata/bench-2000.toml --view iso
	@echo "== browser build size (target: at most 6 MB gzip-compressed)"
	@$(MAKE) --no-print-directory web
	@echo "== production quality per example design"
	@for f in designs/examples/*.toml; do \
	  echo "-- $$f"; \
	  $(GO) run ./cmd/prodos jobs $$f | grep -E "vs (lower|kerf-aware|length|LP cost)|used vs"; \
	  $(GO) run ./cmd/prodos schedule $$f | grep -E "Makespan /|Person-hours per"; \
	  $(GO) run ./cmd/prodos schedule $$f --crew 24 | grep -E "Makespan /"; \
	done
