package acctest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
)

// RewriteFunc changes the decoded JSON body of one answer in place. vendor
// is fakecloud.VendorTencent or fakecloud.VendorAlicloud; action is the API
// action the request named. A Tencent body is the whole envelope, so the
// fields are under body["Response"].
type RewriteFunc func(vendor, action string, body map[string]any)

// RewritingProxy stands between the provider and a fake endpoint and lets a
// test change the answers the provider gets: fields removed, nulls where
// objects or strings belong, statuses no documentation lists. The fake
// itself behaves normally, so everything the request does still happens.
type RewritingProxy struct {
	url string
	off atomic.Bool
}

// StartRewritingProxy starts a proxy to the fake on a free loopback port for
// one test and closes it when the test ends. rewrite sees every JSON object
// answer; it picks the ones it wants by vendor and action and leaves the
// rest alone.
func StartRewritingProxy(t *testing.T, fake *fakecloud.Server, rewrite RewriteFunc) *RewritingProxy {
	t.Helper()
	target, err := url.Parse(fake.URL())
	if err != nil {
		t.Fatalf("the fake's URL: %v", err)
	}
	forward := http.DefaultTransport.(*http.Transport).Clone() //nolint:forcetypeassert // the standard library's documented type
	p := &RewritingProxy{}
	proxy := httputil.NewSingleHostReverseProxy(target)
	proxy.Transport = forward
	proxy.ModifyResponse = func(resp *http.Response) error {
		if p.off.Load() {
			return nil
		}
		vendor, action := requestAction(resp.Request)
		return rewriteBody(resp, func(body map[string]any) { rewrite(vendor, action, body) })
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// An answer must reach rewrite as plain JSON, not compressed.
		r.Header.Del("Accept-Encoding")
		if err := keepFormAction(r); err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(forward.CloseIdleConnections)
	p.url = srv.URL
	return p
}

// Off stops the rewriting: answers pass through as the fake gave them. A
// test calls it before the destroy at its end, which must see the truth to
// clean up.
func (p *RewritingProxy) Off() { p.off.Store(true) }

// URL is the proxy's base URL, to use as a provider endpoint.
func (p *RewritingProxy) URL() string { return p.url }

// formActionHeader carries an Action read from a form body to
// ModifyResponse, which no longer has the body to read. The fake ignores
// it, and it is not part of what the client signed.
const formActionHeader = "X-Rewrite-Form-Action"

// keepFormAction reads an Alibaba RPC form body ahead, notes its Action,
// and puts the body back whole for the fake.
func keepFormAction(r *http.Request) error {
	if r.Body == nil || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		return nil
	}
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		return err
	}
	r.Body = io.NopCloser(bytes.NewReader(raw))
	if form, err := url.ParseQuery(string(raw)); err == nil && form.Get("Action") != "" {
		r.Header.Set(formActionHeader, form.Get("Action"))
	}
	return nil
}

// requestAction names the vendor and action of a request the way the fake
// reads them: X-TC-Action for Tencent; for Alibaba x-acs-action, else the
// Action parameter of the query string or the form body.
func requestAction(r *http.Request) (vendor, action string) {
	if a := r.Header.Get("X-TC-Action"); a != "" {
		return fakecloud.VendorTencent, a
	}
	for _, a := range []string{r.Header.Get("X-Acs-Action"), r.URL.Query().Get("Action"), r.Header.Get(formActionHeader)} {
		if a != "" {
			return fakecloud.VendorAlicloud, a
		}
	}
	return "", ""
}

// rewriteBody decodes an answer that is a JSON object, lets change alter it
// and sends the result on. Anything else passes through untouched, so the
// proxy never hides what the fake really said.
func rewriteBody(resp *http.Response, change func(map[string]any)) error {
	raw, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber() // keeps IDs and counts exactly as the fake wrote them
	var body map[string]any
	if dec.Decode(&body) == nil && body != nil {
		change(body)
		if out, err := json.Marshal(body); err == nil {
			raw = out
		}
	}
	resp.Body = io.NopCloser(bytes.NewReader(raw))
	resp.ContentLength = int64(len(raw))
	resp.Header.Set("Content-Length", strconv.Itoa(len(raw)))
	return nil
}

// Objects returns the JSON objects of the list at body[key], for rewrites:
// nil when there is no such list.
func Objects(body map[string]any, key string) []map[string]any {
	items, _ := body[key].([]any)
	var out []map[string]any
	for _, item := range items {
		if m, ok := item.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// Object returns the JSON object at body[key], or nil.
func Object(body map[string]any, key string) map[string]any {
	m, _ := body[key].(map[string]any)
	return m
}
