package build
import ("testing";"github.com/handboek/handboek/internal/diag";"github.com/handboek/handboek/internal/site")
func TestDbgT(t *testing.T) {
	var d diag.List
	Compile(Options{Source: "/tmp/c10k", Emit: func(site.File) {}}, &d)
}
