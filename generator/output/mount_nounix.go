//go:build !unix

package output

func devDiffers(string) bool { return false }
