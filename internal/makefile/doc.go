// Package makefile holds no code, only a test: that the repository's
// Makefile runs every fuzz target of the repository (`make fuzz`) and
// refreshes the golden files of every package whose tests take an -update
// flag (`make golden`), and names nothing that is gone.
package makefile
