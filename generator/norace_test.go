//go:build !race

package generator

// raceDetector is set when the tests run under the race detector, which
// makes builds several times slower: the long tests run fewer cases.
const raceDetector = false
