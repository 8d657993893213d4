package conns

import (
	"context"
	"net/http"
	"strings"
	"testing"

	tag "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tag/v20180813"
)

func TestTagEndpointFollowsTheTATEndpoint(t *testing.T) {
	cases := map[string]struct{ scheme, host string }{
		"":                                {"HTTPS", "tag.tencentcloudapi.com"},
		"https://tat.tencentcloudapi.com": {"HTTPS", "tag.tencentcloudapi.com"},
		"https://tat.internal.tencentcloudapi.com/": {"HTTPS", "tag.internal.tencentcloudapi.com"},
		"http://127.0.0.1:8787":                     {"HTTP", "127.0.0.1:8787"},
		"https://gateway.example.com/tencent":       {"HTTPS", "gateway.example.com/tencent"},
	}
	for endpoint, want := range cases {
		scheme, host, err := TagEndpoint(endpoint)
		if err != nil || scheme != want.scheme || host != want.host {
			t.Errorf("TagEndpoint(%q) = %s, %s, %v; want %s, %s", endpoint, scheme, host, err, want.scheme, want.host)
		}
	}
}

// TestTagClientRetriesThrottling sends ModifyResourceTags through the TAT
// client's Tag client: signed for service tag, version 2018-08-13, and
// retried after throttling like every other call.
func TestTagClientRetriesThrottling(t *testing.T) {
	srv := startServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Authorization"), "/tag/tc3_request") || r.Header.Get("X-TC-Version") != "2018-08-13" {
			t.Errorf("request not addressed to the Tag API: Authorization %q, version %q", r.Header.Get("Authorization"), r.Header.Get("X-TC-Version"))
		}
		if n == 1 {
			writeJSON(w, http.StatusOK, `{"Response":{"Error":{"Code":"RequestLimitExceeded","Message":"slow down"},"RequestId":"r1"}}`)
			return
		}
		writeJSON(w, http.StatusOK, `{"Response":{"RequestId":"r2"}}`)
	})
	tags, err := tencentTestClient(t, srv.url).Tags()
	if err != nil {
		t.Fatal(err)
	}
	req := tag.NewModifyResourceTagsRequest()
	req.Resource = ptr(TATCommandResource("ap-guangzhou", "cmd-12345678"))
	req.DeleteTags = []*tag.TagKeyObject{{TagKey: ptr("env")}}
	if _, err := tags.ModifyResourceTags(context.Background(), req); err != nil {
		t.Fatalf("ModifyResourceTags: %v", err)
	}
	if n := srv.requests.Load(); n != 2 {
		t.Errorf("the server saw %d requests, want 2 (one throttled, one retried)", n)
	}
}

func TestTATClientFromAPIHasNoTagClient(t *testing.T) {
	if _, err := NewTATClientFromAPI(nil, "ap-guangzhou").Tags(); err == nil {
		t.Error("a client around a stand-in API reported a Tag client")
	}
}

func ptr(s string) *string { return &s }
