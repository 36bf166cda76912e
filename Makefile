# pulumi-defang — build, test and packaging targets. `make test` is what CI runs (.ci/run).
SHELL := /bin/bash
.DEFAULT_GOAL := build

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

test_unit: build
	npm test

# Every test: type checks, unit/component tests (mocha).
test: lint test_unit

clean:
	rm -rf bin dist
