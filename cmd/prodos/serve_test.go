package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// startServe runs `prodos serve` in-process on a free loopback port and
// returns its address and a function that stops it and returns its output.
func startServe(t *testing.T, args ...string) (string, func() (int, string)) {
	t.Helper()
	ready := make(chan string, 1)
	ctx, cancel := context.WithCancel(context.Background())
	serveReady = func(a string) { ready <- a }
	serveContext = func() (context.Context, context.CancelFunc) { return ctx, cancel }
	t.Cleanup(func() { serveReady = nil })
	type result struct {
		code int
		out  string
	}
	done := make(chan result, 1)
	go func() {
		var out, errb strings.Builder
		code := run(&env{stdout: &out, stderr: &errb, stdin: strings.NewReader("")}, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...))
		done <- result{code, out.String() + errb.String()}
	}()
	select {
	case addr := <-ready:
		return addr, func() (int, string) { cancel(); r := <-done; return r.code, r.out }
	case r := <-done:
		t.Fatalf("serve exited early with %d: %s", r.code, r.out)
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not start")
	}
	return "", nil
}

func TestServeStartsAndStops(t *testing.T) {
	db := filepath.Join(t.TempDir(), "class.db")
	t.Setenv(tokenEnv, "facilitator-token-1")
	addr, stop := startServe(t, "--db", db)
	assert.True(t, strings.HasPrefix(addr, "127.0.0.1:"))
	resp, err := http.Get("http://" + addr + "/dashboard")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	resp, err = client.PostForm("http://"+addr+"/dashboard/login", url.Values{"token": {"facilitator-token-1"}})
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "/dashboard", resp.Request.URL.Path, "logged in and sent to a clean address")
	assert.Contains(t, string(body), "Your classes")
	code, out := stop()
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, "/dashboard (log in with the facilitator token from $"+tokenEnv+")")
	assert.NotContains(t, out, "facilitator-token-1", "the token is never printed")
	_, err = os.Stat(db)
	assert.NoError(t, err)
}

func TestServeRefusesBadInput(t *testing.T) {
	dir := t.TempDir()
	notDB := filepath.Join(dir, "notes.txt")
	require.NoError(t, os.WriteFile(notDB, []byte("plain text, not a database"), 0o644))
	code, _, stderr := prodos(t, "serve", "--db", notDB, "--addr", "127.0.0.1:0")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, notDB+" is not a SQLite database")
	assert.NoFileExists(t, filepath.Join(dir, "facilitator-token"), "nothing made for a refused database")
	code, _, stderr = prodos(t, "serve", "--token", "short", "--db", filepath.Join(dir, "x.db"))
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "at least 16 characters")
	code, _, stderr = prodos(t, "serve", "--addr", "not-an-address", "--db", filepath.Join(dir, "x.db"), "--token", "Q7f!k2Lm9xVb3Rt8")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "not-an-address")
}

// TestServeFacilitatorToken: issue 13 item 5: weak tokens are refused
// whatever their source; a file and the environment work; a generated token
// is kept in a private file and not printed to a redirected output.
func TestServeFacilitatorToken(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	weak := filepath.Join(dir, "weak")
	require.NoError(t, os.WriteFile(weak, []byte("aaaaaaaaaaaaaaaaaaaa\n"), 0o600))
	code, _, stderr := prodos(t, "serve", "--token-file", weak, "--db", db)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "at least 8 different characters")
	t.Setenv(tokenEnv, "aaaaaaaaaaaa")
	code, _, stderr = prodos(t, "serve", "--db", db)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "$"+tokenEnv)
	t.Setenv(tokenEnv, "")

	_, stop := startServe(t, "--db", db)
	code, out := stop()
	assert.Equal(t, exitOK, code)
	made := filepath.Join(dir, "facilitator-token")
	assert.Contains(t, out, "log in with the facilitator token from "+made)
	b, err := os.ReadFile(made)
	require.NoError(t, err)
	assert.NotContains(t, out, strings.TrimSpace(string(b)))
	fi, _ := os.Stat(made)
	assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm())
}

// TestServeTLS: issue 13 item 5: --tls-cert/--tls-key serve HTTPS.
func TestServeTLS(t *testing.T) {
	dir := t.TempDir()
	cert, key := writeTestCert(t, dir)
	t.Setenv(tokenEnv, "facilitator-token-1")
	code, _, stderr := prodos(t, "serve", "--tls-cert", cert, "--db", filepath.Join(dir, "x.db"))
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "go together")
	addr, stop := startServe(t, "--db", filepath.Join(dir, "x.db"), "--tls-cert", cert, "--tls-key", key)
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	resp, err := client.Get("https://" + addr + "/dashboard")
	require.NoError(t, err)
	resp.Body.Close()
	assert.NotNil(t, resp.TLS)
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
	assert.Contains(t, resp.Header.Get("Strict-Transport-Security"), "max-age")
	_, out := stop()
	assert.Contains(t, out, "https://127.0.0.1:")
}

func writeTestCert(t *testing.T, dir string) (string, string) {
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "classroom.test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &priv.PublicKey, priv)
	require.NoError(t, err)
	keyDER, err := x509.MarshalPKCS8PrivateKey(priv)
	require.NoError(t, err)
	cert, key := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	require.NoError(t, os.WriteFile(cert, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600))
	require.NoError(t, os.WriteFile(key, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600))
	return cert, key
}

// TestServeURLs: issue 13 item 11: listening on every interface prints the
// machine's addresses, not http://[::]:PORT/.
func TestServeURLs(t *testing.T) {
	ifs := func() ([]net.Addr, error) {
		return []net.Addr{&net.IPNet{IP: net.IPv4(127, 0, 0, 1)}, &net.IPNet{IP: net.IPv4(192, 168, 1, 20)},
			&net.IPNet{IP: net.ParseIP("fe80::1")}, &net.IPNet{IP: net.ParseIP("2001:db8::5")}}, nil
	}
	got := serveURLs("http", &net.TCPAddr{IP: net.IPv6unspecified, Port: 8080}, ifs)
	assert.Equal(t, []string{"http://192.168.1.20:8080", "http://[2001:db8::5]:8080", "http://127.0.0.1:8080"}, got)
	got = serveURLs("https", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 9}, ifs)
	assert.Equal(t, []string{"https://127.0.0.1:9"}, got)
}
