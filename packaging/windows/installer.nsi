; installer.nsi: Taller's per-user Windows installer, built on Debian with
; NSIS (makensis) by `make package-installer` (packaging/packaging.mk).
;
; The facilitator needs no administrator rights: everything goes under the
; user's own profile, and the uninstaller is listed in the user's installed
; apps (HKCU). The data folder (%LOCALAPPDATA%\Taller, where Taller keeps
; its SQLite file) is not the install folder; the uninstaller asks whether
; to keep it and keeps it by default, and always when run silently (/S).
;
; packaging.mk passes, with -D:
;   VERSION       the version string (git describe), e.g. v1.2.0-3-gabc1234
;   VERSION_DOTS  its four-number form for the file's properties, e.g. 1.2.0.3
;   EXE           the path of taller.exe to install
;   ICON          the path of taller.ico
;   OUTFILE       the path of the installer to write

; A 64-bit installer, like the program it installs (and Wine 64 runs it).
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma
; The installed files get the time they were installed, not the build
; machine's file times.
SetDateSave off

!ifndef VERSION | VERSION_DOTS | EXE | ICON | OUTFILE
  !error "pass -DVERSION=… -DVERSION_DOTS=… -DEXE=… -DICON=… -DOUTFILE=…"
!endif

!define APP_NAME "Taller"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Taller"

Name "${APP_NAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\Taller"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
BrandingText "${APP_NAME} ${VERSION}"

!include "MUI2.nsh"
!include "FileFunc.nsh"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\taller.exe"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the one used when the system's matches neither
; (NSIS matches the user's UI language exactly, then by primary language,
; so es-SV, es-GT and es-HN all get Spanish).
!insertmacro MUI_LANGUAGE "Spanish"
!insertmacro MUI_LANGUAGE "English"

LangString SecApp ${LANG_SPANISH} "Taller (programa y menú Inicio)"
LangString SecApp ${LANG_ENGLISH} "Taller (program and Start menu)"
LangString SecDesktop ${LANG_SPANISH} "Acceso directo en el Escritorio"
LangString SecDesktop ${LANG_ENGLISH} "Desktop shortcut"
LangString KeepData ${LANG_SPANISH} "¿Conservar los datos de los talleres?$\r$\n$\r$\n$LOCALAPPDATA\Taller$\r$\n$\r$\nSí: los talleres, registros y evaluaciones quedan en esta computadora y Taller los encuentra si lo vuelve a instalar.$\r$\nNo: se borran para siempre. Exporte antes lo que deba entregar."
LangString KeepData ${LANG_ENGLISH} "Keep the workshops' data?$\r$\n$\r$\n$LOCALAPPDATA\Taller$\r$\n$\r$\nYes: workshops, check-ins and evaluations stay on this computer and Taller finds them if you install it again.$\r$\nNo: they are deleted for good. Export first whatever you must hand in."

VIProductVersion "${VERSION_DOTS}"
VIFileVersion "${VERSION_DOTS}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileDescription" "Taller installer"
VIAddVersionKey /LANG=${LANG_ENGLISH} "CompanyName" "Taller"
VIAddVersionKey /LANG=${LANG_ENGLISH} "LegalCopyright" "Taller"
VIAddVersionKey /LANG=${LANG_SPANISH} "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=${LANG_SPANISH} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SPANISH} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SPANISH} "FileDescription" "Instalador de Taller"
VIAddVersionKey /LANG=${LANG_SPANISH} "CompanyName" "Taller"
VIAddVersionKey /LANG=${LANG_SPANISH} "LegalCopyright" "Taller"

Section "!$(SecApp)" SecAppID
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "/oname=taller.exe" "${EXE}"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortCut "$SMPROGRAMS\Taller.lnk" "$INSTDIR\taller.exe" "" "$INSTDIR\taller.exe" 0

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$\"$INSTDIR\taller.exe$\",0"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "Taller"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" "$\"$INSTDIR\uninstall.exe$\""
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" "$\"$INSTDIR\uninstall.exe$\" /S"
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "$(SecDesktop)" SecDesktopID
  SetShellVarContext current
  CreateShortCut "$DESKTOP\Taller.lnk" "$INSTDIR\taller.exe" "" "$INSTDIR\taller.exe" 0
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\Taller.lnk"
  Delete "$DESKTOP\Taller.lnk"
  Delete "$INSTDIR\taller.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINST_KEY}"

  ; Default (and silent): keep. Only an explicit "No" deletes the data.
  MessageBox MB_YESNO|MB_ICONQUESTION|MB_DEFBUTTON1 "$(KeepData)" /SD IDYES IDYES keep
    RMDir /r "$LOCALAPPDATA\Taller"
  keep:
SectionEnd
