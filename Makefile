# pulumi-defang — build, test and packaging targets. `make test` is what CI runs (.ci/run).
SHELL := /bin/bash
.DEFAULT_GOAL := build
# Python tools the tests use (the Python SDK's test deps, moto): one virtualenv in the repository.
VENV := .venv

.PHONY: install build lint test test_unit clean

# Node dependencies, exactly as locked.
install: node_modules/.installed
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

build: install
	npm run build

lint: install
	npm run lint

# The tests of AWS API calls run against moto from .venv; under make they must not skip.
test_unit: build $(VENV)/.moto
	PULUMI_DEFANG_REQUIRE_MOTO=1 npm test

$(VENV)/.moto: tests/requirements-moto.txt $(VENV)/.installed
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r tests/requirements-moto.txt
	@touch $@

# Every test (what CI runs): the SDK drift check first (it regenerates files), type checks, the
# mocha suite (compose, plan, aws under mocks, estimate, provider), the SDKs in Node.js / Python / Go,
# the examples' compile checks and the release dry run (every artifact built and checked). Needs ../shared (or $$PULUMI_DEFANG_SHARED) for the corpus tests.
test: sdk-drift lint test_unit test_sdks test_examples release_dry_run

clean:
	rm -rf bin dist

# ---- provider plugin, SDKs and examples (engineer 5, issue 5) ------------------------------------
# Needs Go and Python 3 besides Node; Go modules and pip packages are fetched by the targets themselves.
.PHONY: sdks sdk-drift build_sdk_nodejs test_sdks test_sdk_nodejs test_sdk_python test_sdk_go test_examples test_engine install_sdk_python dist
SDK_GEN := provider/cmd/pulumi-gen-defang

# Regenerate sdk/nodejs, sdk/python and sdk/go (+ sdk/go.mod, go.sum) from schema.json.
sdks:
	cd $(SDK_GEN) && go run . -schema ../../../schema.json -out ../../../sdk
	cd sdk && go mod tidy

# Fail when the committed sdk/ is not exactly what schema.json generates (CI drift check).
sdk-drift: sdks
	@git diff --exit-code --stat -- sdk/ && test -z "$$(git status --porcelain -- sdk/)" \
		|| { echo "sdk/ is stale or hand-edited: run 'make sdks' and commit the result"; git status --porcelain -- sdk/; exit 1; }

# Compile the generated Node.js SDK (against the pinned @pulumi/pulumi) into bin/sdk/nodejs: the npm
# package, with the pulumi-defang CLI bundled into cli/ (its bin; see pulumi-gen-defang/overlays.go).
build_sdk_nodejs: build
	rm -rf bin/sdk/nodejs
	npx tsc -p sdk/nodejs/tsconfig.json --outDir bin/sdk/nodejs
	cp sdk/nodejs/package.json sdk/nodejs/README.md bin/sdk/nodejs/
	node provider/cmd/pulumi-resource-defang/bundle.js bin/provider/src/cli/main.js bin/sdk/nodejs/cli/pulumi-defang.js

# The generated SDKs under Pulumi mocks, one process per language.
test_sdks: test_sdk_nodejs test_sdk_python test_sdk_go

# Outputs of the offline plan of examples/compose-app, from the npm package's own CLI: what the SDKs'
# unit-testing helpers (pulumi-defang/testing, pulumi_defang.testing, defangtest) are tested with.
SDK_TEST_PLAN := bin/sdk/defang-plan.json
$(SDK_TEST_PLAN): build_sdk_nodejs
	node bin/sdk/nodejs/cli/pulumi-defang.js plan -f examples/compose-app/compose.yaml --mode balanced --stack dev --json > $@.tmp
	mv $@.tmp $@

# One mocha process per spec file: Pulumi allows one mock monitor per process.
test_sdk_nodejs: build_sdk_nodejs $(SDK_TEST_PLAN)
	for spec in tests/sdk/nodejs/*.spec.js; do npx mocha --no-config --timeout 120000 --reporter spec $$spec || exit 1; done

$(VENV)/.installed: tests/sdk/python/requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r tests/sdk/python/requirements.txt
	@touch $@

# Installs a copy of sdk/python (its pyproject build, not the source tree) into .venv.
install_sdk_python: $(VENV)/.installed
	rm -rf bin/sdk/python && mkdir -p bin/sdk && cp -r sdk/python bin/sdk/python
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --force-reinstall --no-deps ./bin/sdk/python
	$(VENV)/bin/pip check

test_sdk_python: install_sdk_python $(SDK_TEST_PLAN)
	cd tests/sdk/python && ../../../$(VENV)/bin/python -m unittest -v
	cd tests/sdk/python && ../../../$(VENV)/bin/python -m unittest -v mocks_check

test_sdk_go: $(SDK_TEST_PLAN)
	cd tests/sdk/go && go vet ./... && go test -count=1 -v ./...

# The example programs compile against this repository's SDKs: tsc, py_compile, go build, YAML checks.
test_examples: build_sdk_nodejs $(VENV)/.installed
	npx tsc -p examples/tsconfig.check.json
	$(VENV)/bin/python -m py_compile examples/python/__main__.py
	cd examples/go && go vet ./... && go build -o /dev/null . && go test -count=1 ./...
	npx mocha --no-config -r ts-node/register/transpile-only --extension ts --reporter spec tests/sdk/examples.test.ts

# Opt-in, not part of `make test`: SDK programs through the real engine (`pulumi up`, file backend,
# stand-in aws/random plugins): deploys in TypeScript and Python, builds and jobs, the plugin installed
# by the engine itself from a local stand-in of the GitHub release (engine-install.spec.ts), and the
# error paths in TypeScript, Python and Go (engine-errors.spec.ts, engine_check.py, engine_test.go).
# Builds the Pulumi CLI from the Go module proxy once (~7 min, ~1 GB).
PULUMI_CLI_VERSION := v3.274.1
test_engine: dist build_sdk_nodejs install_sdk_python bin/pulumi-cli/bin/pulumi $(VENV)/.moto
	PULUMI_DEFANG_REQUIRE_MOTO=1 npx mocha --no-config -r ts-node/register/transpile-only --extension ts --timeout 600000 --reporter spec tests/provider/engine.spec.ts tests/provider/engine-build.spec.ts tests/provider/engine-jobs.spec.ts tests/provider/engine-storage.spec.ts tests/provider/engine-install.spec.ts tests/provider/engine-errors.spec.ts
	cd tests/sdk/python && ../../../$(VENV)/bin/python engine_check.py
	cd tests/sdk/go && go test -tags engine -count=1 -v -run Engine ./...

bin/pulumi-cli/bin/pulumi:
	mkdir -p bin/pulumi-cli/src
	cd bin/pulumi-cli/src && { test -f go.mod || go mod init local/pulumicli; } \
		&& go get github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@$(PULUMI_CLI_VERSION) \
		&& go build -trimpath -tags osusergo,grpcnotrace -o ../bin/pulumi \
			-ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$(PULUMI_CLI_VERSION)" \
			github.com/pulumi/pulumi/pkg/v3/cmd/pulumi

# Plugin archive of this machine's platform (dist/pulumi-resource-defang-v<version>-<os>-<arch>.tar.gz):
# the provider bundled by esbuild into one file (provider/cmd/pulumi-resource-defang/bundle.js).
dist: build
	node provider/cmd/pulumi-resource-defang/dist.js --out dist

# A longer fuzz campaign than CI's 250 mutants (FUZZ_COUNT, FUZZ_SEED); failing mutants are kept with FAILURE.json.
.PHONY: fuzz
FUZZ_COUNT ?= 2000
FUZZ_SEED ?= 1
fuzz: install
	node -r ts-node/register/transpile-only scripts/fuzz.ts --count $(FUZZ_COUNT) --seed $(FUZZ_SEED)

# ---- benchmarks (figures in the README) ----------------------------------------------------------
.PHONY: bench
bench: build dist
	node bin/bench/compose-load.js
	node bin/bench/expand.js
	node bin/bench/plugin-start.js
	node bin/bench/bombs.js

# ---- release (issue 14): what .github/workflows/release.yml publishes on a tag ----------------------
# release_artifacts builds into dist/: the plugin archives for linux and darwin (amd64, arm64) and
# windows (amd64), the npm package, the Python wheel and sdist (dist/python/); and builds the Go module.
# release_dry_run also checks them all (scripts/release.js: one version, contents, sizes) and writes
# dist/SHA256SUMS, publishing nothing. RELEASE_TAG=vX.Y.Z makes it check the tag too.
.PHONY: release_artifacts release_dry_run
RELEASE_TAG ?=
release_artifacts: build build_sdk_nodejs install_sdk_python
	rm -rf dist && mkdir -p dist/python
	node provider/cmd/pulumi-resource-defang/dist.js --out dist --platform all
	cd bin/sdk/nodejs && npm pack --silent --pack-destination ../../../dist
	cd bin/sdk/python && ../../../$(VENV)/bin/python -c "from setuptools import build_meta as b; b.build_wheel('../../../dist/python'); b.build_sdist('../../../dist/python')" > /dev/null
	cd sdk && go vet ./... && go build ./...

release_dry_run: release_artifacts
	node scripts/release.js $(if $(RELEASE_TAG),--tag $(RELEASE_TAG))
