package tencent

import (
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	sts "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sts/v20180813"
)

const testRoleARN = "qcs::cam::uin/100000000001:roleName/terraform"

func (e *testEnv) assumeRole(t *testing.T, cred common.CredentialIface, edit func(*sts.AssumeRoleRequest)) (*sts.AssumeRoleResponse, error) {
	t.Helper()
	client, err := sts.NewClient(cred, testRegion, e.profile())
	mustSucceed(t, err)
	req := sts.NewAssumeRoleRequest()
	req.RoleArn = common.StringPtr(testRoleARN)
	req.RoleSessionName = common.StringPtr("cloudcmd-test")
	if edit != nil {
		edit(req)
	}
	return client.AssumeRole(req)
}

func TestAssumeRoleKeysAreAcceptedWithTheirTokenUntilTheyExpire(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	resp, err := env.assumeRole(t, common.NewCredential(testSecretID, testSecretKey), func(r *sts.AssumeRoleRequest) {
		r.DurationSeconds = common.Uint64Ptr(900)
		r.ExternalId = common.StringPtr("team-a")
	})
	mustSucceed(t, err)
	c := resp.Response.Credentials
	if want := env.now().Add(900 * time.Second).Unix(); *resp.Response.ExpiredTime != want {
		t.Errorf("ExpiredTime = %d, want %d", *resp.Response.ExpiredTime, want)
	}
	if _, err := time.Parse(time.RFC3339, *resp.Response.Expiration); err != nil {
		t.Errorf("Expiration %q is not RFC 3339: %v", *resp.Response.Expiration, err)
	}
	withToken := common.NewTokenCredential(*c.TmpSecretId, *c.TmpSecretKey, *c.Token)
	mustSucceed(t, describeAll(env.client(t, withToken)))
	if keys := env.svc.TemporaryKeys(); len(keys) != 1 || keys[0].ID != *c.TmpSecretId || keys[0].Role != testRoleARN || keys[0].Requests != 1 {
		t.Errorf("TemporaryKeys = %+v, want %s for %s, used once", keys, testRoleARN, *c.TmpSecretId)
	}

	assertCode(t, describeAll(env.client(t, common.NewCredential(*c.TmpSecretId, *c.TmpSecretKey))), codeTokenFailure)
	assertCode(t, describeAll(env.client(t, common.NewTokenCredential(*c.TmpSecretId, *c.TmpSecretKey, "forged"))), codeTokenFailure)
	assertCode(t, describeAll(env.client(t, common.NewTokenCredential(*c.TmpSecretId, "wrong", *c.Token))), codeSignatureFailure)

	// The SDK signs with the real clock, so the fake's clock moves past
	// the expiry of one-second keys but stays within the signature's
	// freshness window: only the keys' lifetime can refuse the request.
	short, err := env.assumeRole(t, common.NewCredential(testSecretID, testSecretKey), func(r *sts.AssumeRoleRequest) {
		r.DurationSeconds = common.Uint64Ptr(1)
	})
	mustSucceed(t, err)
	sc := short.Response.Credentials
	env.advance(2 * time.Second)
	assertCode(t, describeAll(env.client(t, common.NewTokenCredential(*sc.TmpSecretId, *sc.TmpSecretKey, *sc.Token))), codeTokenFailure)
}

func TestAssumeRoleRefusals(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	cases := map[string]struct {
		cred common.CredentialIface
		edit func(*sts.AssumeRoleRequest)
		code string
	}{
		"unknown caller":  {cred: common.NewCredential("AKIDnobody", testSecretKey), code: codeSecretIDNotFound},
		"wrong signature": {cred: common.NewCredential(testSecretID, "wrong"), code: codeSignatureFailure},
		"malformed role ARN": {edit: func(r *sts.AssumeRoleRequest) {
			r.RoleArn = common.StringPtr("acs:ram::123:role/terraform")
		}, code: codeSTSResourceError},
		"duration too long": {edit: func(r *sts.AssumeRoleRequest) {
			r.DurationSeconds = common.Uint64Ptr(43201)
		}, code: codeSTSOverTime},
		"session name too short": {edit: func(r *sts.AssumeRoleRequest) {
			r.RoleSessionName = common.StringPtr("x")
		}, code: codeSTSParamError},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cred := tc.cred
			if cred == nil {
				cred = common.NewCredential(testSecretID, testSecretKey)
			}
			_, err := env.assumeRole(t, cred, tc.edit)
			assertCode(t, err, tc.code)
		})
	}
	// Every well-formed role ARN the vendor documents is accepted.
	for _, arn := range []string{
		"qcs::cam::uin/12345678:role/4611686018427397919",
		"qcs::cam::uin/12345678:roleName/testRoleName",
		"qcs::cam::uin/12345678:role/tencentcloudServiceRole/4611686018427397920",
		"qcs::cam::uin/12345678:role/tencentcloudServiceRoleName/testServiceRoleName",
	} {
		_, err := env.assumeRole(t, common.NewCredential(testSecretID, testSecretKey), func(r *sts.AssumeRoleRequest) { r.RoleArn = common.StringPtr(arn) })
		if err != nil {
			t.Errorf("%s: %v", arn, err)
		}
	}
}
