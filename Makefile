# Setka: the two commands a new user needs are `make demo` and `make test`.
SWIFT ?= swift
# The rural district as one Excel workbook (the same scenario as the folder scenarios/rural-district).
EXAMPLE ?= scenarios/rural-district.xlsx
OUT ?= out

.PHONY: deps build release demo test bench

deps:
	bash scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

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

# The whole test suite.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test
