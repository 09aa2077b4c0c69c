//go:build !unix

package report

// cpuSeconds is not measured here.
func cpuSeconds() float64 { return 0 }
