// Command handboek builds leadership-learning handbooks into static sites and
// printable card decks.
package main

import (
	"os"

	"github.com/handboek/handboek/internal/cli"
)

func main() {
	os.Exit(cli.Main())
}
