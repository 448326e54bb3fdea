package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/handboek/handboek/internal/config"
)

// requireSite fails when source is not a handbook's folder, and says how to
// start one: a new user's first command is often run in an empty folder,
// where "no handboek.yaml" alone does not tell them what to do.
func requireSite(source string) error {
	st, err := os.Stat(source)
	if err == nil && !st.IsDir() {
		// -s handboek.yaml: "stat public: not a directory" came of it.
		hint := ""
		if filepath.Base(source) == config.FileName {
			hint = " (try -s " + shellWord(filepath.Dir(source)) + ")"
		}
		return fmt.Errorf("%s is a file, not a folder: pass -s with a handbook's folder, the one that holds %s%s", source, config.FileName, hint)
	}
	if err != nil {
		return fmt.Errorf("there is no folder %s: pass -s with a handbook's folder, or start a new handbook there with handboek init %s", source, shellWord(source))
	}
	for _, name := range []string{config.FileName, "content"} {
		if _, err := os.Stat(filepath.Join(source, name)); err == nil {
			return nil // the build names whatever else is missing
		}
	}
	where := source
	if abs, err := filepath.Abs(source); err == nil {
		where = abs
	}
	start := "here with handboek init"
	if filepath.Clean(source) != "." {
		start = "there with handboek init " + shellWord(source)
	}
	return fmt.Errorf("%s is not a handbook: it has no %s and no content/ folder. Start one %s, or pass -s with a handbook's folder", where, config.FileName, start)
}

// shellWord quotes a folder name for the "cd" line when a shell needs it.
func shellWord(s string) string {
	if strings.ContainsAny(s, " \t'\"$`\\!*?&;|<>()[]{}#~") {
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	return s
}
