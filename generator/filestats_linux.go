package generator

import (
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// statKey is the status of the regular file at path that a change to it
// changes: size, modification and change times, inode and mode; "" when
// there is none to trust.
func statKey(path string) string {
	fi, err := os.Lstat(path)
	if err != nil || !fi.Mode().IsRegular() {
		return ""
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return ""
	}
	// The newest of the two times comes first: statBefore reads it.
	mtime, ctime := fi.ModTime().UnixNano(), time.Unix(st.Ctim.Unix()).UnixNano()
	return strconv.FormatInt(max(mtime, ctime), 10) + "." + strconv.FormatInt(mtime, 10) + "." +
		strconv.FormatInt(fi.Size(), 10) + "." + strconv.FormatUint(st.Ino, 10) + "." + strconv.FormatUint(uint64(st.Dev), 10) + "." +
		strconv.FormatUint(uint64(fi.Mode()), 10)
}

// statBefore reports whether the file of key last changed before t.
func statBefore(key string, t time.Time) bool {
	newest, _, _ := strings.Cut(key, ".")
	ns, err := strconv.ParseInt(newest, 10, 64)
	return err == nil && ns < t.UnixNano()
}
