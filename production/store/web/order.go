package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/opensourceecology/prodos/production/store"
	"github.com/shopspring/decimal"
)

// formCookie holds a random value per browser; the order form carries
// its HMAC under the handler's key (a double-submit token).
const formCookie = "store_form"

// formLimit bounds an order form's body.
const formLimit = 16 << 10

func (h *Handler) sign(v string) string {
	h.keyOnce.Do(func() {
		h.key = make([]byte, 32)
		rand.Read(h.key)
	})
	mac := hmac.New(sha256.New, h.key)
	mac.Write([]byte("store-order\x00" + v))
	return hex.EncodeToString(mac.Sum(nil))
}

// formToken returns the order form's token, setting the browser's cookie
// when it has none.
func (h *Handler) formToken(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(formCookie); err == nil && len(c.Value) == 32 {
		return h.sign(c.Value)
	}
	b := make([]byte, 16)
	rand.Read(b)
	v := hex.EncodeToString(b)
	http.SetCookie(w, &http.Cookie{Name: formCookie, Value: v, Path: "/store", HttpOnly: true, SameSite: http.SameSiteStrictMode})
	return h.sign(v)
}

// formOK refuses a form posted from another site (Origin or
// Sec-Fetch-Site) or without the token of this browser's cookie.
func (h *Handler) formOK(r *http.Request) bool {
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
		return false
	}
	if o := r.Header.Get("Origin"); o != "" {
		u, err := url.Parse(o)
		if err != nil || u.Host != r.Host {
			return false
		}
	}
	c, err := r.Cookie(formCookie)
	if err != nil {
		return false
	}
	return hmac.Equal([]byte(h.sign(c.Value)), []byte(r.PostFormValue("form_token")))
}

// placeOrder takes the product page's order form: the offer kind, the
// customer, contact, delivery site and deposit.
func (h *Handler) placeOrder(w http.ResponseWriter, r *http.Request, id, arg string) {
	r.Body = http.MaxBytesReader(w, r.Body, formLimit)
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	if !h.formOK(r) {
		http.Error(w, "order refused: the form did not come from this store's page (reload the page and send it again)", http.StatusForbidden)
		return
	}
	f := func(k string) string { return strings.TrimSpace(r.PostForm.Get(k)) }
	ctx := r.Context()
	e, err := h.Service.Store.Get(ctx, id)
	if err != nil {
		h.fail(w, err)
		return
	}
	hash, err := store.Resolve(e, arg)
	if err != nil {
		h.fail(w, err)
		return
	}
	dep := decimal.Zero
	if s := f("deposit"); s != "" {
		if dep, err = decimal.NewFromString(s); err != nil {
			http.Error(w, fmt.Sprintf("order refused: deposit %q is not a decimal amount", s), http.StatusBadRequest)
			return
		}
	}
	o, err := h.Service.NewOrder(ctx, store.ListingID(e.ID, hash), f("kind"), dep, f("customer"), f("contact"), f("site"))
	switch {
	case errors.Is(err, store.ErrInvalid):
		http.Error(w, "order refused: "+err.Error(), http.StatusBadRequest)
		return
	case errors.Is(err, store.ErrRefused):
		http.Error(w, "order refused: "+err.Error(), http.StatusConflict)
		return
	case err != nil:
		h.fail(w, err)
		return
	}
	h.render(w, http.StatusCreated, pageData{Kind: "ordered", Title: "Order " + o.ID, Enterprise: e, Order: o})
}
