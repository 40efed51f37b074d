package classroom

import (
	"log"
	"math"
	"net"
	"net/http"
	"runtime"
	"strconv"
	"sync"
	"time"
)

// Limits bound what one client, and all clients together, can make the
// server do. Zero fields take the defaults of DefaultLimits.
type Limits struct {
	// Verifications is how many replays are re-simulated at once. A
	// submission beyond it waits up to QueueWait for a slot, with at most
	// Queue waiting; otherwise it is answered 503 with Retry-After.
	Verifications int
	Queue         int
	QueueWait     time.Duration
	// VerifyTimeout stops one verification.
	VerifyTimeout time.Duration
	// Per learner token: a burst of submissions, then one per SubmitEvery.
	SubmitBurst int
	SubmitEvery time.Duration
	// Per client address: joins, wrong join codes and facilitator logins.
	JoinBurst    int
	JoinEvery    time.Duration
	BadCodeBurst int
	BadCodeEvery time.Duration
	LoginBurst   int
	LoginEvery   time.Duration
}

// DefaultLimits suit a classroom: thirty learners on a school network.
func DefaultLimits() Limits {
	return Limits{
		Verifications: runtime.GOMAXPROCS(0),
		Queue:         8 * runtime.GOMAXPROCS(0),
		QueueWait:     2 * time.Second,
		VerifyTimeout: 10 * time.Second,
		SubmitBurst:   10, SubmitEvery: 3 * time.Second,
		JoinBurst: 40, JoinEvery: 2 * time.Second,
		BadCodeBurst: 10, BadCodeEvery: 30 * time.Second,
		LoginBurst: 5, LoginEvery: 10 * time.Second,
	}
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	pick := func(v *int, def int) {
		if *v <= 0 {
			*v = def
		}
	}
	pickD := func(v *time.Duration, def time.Duration) {
		if *v <= 0 {
			*v = def
		}
	}
	pick(&l.Verifications, d.Verifications)
	pick(&l.Queue, 8*l.Verifications)
	pickD(&l.QueueWait, d.QueueWait)
	pickD(&l.VerifyTimeout, d.VerifyTimeout)
	pick(&l.SubmitBurst, d.SubmitBurst)
	pickD(&l.SubmitEvery, d.SubmitEvery)
	pick(&l.JoinBurst, d.JoinBurst)
	pickD(&l.JoinEvery, d.JoinEvery)
	pick(&l.BadCodeBurst, d.BadCodeBurst)
	pickD(&l.BadCodeEvery, d.BadCodeEvery)
	pick(&l.LoginBurst, d.LoginBurst)
	pickD(&l.LoginEvery, d.LoginEvery)
	return l
}

// limiter is a token bucket per key: burst tokens, one more every every.
type limiter struct {
	mu    sync.Mutex
	burst float64
	every time.Duration
	now   func() time.Time
	m     map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

func newLimiter(burst int, every time.Duration, now func() time.Time) *limiter {
	return &limiter{burst: float64(burst), every: every, now: now, m: map[string]*bucket{}}
}

// take spends one token of key; when there is none it returns false and how
// long until there is.
func (l *limiter) take(key string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b := l.m[key]
	if b == nil {
		if len(l.m) >= 50_000 {
			l.prune(now)
		}
		b = &bucket{tokens: l.burst, at: now}
		l.m[key] = b
	}
	b.tokens = math.Min(l.burst, b.tokens+float64(now.Sub(b.at))/float64(l.every))
	b.at = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) * float64(l.every))
}

// peek reports whether key has a token, without spending it.
func (l *limiter) peek(key string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.m[key]
	if b == nil {
		return true, 0
	}
	tokens := math.Min(l.burst, b.tokens+float64(l.now().Sub(b.at))/float64(l.every))
	if tokens >= 1 {
		return true, 0
	}
	return false, time.Duration((1 - tokens) * float64(l.every))
}

// prune forgets keys whose bucket has refilled (they behave as new ones).
func (l *limiter) prune(now time.Time) {
	for k, b := range l.m {
		if b.tokens+float64(now.Sub(b.at))/float64(l.every) >= l.burst {
			delete(l.m, k)
		}
	}
}

// clientAddr is the request's remote IP (the key of per-address limits).
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// retryAfter writes the Retry-After header in whole seconds (at least 1).
func retryAfter(w http.ResponseWriter, d time.Duration) {
	secs := int(math.Ceil(d.Seconds()))
	if secs < 1 {
		secs = 1
	}
	w.Header().Set("Retry-After", strconv.Itoa(secs))
}

// quietLog passes at most a burst of lines and then one a second, and says
// how many it dropped: a flood of bad requests cannot fill the disk.
type quietLog struct {
	out     func() *log.Logger
	lim     *limiter
	mu      sync.Mutex
	dropped int
}

func (q *quietLog) printf(format string, args ...any) {
	if q == nil || q.out() == nil {
		return
	}
	ok, _ := q.lim.take("")
	q.mu.Lock()
	defer q.mu.Unlock()
	if !ok {
		q.dropped++
		return
	}
	if q.dropped > 0 {
		q.out().Printf("(%d similar lines not logged)", q.dropped)
		q.dropped = 0
	}
	q.out().Printf(format, args...)
}
