# Setka: the two commands a new user needs are `make demo` and `make test`.
SWIFT ?= swift
EXAMPLE ?= scenarios/rural-district
OUT ?= out

.PHONY: deps build release demo test bench

deps:
	bash scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# Installs what is missing, builds, and runs the main job on the bundled example.
demo: release
	$(SWIFT) run -c release setka validate $(EXAMPLE)

# The whole test suite.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test
