package alicloud

import (
	"net/http"
	"testing"
	"time"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	"github.com/alibabacloud-go/tea/tea"
)

const testRoleARN = "acs:ram::1234567890123456:role/terraform"

// assumeRole calls STS AssumeRole, RPC-signed as STS clients sign it.
func (f *fixture) assumeRole(t *testing.T, query map[string]string, configure ...func(*openapi.Config)) (map[string]any, error) {
	t.Helper()
	q := map[string]string{"RoleArn": testRoleARN, "RoleSessionName": "cloudcmd-test"}
	for k, v := range query {
		q[k] = v
	}
	return callAPI(f.client(t, append([]func(*openapi.Config){rpcSigned}, configure...)...), "AssumeRole", stsAPIVersion, q)
}

func temporaryKeys(t *testing.T, answer map[string]any) (id, secret, token string) {
	t.Helper()
	body, _ := answer["body"].(map[string]any)
	creds, _ := body["Credentials"].(map[string]any)
	id, _ = creds["AccessKeyId"].(string)
	secret, _ = creds["AccessKeySecret"].(string)
	token, _ = creds["SecurityToken"].(string)
	if id == "" || secret == "" || token == "" {
		t.Fatalf("AssumeRole answered %v, want Credentials with AccessKeyId, AccessKeySecret and SecurityToken", body)
	}
	expiration, _ := creds["Expiration"].(string)
	if _, err := time.Parse(time.RFC3339, expiration); err != nil {
		t.Fatalf("Expiration: %v", err)
	}
	return id, secret, token
}

func signedWith(id, secret, token string) func(*openapi.Config) {
	return func(c *openapi.Config) {
		c.AccessKeyId, c.AccessKeySecret = tea.String(id), tea.String(secret)
		if token != "" {
			c.SecurityToken = tea.String(token)
		}
	}
}

func TestAssumeRoleKeysAreAcceptedWithTheirTokenUntilTheyExpire(t *testing.T) {
	t.Parallel()
	// A skew wider than the shortest session lets the fake's clock pass
	// the keys' expiry while the SDK's timestamps stay fresh.
	f := newFixture(t, func(c *Config) { c.Skew = time.Hour })
	answer, err := f.assumeRole(t, map[string]string{"DurationSeconds": "900", "ExternalId": "team-a"})
	mustSucceed(t, err)
	id, secret, token := temporaryKeys(t, answer)
	if keys := f.svc.TemporaryKeys(); len(keys) != 1 || keys[0].ID != id || keys[0].Role != testRoleARN {
		t.Errorf("TemporaryKeys = %+v, want %s for %s", keys, testRoleARN, id)
	}
	for _, scheme := range signingSchemes {
		mustSucceed(t, describeRegion(f.client(t, scheme.configure, signedWith(id, secret, token))))
		wantSDKError(t, describeRegion(f.client(t, scheme.configure, signedWith(id, secret, ""))), "MissingSecurityToken", http.StatusBadRequest)
		wantSDKError(t, describeRegion(f.client(t, scheme.configure, signedWith(id, secret, "forged"))), "InvalidSecurityToken.MismatchWithAccessKey", http.StatusBadRequest)
	}
	if keys := f.svc.TemporaryKeys(); keys[0].Requests != len(signingSchemes) {
		t.Errorf("the key was admitted %d times, want %d", keys[0].Requests, len(signingSchemes))
	}
	f.clock.shift(901 * time.Second)
	wantSDKError(t, describeRegion(f.client(t, signedWith(id, secret, token))), "InvalidSecurityToken.Expired", http.StatusBadRequest)
}

func TestAssumeRoleRefusals(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	cases := map[string]struct {
		query  map[string]string
		client func(*openapi.Config)
		code   string
		status int
	}{
		"unknown caller":     {client: signedWith("LTAInobody", testSecret, ""), code: "InvalidAccessKeyId.NotFound", status: http.StatusNotFound},
		"wrong signature":    {client: signedWith(testAccessKey, "wrong", ""), code: "SignatureDoesNotMatch", status: http.StatusBadRequest},
		"malformed role ARN": {query: map[string]string{"RoleArn": "qcs::cam::uin/1:roleName/x"}, code: "InvalidParameter.RoleArn", status: http.StatusBadRequest},
		"duration too short": {query: map[string]string{"DurationSeconds": "899"}, code: "InvalidParameter.DurationSeconds", status: http.StatusBadRequest},
		"duration too long":  {query: map[string]string{"DurationSeconds": "43201"}, code: "InvalidParameter.DurationSeconds", status: http.StatusBadRequest},
		"bad session name":   {query: map[string]string{"RoleSessionName": "a b"}, code: "InvalidParameter.RoleSessionName", status: http.StatusBadRequest},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var configure []func(*openapi.Config)
			if tc.client != nil {
				configure = append(configure, tc.client)
			}
			_, err := f.assumeRole(t, tc.query, configure...)
			wantSDKError(t, err, tc.code, tc.status)
		})
	}
}
