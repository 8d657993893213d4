package script

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"
)

// maxFileBytes bounds what a script may write to the in-memory files of
// one run, all files together, so a script that writes without end fails
// with "no space left on device" instead of filling the fake's memory.
// Every file and directory counts its name and entryBytes too, so neither
// can a script that makes empty files without end.
const maxFileBytes = 1 << 20

// entryBytes is what a file or directory takes beyond its name and
// content, as an inode does.
const entryBytes = 64

// entryCost is what the entry name takes of maxFileBytes.
func entryCost(name string) int { return len(name) + entryBytes }

// baseDirectories are the directories every simulated instance has, so
// that `cd /tmp` or `ls`-free checks such as `[ -d /var/log ]` behave.
var baseDirectories = []string{
	"/", "/bin", "/dev", "/etc", "/home", "/opt", "/root", "/sbin", "/srv", "/tmp",
	"/usr", "/usr/bin", "/usr/local", "/usr/local/bin", "/usr/sbin", "/var", "/var/log", "/var/tmp",
}

// memFS is the file system a simulated script sees: a few directories, the
// files the fake provides, and whatever the script itself writes. Nothing
// of it touches the machine the fake runs on, and it is gone when the run
// ends. Writing a file creates its parent directories, so a script that
// writes its own configuration (`echo x > /etc/app/conf`) succeeds as it
// would on a prepared instance.
type memFS struct {
	mu    sync.Mutex
	files map[string][]byte
	dirs  map[string]bool
	used  int
}

func newMemFS(workingDir string, files map[string]string) *memFS {
	m := &memFS{files: map[string][]byte{}, dirs: map[string]bool{}}
	for _, dir := range baseDirectories {
		m.dirs[dir] = true
	}
	// What the instance has from the start is a few entries, far within
	// maxFileBytes.
	_ = m.addDir(workingDir)
	for name, content := range files {
		_ = m.addDir(path.Dir(name))
		m.files[name] = []byte(content)
	}
	return m
}

// addDir records dir and its parents, within maxFileBytes; the caller
// holds mu or owns m.
func (m *memFS) addDir(dir string) error {
	for ; !m.dirs[dir]; dir = path.Dir(dir) {
		if m.used+entryCost(dir) > maxFileBytes {
			return pathError("mkdir", dir, syscall.ENOSPC)
		}
		m.used += entryCost(dir)
		m.dirs[dir] = true
	}
	return nil
}

func pathError(op, name string, err error) error {
	return &os.PathError{Op: op, Path: name, Err: err}
}

// open opens name, an absolute clean path, as os.OpenFile would.
func (m *memFS) open(name string, flag int) (io.ReadWriteCloser, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.dirs[name] {
		return nil, pathError("open", name, syscall.EISDIR)
	}
	content, exists := m.files[name]
	writing := flag&(os.O_WRONLY|os.O_RDWR) != 0
	if !writing {
		if !exists {
			return nil, pathError("open", name, syscall.ENOENT)
		}
		return readOnlyFile{bytes.NewReader(slices.Clone(content))}, nil
	}
	if !exists && flag&os.O_CREATE == 0 {
		return nil, pathError("open", name, syscall.ENOENT)
	}
	if exists && flag&os.O_EXCL != 0 {
		return nil, pathError("open", name, syscall.EEXIST)
	}
	if err := m.addDir(path.Dir(name)); err != nil {
		return nil, err
	}
	if !exists {
		if m.used+entryCost(name) > maxFileBytes {
			return nil, pathError("open", name, syscall.ENOSPC)
		}
		m.used += entryCost(name)
	}
	if flag&os.O_TRUNC != 0 || !exists {
		m.used -= len(content)
		m.files[name] = nil
	}
	return &memFile{fs: m, name: name}, nil
}

// write appends p to the file name, within maxFileBytes.
func (m *memFS) write(name string, p []byte) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	room := max(0, maxFileBytes-m.used)
	n := min(room, len(p))
	m.files[name] = append(m.files[name], p[:n]...)
	m.used += n
	if n < len(p) {
		return n, pathError("write", name, syscall.ENOSPC)
	}
	return n, nil
}

// stat describes name, an absolute clean path.
func (m *memFS) stat(name string) (fs.FileInfo, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.dirs[name] {
		return memInfo{name: path.Base(name), dir: true}, nil
	}
	if content, ok := m.files[name]; ok {
		return memInfo{name: path.Base(name), size: int64(len(content))}, nil
	}
	if name == devNull {
		return memInfo{name: "null"}, nil
	}
	return nil, pathError("stat", name, syscall.ENOENT)
}

// readDir lists the directory name, sorted by name, as glob patterns need.
func (m *memFS) readDir(name string) ([]fs.DirEntry, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.dirs[name] {
		return nil, pathError("open", name, syscall.ENOENT)
	}
	var entries []fs.DirEntry
	add := func(child string, info memInfo) {
		if child != name && path.Dir(child) == name {
			entries = append(entries, fs.FileInfoToDirEntry(info))
		}
	}
	for dir := range m.dirs {
		add(dir, memInfo{name: path.Base(dir), dir: true})
	}
	for file, content := range m.files {
		add(file, memInfo{name: path.Base(file), size: int64(len(content))})
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, nil
}

// memFile is a file open for writing; each write lands in the file at once.
type memFile struct {
	fs   *memFS
	name string
}

func (f *memFile) Write(p []byte) (int, error) { return f.fs.write(f.name, p) }
func (f *memFile) Read([]byte) (int, error) {
	return 0, pathError("read", f.name, syscall.EBADF)
}
func (f *memFile) Close() error { return nil }

type readOnlyFile struct{ *bytes.Reader }

func (readOnlyFile) Write([]byte) (int, error) { return 0, syscall.EBADF }
func (readOnlyFile) Close() error              { return nil }

// devNull is the one device file every script may use.
const devNull = "/dev/null"

type nullFile struct{}

func (nullFile) Read([]byte) (int, error)    { return 0, io.EOF }
func (nullFile) Write(p []byte) (int, error) { return len(p), nil }
func (nullFile) Close() error                { return nil }

// writerFile is /dev/stdout or /dev/stderr: the shell's own stream.
type writerFile struct{ io.Writer }

func (writerFile) Read([]byte) (int, error) { return 0, syscall.EBADF }
func (writerFile) Close() error             { return nil }

// memInfo describes a file or directory of a memFS. Every file belongs to
// root, as scripts run by the agents do by default.
type memInfo struct {
	name string
	size int64
	dir  bool
}

func (i memInfo) Name() string { return i.name }
func (i memInfo) Size() int64  { return i.size }
func (i memInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o755
	}
	return 0o644
}
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return i.dir }
func (i memInfo) Sys() any           { return rootOwned() }

// mkdir makes the directory name; with parents, its missing parents too
// and no error if it exists.
func (m *memFS) mkdir(name string, parents bool) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	_, isFile := m.files[name]
	switch {
	case isFile || (m.dirs[name] && !parents):
		return pathError("mkdir", name, syscall.EEXIST)
	case !parents && !m.dirs[path.Dir(name)]:
		return pathError("mkdir", name, syscall.ENOENT)
	}
	return m.addDir(name)
}

// remove deletes the file name, or the directory name and everything in
// it when recursive; an empty directory goes with dir alone.
func (m *memFS) remove(name string, recursive, dir bool) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if content, ok := m.files[name]; ok {
		m.used -= len(content) + entryCost(name)
		delete(m.files, name)
		return nil
	}
	if !m.dirs[name] {
		return pathError("remove", name, syscall.ENOENT)
	}
	children := m.under(name)
	switch {
	case !recursive && !dir:
		return pathError("remove", name, syscall.EISDIR)
	case !recursive && len(children) > 0:
		return pathError("remove", name, syscall.ENOTEMPTY)
	}
	for _, child := range children {
		m.used -= len(m.files[child]) + entryCost(child)
		delete(m.files, child)
		delete(m.dirs, child)
	}
	if name != "/" {
		m.used -= entryCost(name)
		delete(m.dirs, name)
	}
	return nil
}

// under lists every path below dir, sorted; the caller holds mu.
func (m *memFS) under(dir string) []string {
	prefix := strings.TrimSuffix(dir, "/") + "/"
	var found []string
	for d := range m.dirs {
		if strings.HasPrefix(d, prefix) {
			found = append(found, d)
		}
	}
	for f := range m.files {
		if strings.HasPrefix(f, prefix) {
			found = append(found, f)
		}
	}
	slices.Sort(found)
	return found
}

// walk lists root and every path below it, sorted, as find does.
func (m *memFS) walk(root string) []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string{root}, m.under(root)...)
}

// readFile returns the content of the file name.
func (m *memFS) readFile(name string) ([]byte, error) {
	f, err := m.open(name, os.O_RDONLY)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(f)
}

// writeFile replaces the content of the file name, within maxFileBytes.
func (m *memFS) writeFile(name string, data []byte) error {
	f, err := m.open(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return err
}

// copyTree copies the file or directory from to to, with what it holds.
func (m *memFS) copyTree(from, to string) error {
	info, err := m.stat(from)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		data, err := m.readFile(from)
		if err != nil {
			return err
		}
		return m.writeFile(to, data)
	}
	for _, p := range m.walk(from) {
		target := to + strings.TrimPrefix(p, from)
		if info, err := m.stat(p); err == nil && info.IsDir() {
			if err := m.mkdir(target, true); err != nil {
				return err
			}
			continue
		}
		data, err := m.readFile(p)
		if err != nil {
			return err
		}
		if err := m.writeFile(target, data); err != nil {
			return err
		}
	}
	return nil
}
