package watch

import "golang.org/x/sys/unix"

// networkFS names the network or virtual file system holding dir, on which
// file events may never arrive; "" for a local one.
func networkFS(dir string) string {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return ""
	}
	switch uint32(st.Type) {
	case 0x6969:
		return "NFS"
	case 0xFF534D42, 0xFE534D42, 0x517B:
		return "SMB/CIFS"
	case 0x65735546:
		return "FUSE"
	case 0x01021997:
		return "9p"
	case 0x786f4256:
		return "VirtualBox shared folder"
	}
	return ""
}
