package web

import (
	"testing"

	"github.com/opensourceecology/prodos/production/training/profiles"
	"github.com/stretchr/testify/assert"
)

// A class learner's name may have spaces and any printable letter; the
// author of a version is a profile-style name, so it is made from it.
func TestLearnerAuthor(t *testing.T) {
	cases := []struct {
		name string
		id   int64
		want string
	}{
		{"cy", 1, "cy"},
		{"Ana Browser", 2, "Ana-Browser"},
		{"  Zoë  O'Neil ", 3, "Zo-ONeil"},
		{"李雷", 4, "learner-4"},
		{"-dash first", 5, "dash-first"},
		{"a very long name that goes on and on past forty letters", 6, "a-very-long-name-that-goes-on-and-on-pas"},
	}
	for _, c := range cases {
		got := learnerAuthor(c.name, c.id)
		assert.Equal(t, c.want, got, c.name)
		assert.NoError(t, profiles.CheckName(got), c.name)
	}
}
