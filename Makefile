# Taller — build, test and package.
#
#   make run    install what a fresh Debian/Ubuntu machine lacks, build, start the app
#   make test   the same install step, then go vet and every test (what CI runs)
#   make bench  the performance benchmarks, with their figures
#
# The install step asks apt only for packages that are absent, so on a
# machine that has them it costs a second.

SHELL := /bin/bash
GO ?= go
# Fyne reads the locale from the environment and complains about "C" or
# "POSIX"; give it a well-formed one when the machine has none.
ifeq ($(filter-out C C.UTF-8 C.utf8 POSIX,$(or $(LANG),C)),)
export LANG := en_US.UTF-8
endif
unexport LC_ALL
export CGO_ENABLED := 1
# Fyne's bundled emoji font costs the app about 45 MB of memory (it is
# loaded once per text style); emoji fall back to the system's font.
export GOFLAGS := $(strip $(GOFLAGS) -tags=no_emoji)
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -buildid= -X taller.Version=$(VERSION)

# Debian packages: cgo and OpenGL/X11 for Fyne, Xvfb and tools for the
# window smoke test and screenshots, Chromium and Firefox and npm (axe-core)
# for the phone-page tests, mingw, Wine and NSIS for the Windows build, its
# smoke test and installer, LibreOffice, openpyxl and Gnumeric to read every
# workbook back, poppler and zbar to read the printed PDFs back, xz and file
# for packaging.
APT_PACKAGES := gcc pkg-config libgl1-mesa-dev xorg-dev xvfb x11-utils xdotool imagemagick \
	chromium firefox-esr fonts-dejavu-core gcc-mingw-w64-x86-64 xz-utils file ca-certificates git \
	wine64 nsis libreoffice-calc-nogui python3-openpyxl gnumeric poppler-utils zbar-tools locales
# npm packages for the tests, installed into an ignored folder.
NODE_DIR := .cache/node
NPM_PACKAGES := axe-core@4.10.2

SUDO := $(shell [ "$$(id -u)" = 0 ] || command -v sudo >/dev/null && [ "$$(id -u)" != 0 ] && echo sudo)

.PHONY: deps run build test vet bench screenshots clean

deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@command -v $(GO) >/dev/null || { echo "Go 1.26 is required: https://go.dev/dl/"; exit 1; }
	@[ -f $(NODE_DIR)/node_modules/axe-core/axe.min.js ] || { mkdir -p $(NODE_DIR) && npm install --silent --no-audit --no-fund --prefix $(NODE_DIR) $(NPM_PACKAGES); }

build: deps
	$(GO) build -trimpath -buildvcs=false -ldflags '$(LDFLAGS)' -o taller ./cmd/taller

run: build
	./taller

vet: deps
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...

test: vet
	$(GO) test -count=1 -timeout 40m ./...

bench: deps
	$(GO) test -run '^$$' -bench . -benchtime 1x -timeout 30m ./...

clean:
	rm -rf taller dist

-include packaging/packaging.mk

# README screenshots: the Run screen and the projector window under Xvfb,
# and a phone page in Spanish from headless Chromium at 360×640.
screenshots: build
	app/testdata/screenshots.sh ./taller docs/screenshots
	printout/testdata/screenshots.sh ./taller docs/screenshots
