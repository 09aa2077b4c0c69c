# packaging/packaging.mk: release packages of Taller for Linux and Windows.
#
# From the repository root, either through the top Makefile (which has
# `include packaging/packaging.mk`) or on its own:
#
#   make -f packaging/packaging.mk package-linux package-windows package-check
#
#   package-linux    dist/taller-$(VERSION)-linux-amd64.tar.xz
#   package-windows  dist/taller-$(VERSION)-windows-amd64.exe
#   package-installer dist/taller-$(VERSION)-windows-amd64-setup.exe (NSIS)
#   package-check    unpack + run the Linux package, inspect the .exe and
#                    the installer, run both under Wine (winesmoke),
#                    rebuild the Linux binary and compare bytes
#   packaging-icons  regenerate assets/icon/*.png and taller.ico from the SVGs
#   packaging-clean  remove dist/
#
# Targets install the Debian packages they need when they are absent (as
# root, or through sudo when not root). Go itself must be installed.
#
# VERSION comes from `git describe --tags --always --dirty` and is stamped
# into the binary with -X taller.Version=$(VERSION); override with
# `make VERSION=1.2.3 ...`.

# Paths: this file may be included from another directory's Makefile.
PACKAGING_DIR := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
TALLER_ROOT   := $(abspath $(PACKAGING_DIR)/..)
PACKAGING_DIR := $(TALLER_ROOT)/packaging
ICON_DIR      := $(TALLER_ROOT)/assets/icon
DIST          ?= $(TALLER_ROOT)/dist
PKG_WORK      := $(DIST)/.work

GO ?= go

# Identity, read from FyneApp.toml so that it is written down in one place.
APP_ID   := $(shell sed -n 's/^[[:space:]]*ID[[:space:]]*=[[:space:]]*"\(.*\)".*/\1/p' $(PACKAGING_DIR)/FyneApp.toml)
APP_NAME := $(shell sed -n 's/^[[:space:]]*Name[[:space:]]*=[[:space:]]*"\(.*\)".*/\1/p' $(PACKAGING_DIR)/FyneApp.toml)

ifeq ($(origin VERSION),undefined)
VERSION := $(shell git -C $(TALLER_ROOT) describe --tags --always --dirty 2>/dev/null || echo dev)
endif
# Expand once: every file of one run carries the same version.
VERSION := $(VERSION)
# Timestamp for the archive's files and the AppStream release: the commit's
# date, so that one commit gives one archive.
ifeq ($(origin SOURCE_DATE_EPOCH),undefined)
SOURCE_DATE_EPOCH := $(shell git -C $(TALLER_ROOT) log -1 --format=%ct 2>/dev/null || echo 0)
endif
RELEASE_DATE := $(shell date -u -d @$(SOURCE_DATE_EPOCH) +%Y-%m-%d)

# Numeric forms for the Windows version resource: v1.2.3-4-gabcdef → 1,2,3,4.
# Anything that is not a release tag (a bare hash, "dev") gives 0,0,0,0.
VERSION_NUMS := $(shell echo '$(VERSION)' | sed -n 's/^v\{0,1\}\([0-9]\{1,5\}\)\.\([0-9]\{1,5\}\)\.\([0-9]\{1,5\}\)\(-\([0-9]\{1,5\}\)-g.*\)\{0,1\}.*/\1 \2 \3 \5/p')
VERSION_NUMS := $(strip $(wordlist 1,4,$(strip $(VERSION_NUMS)) 0 0 0 0))
ifneq ($(words $(VERSION_NUMS)),4)
VERSION_NUMS := 0 0 0 0
endif
pkg_empty :=
pkg_comma := ,
pkg_space := $(pkg_empty) $(pkg_empty)
VERSION_COMMAS := $(subst $(pkg_space),$(pkg_comma),$(VERSION_NUMS))
VERSION_DOTS   := $(subst $(pkg_space),.,$(VERSION_NUMS))
# VS_FF_PRERELEASE unless the version is exactly a release tag.
WIN_FILEFLAGS := $(if $(shell echo '$(VERSION)' | grep -E '^v?[0-9]+\.[0-9]+\.[0-9]+$$'),0x0L,0x2L)

# Reproducible builds: no paths (-trimpath; cgo's C files get
# -ffile-prefix-map from go under -trimpath), no VCS stamp, empty Go build
# id. The C compiler flags are pinned to go's default so the environment
# cannot add path-dependent ones.
GO_BUILD_FLAGS := -trimpath -buildvcs=false -tags=no_emoji
GO_LDFLAGS     := -s -w -buildid= -X taller.Version=$(VERSION)
PKG_CGO_ENV    := CGO_ENABLED=1 CGO_CFLAGS='-O2 -g' CGO_CPPFLAGS= CGO_CXXFLAGS='-O2 -g' CGO_LDFLAGS='-O2 -g'

LINUX_ENV := $(PKG_CGO_ENV) GOOS=linux GOARCH=amd64
WIN_CC    := x86_64-w64-mingw32-gcc
WIN_ENV   := $(PKG_CGO_ENV) GOOS=windows GOARCH=amd64 CC=$(WIN_CC) CXX=x86_64-w64-mingw32-g++

LINUX_NAME    := taller-$(VERSION)-linux-amd64
LINUX_ARCHIVE := $(DIST)/$(LINUX_NAME).tar.xz
WINDOWS_EXE   := $(DIST)/taller-$(VERSION)-windows-amd64.exe
WINDOWS_SETUP := $(DIST)/taller-$(VERSION)-windows-amd64-setup.exe
ICON_SIZES    := 16 24 32 48 64 128 256 512
ICO_SIZES     := 16 24 32 48 64 128 256

# Debian packages, by target.
PKG_DEBS_LINUX   := git gcc libc6-dev pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev \
                    libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev xz-utils
PKG_DEBS_WINDOWS := git gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64
PKG_DEBS_INSTALLER := nsis
# The Wine smoke test: Wine, a private X server with Mesa's software
# OpenGL, xdotool and ImageMagick to find and photograph windows, the
# locale sources (localedef) to give Wine a Spanish or English locale,
# script(1) from bsdutils for a terminal.
PKG_DEBS_WINE    := wine64 xvfb libgl1-mesa-dri xdotool imagemagick locales bsdutils
PKG_DEBS_CHECK   := file xz-utils icoutils desktop-file-utils appstream $(PKG_DEBS_WINE)
PKG_DEBS_ICONS   := librsvg2-bin imagemagick

# $(call pkg_apt_need,PACKAGES): apt-get install those of PACKAGES that are
# not installed; apt-get update first only if the install fails.
define pkg_apt_need
@missing=""; \
for p in $(1); do \
  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q ' installed$$' || missing="$$missing $$p"; \
done; \
if [ -n "$$missing" ]; then \
  if [ "$$(id -u)" = 0 ]; then sudo=""; \
  elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; \
  else echo "packaging: missing Debian packages:$$missing; install them as root" >&2; exit 1; fi; \
  echo "packaging: apt-get install$$missing"; \
  export DEBIAN_FRONTEND=noninteractive; \
  $$sudo apt-get install -y -q --no-install-recommends $$missing \
  || { $$sudo apt-get update -q && $$sudo apt-get install -y -q --no-install-recommends $$missing; }; \
fi
endef

define pkg_need_go
@command -v $(GO) >/dev/null 2>&1 || { echo "packaging: '$(GO)' not found; install Go $(shell sed -n 's/^go //p' $(TALLER_ROOT)/go.mod) or newer" >&2; exit 1; }
endef

# The source files of the tree, NUL-separated, relative to TALLER_ROOT:
# what git tracks or would track (not dist/), or everything outside a git
# checkout. Used to copy the tree and to fingerprint it.
define pkg_src_files
(cd $(TALLER_ROOT) && if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
  git ls-files -z --cached --others --exclude-standard | grep -zv '^dist/' \
  | xargs -0 sh -c 'for f do [ -f "$$f" ] && printf "%s\0" "$$f"; done; true' sh; \
else find . -path ./dist -prune -o -path ./.git -prune -o -type f -printf '%P\0'; fi)
endef
pkg_src_hash = $(pkg_src_files) | LC_ALL=C sort -z | (cd $(TALLER_ROOT) && xargs -0 sha256sum) | sha256sum | cut -c1-64

# Fill the @...@ fields of a template: $(call pkg_subst,IN,OUT)
pkg_subst = sed -e 's|@APP_ID@|$(APP_ID)|g' -e 's|@NAME@|$(APP_NAME)|g' \
	-e 's|@VERSION@|$(VERSION)|g' -e 's|@DATE@|$(RELEASE_DATE)|g' \
	-e 's|@VERSION_COMMAS@|$(VERSION_COMMAS)|g' -e 's|@VERSION_DOTS@|$(VERSION_DOTS)|g' \
	-e 's|@FILEFLAGS@|$(WIN_FILEFLAGS)|g' $(1) > $(2)

.PHONY: package-linux package-windows package-installer package-check packaging-icons packaging-clean \
        packaging-deps-linux packaging-deps-windows packaging-deps-installer packaging-deps-check \
        packaging-version package-check-wine

packaging-version:
	@echo $(VERSION)

packaging-deps-linux:
	$(call pkg_apt_need,$(PKG_DEBS_LINUX))
	$(pkg_need_go)

# Serialised after the Linux install: two apt-get at once would fight over the lock.
packaging-deps-windows: packaging-deps-linux
	$(call pkg_apt_need,$(PKG_DEBS_WINDOWS))

packaging-deps-installer: packaging-deps-windows
	$(call pkg_apt_need,$(PKG_DEBS_INSTALLER))

packaging-deps-check: packaging-deps-installer
	$(call pkg_apt_need,$(PKG_DEBS_CHECK))

# ---------------------------------------------------------------- Linux

package-linux: packaging-deps-linux
	@echo "packaging: building $(LINUX_NAME)"
	@rm -rf $(PKG_WORK)/linux && mkdir -p $(PKG_WORK)/linux/$(LINUX_NAME) $(DIST)
	@$(pkg_src_hash) > $(PKG_WORK)/linux/source.sha256
	cd $(TALLER_ROOT) && $(LINUX_ENV) $(GO) build $(GO_BUILD_FLAGS) -ldflags '$(GO_LDFLAGS)' \
		-o $(PKG_WORK)/linux/$(LINUX_NAME)/taller ./cmd/taller
	@set -e; d=$(PKG_WORK)/linux/$(LINUX_NAME); \
	$(call pkg_subst,$(PACKAGING_DIR)/linux/taller.desktop.in,$$d/$(APP_ID).desktop); \
	$(call pkg_subst,$(PACKAGING_DIR)/linux/metainfo.xml.in,$$d/$(APP_ID).metainfo.xml); \
	$(call pkg_subst,$(PACKAGING_DIR)/linux/install.sh.in,$$d/install.sh); \
	cp $(PACKAGING_DIR)/linux/Makefile.in $$d/Makefile; \
	cp $(PACKAGING_DIR)/FIRST-RUN.md $$d/LEEME-README.md; \
	for s in $(ICON_SIZES); do \
	  mkdir -p $$d/icons/hicolor/$${s}x$${s}/apps; \
	  cp $(ICON_DIR)/taller-$$s.png $$d/icons/hicolor/$${s}x$${s}/apps/$(APP_ID).png; \
	done; \
	mkdir -p $$d/icons/hicolor/scalable/apps; \
	cp $(ICON_DIR)/taller.svg $$d/icons/hicolor/scalable/apps/$(APP_ID).svg; \
	chmod -R u=rwX,go=rX $$d; chmod 755 $$d/taller $$d/install.sh; \
	tar --sort=name --format=gnu --owner=0 --group=0 --numeric-owner \
	    --mtime=@$(SOURCE_DATE_EPOCH) -C $(PKG_WORK)/linux -cf - $(LINUX_NAME) \
	  | xz -9 -T1 > $(LINUX_ARCHIVE).tmp; \
	mv $(LINUX_ARCHIVE).tmp $(LINUX_ARCHIVE)
	@ls -l $(LINUX_ARCHIVE)

# -------------------------------------------------------------- Windows
#
# The resource object (icon, manifest, version) is handed to the external
# linker through -extldflags rather than as a .syso in cmd/taller, so the
# source tree stays untouched. cgo packages (the OpenGL driver, go-sqlite3)
# force external linking, so it always applies. --no-insert-timestamp keeps
# the PE header free of the build time.

WIN_RES_O := $(PKG_WORK)/windows/taller-res.o

package-windows: packaging-deps-windows
	@echo "packaging: building taller-$(VERSION)-windows-amd64.exe"
	@rm -rf $(PKG_WORK)/windows && mkdir -p $(PKG_WORK)/windows $(DIST)
	@$(call pkg_subst,$(PACKAGING_DIR)/windows/taller.rc.in,$(PKG_WORK)/windows/taller.rc)
	@$(call pkg_subst,$(PACKAGING_DIR)/windows/taller.exe.manifest.in,$(PKG_WORK)/windows/taller.exe.manifest)
	cp $(ICON_DIR)/taller.ico $(PKG_WORK)/windows/taller.ico
	cd $(PKG_WORK)/windows && x86_64-w64-mingw32-windres -O coff -i taller.rc -o $(WIN_RES_O)
	cd $(TALLER_ROOT) && $(WIN_ENV) $(GO) build $(GO_BUILD_FLAGS) \
		-ldflags '$(GO_LDFLAGS) -H windowsgui "-extldflags=-Wl,--no-insert-timestamp $(WIN_RES_O)"' \
		-o $(WINDOWS_EXE).tmp ./cmd/taller
	@mv $(WINDOWS_EXE).tmp $(WINDOWS_EXE)
	@ls -l $(WINDOWS_EXE)

# ------------------------------------------------------------ installer
#
# A per-user NSIS installer around the same taller.exe: see
# packaging/windows/installer.nsi. 64-bit, like the program.

package-installer: packaging-deps-installer package-windows
	@echo "packaging: building taller-$(VERSION)-windows-amd64-setup.exe"
	makensis -V2 -WX -NOCD -DVERSION='$(VERSION)' -DVERSION_DOTS='$(VERSION_DOTS)' \
		-DEXE='$(WINDOWS_EXE)' -DICON='$(ICON_DIR)/taller.ico' -DOUTFILE='$(WINDOWS_SETUP).tmp' \
		$(PACKAGING_DIR)/windows/installer.nsi
	@mv $(WINDOWS_SETUP).tmp $(WINDOWS_SETUP)
	@ls -l $(WINDOWS_SETUP)

# ---------------------------------------------------------------- check

# DLLs that every Windows 10/11 has; anything else (libwinpthread-1.dll,
# libgcc_s_seh-1.dll, ...) would make the .exe fail on a facilitator's laptop.
WIN_SYSTEM_DLLS := kernel32 user32 gdi32 opengl32 shell32 ole32 oleaut32 advapi32 \
                   winmm ws2_32 msvcrt ntdll dwmapi imm32 shlwapi comdlg32 comctl32 \
                   version winspool.drv bcrypt crypt32 iphlpapi dnsapi secur32 userenv \
                   powrprof setupapi uxtheme mswsock netapi32 dbghelp
# Set PACKAGE_CHECK_COLD=1 to build the second Linux binary with an empty
# Go build cache (every C file recompiled: about as long as a cold build).
PACKAGE_CHECK_COLD ?= 0

package-check: packaging-deps-check package-linux package-windows package-installer
	@set -e; \
	tmp=$$(mktemp -d); trap 'chmod -R u+w "$$tmp" 2>/dev/null; rm -rf "$$tmp"' EXIT; \
	echo "== Linux archive: unpack and run"; \
	tar -xJf $(LINUX_ARCHIVE) -C $$tmp; \
	d=$$tmp/$(LINUX_NAME); \
	for f in taller install.sh Makefile $(APP_ID).desktop $(APP_ID).metainfo.xml \
	         icons/hicolor/16x16/apps/$(APP_ID).png icons/hicolor/512x512/apps/$(APP_ID).png \
	         icons/hicolor/scalable/apps/$(APP_ID).svg; do \
	  test -f $$d/$$f || { echo "FAIL: $$f missing from archive"; exit 1; }; \
	done; \
	if ldd $$d/taller | grep 'not found'; then echo "FAIL: missing shared libraries"; exit 1; fi; \
	out=$$($$d/taller version); echo "taller version: $$out"; \
	echo "$$out" | grep -qF -- '$(VERSION)' || { echo "FAIL: 'taller version' does not print $(VERSION)"; exit 1; }; \
	mkdir $$tmp/data; \
	$$d/taller --data $$tmp/data workshop list || { echo "FAIL: taller --data DIR workshop list"; exit 1; }; \
	echo "== desktop entry and AppStream metadata"; \
	desktop-file-validate $$d/$(APP_ID).desktop; \
	appstreamcli validate --no-net --explain $$d/$(APP_ID).metainfo.xml; \
	echo "== per-user install into a scratch HOME"; \
	HOME=$$tmp/home sh $$d/install.sh; \
	h=$$tmp/home/.local; \
	for f in bin/taller share/applications/$(APP_ID).desktop share/metainfo/$(APP_ID).metainfo.xml \
	         share/icons/hicolor/48x48/apps/$(APP_ID).png share/icons/hicolor/scalable/apps/$(APP_ID).svg; do \
	  test -f $$h/$$f || { echo "FAIL: install.sh did not install $$f"; exit 1; }; \
	done; \
	grep -qx "Exec=$$h/bin/taller" $$h/share/applications/$(APP_ID).desktop || { echo "FAIL: Exec line"; exit 1; }; \
	$$h/bin/taller version >/dev/null; \
	HOME=$$tmp/home sh $$d/install.sh uninstall; \
	test ! -e $$h/bin/taller || { echo "FAIL: uninstall left bin/taller"; exit 1; }; \
	echo "== Windows executable"; \
	ft=$$(file -b $(WINDOWS_EXE)); echo "file: $$ft"; \
	case "$$ft" in "PE32+ executable"*"(GUI)"*"x86-64"*) ;; *) echo "FAIL: not a PE32+ GUI x86-64 executable"; exit 1;; esac; \
	res=$$(LC_ALL=C wrestool -l $(WINDOWS_EXE)); echo "$$res"; \
	echo "$$res" | grep -q -- '--type=14 ' || { echo "FAIL: no icon group resource"; exit 1; }; \
	echo "$$res" | grep -q -- '--type=16 ' || { echo "FAIL: no version resource"; exit 1; }; \
	echo "$$res" | grep -q -- '--type=24 ' || { echo "FAIL: no manifest resource"; exit 1; }; \
	LC_ALL=C wrestool -x --raw --type=16 $(WINDOWS_EXE) | LC_ALL=C strings -n 2 -el \
	  | grep -qxF -- '$(VERSION)' || { echo "FAIL: version resource does not hold $(VERSION)"; exit 1; }; \
	dlls=$$(x86_64-w64-mingw32-objdump -p $(WINDOWS_EXE) | sed -n 's/^[[:space:]]*DLL Name: //p' | tr 'A-Z' 'a-z' | sort -u); \
	echo "imports:" $$dlls; \
	for dll in $$dlls; do \
	  case " $(WIN_SYSTEM_DLLS) " in *" $${dll%.dll} "*|*" $$dll "*) ;; \
	  *) echo "FAIL: taller.exe needs $$dll, which Windows does not ship"; exit 1;; esac; \
	done; \
	echo "== Windows installer"; \
	ft=$$(file -b $(WINDOWS_SETUP)); echo "file: $$ft"; \
	case "$$ft" in "PE32+ executable"*"(GUI)"*"x86-64"*) ;; *) echo "FAIL: the installer is not a PE32+ GUI x86-64 executable"; exit 1;; esac; \
	LC_ALL=C wrestool -x --raw --type=16 $(WINDOWS_SETUP) | LC_ALL=C strings -n 2 -el \
	  | grep -qxF -- '$(VERSION)' || { echo "FAIL: the installer's version resource does not hold $(VERSION)"; exit 1; }; \
	echo "== Windows under Wine"; \
	$(MAKE) --no-print-directory -f $(PACKAGING_DIR)/packaging.mk package-check-wine VERSION='$(VERSION)' DIST='$(DIST)'; \
	echo "== reproducible Linux build (second build from a copy of the tree at another path)"; \
	mkdir $$tmp/src; \
	$(pkg_src_files) | (cd $(TALLER_ROOT) && xargs -0 cp --parents -t $$tmp/src); \
	if [ "$$($(pkg_src_hash))" != "$$(cat $(PKG_WORK)/linux/source.sha256)" ]; then \
	  echo "FAIL: the source tree changed since package-linux built the archive (files being edited?); run again"; exit 1; fi; \
	cache=$$($(GO) env GOCACHE); \
	if [ "$(PACKAGE_CHECK_COLD)" = 1 ]; then cache=$$tmp/gocache; fi; \
	cd $$tmp/src && GOCACHE=$$cache $(LINUX_ENV) $(GO) build $(GO_BUILD_FLAGS) -ldflags '$(GO_LDFLAGS)' \
	  -o $$tmp/taller-again ./cmd/taller; \
	if cmp $$d/taller $$tmp/taller-again; then \
	  echo "identical: $$(sha256sum < $$tmp/taller-again | cut -c1-64)"; \
	else echo "FAIL: two Linux builds of the same tree differ"; exit 1; fi; \
	echo "package-check: all passed"

# The Wine smoke test alone, against the packages already built:
# packaging/windows/winesmoke. It keeps dist/wine-app-window.png and
# dist/wine-installer-es.png to look at.
package-check-wine:
	cd $(TALLER_ROOT) && $(GO) run ./packaging/windows/winesmoke -exe '$(WINDOWS_EXE)' -installer '$(WINDOWS_SETUP)' \
		-version '$(VERSION)' -work '$(PKG_WORK)/wine' -out '$(DIST)' -shim '$(PACKAGING_DIR)/windows/wine-shim'

# ---------------------------------------------------------------- icons
#
# taller.svg is the design; taller-16.svg is the same mark hand-fitted to
# the 16 px grid. The PNGs and the .ico are committed, so builds do not need
# these tools; run this after changing an SVG.

packaging-icons:
	$(call pkg_apt_need,$(PKG_DEBS_ICONS))
	@set -e; cd $(ICON_DIR); \
	for s in $(ICON_SIZES); do \
	  src=taller.svg; [ $$s = 16 ] && src=taller-16.svg; \
	  rsvg-convert -w $$s -h $$s $$src -o taller-$$s.png.tmp; \
	  convert taller-$$s.png.tmp -strip -define png:exclude-chunks=date,time PNG32:taller-$$s.png; \
	  rm -f taller-$$s.png.tmp; \
	done; \
	convert $(foreach s,$(ICO_SIZES),taller-$(s).png) taller.ico; \
	ls -l $(ICON_DIR)

packaging-clean:
	rm -rf $(DIST)
