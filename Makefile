# remission — build, test and try.
#
#   make demo      install what is missing, build, and run a tour in a temporary journal
#   make test      install what is missing, build, and run every test
#   make build     release build of the remission binary (static Swift runtime, lld)
#   make install   copy the binary to $(PREFIX)/bin (default /usr/local)
#   make lint      check the code's format with the toolchain's swift-format (.swift-format)
#   make bench     run the benchmarks under bench/ (release build)
#   make man       generate the man page into man/remission.1
#   make clean     remove build output

SWIFT ?= swift
PREFIX ?= /usr/local
# The release build, and what each flag saves every start of the binary (issue 12, measured on
# `remission log`: instructions by cachegrind, page faults by perf; bench/log-vs-sqlite3.sh):
# - pack-relative-relocs (RELR, glibc 2.36+, Debian 12): the ~97,000 relative relocations of a
#   static Swift runtime take 19 KB instead of 2.3 MB, which the loader read at every start.
# - no mangled-name accessors: a concrete generic type such as [String: FieldValue] is made by a
#   direct call rather than by demangling its name, which looked up each conformance it needs by
#   scanning all ~7,700 of the binary's: 32 scans became 6, 16.6 M instructions 12.7 M.
# - libstdc++ linked in (scripts/static-libstdcxx.sh, found through -L before the shared one),
#   and no exported symbols: loading libstdc++ bound its 4,300 symbols through the binary's
#   18,000 exported ones, and the runtime's dladdr at start-up walked those: 18.9 M to 16.6 M.
#   The installed binary is stripped anyway, and no longer needs libstdc++ on the system.
# - function sections, placed in the order of scripts/startup-order.txt (scripts/startup-order.sh):
#   the code a start-up runs lies together, and the kernel maps it in 39 faults instead of 160.
STATIC_LIBSTDCXX = .build/static-libstdc++
RELEASE_FLAGS = -c release --static-swift-stdlib -Xswiftc -use-ld=lld -Xlinker -z -Xlinker pack-relative-relocs \
	-Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors \
	-Xswiftc -Xfrontend -Xswiftc -function-sections \
	-Xswiftc "-L$(CURDIR)/$(STATIC_LIBSTDCXX)" -Xlinker --no-export-dynamic \
	-Xlinker "--symbol-ordering-file=$(CURDIR)/scripts/startup-order.txt" -Xlinker --no-warn-symbol-ordering
# The ICU data the release binary carries, cut to root and English by scripts/icu-data.sh
# (Sources/CICUData): GRDB imports Foundation, which links all 34 MB of ICU's data.
ICU_DATA = .build/icu-data/icudata.inc
# Worked out once, on first use: each `swift build --show-bin-path` takes half a second.
BIN = $(eval BIN := $$(shell $(SWIFT) build $(RELEASE_FLAGS) --show-bin-path 2>/dev/null)/remission)$(BIN)

.PHONY: build-deps deps build demo test lint bench install man clean

# What building needs; the tests need more (a WebDAV server, a browser, a FHIR validator).
build-deps:
	@scripts/install-deps.sh build

deps:
	@scripts/install-deps.sh test

$(ICU_DATA): scripts/icu-data.sh scripts/trim-icu-data.swift
	SWIFT=$(SWIFT) scripts/icu-data.sh $@
	touch Sources/CICUData/icudata.S

$(STATIC_LIBSTDCXX)/libstdc++.a:
	scripts/static-libstdcxx.sh $(STATIC_LIBSTDCXX)

# SwiftPM does not know the order file: a newer one is applied by removing the binary, which it
# then links again. A link that found the shared libstdc++ after all is refused.
build: build-deps $(ICU_DATA) $(STATIC_LIBSTDCXX)/libstdc++.a
	@[ ! -e "$(BIN)" ] || [ "$(BIN)" -nt scripts/startup-order.txt ] || rm -f "$(BIN)"
	$(SWIFT) build $(RELEASE_FLAGS) --product remission
	@! "$$(dirname "$$(readlink -f "$$(command -v swiftc)")")/llvm-objdump" -p "$(BIN)" | grep -q 'NEEDED.*libstdc++' \
		|| { echo "make build: $(BIN) links the shared libstdc++; is $(STATIC_LIBSTDCXX)/libstdc++.a there?" >&2; exit 1; }

demo: build
	@scripts/demo.sh "$(BIN)"

# Every test is a swift-testing test: --disable-xctest skips XCTest's empty run, whose
# "Executed 0 tests" would otherwise print before the real results.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-xctest

# The configuration in .swift-format: 4 spaces, lines up to 160, the rules the code follows.
# `swift format format -i -r Sources Tests Package.swift` rewrites what it flags.
lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift

bench: deps build
	bench/log-vs-sqlite3.sh "$(BIN)"
	bench/pull.sh "$(BIN)"
	bench/sync.sh "$(BIN)"
	bench/s3.sh "$(BIN)"
	bench/summary-trend.sh "$(BIN)"

install: build
	install -d "$(PREFIX)/bin"
	install -s -m 0755 "$(BIN)" "$(PREFIX)/bin/remission"

man: build-deps
	$(SWIFT) package plugin --allow-writing-to-package-directory generate-manual --configuration debug
	mkdir -p man && cp .build/plugins/GenerateManual/outputs/remission/remission.1 man/remission.1

clean:
	rm -rf .build
