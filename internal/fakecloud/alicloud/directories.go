package alicloud

// Whether a working directory exists is for the agent to find out, when a
// run is about to start. A test declares directories missing; a run that
// would start in one ends Error with ErrorCode DirectoryNotExists.

// missingDirectory is a working directory declared not to exist on an
// instance ("" for every instance).
type missingDirectory struct {
	instanceID string
	dir        string
}

// Default working directories, used when neither the command nor the
// request gives one (ECS CreateCommand and RunCommand: WorkingDir).
const (
	defaultLinuxWorkingDir   = "/root"
	defaultWindowsWorkingDir = `C:\Windows\System32`
)

// SetMissingDirectory declares that the working directory dir does not
// exist on the instance, or on every instance when instanceID is "". dir is
// compared as a run would use it: the command's WorkingDir, or when that is
// empty the agent's default, /root for RunShellScript and
// C:\Windows\System32 for the Windows types. A run that would start there
// ends Error with ErrorCode DirectoryNotExists, whatever would have run.
// Runs inside a container are not affected: the vendor ignores WorkingDir
// for them.
func (s *Service) SetMissingDirectory(instanceID, dir string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state.missingDirs[missingDirectory{instanceID: instanceID, dir: dir}] = true
}

// ClearMissingDirectories makes every directory exist again.
func (s *Service) ClearMissingDirectories() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.state.missingDirs)
}

// directoryMissing reports whether the invocation's working directory is
// declared missing on the instance. Callers hold s.mu.
func (s *Service) directoryMissing(instanceID string, inv *invocation) bool {
	if inv.containerID != "" || inv.containerName != "" {
		return false
	}
	dir := effectiveWorkingDir(inv)
	return s.state.missingDirs[missingDirectory{instanceID: instanceID, dir: dir}] ||
		s.state.missingDirs[missingDirectory{dir: dir}]
}

// effectiveWorkingDir is the directory a run of inv starts in.
func effectiveWorkingDir(inv *invocation) string {
	switch {
	case inv.workingDir != "":
		return inv.workingDir
	case inv.commandType == "RunShellScript":
		return defaultLinuxWorkingDir
	}
	return defaultWindowsWorkingDir
}
