package cards

import "github.com/handboek/handboek/internal/content"

// AllDeck is the file name of the deck with every card.
const AllDeck = "handboek-alle-kaarten.pdf"

// DeckPaths are the decks `handboek build --cards` publishes: one per section
// that has cards ("dimensies" → "/cards/handboek-dimensies.pdf") and, under
// the key "", one with every card. The site links them from section pages.
func DeckPaths(set *content.Set) map[string]string {
	out := map[string]string{}
	for _, p := range set.Pages {
		if p.IsCard() && p.Section != "" {
			out[p.Section] = "/cards/handboek-" + p.Section + ".pdf"
		}
	}
	if len(out) > 0 {
		out[""] = "/cards/" + AllDeck
	}
	return out
}
