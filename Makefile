# CxWarehouse: the commands users type. `make etl report` runs the pipeline on the bundled sample;
# `make test` runs every test. Both restore and build what they need first.
SHELL := /bin/bash
DOTNET ?= dotnet
CONFIG ?= cxwarehouse.yml
# cxw as users run it: published compiled ahead of time (ReadyToRun), so each command starts without
# JIT-compiling its libraries (the report: 1.3 s instead of 2.0 s at scale 100). Tests run the plain build.
CXW_PUBLISH := etl/CxWarehouse.Cli/bin/publish
CXW_DLL := $(CXW_PUBLISH)/cxw.dll
CXW := $(DOTNET) $(CXW_DLL)
CXW_ARGS ?=
PERIOD ?=
SCALE ?= 10 100
REPEAT ?= 1

export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE := 1

.PHONY: all build etl report test crashtest bench sample clean lint help

all: etl report

help:
	@echo "make etl      extract data-sample/ and build the warehouse (warehouse/cx.duckdb)"
	@echo "make report   write out/reports/cx-benchmark-<week>.xlsx and .html (PERIOD=2026-W47 to choose)"
	@echo "make test     run the test suite"
	@echo "make crashtest  kill cxw run and cxw report with SIGKILL in every stage, CXW_KILLS=20 times each, then check the"
	@echo "                lake, warehouse and reports are whole and the marts identical to an uninterrupted run's"
	@echo "make bench    run the benchmarks: scales 10 and 100 against DuckDB's floor, with the goals judged"
	@echo "              (SCALE=\"1 10\" REPEAT=3 to choose; results in out/bench/results.md)"
	@echo "make sample   regenerate data-sample/ with the data generator"
	@echo "make clean    remove build outputs, lake/, warehouse/ and out/"

build:
	$(DOTNET) build CxWarehouse.sln -c Release -nologo -v quiet
	$(DOTNET) publish etl/CxWarehouse.Cli/CxWarehouse.Cli.csproj -c Release --use-current-runtime --self-contained false \
		-p:PublishReadyToRun=true -o $(CXW_PUBLISH) -nologo -v quiet

etl: build
	$(CXW) run --config $(CONFIG) $(CXW_ARGS)

report: build
	$(CXW) report --config $(CONFIG) $(if $(PERIOD),--period $(PERIOD)) $(CXW_ARGS)

test: build
	tests/tools/install-render-tools.sh
	$(DOTNET) test CxWarehouse.sln -c Release --no-build -nologo -v quiet --logger "console;verbosity=normal"

# The full crash-safety loop: CXW_KILLS kills delivered in each stage (extract, build, report); CI runs a short one.
CXW_KILLS ?= 20
crashtest: build
	CXW_KILLS=$(CXW_KILLS) $(DOTNET) test tests/CxWarehouse.Cli.Tests -c Release --no-build -nologo -v quiet \
		--filter "FullyQualifiedName~CrashSafetyTests.RunAndReport_KilledInEveryStage" --logger "console;verbosity=detailed"

bench: build
	$(CXW) bench --scale $(SCALE) --repeat $(REPEAT) $(CXW_ARGS)

# The sample: 26 weeks of the simulated studio chain; web events and call records gzip-compressed as GA4's
# BigQuery export and Kinesis Firehose deliver them (gzip -n keeps the bytes reproducible).
sample: build
	rm -rf data-sample/crm data-sample/crm-db data-sample/web data-sample/calls data-sample/surveys data-sample/reviews data-sample/truth data-sample/manifest.json
	$(CXW) generate --scale 0.8 --seed 7 --start 2026-05-25 --end 2026-11-22 --out data-sample
	gzip -n -9 data-sample/web/*.ndjson data-sample/calls/amazon-connect/*.ndjson

lint:
	$(DOTNET) format CxWarehouse.sln --verify-no-changes

clean:
	rm -rf lake warehouse out
	find . -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} +
