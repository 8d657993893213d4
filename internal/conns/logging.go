package conns

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// The transport logs every HTTP exchange of the client layer at TRACE, so
// that a TF_LOG=TRACE log shows what was sent and what came back. Those
// exchanges carry secrets of two kinds, and each is masked its own way:
//
//   - The provider's credentials are known by value. The retry layer asks
//     tflog to mask them in every line written with the call's context
//     (maskSecrets), so the lines here are written with the request's
//     context, which is that one.
//   - The values of `parameters`, and signatures and tokens, are not known
//     by value here. They are masked by where they stand: a JSON field, a
//     query or form parameter or a header whose name says it holds a
//     secret has its value replaced by "***" (see secretName).
//
// A body that cannot be parsed, so cannot be masked, is not shown.

const (
	// maskedValue replaces a secret, as tflog's own masking does.
	maskedValue = "***"
	// logBodyMax bounds the part of a body a log line shows.
	logBodyMax = 16 << 10
	// logParseMax is the largest body that is masked and shown; the
	// vendors' answers stay far below it, and a larger one is not held in
	// memory twice for a log line.
	logParseMax = 1 << 20
	// truncateLookBack is how far before logBodyMax a cut looks for a
	// delimiter, so that it does not split a value in two: half of a
	// credential would escape masking by value.
	truncateLookBack = 256
)

// notSecretNames end like secret names but hold none: TAT's DefaultParameters
// are a command's defaults, which the command resource shows in plans and
// keeps in state as plain values; ECS's ClientToken is an idempotency token
// and NextToken a page marker. Names are compared normalised (normalName).
var notSecretNames = []string{"defaultparameters", "clienttoken", "nexttoken"}

// secretName reports whether the value of a field, query or form parameter
// or header of this name is masked. The rule, on the name in lower case
// without '-' and '_', and on each part of a dotted name such as
// "Parameters.token":
//
//   - ending in "parameters": the values given to a command's {{name}}
//     parameters (TAT and ECS Parameters);
//   - ending in "token": security tokens (SecurityToken, X-TC-Token,
//     x-acs-security-token);
//   - ending in "signature": request signatures (Signature);
//   - containing "secret", "password", "authorization" or "cookie":
//     keys (SecretKey, AccessKeySecret) and other credentials;
//   - exactly "externalid": STS AssumeRole's ExternalId, which the role's
//     trust policy asks for as a shared secret;
//   - exactly "output": a command's output (TAT TaskResult.Output, ECS
//     InvokeInstance and InvocationResult Output), which holds whatever
//     the script printed, such as a write-only parameter it echoed: the
//     state and plan can keep it from view (sensitive_output), so the log
//     must not show it either;
//
// except the names in notSecretNames. Names such as SignatureNonce or
// ParameterNames, which hold no secret, do not match.
func secretName(name string) bool {
	for part := range strings.SplitSeq(name, ".") {
		if secretPart(normalName(part)) {
			return true
		}
	}
	return false
}

func secretPart(n string) bool {
	if n == "" || slices.Contains(notSecretNames, n) {
		return false
	}
	return n == "output" || n == "externalid" ||
		strings.HasSuffix(n, "parameters") || strings.HasSuffix(n, "token") || strings.HasSuffix(n, "signature") ||
		strings.Contains(n, "secret") || strings.Contains(n, "password") ||
		strings.Contains(n, "authorization") || strings.Contains(n, "cookie")
}

// scriptName reports whether a field or parameter of this name holds a
// script (TAT CreateCommand and RunCommand Content, DescribeCommands and
// DescribeInvocations CommandContent; ECS CreateCommand and RunCommand
// CommandContent, DescribeCommands CommandContent). Scripts often carry
// secrets of their own, which no rule on names can find inside them: the
// log shows the script's length and digest, enough to tell two apart or to
// match one against a file, and never its text.
func scriptName(name string) bool {
	n := normalName(name)
	return n == "content" || n == "commandcontent"
}

// digest stands for a script in a log line: its length and the start of
// its SHA-256.
func digest(text string) string {
	sum := sha256.Sum256([]byte(text))
	return fmt.Sprintf("(%d bytes, sha256 %s)", len(text), hex.EncodeToString(sum[:8]))
}

// nameSeparators are dropped from names before they are compared, so that
// X-TC-Token, x_tc_token and XTCToken are one name.
var nameSeparators = strings.NewReplacer("-", "", "_", "")

func normalName(name string) string {
	return nameSeparators.Replace(strings.ToLower(name))
}

// maskJSON returns body with the value of every secret field replaced, at
// any depth; ok is false when body is not one JSON value. null and "" are
// kept: they hide nothing and show that no value was sent.
func maskJSON(body []byte) (string, bool) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber() // numbers come back as they were sent
	var v any
	if err := dec.Decode(&v); err != nil {
		return "", false
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return "", false
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(maskValue(v)); err != nil {
		return "", false
	}
	return strings.TrimSuffix(out.String(), "\n"), true
}

func maskValue(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, field := range v {
			if secretName(k) && field != nil && field != "" {
				v[k] = maskedValue
				continue
			}
			if text, ok := field.(string); ok && scriptName(k) && text != "" {
				v[k] = digest(text)
				continue
			}
			v[k] = maskValue(field)
		}
	case []any:
		for i, item := range v {
			v[i] = maskValue(item)
		}
	}
	return v
}

// maskQuery returns a query string or form body with the values of secret
// parameters replaced. The other pairs keep their order and encoding; a
// pair whose name cannot be decoded is masked, as it cannot be judged.
func maskQuery(raw string) string {
	if raw == "" {
		return ""
	}
	pairs := strings.Split(raw, "&")
	for i, pair := range pairs {
		rawKey, rawValue, hasValue := strings.Cut(pair, "=")
		key, err := url.QueryUnescape(rawKey)
		switch {
		case err != nil || (hasValue && secretName(key)):
			pairs[i] = rawKey + "=" + maskedValue
		case hasValue && rawValue != "" && scriptName(key):
			value, err := url.QueryUnescape(rawValue)
			if err != nil {
				value = rawValue
			}
			pairs[i] = rawKey + "=" + url.QueryEscape(digest(value))
		}
	}
	return strings.Join(pairs, "&")
}

// maskURL is u with the values of secret query parameters replaced, and
// any user information dropped.
func maskURL(u *url.URL) string {
	if u == nil {
		return ""
	}
	c := *u
	c.User = nil
	c.RawQuery, c.ForceQuery = "", false
	out := c.String()
	if u.RawQuery != "" {
		out += "?" + maskQuery(u.RawQuery)
	}
	return out
}

// maskURLText masks a URL given as text, as an error quotes it; text that
// is not a URL is masked whole.
func maskURLText(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return maskedValue
	}
	return maskURL(u)
}

// maskAuthorization keeps what an Authorization header says about the
// request (algorithm, credential scope, signed headers) and masks every
// signature in it. A header of another form is masked but for its scheme.
func maskAuthorization(value string) string {
	const key = "Signature="
	if !strings.Contains(value, key) {
		scheme, _, found := strings.Cut(strings.TrimSpace(value), " ")
		if !found || scheme == "" {
			return maskedValue
		}
		return scheme + " " + maskedValue
	}
	var b strings.Builder
	for rest := value; rest != ""; {
		i := strings.Index(rest, key)
		if i < 0 {
			b.WriteString(rest)
			break
		}
		b.WriteString(rest[:i+len(key)] + maskedValue)
		rest = rest[i+len(key):]
		if end := strings.IndexAny(rest, ", "); end >= 0 {
			rest = rest[end:]
		} else {
			rest = ""
		}
	}
	return b.String()
}

// maskHeaders renders headers as one JSON object, with secret values
// masked: one line, which a text log keeps whole. The SDKs set some headers
// in lower case, so names are compared without regard to case.
func maskHeaders(h http.Header) string {
	out := make(map[string]string, len(h))
	for name, values := range h {
		shown := make([]string, len(values))
		for i, value := range values {
			switch {
			case strings.HasSuffix(normalName(name), "authorization"):
				shown[i] = maskAuthorization(value)
			case secretName(name):
				shown[i] = maskedValue
			default:
				shown[i] = value
			}
		}
		out[name] = strings.Join(shown, ", ")
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(out) // a map of strings always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

// headerValue is the first value of a header, whatever the case of its
// name in h.
func headerValue(h http.Header, name string) string {
	if v := h.Get(name); v != "" {
		return v
	}
	for k, values := range h {
		if strings.EqualFold(k, name) && len(values) > 0 {
			return values[0]
		}
	}
	return ""
}

// maskBody renders a body for a log line: masked, and cut to logBodyMax.
// complete is false when only the first bytes of the body were read.
func maskBody(contentType string, body []byte, complete bool) string {
	if len(body) == 0 {
		return ""
	}
	if !complete {
		return fmt.Sprintf("[a body not read whole (over %d bytes, or cut off), %d bytes seen: not shown]", logParseMax, len(body))
	}
	var (
		text string
		ok   bool
	)
	switch mediaType(contentType, body) {
	case "json":
		text, ok = maskJSON(body)
	case "form":
		text, ok = maskQuery(strings.TrimSpace(string(body))), true
	}
	if !ok {
		return fmt.Sprintf("[%d bytes of %q that cannot be masked: not shown]", len(body), contentType)
	}
	return truncate(text, logBodyMax)
}

// mediaType tells a JSON body from a form body, by its Content-Type or,
// without one, by its first character.
func mediaType(contentType string, body []byte) string {
	ct := strings.ToLower(contentType)
	switch {
	case strings.Contains(ct, "json"):
		return "json"
	case strings.Contains(ct, "x-www-form-urlencoded"):
		return "form"
	case ct == "" || strings.HasPrefix(ct, "text/plain"):
		if trimmed := bytes.TrimSpace(body); len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[') {
			return "json"
		}
	}
	return ""
}

// truncate cuts text to at most limit bytes, at a delimiter near the limit
// when there is one, and says how long the whole was.
func truncate(text string, limit int) string {
	if len(text) <= limit {
		return text
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	if i := strings.LastIndexAny(text[max(cut-truncateLookBack, 0):cut], `,"&; `+"\n"); i >= 0 {
		cut = max(cut-truncateLookBack, 0) + i
	}
	return fmt.Sprintf("%s...[truncated: %d bytes in all]", text[:cut], len(text))
}

// exchange is one request on its way, as the log sees it.
type exchange struct {
	ctx    context.Context // the call's: its log lines are masked
	fields map[string]any  // what names the request in every line
	start  time.Time
}

// logRequest writes the request's TRACE line and returns the exchange, with
// the request to send in its place: reading the body for the log must not
// take it from the transport.
func logRequest(req *http.Request) (*exchange, *http.Request) {
	ex := &exchange{ctx: req.Context(), start: time.Now(), fields: requestFields(req)}
	body, complete, req := peekBody(req)
	fields := ex.with(map[string]any{
		"url":             maskURL(req.URL),
		"request_headers": maskHeaders(req.Header),
		"request_body":    maskBody(headerValue(req.Header, "Content-Type"), body, complete),
	})
	tflog.Trace(ex.ctx, "Sending vendor API request", fields)
	return ex, req
}

// requestFields names the vendor, the action and the method: the Tencent
// SDK names the action in X-TC-Action; the Alibaba SDK in x-acs-action, or
// in the query for the older RPC signature.
func requestFields(req *http.Request) map[string]any {
	vendor, action := vendorTencent, headerValue(req.Header, "X-TC-Action")
	if action == "" {
		vendor, action = vendorAlibaba, headerValue(req.Header, "x-acs-action")
	}
	if action == "" && req.URL != nil {
		action = req.URL.Query().Get("Action")
	}
	return map[string]any{"vendor": vendor, "action": action, "http_method": req.Method}
}

// peekBody reads the request body's first bytes, up to logParseMax and
// one more to tell whether there are more, and returns a request that
// still sends the whole body. A body the SDK can give again (GetBody) is
// read from a copy.
func peekBody(req *http.Request) ([]byte, bool, *http.Request) {
	if req.Body == nil || req.Body == http.NoBody {
		return nil, true, req
	}
	if req.GetBody != nil {
		if copied, err := req.GetBody(); err == nil {
			defer copied.Close()
			head, err := io.ReadAll(io.LimitReader(copied, logParseMax+1))
			return head, err == nil && len(head) <= logParseMax, req
		}
	}
	head, err := io.ReadAll(io.LimitReader(req.Body, logParseMax+1))
	out := req.WithContext(req.Context()) // a copy: a transport leaves its caller's request alone
	out.Body = readCloser{Reader: io.MultiReader(bytes.NewReader(head), req.Body), Closer: req.Body}
	return head, err == nil && len(head) <= logParseMax, out
}

type readCloser struct {
	io.Reader
	io.Closer
}

// failed logs an exchange that ended without a response.
func (ex *exchange) failed(err error) {
	tflog.Trace(ex.ctx, "Vendor API request got no response", ex.with(map[string]any{
		"error": err.Error(), "duration_ms": time.Since(ex.start).Milliseconds(),
	}))
}

// responded arranges for the response to be logged once the SDK has read
// its body, and returns the response to hand on. The body is not read
// here, so the SDK reads it as it would have, with the same errors.
func (ex *exchange) responded(resp *http.Response) *http.Response {
	if resp.Body == nil {
		ex.logResponse(resp, nil, true, nil)
		return resp
	}
	resp.Body = &loggedBody{body: resp.Body, length: resp.ContentLength, done: func(head []byte, complete bool, err error) {
		ex.logResponse(resp, head, complete, err)
	}}
	return resp
}

func (ex *exchange) logResponse(resp *http.Response, head []byte, complete bool, readErr error) {
	fields := ex.with(map[string]any{
		"status":           resp.StatusCode,
		"response_headers": maskHeaders(resp.Header),
		"response_body":    maskBody(resp.Header.Get("Content-Type"), head, complete && readErr == nil),
		"duration_ms":      time.Since(ex.start).Milliseconds(),
	})
	if readErr != nil {
		fields["body_error"] = readErr.Error()
	}
	tflog.Trace(ex.ctx, "Received vendor API response", fields)
}

// with is the exchange's fields and more.
func (ex *exchange) with(more map[string]any) map[string]any {
	out := make(map[string]any, len(ex.fields)+len(more))
	for k, v := range ex.fields {
		out[k] = v
	}
	for k, v := range more {
		out[k] = v
	}
	return out
}

// errClosedEarly is a body closed before its end.
var errClosedEarly = errors.New("the body was closed before its end")

// loggedBody passes a response body through, keeping its first bytes, and
// calls done once: at its end, at a read error, or when closed.
type loggedBody struct {
	body   io.ReadCloser
	length int64 // the Content-Length, -1 when unknown
	done   func(head []byte, complete bool, err error)
	once   sync.Once

	mu       sync.Mutex // a Close may come while a Read runs
	head     []byte
	overflow bool // more than logParseMax bytes came
}

func (b *loggedBody) Read(p []byte) (int, error) {
	n, err := b.body.Read(p)
	b.keep(p[:n])
	switch {
	case errors.Is(err, io.EOF):
		b.finish(nil)
	case err != nil:
		b.finish(err)
	}
	return n, err
}

// Close ends the body. A reader that stops at the announced length
// without waiting for EOF has read it whole.
func (b *loggedBody) Close() error {
	b.mu.Lock()
	whole := b.length >= 0 && int64(len(b.head)) == b.length && !b.overflow
	b.mu.Unlock()
	if whole {
		b.finish(nil)
	} else {
		b.finish(errClosedEarly)
	}
	return b.body.Close()
}

func (b *loggedBody) keep(p []byte) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if room := logParseMax - len(b.head); room > 0 {
		b.head = append(b.head, p[:min(len(p), room)]...)
		p = p[min(len(p), room):]
	}
	if len(p) > 0 {
		b.overflow = true
	}
}

func (b *loggedBody) finish(err error) {
	b.once.Do(func() {
		b.mu.Lock()
		head, complete := slices.Clone(b.head), !b.overflow
		b.mu.Unlock()
		b.done(head, complete, err)
	})
}

// redactURLError masks the query of the URL in the *url.Error that
// http.Client returns: ECS requests carry `parameters` in their query, and
// the error's text reaches the retry layer's log and the user's
// diagnostics.
func redactURLError(err error) error {
	var uerr *url.Error
	if !errors.As(err, &uerr) {
		return err
	}
	return &url.Error{Op: uerr.Op, URL: maskURLText(uerr.URL), Err: uerr.Err}
}
