# Setka: the commands a new user needs are `make serve` (the app in the browser), `make demo`
# (the command line on the examples) and `make test`.
SWIFT ?= swift
# The rural district as one Excel workbook (the same scenario as the folder scenarios/rural-district).
EXAMPLE ?= scenarios/rural-district.xlsx
OUT ?= out
# `make serve PORT=8090 DATA=/some/folder`: the port on 127.0.0.1 and the data folder (default:
# $XDG_DATA_HOME/setka, else ~/.local/share/setka).
PORT ?= 8080
DATA ?=

.PHONY: deps test-deps build release serve demo test test-e2e bench

deps:
	bash scripts/install-deps.sh

# What the browser app's end-to-end tests need: chromium, chromium-driver, selenium, schemathesis.
test-deps:
	bash scripts/install-test-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# Installs what is missing, builds (release) and starts Setka in the browser with the bundled
# examples loaded as projects; prints the address to open (Ctrl-C stops it).
serve: release
	.build/release/setka serve --port $(PORT) --examples scenarios $(if $(DATA),--data $(DATA),)

# Installs what is missing, builds, and runs the main jobs on the bundled examples:
# the profile day of a small rural district (from its Excel workbook), the partner assignment of
# the Repyovka order, whether past partnerships helped (scenarios/partners-effect), the year plan
# of a town's network platforms (scenarios/networking-town), the rural district's what-if variants
# compared side by side, and an empty workbook to fill in.
demo: release
	$(SWIFT) run -c release setka validate $(EXAMPLE)
	$(SWIFT) run -c release setka schedule $(EXAMPLE) --out $(OUT)/rural-district --time-limit 20
	$(SWIFT) run -c release setka partner scenarios/repyovka-partners --out $(OUT)/repyovka-partners
	$(SWIFT) run -c release setka effect scenarios/partners-effect --out $(OUT)/partners-effect
	$(SWIFT) run -c release setka meetings scenarios/networking-town --out $(OUT)/networking-town
	$(SWIFT) run -c release setka compare $(EXAMPLE) scenarios/rural-district/whatif/*.yaml --out $(OUT)/whatif --time-limit 30
	$(SWIFT) run -c release setka template $(OUT)/template.xlsx --force

# The whole test suite: the Swift tests, then the browser app end to end in a real browser
# (chromium through selenium) and its API under schemathesis (bounded to a minute).
test: deps test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test
	$(MAKE) test-e2e

test-e2e:
	python3 Tests/e2e/browser_test.py --setka .build/debug/setka
	bash Tests/e2e/api_fuzz.sh .build/debug/setka
