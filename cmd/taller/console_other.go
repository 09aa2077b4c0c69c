//go:build !windows

package main

// attachConsole is a no-op outside Windows: there the binary is an
// ordinary executable that inherits the terminal's standard streams. See
// console_windows.go.
func attachConsole() {}
