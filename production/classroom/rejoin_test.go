package classroom_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/production/classroom"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRejoinWithApproval (issue 11 item 11): a learner whose browser lost
// its storage joins again under the same name; the name is taken, so they
// ask to rejoin, and get back in once the facilitator approves on the class
// page. The lost browser's token stops working; a refused request's token
// never works.
func TestRejoinWithApproval(t *testing.T) {
	h := newHarness(t)
	old := h.join(t, "Ana")
	const replay = `{"kind":"level","level":"shed","replay":"+400\nclaim 400"}`
	require.Equal(t, http.StatusCreated, h.do(t, "POST", "/api/submissions", old.Token, replay, nil))

	var e map[string]string
	body := fmt.Sprintf(`{"code":%q,"name":"Ana"}`, h.code)
	require.Equal(t, http.StatusConflict, h.do(t, "POST", "/api/join", "", body, &e), "the name is taken")
	var rq classroom.RejoinResponse
	require.Equal(t, http.StatusAccepted, h.do(t, "POST", "/api/rejoin", "", body, &rq))
	assert.Equal(t, "pending", rq.Status)
	assert.Equal(t, old.LearnerID, rq.LearnerID)
	require.NotEmpty(t, rq.Token)
	assert.Equal(t, http.StatusUnauthorized, h.do(t, "POST", "/api/submissions", rq.Token, replay, nil), "not before the facilitator says so")
	var st classroom.RejoinResponse
	require.Equal(t, http.StatusOK, h.do(t, "GET", "/api/rejoin", rq.Token, "", &st))
	assert.Equal(t, "pending", st.Status)

	var page string
	require.Equal(t, http.StatusOK, h.do(t, "GET", "/dashboard/classes/1", "facilitator-secret", "", &page))
	m := regexp.MustCompile(`action="(/dashboard/classes/1/rejoin/\d+/approve)"[^>]*><button>Let Ana back in</button>`).FindStringSubmatch(page)
	require.NotNil(t, m, "the class page offers to let Ana back in:\n%s", page)
	assert.Equal(t, http.StatusUnauthorized, h.do(t, "POST", m[1], "", "", nil), "only the facilitator decides")
	assert.Equal(t, http.StatusNotFound, h.do(t, "POST", strings.Replace(m[1], "/classes/1/", "/classes/2/", 1), "facilitator-secret", "", nil), "not from another class")
	req, err := http.NewRequest("POST", h.srv.URL+m[1], nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer facilitator-secret")
	resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusSeeOther, resp.StatusCode)

	require.Equal(t, http.StatusOK, h.do(t, "GET", "/api/rejoin", rq.Token, "", &st))
	assert.Equal(t, "approved", st.Status)
	const again = `{"kind":"level","level":"shed","replay":"+500\nclaim 500"}`
	assert.Equal(t, http.StatusCreated, h.do(t, "POST", "/api/submissions", rq.Token, again, nil), "back in as Ana")
	assert.Equal(t, http.StatusUnauthorized, h.do(t, "POST", "/api/submissions", old.Token, replay, nil), "the lost browser's token no longer counts")
	require.Equal(t, http.StatusOK, h.do(t, "GET", "/dashboard/classes/1", "facilitator-secret", "", &page))
	assert.NotContains(t, page, "Asking to rejoin")
	assert.Contains(t, page, `<tr><td>Ana</td><td><span class="tag">shed</span></td><td><span class="tag">wall-framer</span></td><td class="n">2</td></tr>`, "one Ana, with both submissions")

	// A refused request's token never works.
	h.join(t, "Ben")
	require.Equal(t, http.StatusAccepted, h.do(t, "POST", "/api/rejoin", "", fmt.Sprintf(`{"code":%q,"name":"Ben"}`, h.code), &rq))
	require.Equal(t, http.StatusOK, h.do(t, "GET", "/dashboard/classes/1", "facilitator-secret", "", &page))
	m = regexp.MustCompile(`action="(/dashboard/classes/1/rejoin/\d+/refuse)"`).FindStringSubmatch(page)
	require.NotNil(t, m, page)
	h.do(t, "POST", m[1], "facilitator-secret", "", nil)
	assert.Equal(t, http.StatusNotFound, h.do(t, "GET", "/api/rejoin", rq.Token, "", &e))
	assert.Contains(t, e["error"], "did not let you back in")
	assert.Equal(t, http.StatusUnauthorized, h.do(t, "POST", "/api/submissions", rq.Token, replay, nil))

	// Nobody of that name: join instead.
	assert.Equal(t, http.StatusNotFound, h.do(t, "POST", "/api/rejoin", "", fmt.Sprintf(`{"code":%q,"name":"Cleo"}`, h.code), &e))
	assert.Contains(t, e["error"], `nobody called "Cleo" has joined`)
}
