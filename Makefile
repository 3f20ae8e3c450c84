# parity's front door. `make parity` is the main job, `make test` is what CI runs.
SHELL      := /bin/bash
GO         ?= go
BIN        := bin/parity
OUT        ?= out
TARGET     ?= emulator
SUITE      ?=
FOCUS      ?=
LISTEN     ?= 127.0.0.1:4566
# The real-AWS recordings `parity reference` checks the emulator against; the
# report includes the check when the directory exists.
REFERENCE_DIR ?= ../shared/aws-reference
export GOFLAGS := -buildvcs=false

.PHONY: all parity dashboard-check fuzz deps-js test unit race conformance record serve bench lint models fuzz clients deps deps-browser build tf-acc clean

all: build

## deps: Go modules; Debian packages the checks need, installed with apt-get when missing.
deps:
	$(GO) mod download
	@command -v moto_server >/dev/null || echo "note: moto_server not found; specs that record against moto are skipped"

deps-browser:
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

build: deps
	$(GO) build -o $(BIN) ./cmd/parity

## parity: replay every suite on the in-process emulator, check the emulator against the AWS
## reference recordings, then write the coverage report (with the Terraform and CLI call logs of
## `make clients` when present). Fails when a spec fails.
parity: build
	@rm -rf $(OUT)/run $(OUT)/reference; status=0; ins="--in $(OUT)/run"; \
	./$(BIN) test --target emulator --out $(OUT)/run || status=$$?; \
	if [ -d "$(REFERENCE_DIR)" ]; then \
	  ./$(BIN) reference --dir "$(REFERENCE_DIR)" --out $(OUT)/reference > $(OUT)/reference.log 2>&1; \
	  grep 'reference keys match' $(OUT)/reference.log; ins="$$ins --in $(OUT)/reference"; \
	else echo "no AWS reference recordings at $(REFERENCE_DIR): the report has no reference checks (set REFERENCE_DIR)"; fi; \
	[ -d $(OUT)/clients/server ] && ins="$$ins --in $(OUT)/clients"; \
	./$(BIN) report $$ins --out $(OUT)/report || { [ $$status -ne 0 ] || status=$$?; }; \
	exit $$status

## dashboard-check: render the written dashboard in headless Chromium, compare its numbers with
## coverage.json and save out/report/dashboard.png.
dashboard-check: deps-browser
	PARITY_REPORT_DIR=$(abspath $(OUT)/report) $(GO) test -count=1 -run 'TestDashboardInBrowser/report' ./reports

## test: everything CI runs.
test: build deps-browser lint unit race conformance clients parity dashboard-check

## unit: the engine, harness, reports and CLI tests (the suites run in `parity`, the emulator in `race`).
unit:
	$(GO) test -count=1 $$($(GO) list ./... | grep -v -e /suites/ -e /emulator) ./suites/clients/

## race: every emulator test, including the concurrent load test, under the race detector.
race:
	$(GO) test -count=1 -race ./emulator/...

## fuzz: every fuzz target for FUZZTIME each (default 60s), one after the other.
FUZZTIME ?= 60s
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  dir=$$($(GO) list -f '{{.Dir}}' $$pkg); \
	  for f in $$(grep -ho '^func Fuzz[A-Za-z0-9_]*' $$dir/*_test.go 2>/dev/null | sed 's/func //'); do \
	    echo "== $$pkg $$f ($(FUZZTIME))"; \
	    $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg | tail -2; \
	  done; \
	done

conformance:
	$(GO) test -count=1 -v -run 'Conformance' ./emulator/protocol/ | grep -E '^(=== RUN|---|\s+.*conformance)' | grep -i conformance

## record: (re)write snapshots, e.g. make record TARGET=http://127.0.0.1:5000 SUITE=sqs FOCUS='queue'
record: build
	./$(BIN) record --target $(TARGET) $(if $(SUITE),--suite $(SUITE)) $(if $(FOCUS),--focus '$(FOCUS)')

serve: build
	./$(BIN) serve --listen $(LISTEN)

## bench: emulator vs moto vs ceiling (load generator), then Terraform apply+destroy per stack,
## emulator vs moto.
bench: build deps-js
	$(GO) run ./emulator/bench
	@moto_server -p 5000 >/dev/null 2>&1 & pid=$$!; sleep 2; \
	./$(BIN) clients bench --moto http://127.0.0.1:5000 --out $(OUT)/bench-clients; status=$$?; \
	kill $$pid; exit $$status

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

models:
	$(GO) generate ./emulator/model

## clients: the AWS CLI, the JavaScript SDK and Terraform against the emulator; writes the
## matrix into README.md and suites/clients/MATRIX.md, call logs into out/clients/server.
clients: build deps-js
	./$(BIN) clients --out $(OUT)/clients

deps-js:
	cd suites/clients/js && npm ci --no-audit --no-fund --loglevel=error

## tf-acc: a checkout of the Terraform AWS provider's acceptance tests against the emulator,
## e.g. make tf-acc PROVIDER_DIR=~/src/terraform-provider-aws RUN=TestAccSQSQueue_basic
tf-acc: build
	./$(BIN) clients tf-acc --provider-dir $(PROVIDER_DIR) --run '$(RUN)' --out $(OUT)/tf-acc

clean:
	rm -rf bin $(OUT)
