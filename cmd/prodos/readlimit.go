package main

import (
	"fmt"
	"io"
	"os"
)

// maxReplayFile bounds a replay file: no legitimate one is near it, and
// reading stops there, so /dev/zero cannot exhaust memory.
const maxReplayFile = 4 << 20 // a replay of a long session is a few hundred KB

// readFileLimit reads path, refusing a file larger than max bytes before
// reading it when its size is known, and after max+1 bytes otherwise (a
// device or pipe).
func readFileLimit(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > max {
		return nil, fmt.Errorf("%s: %d bytes is larger than the %d this command reads", path, fi.Size(), max)
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%s: larger than the %d bytes this command reads", path, max)
	}
	return data, nil
}
