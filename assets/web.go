package assets

import "embed"

// Web holds the phone pages: html/template files and the style sheet that
// package participant inlines into every page.
//
//go:embed web
var Web embed.FS
