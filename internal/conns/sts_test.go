package conns

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
)

// stsServer answers AssumeRole with assumed and every other action with
// other, and records each request's action, key and token.
type stsServer struct {
	mu       sync.Mutex
	requests []stsSeen
}

type stsSeen struct{ action, authorization, token, query string }

func (s *stsServer) start(t *testing.T, assumed, other string) string {
	t.Helper()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		seen := stsSeen{
			action:        r.Header.Get("X-TC-Action") + r.Header.Get("x-acs-action"),
			authorization: r.Header.Get("Authorization"),
			token:         r.Header.Get("X-TC-Token") + r.Header.Get("x-acs-security-token"),
			query:         r.URL.RawQuery + "&" + string(body),
		}
		s.mu.Lock()
		s.requests = append(s.requests, seen)
		s.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if strings.Contains(seen.action+seen.query, "AssumeRole") {
			_, _ = io.WriteString(w, assumed)
			return
		}
		_, _ = io.WriteString(w, other)
	}))
	t.Cleanup(ts.Close)
	return ts.URL
}

func (s *stsServer) seen() []stsSeen {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]stsSeen(nil), s.requests...)
}

const (
	baseSecret = "base-secret-0005"
	tmpSecret  = "tmp-secret-0006"
	tmpToken   = "tmp-token-0007"
)

// TestTencentAssumeRoleSignsWithTheRoleKeysAndLogsNoSecret: the client
// asks STS once, signs its calls with the temporary key and token, and no
// secret, whether the base key's or the temporary one's, reaches the log.
func TestTencentAssumeRoleSignsWithTheRoleKeysAndLogsNoSecret(t *testing.T) {
	t.Parallel()
	var srv stsServer
	expires := time.Now().Add(time.Hour).Unix()
	endpoint := srv.start(t,
		fmt.Sprintf(`{"Response":{"Credentials":{"TmpSecretId":"AKIDtmp0001","TmpSecretKey":%q,"Token":%q},"ExpiredTime":%d,"Expiration":"x","RequestId":"R1"}}`, tmpSecret, tmpToken, expires),
		`{"Response":{"TotalCount":0,"CommandSet":[],"RequestId":"R2"}}`)
	role := TencentAssumeRole(AssumeRole{
		Base:    StaticCredentials{KeyID: "AKIDbase", Secret: baseSecret},
		RoleARN: "qcs::cam::uin/1:roleName/r", SessionName: "s", Duration: time.Hour,
		Endpoint: endpoint, Region: "ap-guangzhou",
	}, fastOptions()...)
	client, err := NewTATClient(TATConfig{Region: "ap-guangzhou", Endpoint: endpoint, Credentials: role}, fastOptions()...)
	mustSucceed(t, err)
	ctx, read := traceLog(t)
	for range 2 {
		_, err := client.DescribeCommands(ctx, &tat.DescribeCommandsRequest{})
		mustSucceed(t, err)
	}
	seen := srv.seen()
	if len(seen) != 3 || seen[0].action != "AssumeRole" {
		t.Fatalf("requests %+v, want one AssumeRole then two calls", seen)
	}
	mustContain(t, "the AssumeRole request", seen[0].authorization, "Credential=AKIDbase/")
	for _, call := range seen[1:] {
		mustContain(t, "a TAT call", call.authorization, "Credential=AKIDtmp0001/")
		if call.token != tmpToken {
			t.Errorf("a TAT call carried token %q, want the role's", call.token)
		}
	}
	raw, entries := read()
	findEntry(t, entries, "Received vendor API response", "AssumeRole")
	mustNotContain(t, "the log", raw, baseSecret, tmpSecret, tmpToken)
}

func TestAlibabaAssumeRoleSignsWithTheRoleKeysAndLogsNoSecret(t *testing.T) {
	t.Parallel()
	var srv stsServer
	expires := time.Now().Add(time.Hour).UTC().Format(time.RFC3339)
	endpoint := srv.start(t,
		fmt.Sprintf(`{"RequestId":"R1","Credentials":{"AccessKeyId":"STS.tmp0001","AccessKeySecret":%q,"SecurityToken":%q,"Expiration":%q}}`, tmpSecret, tmpToken, expires),
		`{"RequestId":"R2","TotalCount":0,"Commands":{"Command":[]}}`)
	role := AlibabaAssumeRole(AssumeRole{
		Base:    StaticCredentials{KeyID: "LTAIbase", Secret: baseSecret},
		RoleARN: "acs:ram::1:role/r", SessionName: "s", Duration: time.Hour, Endpoint: endpoint,
	}, fastOptions()...)
	client, err := NewECSClient(ECSConfig{Region: "cn-hangzhou", Endpoint: endpoint, Credentials: role}, fastOptions()...)
	mustSucceed(t, err)
	ctx, read := traceLog(t)
	for range 2 {
		_, err := client.DescribeCommands(ctx, &ecs.DescribeCommandsRequest{RegionId: tea.String("cn-hangzhou")})
		mustSucceed(t, err)
	}
	seen := srv.seen()
	if len(seen) != 3 || !strings.Contains(seen[0].query, "Action=AssumeRole") {
		t.Fatalf("requests %+v, want one AssumeRole then two calls", seen)
	}
	mustContain(t, "the AssumeRole request", seen[0].query, "AccessKeyId=LTAIbase", "RoleArn=acs%3Aram%3A%3A1%3Arole%2Fr")
	for _, call := range seen[1:] {
		mustContain(t, "an ECS call", call.authorization, "Credential=STS.tmp0001")
		if call.token != tmpToken {
			t.Errorf("an ECS call carried token %q, want the role's", call.token)
		}
	}
	raw, entries := read()
	findEntry(t, entries, "Received vendor API response", "AssumeRole")
	mustNotContain(t, "the log", raw, baseSecret, tmpSecret, tmpToken)
}

func TestRenewingCredentialsRenewBeforeExpiry(t *testing.T) {
	t.Parallel()
	now := time.Unix(1_700_000_000, 0)
	fetched := 0
	r := NewRenewingCredentials(func(context.Context) (Credentials, error) {
		fetched++
		return Credentials{KeyID: fmt.Sprint("k", fetched), Expires: now.Add(time.Hour)}, nil
	})
	r.now = func() time.Time { return now }
	get := func() string {
		c, err := r.Credentials(context.Background())
		mustSucceed(t, err)
		return c.KeyID
	}
	for range 2 {
		if get() != "k1" {
			t.Fatal("the keys were fetched again while fresh")
		}
	}
	now = now.Add(time.Hour - renewBefore - time.Second)
	if get() != "k1" {
		t.Fatal("the keys were renewed too early")
	}
	now = now.Add(2 * time.Second)
	if got := get(); got != "k2" {
		t.Fatalf("keys %s within %s of expiry, want renewed ones", got, renewBefore)
	}
}

// An STS call that fails on the network quotes its URL, in which Alibaba
// Cloud AssumeRole carries ExternalId: the error shows it masked, in both
// vendors' errors and in the log.
func TestAssumeRoleNetworkFailureMasksTheExternalID(t *testing.T) {
	t.Parallel()
	const externalID = "ext-secret-0123456789"
	endpoint := closedEndpoint(t)
	ctx, read := traceLog(t)
	opts := fastOptions(withUnreachableFor(10 * time.Millisecond))
	for name, role := range map[string]CredentialSource{
		"Alibaba Cloud": AlibabaAssumeRole(AssumeRole{
			Base: StaticCredentials{KeyID: "LTAIbase", Secret: baseSecret}, RoleARN: "acs:ram::1:role/r",
			SessionName: "s", Duration: time.Hour, ExternalID: externalID, Endpoint: endpoint,
		}, opts...),
		"Tencent Cloud": TencentAssumeRole(AssumeRole{
			Base: StaticCredentials{KeyID: "AKIDbase", Secret: baseSecret}, RoleARN: "qcs::cam::uin/1:roleName/r",
			SessionName: "s", Duration: time.Hour, ExternalID: externalID, Endpoint: endpoint, Region: "ap-guangzhou",
		}, opts...),
	} {
		_, err := role.Credentials(ctx)
		if err == nil {
			t.Fatalf("%s: AssumeRole against a closed port succeeded", name)
		}
		mustNotContain(t, name+" error", err.Error(), externalID)
	}
	raw, _ := read()
	mustNotContain(t, "the log", raw, externalID)
}
