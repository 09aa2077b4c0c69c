// Package assets holds the files Taller embeds in its binary: translations,
// web templates and styles for the phone pages, and icons.
package assets

import "embed"

// Translations holds one folder per area of the program (core, cli, web,
// app, report, …), each with an es.json and an en.json file of flat
// key → text entries in the format Fyne's lang package reads.
//
//go:embed i18n
var Translations embed.FS

// Icon is the app's icon, 256 px, for the window and the taskbar.
//
//go:embed icon/taller-256.png
var Icon []byte
