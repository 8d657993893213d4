package fakecloud

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha1" //nolint:gosec // a key identifier, as RFC 5280 describes it, not a signature
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"net"
	"slices"
	"time"
)

// certificateLifetime is how long a generated certificate is valid: longer
// than any run of the fake, short enough that a copy left behind soon
// stops being trusted.
const certificateLifetime = 7 * 24 * time.Hour

// Certificate is a self-signed certificate for the fake's HTTPS listener,
// generated when the fake starts, with its key.
type Certificate struct {
	TLS tls.Certificate
	// PEM is the certificate alone, PEM-encoded: what a client trusts,
	// for example through SSL_CERT_FILE (Go) or REQUESTS_CA_BUNDLE (Python).
	PEM []byte
}

// NewCertificate makes a self-signed ECDSA P-256 certificate valid for
// 127.0.0.1, ::1 and localhost, and for each of hosts (IP addresses or
// names; empty and unspecified addresses are left out). It is its own
// certificate authority, so a client trusts it by trusting this one
// certificate.
func NewCertificate(hosts ...string) (Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return Certificate{}, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return Certificate{}, err
	}
	publicKey, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		return Certificate{}, err
	}
	keyID := sha1.Sum(publicKey) //nolint:gosec // see the import
	now := time.Now()
	template := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: "cloudcmd-fake", Organization: []string{"cloudcmd-fake"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(certificateLifetime),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		SubjectKeyId:          keyID[:],
		AuthorityKeyId:        keyID[:],
	}
	addHosts(template, append([]string{"127.0.0.1", "::1", "localhost"}, hosts...))
	der, err := x509.CreateCertificate(rand.Reader, template, template, &key.PublicKey, key)
	if err != nil {
		return Certificate{}, err
	}
	return Certificate{
		TLS: tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key},
		PEM: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
	}, nil
}

// addHosts puts each host in the certificate's subject alternative names,
// once.
func addHosts(cert *x509.Certificate, hosts []string) {
	for _, host := range hosts {
		ip := net.ParseIP(host)
		switch {
		case host == "" || (ip != nil && ip.IsUnspecified()):
		case ip != nil:
			if !slices.ContainsFunc(cert.IPAddresses, ip.Equal) {
				cert.IPAddresses = append(cert.IPAddresses, ip)
			}
		case !slices.Contains(cert.DNSNames, host):
			cert.DNSNames = append(cert.DNSNames, host)
		}
	}
}

// StartTLS is Start with HTTPS, serving cert; URL then starts "https://".
func (s *Server) StartTLS(addr string, cert Certificate) (string, error) {
	if len(cert.TLS.Certificate) == 0 {
		return "", errors.New("no certificate to serve")
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", err
	}
	s.tls = true
	s.serve(tls.NewListener(ln, &tls.Config{
		Certificates: []tls.Certificate{cert.TLS},
		MinVersion:   tls.VersionTLS12,
	}))
	return s.URL(), nil
}
