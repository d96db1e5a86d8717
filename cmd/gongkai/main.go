// Command gongkai runs the open-government platform: the portal, the staff console, the JSON API
// and the background jobs, and the commands that look after its data.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"gongkai/internal/app"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := app.Run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "gongkai:", err)
		os.Exit(1)
	}
}
