package main

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
)

var httpsListeningLine = regexp.MustCompile(`^cloudcmd-fake listening on (https://127\.0\.0\.1:[1-9][0-9]*)$`)

// runInProcess runs the program with args until stop is called or the test
// ends, and returns the URL of its first line and its standard error.
func runInProcess(t *testing.T, args ...string) (url string, stderr *lockedBuffer, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	stderr = &lockedBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, args, pw, stderr)
		_ = pw.Close()
	}()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			if code := <-done; code != exitOK {
				t.Errorf("exit status %d; stderr: %s", code, stderr.String())
			}
		})
	}
	t.Cleanup(stop)
	reader := bufio.NewReader(pr)
	line, err := reader.ReadString('\n')
	if err != nil {
		t.Fatalf("reading the first line: %v; stderr: %s", err, stderr.String())
	}
	go func() { _, _ = io.Copy(io.Discard, reader) }()
	m := httpsListeningLine.FindStringSubmatch(strings.TrimSuffix(line, "\n"))
	if m == nil {
		t.Fatalf("first line = %q, want it to match %s", line, httpsListeningLine)
	}
	return m[1], stderr, stop
}

// trusting is an HTTP transport that trusts the certificates in file only.
func trusting(t *testing.T, file string) *http.Transport {
	t.Helper()
	certPEM, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(certPEM) {
		t.Fatalf("%s holds no PEM certificate", file)
	}
	return &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12}}
}

func TestProgram_tlsServesHTTPSWithTheWrittenCertificate(t *testing.T) {
	t.Parallel()
	certFile := filepath.Join(t.TempDir(), "fake.pem")
	baseURL, _, _ := runInProcess(t, "-listen", "127.0.0.1:0", "-tls", "-tls-cert-out", certFile)

	// A signed TAT call, over HTTPS, trusting the written certificate.
	client := tatClient(t, baseURL)
	client.WithHttpTransport(trusting(t, certFile))
	resp, err := client.DescribeCommands(tat.NewDescribeCommandsRequest())
	if err != nil {
		t.Fatalf("DescribeCommands over HTTPS: %v", err)
	}
	if resp.Response.TotalCount == nil {
		t.Errorf("no TotalCount in %s", resp.ToJsonString())
	}

	// A client that does not trust it is refused, as against any
	// unknown certificate.
	untrusting := tatClient(t, baseURL)
	_, err = untrusting.DescribeCommands(tat.NewDescribeCommandsRequest())
	var unknown x509.UnknownAuthorityError
	if !errors.As(err, &unknown) && !strings.Contains(errString(err), "certificate signed by unknown authority") {
		t.Errorf("a client that does not trust the certificate got %v", err)
	}

	// Plain HTTP is not served on the HTTPS port.
	plain := strings.Replace(baseURL, "https://", "http://", 1)
	if err := health(plain); err == nil {
		t.Errorf("GET %s/_fake/health answered over plain HTTP", plain)
	}
}

func TestProgram_tlsWritesATemporaryCertificate(t *testing.T) {
	t.Parallel()
	baseURL, stderr, stop := runInProcess(t, "-listen", "127.0.0.1:0", "-tls")
	m := regexp.MustCompile(`certificate is in (\S+): trust it with SSL_CERT_FILE=`).FindStringSubmatch(stderr.String())
	if m == nil {
		t.Fatalf("stderr does not name the certificate file: %s", stderr.String())
	}
	client := &http.Client{Transport: trusting(t, m[1])}
	resp, err := client.Get(baseURL + "/_fake/health")
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET /_fake/health = %d", resp.StatusCode)
	}
	stop()
	if _, err := os.Stat(m[1]); !os.IsNotExist(err) {
		t.Errorf("the temporary certificate %s is left behind (%v)", m[1], err)
	}
}

func TestParseFlags_tlsCertOutNeedsTLS(t *testing.T) {
	t.Parallel()
	_, err := parseFlags([]string{"-tls-cert-out", "x.pem"}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "-tls-cert-out needs -tls") {
		t.Errorf("err = %v", err)
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
