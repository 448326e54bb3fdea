// Package corpus generates deterministic handbook-shaped sites for
// benchmarks and load tests: cards with front matter, headings, lists,
// internal links and 600-900 words of Dutch-like text, in sections of a
// hundred pages. The same size and seed always give the same bytes.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// PerSection is the number of pages in each generated section.
const PerSection = 100

var kinds = []string{"dimensie", "spaak", "praktijk", "artikel"}

// words is a vocabulary of common Dutch words from the handbook's domain,
// so analysis (stemming, compounds) has realistic work to do.
var words = strings.Fields(`leren leert leerde geleerd leidinggevende leidinggevenden medewerker
medewerkers team teams organisatie lerende visie ambitie feedback feedbackcultuur kwaliteit
cultuur samenwerken samenwerking partners eigenaarschap leiderschap leiderschapskansen
ontwikkeling ontwikkelen ontwikkelt gesprek gesprekken werkvloer werkplek overleg
teamoverleg doelen doel resultaat resultaten vertrouwen veiligheid ruimte tijd budget
middelen evaluatie impact transfer praktijk praktijken reflectie reflecteren vragen
stellen luisteren delen kennis ervaring ervaringen verhaal verhalen vertellen voorbeeld
voorbeeldgedrag coach coachen trainer trainers training opleiding opleidingen
beleid structuur strategie koers richting keuze keuzes stap stappen week dag maand
jaar samen elkaar iedereen niemand altijd vaak soms nooit goed beter best nieuw nieuwe
oud ouder jong jonger senior junior klant klanten collega collega's afdeling directie
bestuur manager managers rol rollen taak taken verantwoordelijkheid initiatief
initiatieven uitdaging uitdagingen suggestie suggesties kans kansen groei groeien
motivatie betrokkenheid participatie creëren ideeën bespreken bijstellen afspraken
afspraak meten volgen zichtbaar concreet helder eerlijk open veilig snel langzaam
de het een en van in op met voor naar bij om dat die dit deze als maar ook nog wel
niet geen meer minder veel weinig wat wie hoe waarom waar wanneer zo dan want omdat
wordt worden is zijn was waren heeft hebben kan kunnen moet moeten wil willen gaat
gaan maakt maken geeft geven krijgt krijgen houdt houden zet zetten`)

// EnvSizes names the environment variable with the corpus sizes benchmarks
// use, comma-separated ("1000,10000").
const EnvSizes = "HANDBOEK_BENCH_SIZES"

// Sizes returns the corpus sizes for benchmarks: $HANDBOEK_BENCH_SIZES, or
// 1,000 pages.
func Sizes() []int {
	s := os.Getenv(EnvSizes)
	if s == "" {
		return []int{1000}
	}
	var out []int
	for _, f := range strings.Split(s, ",") {
		var n int
		fmt.Sscan(f, &n)
		out = append(out, n)
	}
	return out
}

// Site writes a handbook of n pages (plus section and home pages) into dir.
func Site(dir string, n int, seed uint64) error {
	for path, data := range Files(n, seed) {
		p := filepath.Join(dir, filepath.FromSlash(path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Files returns the files of a handbook of n pages, by slash path.
func Files(n int, seed uint64) map[string][]byte {
	r := rand.New(rand.NewPCG(seed, 0x68616e64626f656b))
	files := map[string][]byte{
		"handboek.yaml":     []byte("title: Benchmarkhandboek\nbaseURL: https://bench.example/\n"),
		"content/_index.md": []byte("---\ntitle: Benchmarkhandboek\nsummary: Een gegenereerd handboek.\n---\nWelkom.\n"),
	}
	sections := (n + PerSection - 1) / PerSection
	for s := 0; s < sections; s++ {
		files[fmt.Sprintf("content/sectie-%03d/_index.md", s)] = fmt.Appendf(nil,
			"---\ntitle: Sectie %d\nsummary: Pagina's van sectie %d.\nweight: %d\n---\n%s\n", s+1, s+1, s+1, sentence(r, 30))
	}
	for i := 0; i < n; i++ {
		files[PagePath(i)] = Page(r, i, n)
	}
	return files
}

// PagePath is the content path of page i.
func PagePath(i int) string {
	return fmt.Sprintf("content/sectie-%03d/kaart-%05d.md", i/PerSection, i)
}

func pageKey(i int) string {
	return strings.TrimSuffix(strings.TrimPrefix(PagePath(i), "content/"), ".md")
}

// Page returns the Markdown of page i of n.
func Page(r *rand.Rand, i, n int) []byte {
	var b strings.Builder
	kind := kinds[i%len(kinds)]
	fmt.Fprintf(&b, "---\ntitle: %s %d\nkind: %s\n", title(r), i, kind)
	if kind != "artikel" {
		fmt.Fprintf(&b, "number: %d\n", i%PerSection+1)
	} else {
		fmt.Fprintf(&b, "weight: %d\n", i%PerSection+1)
	}
	fmt.Fprintf(&b, "summary: %s\n", sentence(r, 18))
	fmt.Fprintf(&b, "tags: [%s, %s]\n", words[r.IntN(60)], words[r.IntN(60)])
	b.WriteString("related:\n")
	for _, j := range []int{(i + 1) % n, (i + 7) % n, (i + 31) % n} {
		if j != i {
			fmt.Fprintf(&b, "  - %s\n", pageKey(j))
		}
	}
	switch kind {
	case "dimensie":
		b.WriteString("challenges:\n")
		for c := 0; c < 2; c++ {
			fmt.Fprintf(&b, "  - question: %s?\n    explanation: %s\n", strings.TrimSuffix(sentence(r, 8), "."), sentence(r, 16))
		}
	case "praktijk":
		fmt.Fprintf(&b, "why: %s\n", sentence(r, 30))
	case "spaak":
		fmt.Fprintf(&b, "not: %s\nsupport: %s\n", sentence(r, 25), sentence(r, 20))
	}
	if kind != "artikel" {
		b.WriteString("suggestions:\n")
		for s := 0; s < 6+r.IntN(8); s++ {
			fmt.Fprintf(&b, "  - %s\n", sentence(r, 9))
		}
	}
	b.WriteString("---\n")
	target := 600 + r.IntN(300)
	for written := 0; written < target; {
		fmt.Fprintf(&b, "\n## %s\n\n", strings.TrimSuffix(sentence(r, 3), "."))
		for p := 0; p < 2 && written < target; p++ {
			k := 40 + r.IntN(40)
			b.WriteString(sentence(r, k))
			j := r.IntN(n)
			fmt.Fprintf(&b, " Zie ook [%s](/%s/).\n\n", words[r.IntN(len(words))], pageKey(j))
			written += k + 2
		}
		for l := 0; l < 3; l++ {
			fmt.Fprintf(&b, "- %s\n", sentence(r, 8))
			written += 8
		}
	}
	return []byte(b.String())
}

func title(r *rand.Rand) string {
	t := sentence(r, 2+r.IntN(3))
	return strings.TrimSuffix(t, ".")
}

func sentence(r *rand.Rand, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		w := words[r.IntN(len(words))]
		if i == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		} else {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	b.WriteByte('.')
	return b.String()
}
