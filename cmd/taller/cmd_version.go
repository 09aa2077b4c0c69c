package main

import (
	"fmt"
	"runtime"

	"taller"
	"taller/store"
)

func init() {
	register(&command{name: "version", summary: "cli.version", run: func(e *env, args []string) error {
		c := commands["version"]
		if _, err := e.parseArgs(e.flags(c), args, 0); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "taller %s (schema %d, %s/%s)\n", taller.Version, store.SchemaVersion, runtime.GOOS, runtime.GOARCH)
		return nil
	}})
}
