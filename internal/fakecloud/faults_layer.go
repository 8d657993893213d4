package fakecloud

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/alicloud"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/tencent"
)

// The fault layer sits between the listener and the two vendor services.
// For each API request it counts the request, then, in this order: adds
// latency, drops the connection before the service sees the request,
// enforces the documented rate limit, injects a throttling or server error,
// and otherwise lets the service answer into a buffer, from which it counts
// the effect and either delivers the response (whole, or cut short), drops
// the connection, or answers with a server error in its place.

// serveAPI runs one vendor request through the fault layer to service.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request, req apiRequest, service http.Handler) {
	s.counters.request(req.vendor, req.action)
	plan := s.faults.plan(req.vendor, req.action)
	if plan.latency > 0 {
		s.counters.fault(req.vendor, FaultLatency)
		if !s.delay(r, plan.latency) {
			return // the client gave up, or the server is closing
		}
	}
	if plan.kind == FaultDropBefore {
		s.counters.fault(req.vendor, FaultDropBefore)
		dropConnection(w)
		return
	}
	if plan.enforce && s.overLimit(w, req) {
		return
	}
	if s.refuseDenied(w, req) {
		return
	}
	if s.injectError(w, req, plan) {
		return
	}
	rec := &responseRecorder{under: w, header: http.Header{}}
	service.ServeHTTP(rec, r)
	if rec.hijacked {
		return // the service closed the connection itself
	}
	if succeeded(req.vendor, rec) {
		s.counters.success(req.vendor, req.action, createdKey(req, rec.body.Bytes()))
	}
	if plan.kind == FaultDropAfter {
		s.counters.fault(req.vendor, FaultDropAfter)
		dropConnection(w)
		return
	}
	if plan.kind == FaultTruncate {
		s.counters.fault(req.vendor, FaultTruncate)
		rec.truncate()
	}
	if plan.kind == FaultServerErrorAfter {
		// The service's answer is discarded: the client hears only that
		// the service failed, as from a backend that timed out after
		// committing.
		s.counters.fault(req.vendor, FaultServerErrorAfter)
		writeServerError(w, req, plan)
		return
	}
	rec.deliver()
}

// overLimit answers with the vendor's throttling error, and returns true,
// when the request goes over its action's documented rate limit.
func (s *Server) overLimit(w http.ResponseWriter, req apiRequest) bool {
	v := s.limiter.admit(req.vendor, req.action, s.clock.Now())
	if v.admitted {
		return false
	}
	s.counters.fault(req.vendor, FaultRateLimit)
	if req.vendor == VendorTencent {
		tencent.WriteThrottled(w, v.attempts, v.limit.requests)
	} else {
		alicloud.WriteThrottled(w, req.region, v.limit.requests, v.timeLeft)
	}
	return true
}

// injectError answers with an injected throttling or server error, and
// returns true, when the plan says so.
func (s *Server) injectError(w http.ResponseWriter, req apiRequest, plan faultPlan) bool {
	switch {
	case plan.kind == FaultThrottle && req.vendor == VendorTencent:
		tencent.WriteThrottled(w, 0, 0)
	case plan.kind == FaultThrottle:
		// As if this second's allowance were used up: wait for the next.
		limit, _ := documentedLimit(req.vendor, req.action)
		alicloud.WriteThrottled(w, req.region, limit.requests, untilNextSecond(s.clock.Now()))
	case plan.kind == FaultServerError:
		writeServerError(w, req, plan)
	default:
		return false
	}
	s.counters.fault(req.vendor, plan.kind)
	return true
}

// writeServerError answers with the vendor's server error: TAT's
// InternalError, or ECS's InternalError (500) or ServiceUnavailable (503).
func writeServerError(w http.ResponseWriter, req apiRequest, plan faultPlan) {
	if req.vendor == VendorTencent {
		tencent.WriteInternalError(w)
		return
	}
	alicloud.WriteServerError(w, req.region, plan.unavailable)
}

// untilNextSecond is never zero, so a client honouring it always waits.
func untilNextSecond(now time.Time) time.Duration {
	return time.Second - time.Duration(now.UnixNano()%int64(time.Second))
}

// succeeded reports whether the service carried out the request.
func succeeded(vendor string, rec *responseRecorder) bool {
	if vendor == VendorTencent {
		return tencent.Succeeded(rec.statusCode(), rec.body.Bytes())
	}
	return alicloud.Succeeded(rec.statusCode())
}

// maxReadAhead is the largest body delay reads ahead: the larger of the
// two services' limits (TAT's 10 MiB), past which both reject the request.
const maxReadAhead = 10<<20 + 1

// delay waits for d before the request goes on, and reports whether it
// may: not if the client hangs up or the server closes meanwhile. The body
// is read ahead and put back first, because Go's server notices a client
// hanging up only once the request body has been read.
func (s *Server) delay(r *http.Request, d time.Duration) bool {
	if r.Body != nil && r.Body != http.NoBody {
		ahead, _ := io.ReadAll(io.LimitReader(r.Body, maxReadAhead))
		r.Body = replayBody{Reader: io.MultiReader(bytes.NewReader(ahead), r.Body), Closer: r.Body}
	}
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	stop := context.AfterFunc(s.closing, cancel)
	defer stop()
	return s.sleep(ctx, d)
}

// createdIDFields are the response fields in which the creating actions
// name what they made: TAT's InvocationId, CommandId and InvokerId, ECS's
// InvokeId and CommandId.
var createdIDFields = []string{"InvocationId", "InvokeId", "CommandId", "InvokerId"}

// createdKey identifies what a successful request created, from the ID
// fields of its response, or is "" when it names none (reads, changes,
// deletions). An idempotent replay names the same IDs as the original.
func createdKey(req apiRequest, body []byte) string {
	var fields map[string]json.RawMessage
	if req.vendor == VendorTencent {
		var envelope struct{ Response map[string]json.RawMessage }
		_ = json.Unmarshal(body, &envelope)
		fields = envelope.Response
	} else {
		_ = json.Unmarshal(body, &fields)
	}
	var ids []string
	for _, name := range createdIDFields {
		var id string
		if json.Unmarshal(fields[name], &id) == nil && id != "" {
			ids = append(ids, name+"="+id)
		}
	}
	if len(ids) == 0 {
		return ""
	}
	return req.vendor + " " + req.action + " " + strings.Join(ids, " ")
}

// sleepContext waits for d, or until ctx ends; it reports whether the wait
// completed. Latency is real time, not the fake's clock: it stands for a
// slow network, and a ManualClock would never let it end.
func sleepContext(ctx context.Context, d time.Duration) bool {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// dropConnection closes the request's connection without a response, which
// a client sees as a reset or an unexpected EOF. Where the connection cannot
// be taken over (HTTP/2), the handler panics with http.ErrAbortHandler,
// which also ends the response unwritten.
func dropConnection(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}

// responseRecorder holds a service's response until the layer decides
// whether the client gets it.
type responseRecorder struct {
	under    http.ResponseWriter
	header   http.Header
	status   int
	body     bytes.Buffer
	hijacked bool
}

func (rec *responseRecorder) Header() http.Header { return rec.header }

func (rec *responseRecorder) WriteHeader(status int) {
	if rec.status == 0 {
		rec.status = status
	}
}

func (rec *responseRecorder) Write(p []byte) (int, error) {
	rec.WriteHeader(http.StatusOK)
	return rec.body.Write(p)
}

// Hijack hands the real connection to a service that drops it itself
// (alicloud.Service.DropNextResponse); the layer then has nothing to send.
func (rec *responseRecorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	conn, rw, err := http.NewResponseController(rec.under).Hijack()
	if err == nil {
		rec.hijacked = true
	}
	return conn, rw, err
}

func (rec *responseRecorder) statusCode() int {
	if rec.status == 0 {
		return http.StatusOK
	}
	return rec.status
}

// truncate cuts the recorded body to half its length. deliver then sends a
// well-formed HTTP response (Content-Length matches what is sent) whose
// JSON ends part-way, as a broken proxy or a server bug might produce.
func (rec *responseRecorder) truncate() {
	rec.body.Truncate(rec.body.Len() / 2)
}

// deliver sends the recorded response to the client. Content-Length is set
// because the whole body is known, whatever its size.
func (rec *responseRecorder) deliver() {
	header := rec.under.Header()
	for name, values := range rec.header {
		header[name] = values
	}
	header.Set("Content-Length", strconv.Itoa(rec.body.Len()))
	rec.under.WriteHeader(rec.statusCode())
	_, _ = rec.under.Write(rec.body.Bytes())
}
