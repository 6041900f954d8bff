// Command liuyan runs the message board; see internal/cli.
package main

import (
	"os"

	"liuyan/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
