// Package servertest holds what the tests of the handbook's HTTP servers
// share: the request targets that try to leave the site.
package servertest

// Traversals are request targets that try to read a file outside the
// site, written exactly as they go on the wire. Each must get the site's
// 404 page. The server tests put a file secret.txt beside the site and
// symbolic links leak.txt, leak2.txt and outside inside it.
var Traversals = []string{
	`/../secret.txt`,
	`/../../secret.txt`,
	`/%2e%2e/secret.txt`,
	`/%2E%2E/secret.txt`,
	`/.%2e/secret.txt`,
	`/..%2fsecret.txt`,
	`/..%2Fsecret.txt`,
	`/a/..%2f..%2fsecret.txt`,
	`/%2e%2e%2fsecret.txt`,
	`/roles/../../secret.txt`,
	`/roles/../index.html`, // ".." is refused, not resolved
	`/..\secret.txt`,
	`/%5c..%5csecret.txt`,
	`/..%5csecret.txt`,
	`//etc/passwd`,
	`/%00`,
	`/index.html%00`,
	`/secret.txt%00.html`,
	`/leak.txt`,
	`/leak2.txt`,
	`/outside/secret.txt`,
	`/outside/`,
	`/outside`,
}
