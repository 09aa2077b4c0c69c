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
		pos, err := e.parse(e.flags(c), args)
		if err != nil {
			return err
		}
		if err := e.exactArgs(c, pos, 0); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "taller %s (schema %d, %s/%s)\n", taller.Version, store.SchemaVersion, runtime.GOOS, runtime.GOARCH)
		return nil
	}})
}
