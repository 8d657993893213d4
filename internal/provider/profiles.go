package provider

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// tencentProfile is one profile of the Tencent Cloud CLI (tccli), which the
// tencentcloud Terraform provider reads too: <dir>/<profile>.credential
// holds the keys, <dir>/<profile>.configure the default region.
type tencentProfile struct {
	SecretID  string `json:"secretId"`
	SecretKey string `json:"secretKey"`
	Token     string `json:"token"`
	Region    string `json:"-"`
}

// readTencentProfile reads a tccli profile; found is false when its
// credential file does not exist.
func readTencentProfile(dir, name string) (profile tencentProfile, file string, found bool, err error) {
	file = filepath.Join(dir, name+".credential")
	data, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return profile, file, false, nil
	}
	if err != nil {
		return profile, file, false, err
	}
	if err := json.Unmarshal(data, &profile); err != nil {
		return profile, file, true, fmt.Errorf("%s is not a tccli credential file (JSON with secretId and secretKey): %w", file, err)
	}
	if profile.SecretID == "" || profile.SecretKey == "" {
		return profile, file, true, fmt.Errorf("%s has no secretId or no secretKey", file)
	}
	// The region is optional, and so is the file that holds it.
	var configure struct {
		SysParam struct {
			Region string `json:"region"`
		} `json:"_sys_param"`
	}
	if data, err := os.ReadFile(filepath.Join(dir, name+".configure")); err == nil && json.Unmarshal(data, &configure) == nil {
		profile.Region = configure.SysParam.Region
	}
	return profile, file, true, nil
}

// alibabaConfig is the Alibaba Cloud CLI's configuration file
// (~/.aliyun/config.json), which the alicloud Terraform provider reads too.
type alibabaConfig struct {
	Current  string           `json:"current"`
	Profiles []alibabaProfile `json:"profiles"`
}

// alibabaProfile is one profile of the file, in one of the modes the CLI
// writes: AK, StsToken, RamRoleArn (AK keys assume ram_role_arn) or
// EcsRamRole (the instance's RAM role).
type alibabaProfile struct {
	Name            string `json:"name"`
	Mode            string `json:"mode"`
	AccessKeyID     string `json:"access_key_id"`
	AccessKeySecret string `json:"access_key_secret"`
	StsToken        string `json:"sts_token"`
	RAMRoleARN      string `json:"ram_role_arn"`
	RAMSessionName  string `json:"ram_session_name"`
	ExpiredSeconds  int64  `json:"expired_seconds"`
	ExternalID      string `json:"external_id"`
	RAMRoleName     string `json:"ram_role_name"`
	RegionID        string `json:"region_id"`
}

// readAlibabaProfile finds a profile in the file; an empty name means the
// file's current profile, else "default". found is false when the file
// does not exist.
func readAlibabaProfile(file, name string) (profile alibabaProfile, found bool, err error) {
	data, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return profile, false, nil
	}
	if err != nil {
		return profile, false, err
	}
	var config alibabaConfig
	if err := json.Unmarshal(data, &config); err != nil {
		return profile, true, fmt.Errorf("%s is not an Alibaba Cloud CLI configuration file: %w", file, err)
	}
	if name == "" {
		name = config.Current
	}
	if name == "" {
		name = "default"
	}
	for _, p := range config.Profiles {
		if p.Name == name {
			return p, true, nil
		}
	}
	return profile, true, fmt.Errorf("%s has no profile %q", file, name)
}

// readableByOthers warns, in a list of at most one, when a file that holds
// keys may be read by users other than its owner: the CLIs write theirs
// with mode 0600, and a copy made by hand often is not.
func readableByOthers(file string) []string {
	info, err := os.Stat(file)
	if err != nil || runtime.GOOS == "windows" || info.Mode().Perm()&0o077 == 0 {
		return nil
	}
	return []string{fmt.Sprintf("The credentials file %s can be read by users other than its owner (mode %04o). "+
		"Anyone who can read it can use its keys: restrict it with chmod 600 %s.", file, info.Mode().Perm(), file)}
}

// homeFile is a path under the user's home directory, or "" when there is
// no home directory.
func homeFile(parts ...string) string {
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return ""
	}
	return filepath.Join(append([]string{home}, parts...)...)
}
