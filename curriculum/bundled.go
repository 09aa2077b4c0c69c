package curriculum

import (
	"embed"
	"io/fs"
	"sync"
)

// bundled holds the modules shipped with the program, in modules/es and
// modules/en.
//
//go:embed modules
var bundled embed.FS

var (
	defaultOnce sync.Once
	defaultCur  *Curriculum
)

// Default returns the curriculum bundled with the program. It panics if the
// embedded files do not validate, a build mistake the tests catch.
func Default() *Curriculum {
	defaultOnce.Do(func() {
		c, err := loadBundled()
		if err != nil {
			panic("bundled curriculum: " + err.Error())
		}
		defaultCur = c
	})
	return defaultCur
}

// loadBundled reads and validates the embedded modules.
func loadBundled() (*Curriculum, error) {
	sub, err := fs.Sub(bundled, "modules")
	if err != nil {
		return nil, err
	}
	c, err := Load(sub)
	if err != nil {
		return nil, err
	}
	c.source = SourceBundled
	return c, nil
}
