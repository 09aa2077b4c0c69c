package settings

import "taller/app/ui"

// t and tn translate in the app's language (see ui.T and ui.TN).
var t, tn = ui.T, ui.TN
