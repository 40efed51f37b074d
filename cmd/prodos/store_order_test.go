package main

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A customer orders level 1 (the kit) through the product page's form of
// `prodos serve`, without JavaScript: the page's form token and cookie
// are required, a cross-site post is refused, and the confirmation shows
// the breakdown copied at the time of the order, prices as decimals.
func TestStoreOrderForm(t *testing.T) {
	base, hash, mo := storeServed(t)
	kit := mo.Products[0].Quote.Offer("kit")
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	c := &http.Client{Jar: jar}
	resp, err := c.Get(base + "/store/mo-mf/" + hash[:12])
	require.NoError(t, err)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	page := string(b)
	assert.NotContains(t, page, "Ordering is not available")
	assert.Contains(t, page, `<form method="post" action="/store/mo-mf/`+hash[:12]+`/order">`)
	assert.Contains(t, page, `value="kit"> level 1, Kit of cut parts: $`+kit.Total.StringFixed(2))
	m := regexp.MustCompile(`name="form_token" value="([0-9a-f]+)"`).FindStringSubmatch(page)
	require.Len(t, m, 2, page)
	action := base + "/store/mo-mf/" + hash[:12] + "/order"
	form := url.Values{"form_token": {m[1]}, "kind": {"kit"}, "customer": {"Ana Ruiz"}, "contact": {"ana@example.org"},
		"site": {"12 Oak Lane, Maysville"}, "deposit": {"500.25"}}
	post := func(c *http.Client, v url.Values, origin string) (int, string) {
		req, err := http.NewRequest(http.MethodPost, action, strings.NewReader(v.Encode()))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if origin != "" {
			req.Header.Set("Origin", origin)
		}
		resp, err := c.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	status, _ := post(http.DefaultClient, form, "")
	assert.Equal(t, http.StatusForbidden, status, "no cookie")
	status, _ = post(c, form, "http://evil.example")
	assert.Equal(t, http.StatusForbidden, status, "cross-site")
	bad := url.Values{}
	for k, v := range form {
		bad[k] = v
	}
	bad.Set("form_token", strings.Repeat("0", 64))
	status, _ = post(c, bad, "")
	assert.Equal(t, http.StatusForbidden, status, "wrong token")
	bad.Set("form_token", m[1])
	bad.Set("deposit", "999999")
	status, body := post(c, bad, "")
	assert.Equal(t, http.StatusBadRequest, status, body)
	assert.Contains(t, body, "not between 0 and the total")

	status, body = post(c, form, base)
	require.Equal(t, http.StatusCreated, status, body)
	assert.Contains(t, body, "Order mo-mf-1 placed")
	assert.Contains(t, body, "$"+kit.Total.StringFixed(2))
	assert.Contains(t, body, "$500.25")
	assert.Contains(t, body, "$"+kit.Total.Sub(decimal.RequireFromString("500.25")).StringFixed(2))
	for _, l := range kit.Lines {
		assert.Contains(t, body, "$"+l.Amount.StringFixed(2))
	}
	resp, err = c.Get(action)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)
}
