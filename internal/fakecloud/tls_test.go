package fakecloud

import (
	"crypto/x509"
	"encoding/pem"
	"testing"
)

func TestNewCertificateNamesTheListener(t *testing.T) {
	t.Parallel()
	cert, err := NewCertificate("10.1.2.3", "fake.test", "0.0.0.0", "", "localhost")
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(cert.PEM)
	if block == nil || block.Type != "CERTIFICATE" {
		t.Fatalf("PEM %q holds no certificate", cert.PEM)
	}
	parsed, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	roots.AddCert(parsed)
	for _, name := range []string{"127.0.0.1", "::1", "localhost", "10.1.2.3", "fake.test"} {
		if _, err := parsed.Verify(x509.VerifyOptions{DNSName: name, Roots: roots}); err != nil {
			t.Errorf("not valid for %s: %v", name, err)
		}
	}
	for _, name := range []string{"0.0.0.0", "example.com"} {
		if _, err := parsed.Verify(x509.VerifyOptions{DNSName: name, Roots: roots}); err == nil {
			t.Errorf("valid for %s", name)
		}
	}
	if len(parsed.DNSNames) != 2 || len(parsed.IPAddresses) != 3 {
		t.Errorf("DNS names %v, IP addresses %v: want each once", parsed.DNSNames, parsed.IPAddresses)
	}
}
