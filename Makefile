# gbetl — build, test, install.  Plain GNU make.
#
#   make            build build/gbetl
#   make check      install missing Debian packages, run every test
#   make demo       the sample municipality on a private PostgreSQL under ./var
#   make bench      throughput and memory against psql \copy and pgloader
#   make fuzz       run the libFuzzer targets (clang)
#   make install    PREFIX=/usr/local DESTDIR=...
#   make deps       install the Debian packages gbetl needs (as root)

PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
DATADIR    ?= $(PREFIX)/share/gbetl
MANDIR     ?= $(PREFIX)/share/man
DOCDIR     ?= $(PREFIX)/share/doc/gbetl
# The environment of the nightly job (GBETL_CONFIG, PGSERVICE...), read by the
# cron wrapper and by gbetl.service; installed once, never overwritten.
ENVFILE    ?= $(PREFIX)/etc/gbetl/gbetl.env
DESTDIR    ?=
BUILD      ?= build
ASAN_BUILD ?= build-asan

CC       ?= cc
PKGS     := libpq libxml-2.0 libcrypto
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
VERSION  := $(shell cat VERSION)

# Warnings are errors for developers (make check, CI: DEVELOPER=1), not for a
# user's plain "make" with a newer compiler that knows a new warning.
DEVELOPER ?=
WARN     := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-missing-field-initializers
ifneq ($(DEVELOPER),)
WARN     += -Werror
endif
# No -DNDEBUG: the assert()s on internal invariants stay in every build
# (docs/design.md).
CFLAGS   ?= -O2 -g
ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS) -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L \
	-Iinclude -I$(BUILD)/gen $(PKG_CFLAGS) -include include/banned.h -MMD -MP
LIBS     := $(PKG_LIBS) -lcsv -lpthread -lm

# etl/ has one folder per stage of the pipeline (docs/internals.md): cmd/ the
# commands, read/ the readers, pipeline/ extract-transform-stream, load/ the
# database, report/ the published files, lib/ small libraries, demo/ the
# sample municipality.
SRCS      := $(sort $(wildcard etl/*/*.c))
LIB_SRCS  := $(filter-out etl/cmd/gbetl.c,$(SRCS))
CMD_SRCS  := $(sort $(wildcard etl/cmd/cmd_*.c))
SCHEMAS   := $(sort $(wildcard schemas/[0-9][0-9][0-9]_*.sql))
# The repeatable files: functions, views and the data dictionary, re-applied
# by gbetl init (schemas/README.md); tools/embed.c orders them by file name.
REPEATABLE := $(sort $(wildcard schemas/functions/*.sql schemas/views/*.sql)) schemas/dictionary.tsv
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_REPLAY_BINS = $(FUZZ_SRCS:tests/fuzz/%.c=$(BUILD)/fuzz-replay/%)
BENCH_SRCS := $(sort $(wildcard bench/*.c))

OBJS      = $(LIB_SRCS:etl/%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen_migrations.o
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
BENCH_BINS = $(BENCH_SRCS:bench/%.c=$(BUILD)/bench/%)

.PHONY: FORCE all docs check check-clone check-docs check-unit fuzz-replay-bins check-asan check-format check-integration demo bench fuzz \
	install uninstall deps deps-auto clean format docs

all: $(BUILD)/gbetl $(BUILD)/gbetl.1

$(BUILD)/gbetl.1: $(BUILD)/gbetl tools/gen_man.sh
	@tools/gen_man.sh $(BUILD)/gbetl $@ $(DOCDIR)

# --- generated sources -------------------------------------------------------
$(BUILD)/gen/commands.inc: $(CMD_SRCS) Makefile | $(BUILD)/gen
	@for f in $(CMD_SRCS); do n=$${f#etl/cmd/cmd_}; echo "X($${n%.c})"; done > $@.tmp && mv $@.tmp $@

# The installed paths compiled in; rewritten (and the binary rebuilt) only
# when PREFIX, DATADIR or DOCDIR change.
$(BUILD)/gen/paths: FORCE | $(BUILD)/gen
	@echo '$(DATADIR) $(DOCDIR)' | cmp -s - $@ || echo '$(DATADIR) $(DOCDIR)' > $@

$(BUILD)/gen/version.h: VERSION Makefile $(BUILD)/gen/paths | $(BUILD)/gen
	@echo '#define GBETL_VERSION "$(VERSION)"' > $@
	@echo '#define GBETL_DATADIR "$(DATADIR)"' >> $@
	@echo '#define GBETL_DOCDIR "$(DOCDIR)"' >> $@

$(BUILD)/embed: tools/embed.c | $(BUILD)/gen
	$(CC) -O2 -o $@ $<

$(BUILD)/gen/migrations.c: $(BUILD)/embed $(SCHEMAS) $(REPEATABLE)
	$(BUILD)/embed $@ $(SCHEMAS) -- $(REPEATABLE)

$(BUILD)/gen $(BUILD)/obj $(BUILD)/tests:
	@mkdir -p $@

# --- objects -----------------------------------------------------------------
GEN_HEADERS = $(BUILD)/gen/commands.inc $(BUILD)/gen/version.h $(BUILD)/gen/cflags

# Objects are rebuilt when the compiler or its flags change (DEVELOPER=1 among them).
$(BUILD)/gen/cflags: FORCE | $(BUILD)/gen
	@echo '$(CC) $(ALL_CFLAGS)' | cmp -s - $@ || echo '$(CC) $(ALL_CFLAGS)' >$@

FORCE:

$(BUILD)/obj/%.o: etl/%.c $(GEN_HEADERS) | $(BUILD)/obj
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/obj/gen_migrations.o: $(BUILD)/gen/migrations.c | $(BUILD)/obj
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/libgbetl.a: $(OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/gbetl: $(BUILD)/obj/cmd/gbetl.o $(BUILD)/libgbetl.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(BUILD)/obj/cmd/gbetl.o -Wl,--whole-archive $(BUILD)/libgbetl.a -Wl,--no-whole-archive $(LIBS)

# --- tests -------------------------------------------------------------------
$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libgbetl.a | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(BUILD)/libgbetl.a $(LIBS) $(shell pkg-config --libs cmocka)

check: deps-auto
	@$(MAKE) --no-print-directory -s DEVELOPER=1 all unit-bins
	@$(MAKE) --no-print-directory check-format
	@$(MAKE) --no-print-directory check-docs
	@$(MAKE) --no-print-directory DEVELOPER=1 check-unit
	@$(MAKE) --no-print-directory DEVELOPER=1 check-asan
	@$(MAKE) --no-print-directory DEVELOPER=1 check-integration
	@$(MAKE) --no-print-directory DEVELOPER=1 check-clone
	@echo "make check: all tests passed"

unit-bins: $(UNIT_BINS)

# A fuzz target linked with tests/fuzz/replay.c: runs it once per seed file.
$(BUILD)/fuzz-replay/%: tests/fuzz/%.c tests/fuzz/replay.c $(BUILD)/libgbetl.a
	@mkdir -p $(BUILD)/fuzz-replay
	$(CC) $(ALL_CFLAGS) -o $@ $< tests/fuzz/replay.c $(BUILD)/libgbetl.a $(LIBS)

fuzz-replay-bins: $(FUZZ_REPLAY_BINS)

check-unit: $(UNIT_BINS)
	@tests/run_unit.sh $(BUILD) $(UNIT_BINS)

# Unit tests again under AddressSanitizer + UndefinedBehaviorSanitizer, in a
# build directory of their own, and every fuzz target's seeds
# (tests/fuzz/seeds/TARGET/) replayed through it with gcc (no libFuzzer
# needed); any finding fails.
check-asan:
	@$(MAKE) --no-print-directory BUILD=$(ASAN_BUILD) \
		CFLAGS="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
		LDFLAGS="-fsanitize=address,undefined" unit-bins fuzz-replay-bins
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		tests/run_unit.sh $(ASAN_BUILD) $(UNIT_SRCS:tests/unit/%.c=$(ASAN_BUILD)/tests/%)
	@set -e; for b in $(FUZZ_REPLAY_BINS:$(BUILD)/%=$(ASAN_BUILD)/%); do \
		n=$$(basename $$b); seeds=$$(ls -d tests/fuzz/seeds/$$n/* 2>/dev/null || true); \
		[ -n "$$seeds" ] || { echo "FAIL $$n: no seeds in tests/fuzz/seeds/$$n"; exit 1; }; \
		ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
			$$b $$seeds || { echo "FAIL $$n: a seed fails under the sanitizers"; exit 1; }; \
		echo "ok   $$n: $$(echo $$seeds | wc -w) seeds replayed"; \
	done

check-format:
	@tests/check_format.sh

# The repository alone (as git tracks it) in an empty directory passes the
# unit tests and an integration test: no test reads a file outside it.
check-clone:
	@tests/check_clone.sh

# docs/sources.md documents every key the parser accepts; no reference to a
# file that is not in the repository.
check-docs:
	@tests/check_docs.sh

check-integration: all
	@GBETL=$(CURDIR)/$(BUILD)/gbetl tests/run_integration.sh

# docs/analysts.md's schema reference, from the COMMENTs of a fresh database.
docs: all
	@bash -c '. tests/lib/pgcluster.sh; trap pgcluster_stop EXIT; pgcluster_start && \
		psql -XqAt -d postgres -c "CREATE DATABASE docs" && \
		$(BUILD)/gbetl -q -d dbname=docs init && tools/gen_analysts_doc.sh dbname=docs docs/analysts.md'
	@echo "docs/analysts.md: schema reference regenerated"

format:
	clang-format -i etl/*/*.c include/*.h tests/unit/*.c tests/unit/*.h tests/fuzz/*.c tests/fuzz/*.h tools/*.c bench/*.c 2>/dev/null || true

# --- dependencies ------------------------------------------------------------
deps:
	@tools/deps.sh install

deps-auto:
	@tools/deps.sh auto

# --- the demo, benchmarks, fuzzing -------------------------------------------
demo: deps-auto
	@$(MAKE) --no-print-directory all
	@$(BUILD)/gbetl demo

$(BUILD)/bench/%: bench/%.c $(BUILD)/libgbetl.a
	@mkdir -p $(BUILD)/bench
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libgbetl.a $(LIBS)

bench: deps-auto all $(BENCH_BINS)
	@BUILD=$(BUILD) bench/run.sh

FUZZ_CFLAGS = -std=c11 -O1 -g -fsanitize=fuzzer,address,undefined -D_DEFAULT_SOURCE \
	-D_POSIX_C_SOURCE=200809L -Iinclude -I$(BUILD)/gen $(PKG_CFLAGS)
FUZZ_RUNS ?= 1000000

fuzz: $(GEN_HEADERS) $(BUILD)/gen/migrations.c
	@tools/deps.sh auto fuzz
	@mkdir -p $(BUILD)/fuzz
	@set -e; for f in $(if $(FUZZ_TARGETS),$(addprefix tests/fuzz/,$(addsuffix .c,$(FUZZ_TARGETS))),$(FUZZ_SRCS)); do \
		n=$$(basename $$f .c); \
		echo "== $$n"; \
		clang $(FUZZ_CFLAGS) -o $(BUILD)/fuzz/$$n $$f $(filter-out etl/cmd/cmd_%.c,$(LIB_SRCS)) $(BUILD)/gen/migrations.c $(LIBS); \
		mkdir -p $(BUILD)/fuzz/corpus-$$n; \
		seeds=tests/fuzz/seeds/$$n; [ -d $$seeds ] || seeds=; \
		$(BUILD)/fuzz/$$n -runs=$(FUZZ_RUNS) -max_len=4096 -print_final_stats=1 \
			$(BUILD)/fuzz/corpus-$$n $$seeds 2>&1 | tail -n 12; \
	done

# --- install -----------------------------------------------------------------
# The cron files, the manual and the documentation name the installed paths:
# @BINDIR@, @DATADIR@, @DOCDIR@ and @ENVFILE@ are replaced here.
SUBST = sed -e 's|@BINDIR@|$(BINDIR)|g' -e 's|@DATADIR@|$(DATADIR)|g' \
	-e 's|@DOCDIR@|$(DOCDIR)|g' -e 's|@ENVFILE@|$(ENVFILE)|g'
CRON_FILES := gbetl-nightly gbetl.cron gbetl.service gbetl.timer gbetl.env
DOC_FILES  := README.md $(sort $(wildcard docs/*.md)) mappings/README.md

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/schemas $(DESTDIR)$(DATADIR)/mappings/sources
	install -d $(DESTDIR)$(DATADIR)/schemas/functions $(DESTDIR)$(DATADIR)/schemas/views
	install -m 0755 $(BUILD)/gbetl $(DESTDIR)$(BINDIR)/gbetl
	install -m 0644 $(SCHEMAS) schemas/README.md schemas/dictionary.tsv $(DESTDIR)$(DATADIR)/schemas/
	install -m 0644 $(filter schemas/functions/%,$(REPEATABLE)) $(DESTDIR)$(DATADIR)/schemas/functions/
	install -m 0644 $(filter schemas/views/%,$(REPEATABLE)) $(DESTDIR)$(DATADIR)/schemas/views/
	install -m 0644 mappings/*.csv mappings/README.md $(DESTDIR)$(DATADIR)/mappings/
	install -m 0644 mappings/sources/*.conf $(DESTDIR)$(DATADIR)/mappings/sources/
	install -d $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 0644 $(BUILD)/gbetl.1 $(DESTDIR)$(MANDIR)/man1/gbetl.1
	$(SUBST) docs/man/gbetl.conf.5 >$(DESTDIR)$(MANDIR)/man5/gbetl.conf.5
	chmod 0644 $(DESTDIR)$(MANDIR)/man5/gbetl.conf.5
	install -d $(DESTDIR)$(DOCDIR)/docs $(DESTDIR)$(DOCDIR)/mappings
	@for f in $(DOC_FILES); do \
		install -m 0644 $$f $(DESTDIR)$(DOCDIR)/$$f || exit 1; done
	install -d $(DESTDIR)$(DATADIR)/cron
	@for f in $(CRON_FILES); do \
		$(SUBST) cron/$$f >$(DESTDIR)$(DATADIR)/cron/$$f && chmod 0644 $(DESTDIR)$(DATADIR)/cron/$$f || exit 1; done
	chmod 0755 $(DESTDIR)$(DATADIR)/cron/gbetl-nightly
	install -d $(DESTDIR)$(dir $(ENVFILE))
	@if [ -e $(DESTDIR)$(ENVFILE) ]; then echo "$(DESTDIR)$(ENVFILE) exists: kept"; \
	else install -m 0644 $(DESTDIR)$(DATADIR)/cron/gbetl.env $(DESTDIR)$(ENVFILE); fi

# The environment file is configuration: it stays.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/gbetl
	rm -f $(DESTDIR)$(MANDIR)/man1/gbetl.1 $(DESTDIR)$(MANDIR)/man5/gbetl.conf.5
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR)

clean:
	rm -rf build build-asan

-include $(wildcard $(BUILD)/obj/*.d $(BUILD)/obj/*/*.d) $(wildcard $(BUILD)/tests/*.d)
