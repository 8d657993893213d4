package conns

import (
	"context"
	"fmt"
	"sync"

	aliproviders "github.com/aliyun/credentials-go/credentials/providers"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
)

// The instance roles are read from the vendors' metadata services by the
// SDKs' own providers, which renew the keys themselves. Neither provider
// lets its metadata address be changed (Tencent Cloud:
// http://metadata.tencentyun.com, Alibaba Cloud: http://100.100.100.200),
// so these sources work only on an instance of the vendor.

// TencentInstanceRole returns the keys of the CAM role bound to the CVM
// instance the provider runs on, by the SDK's CvmRoleProvider.
func TencentInstanceRole(roleName string) CredentialSource {
	return &tencentInstanceRole{provider: common.NewCvmRoleProvider(roleName), roleName: roleName}
}

type tencentInstanceRole struct {
	provider *common.CvmRoleProvider
	roleName string

	mu   sync.Mutex
	cred common.CredentialIface // renews itself once obtained
}

func (t *tencentInstanceRole) Credentials(context.Context) (Credentials, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.cred == nil {
		cred, err := t.provider.GetCredential()
		if err != nil {
			return Credentials{}, fmt.Errorf("could not read the keys of CAM role %q from the CVM instance metadata service (http://metadata.tencentyun.com): %w; "+
				"cam_role_name works only on a CVM instance the role is bound to", t.roleName, err)
		}
		t.cred = cred
	}
	id, key, token := t.cred.GetCredential()
	return Credentials{KeyID: id, Secret: key, Token: token}, nil
}

// AlibabaInstanceRole returns the keys of the RAM role attached to the ECS
// instance the provider runs on, by credentials-go's ECS RAM role provider.
func AlibabaInstanceRole(roleName string) CredentialSource {
	return &alibabaInstanceRole{roleName: roleName}
}

type alibabaInstanceRole struct {
	roleName string

	mu       sync.Mutex
	provider *aliproviders.ECSRAMRoleCredentialsProvider // renews the keys itself
}

func (a *alibabaInstanceRole) Credentials(context.Context) (Credentials, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.provider == nil {
		provider, err := aliproviders.NewECSRAMRoleCredentialsProviderBuilder().WithRoleName(a.roleName).Build()
		if err != nil {
			return Credentials{}, a.failed(err)
		}
		a.provider = provider
	}
	c, err := a.provider.GetCredentials()
	if err != nil {
		return Credentials{}, a.failed(err)
	}
	return Credentials{KeyID: c.AccessKeyId, Secret: c.AccessKeySecret, Token: c.SecurityToken}, nil
}

func (a *alibabaInstanceRole) failed(err error) error {
	return fmt.Errorf("could not read the keys of RAM role %q from the ECS instance metadata service (http://100.100.100.200): %w; "+
		"ecs_role_name works only on an ECS instance the role is attached to", a.roleName, err)
}
