//go:build !unix

package store

import (
	"fmt"
	"os"
)

// lockDir creates the folder; without flock other systems rely on running one gongkai process
// per data folder.
func lockDir(dir string) (unlock func(), err error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	return func() {}, nil
}
