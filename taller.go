// Package taller holds Taller's domain: workshops, their agendas, the
// anonymous check-ins, quizzes and evaluations collected from participants'
// phones, the aggregates exported for coordinators, and the service
// interfaces that package store implements. It knows no SQL, no HTTP and no
// GUI.
package taller

// Version is the program's version, stamped at build time from git describe.
var Version = "dev"
